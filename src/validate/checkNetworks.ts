import { joinPointer } from '../diagnostics/sourceMap.js';
import { compareRanges, parseNet, type ParsedNet } from '../model/ip.js';
import type { CheckContext } from './checkContext.js';
import { asRecord, entriesOf, has, stringItems } from './rawAccess.js';

export interface ZoneNet {
  zone: string;
  net: ParsedNet;
  pointer: string;
}

function byRange(a: ZoneNet, b: ZoneNet): number {
  return compareRanges(a.net, b.net) || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0) || (a.pointer < b.pointer ? -1 : 1);
}

/** Overlap that is a finding: any overlap across zones; within one zone only an exact duplicate (a nested subnet is harmless). */
function conflicts(a: ZoneNet, b: ZoneNet): boolean {
  if (a.net.family !== b.net.family || a.net.first > b.net.last || b.net.first > a.net.last) return false;
  return a.zone !== b.zone || (a.net.first === b.net.first && a.net.last === b.net.last);
}

/**
 * A subnet belongs to one zone (IEC 62443-3-2 zone model). Sweep over the
 * networks sorted by first address, keeping those still open; each network is
 * reported once, against the first earlier network it conflicts with.
 */
function checkOverlaps(ctx: CheckContext, nets: ZoneNet[]): void {
  let open: ZoneNet[] = [];
  for (const cur of [...nets].sort(byRange)) {
    open = open.filter((o) => o.net.family === cur.net.family && o.net.last >= cur.net.first);
    const other = open.find((o) => conflicts(o, cur));
    if (other) {
      const where = other.zone === cur.zone ? `also listed in zone "${cur.zone}"` : `of zone "${other.zone}"`;
      const what = other.net.text === cur.net.text ? 'duplicates' : 'overlaps';
      ctx.issues.add('OTPC404', cur.pointer, `network ${cur.net.text} of zone "${cur.zone}" ${what} ${other.net.text} ${where}`);
    }
    open.push(cur);
  }
}

/** Zone networks: valid CIDRs with host bits zero (402), no overlaps (404), present at all (317). Returns the valid ones. */
export function checkNetworks(ctx: CheckContext): ZoneNet[] {
  const nets: ZoneNet[] = [];
  for (const { key: zone, value, pointer } of entriesOf(ctx.doc.zones, '/zones')) {
    const z = asRecord(value);
    if (!z) continue;
    const at = joinPointer(pointer, 'networks');
    if (!has(z, 'networks') || (Array.isArray(z.networks) && z.networks.length === 0)) {
      const where = has(z, 'networks') ? at : pointer;
      ctx.issues.add('OTPC317', where, `zone "${zone}" has no networks; its asset addresses cannot be checked`, { at: has(z, 'networks') ? 'value' : 'key' });
    }
    for (const item of stringItems(z.networks, at)) {
      const r = parseNet(item.value);
      if (r.ok) nets.push({ zone, net: r.net, pointer: item.pointer });
      else ctx.issues.add('OTPC402', item.pointer, `network of zone "${zone}": ${r.error}`);
    }
  }
  checkOverlaps(ctx, nets);
  return nets;
}
