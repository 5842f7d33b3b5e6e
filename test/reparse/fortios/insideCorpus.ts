import { ANY } from '../../../src/rules/types.js';
import type { EnforcementIR, Packet } from '../../../src/rules/types.js';
import type { IpRange } from '../../../src/model/types.js';

/**
 * A supplement to test/support/packetCorpus.ts, which samples mostly denied packets:
 * for every flow rule, every first/last address of every source range x every
 * first/last address of every destination range x every service edge (lo, hi), and for
 * read-only rules every allowed and denied operation code. These are the packets a
 * renderer bug would wrongly drop (or, for writes, wrongly pass).
 */
export function insideCorpus(ep: EnforcementIR): Packet[] {
  const ranges = new Map<string, IpRange[]>(ep.addresses.map((a) => [a.id, a.ranges]));
  for (const g of ep.addressGroups) ranges.set(g.id, g.members.flatMap((m) => ranges.get(m) ?? []));
  const svcs = new Map(ep.services.map((s) => [s.id, [s]]));
  for (const g of ep.serviceGroups) svcs.set(g.id, g.members.flatMap((m) => svcs.get(m) ?? []));
  const out: Packet[] = [];
  for (const r of ep.rules) {
    if (r.kind !== 'flow' || r.fromZone === undefined || r.toZone === undefined) continue;
    const pts = (refs: string[], family: 4 | 6) => (refs.includes(ANY)
      ? [family === 4 ? 0x0a000001n : 0x20010db8n << 96n]
      : refs.flatMap((x) => ranges.get(x) ?? []).filter((x) => x.family === family).flatMap((x) => [x.first, x.last]));
    const services = r.services.includes(ANY) ? [{ transport: 'tcp' as const, ports: [1, 65535] }] : r.services.flatMap((x) => svcs.get(x) ?? []);
    const ops = r.readOnly ? [undefined, ...r.readOnly.allowed, ...r.readOnly.denied] : [undefined];
    for (const family of [4, 6] as const) {
      for (const src of pts(r.src, family)) for (const dst of pts(r.dst, family)) for (const s of services) for (const dport of new Set(s.ports)) for (const op of ops) {
        const p: Packet = { fromZone: r.fromZone, toZone: r.toZone, family, src, dst, transport: s.transport, sport: 50000, dport };
        if (op !== undefined) p.operation = op;
        out.push(p);
      }
    }
  }
  return out;
}
