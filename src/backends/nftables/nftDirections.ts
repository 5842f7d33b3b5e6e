import { compareStrings } from '../../rules/compareStrings.js';
import type { Rule } from '../../rules/types.js';
import { boundaryOf, internalError } from './nftContext.js';
import type { NftContext } from './nftContext.js';
import { checkInterfaceName } from './nftNames.js';
import { quoted } from './nftText.js';

/** One direction of a zone boundary: its interfaces and its IR rules (flows, then the boundary-final). */
export interface Direction {
  from: string;
  to: string;
  iif: string;
  oif: string;
  rules: Rule[];
}

/** Boundary directions a -> b, b -> a in boundary order, with their flow and boundary-final rules in IR order. */
export function boundaryDirections(nc: NftContext): Direction[] {
  const iface = new Map(nc.ep.zones.map((z) => [z.id, z.interface]));
  for (const z of nc.ep.zones) nc.diagnostics.push(...checkInterfaceName(z.interface, nc.file, `${nc.ep.pointer}/interfaces/${z.id}`));
  const out: Direction[] = [];
  for (const b of [...nc.ep.boundaries].sort((x, y) => compareStrings(x.id, y.id))) {
    for (const [from, to] of [[b.zones[0], b.zones[1]], [b.zones[1], b.zones[0]]]) {
      const iif = iface.get(from);
      const oif = iface.get(to);
      if (iif === undefined || oif === undefined) {
        internalError(nc, `boundary ${b.id} names a zone without an interface`);
        continue;
      }
      out.push({ from, to, iif, oif, rules: nc.ep.rules.filter((r) => r.kind !== 'final' && r.fromZone === from && r.toZone === to) });
    }
  }
  for (const r of nc.ep.rules) {
    if (r.kind !== 'final' && (r.fromZone === undefined || r.toZone === undefined || !boundaryOf(nc.ep, r.fromZone, r.toZone))) {
      internalError(nc, `rule ${r.id} is not on a boundary of enforcement point ${nc.ep.id}`);
    }
  }
  return out;
}

export function ifaceMatch(d: Direction): string {
  return `iifname ${quoted(d.iif)} oifname ${quoted(d.oif)}`;
}

