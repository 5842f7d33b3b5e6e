import { joinPointer } from '../diagnostics/sourceMap.js';
import type { CheckContext } from './checkContext.js';
import { parseProtocolRef } from './protocolRef.js';
import { asString, oneOrMany, type Raw } from './rawAccess.js';
import { quote } from './quote.js';
import { didYouMean } from './suggest.js';

interface Side {
  zones: Set<string>;
  names: { value: string; pointer: string }[];
  /** Every endpoint resolved to a known zone. */
  complete: boolean;
  pointer: string;
}

export interface FlowSite {
  conduit: string;
  /** The conduit's two zones when both are defined and distinct. */
  zones?: [string, string];
  /** Words for the flow, e.g. 'flow 2 of conduit "c"'. */
  name: string;
}

function resolveSide(ctx: CheckContext, site: FlowSite, value: unknown, pointer: string, label: string): Side | undefined {
  if (typeof value !== 'string' && !Array.isArray(value)) return undefined;
  const { assetZone, zones } = ctx.index;
  const side: Side = { zones: new Set(), names: oneOrMany(value, pointer), complete: true, pointer };
  for (const { value: name, pointer: at } of side.names) {
    const isAsset = assetZone.has(name);
    const isZone = zones.has(name);
    if (isAsset && isZone) {
      ctx.issues.add('OTPC320', at, `${label} endpoint ${quote(name)} of ${site.name} names both an asset and a zone`);
      side.complete = false;
    } else if (isAsset) {
      const zone = assetZone.get(name);
      if (zone === undefined) side.complete = false;
      else side.zones.add(zone);
    } else if (isZone) {
      side.zones.add(name);
    } else {
      const known = [...assetZone.keys(), ...zones];
      ctx.issues.add('OTPC302', at, `${label} endpoint ${quote(name)} of ${site.name} is neither an asset nor a zone${didYouMean(name, known)}`);
      side.complete = false;
    }
  }
  if (side.zones.size > 1) {
    const list = [...side.zones].sort().map((z) => `"${z}"`).join(', ');
    ctx.issues.add('OTPC316', pointer, `"${label}" of ${site.name} spans zones ${list}; all ${label} endpoints must be in one zone`);
    side.complete = false;
  }
  return side;
}

/** A flow must cross its conduit: from one of the two zones to the other (IEC 62443-3-2 conduit model). */
function checkCrossing(ctx: CheckContext, site: FlowSite, from: Side, to: Side): void {
  const cz = site.zones;
  if (!cz || !from.complete || !to.complete || from.zones.size !== 1 || to.zones.size !== 1) return;
  const [fz] = from.zones;
  const [tz] = to.zones;
  const joins = `conduit "${site.conduit}" joins zones "${cz[0]}" and "${cz[1]}"`;
  if (fz === tz) {
    ctx.issues.add('OTPC308', to.pointer, `${site.name} stays inside zone "${fz}", but ${joins}`);
  } else if (!cz.includes(fz) || !cz.includes(tz)) {
    const at = cz.includes(fz) ? to.pointer : from.pointer;
    ctx.issues.add('OTPC308', at, `${site.name} goes from zone "${fz}" to zone "${tz}", but ${joins}`);
  }
}

function checkProtocol(ctx: CheckContext, site: FlowSite, flow: Raw, pointer: string): void {
  const name = asString(flow.protocol);
  if (name === undefined) return;
  const at = joinPointer(pointer, 'protocol');
  const ref = parseProtocolRef(name, ctx.catalogs.protocols);
  if (ref.kind === 'unknown') {
    const lower = name.toLowerCase();
    const hint = lower !== name && parseProtocolRef(lower, ctx.catalogs.protocols).kind !== 'unknown' ? `; did you mean "${lower}"?` : didYouMean(name, ctx.catalogs.protocols.keys());
    ctx.issues.add('OTPC303', at, `${site.name} uses the unknown protocol ${quote(name)}${hint}`);
  } else if (ref.kind === 'invalid-port') {
    ctx.issues.add('OTPC406', at, `${site.name} uses ${quote(name)}: ${ref.reason}`);
  }
  if (flow.access !== 'read-only') return;
  const access = joinPointer(pointer, 'access');
  if (ref.kind === 'raw') {
    ctx.issues.add('OTPC313', access, `${site.name} asks for read-only on the raw port form ${quote(name)}; read-only needs a catalogued protocol whose operations are known`);
  } else if (ref.kind === 'catalog' && !ref.protocol.operations) {
    ctx.issues.add('OTPC313', access, `${site.name} asks for read-only on ${quote(name)}, whose read and write operations are not catalogued`);
  }
}

/** Endpoints (302, 314, 316, 320), crossing (308), protocol (303, 406) and read-only (313) of one flow. */
export function checkFlow(ctx: CheckContext, site: FlowSite, flow: Raw, pointer: string): void {
  const from = resolveSide(ctx, site, flow.from, joinPointer(pointer, 'from'), 'from');
  const to = resolveSide(ctx, site, flow.to, joinPointer(pointer, 'to'), 'to');
  let self = false;
  if (from && to) {
    const fromNames = new Set(from.names.map((n) => n.value));
    for (const n of to.names) {
      if (!fromNames.has(n.value)) continue;
      self = true;
      ctx.issues.add('OTPC314', n.pointer, `${site.name} goes from ${quote(n.value)} to itself`);
    }
    if (!self) checkCrossing(ctx, site, from, to);
  }
  checkProtocol(ctx, site, flow, pointer);
}
