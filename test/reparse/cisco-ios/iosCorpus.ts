import { ANY } from '../../../src/rules/types.js';
import type { EnforcementIR, Packet } from '../../../src/rules/types.js';
import { indexIR } from '../../../src/rules/evaluate.js';
import type { IpRange } from '../../../src/model/types.js';
import { buildCorpus } from '../../support/packetCorpus.js';

/**
 * The packets the IOS differential check needs on top of the shared corpus
 * (test/support/packetCorpus.ts):
 * - reply-shaped probes around every allowed flow: from its to-zone to its from-zone,
 *   source on every boundary point (first-1, first, last, last+1) of the flow's
 *   destinations, destination on every boundary point of its sources, source port on
 *   every boundary of its services (lo-1, lo, hi, hi+1), on TCP and UDP: the edges of
 *   the accepted divergence (L1), so it is shown to stop exactly there;
 * - traffic inside each zone (A -> A), which the shared corpus leaves out.
 */
const EPHEMERAL = 49152;

function points(ranges: IpRange[], family: 4 | 6): bigint[] {
  const max = (1n << (family === 4 ? 32n : 128n)) - 1n;
  const out = ranges.filter((r) => r.family === family).flatMap((r) => [r.first - 1n, r.first, r.last, r.last + 1n]);
  return [...new Set(out.filter((v) => v >= 0n && v <= max))];
}

function refRanges(ep: EnforcementIR, refs: string[], zone: string | undefined, nets: Record<string, IpRange[]>): IpRange[] {
  const idx = indexIR(ep);
  if (refs.includes(ANY)) return zone === undefined ? [] : nets[zone] ?? [];
  return refs.flatMap((r) => idx.addr.get(r) ?? []);
}

export function replyProbes(ep: EnforcementIR, nets: Record<string, IpRange[]>): Packet[] {
  const idx = indexIR(ep);
  const out: Packet[] = [];
  for (const rule of ep.rules) {
    if (rule.kind !== 'flow' || rule.action !== 'allow' || rule.fromZone === undefined || rule.toZone === undefined) continue;
    const srcs = refRanges(ep, rule.dst, rule.toZone, nets);
    const dsts = refRanges(ep, rule.src, rule.fromZone, nets);
    const svcs = rule.services.includes(ANY) ? [{ transport: 'tcp', lo: 1, hi: 65535 }] : rule.services.flatMap((s) => idx.svc.get(s) ?? []);
    for (const family of [4, 6] as const) {
      for (const src of points(srcs, family).slice(0, 8)) {
        for (const dst of points(dsts, family).slice(0, 8)) {
          for (const svc of svcs) {
            const ports = [...new Set([svc.lo - 1, svc.lo, svc.hi, svc.hi + 1].filter((p) => p >= 0 && p <= 65535))];
            for (const sport of ports) {
              for (const transport of ['tcp', 'udp'] as const) {
                out.push({ fromZone: rule.toZone, toZone: rule.fromZone, family, src, dst, transport, sport, dport: EPHEMERAL });
              }
            }
          }
          out.push({ fromZone: rule.toZone, toZone: rule.fromZone, family, src, dst, transport: 'icmp', sport: 0, dport: 0 });
        }
      }
    }
  }
  return out;
}

export function intraZoneProbes(ep: EnforcementIR, nets: Record<string, IpRange[]>): Packet[] {
  const out: Packet[] = [];
  const ports = [...new Set(ep.services.flatMap((s) => [s.ports[0], s.ports[1]]))].slice(0, 6);
  for (const z of ep.zones) {
    for (const family of [4, 6] as const) {
      const pts = points(nets[z.id] ?? [], family).filter((v) => (nets[z.id] ?? []).some((r) => r.family === family && r.first <= v && v <= r.last));
      for (const src of pts) {
        for (const dst of pts) {
          for (const dport of ports) out.push({ fromZone: z.id, toZone: z.id, family, src, dst, transport: 'tcp', sport: EPHEMERAL, dport });
          out.push({ fromZone: z.id, toZone: z.id, family, src, dst, transport: 'udp', sport: EPHEMERAL, dport: ports[0] ?? 1 });
        }
      }
    }
  }
  return out;
}

/** The whole IOS corpus: shared corpus (capped at `max`) + reply probes + intra-zone probes. */
export function iosCorpus(ep: EnforcementIR, nets: Record<string, IpRange[]>, max: number): Packet[] {
  return [...buildCorpus(ep, { max, networks: nets }), ...replyProbes(ep, nets), ...intraZoneProbes(ep, nets)];
}
