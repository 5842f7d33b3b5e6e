import type { IpRange } from '../../../src/model/types.js';
import { evaluate, indexIR } from '../../../src/rules/evaluate.js';
import type { EnforcementIR, Packet } from '../../../src/rules/types.js';
import { connectionClass, evaluateAsa } from './evaluateAsa.js';
import type { AsaPacket } from './evaluateAsa.js';
import type { AsaConfig } from './parseAsa.js';

/**
 * Glue between the spec evaluator (zones) and the ASA evaluator (nameifs), and the
 * differential check itself. The zone -> nameif map and the zone networks are facts
 * of the test fixture (the wiring of the device), not code shared with the renderer.
 */
export type ZoneNets = Map<string, IpRange[]>;

export function toAsaPacket(ep: EnforcementIR, p: Packet): AsaPacket {
  const nameif = (zone: string) => ep.zones.find((z) => z.id === zone)?.interface ?? `unknown-${zone}`;
  const transport = p.transport;
  return {
    ingress: nameif(p.fromZone), egress: nameif(p.toZone), family: p.family, src: p.src, dst: p.dst,
    transport, sport: p.sport, dport: p.dport, ...(p.established ? { established: true } : {}),
  };
}

function inside(ranges: IpRange[] | undefined, family: 4 | 6, v: bigint): boolean {
  return (ranges ?? []).some((r) => r.family === family && r.first <= v && v <= r.last);
}

/**
 * A packet routing can produce: the destination of a new connection lies in the
 * egress zone's networks (for a reply, the source of the connection it answers).
 * ASA's ingress ACL sees only the addresses, so a packet "to zone C" addressed into
 * zone B is not something the network can carry (accepted divergence, see README).
 */
export function routable(p: Packet, nets: ZoneNets): boolean {
  return p.established ? inside(nets.get(p.fromZone), p.family, p.src) : inside(nets.get(p.toZone), p.family, p.dst);
}

function show(p: Packet): string {
  return `${p.fromZone}->${p.toZone} v${p.family} ${p.src}->${p.dst} ${p.transport}/${p.dport}${p.established ? ' est' : ''}`;
}

export interface DiffOptions {
  /** Check that the deciding ACE carries the deciding IR rule's id in its remark group. */
  attribution?: boolean;
  /** Check the MPF class of rate-limited rules. */
  rateLimits?: boolean;
  limit?: number;
}

function expectedClassRule(ep: EnforcementIR, p: Packet, idx: ReturnType<typeof indexIR>): string | undefined {
  for (const rule of ep.rules) {
    if (rule.kind !== 'flow' || rule.action !== 'allow' || !rule.rateLimit || rule.fromZone !== p.fromZone) continue;
    const rl = rule.rateLimit;
    if (rl.maxConnections === undefined && rl.maxEmbryonic === undefined && rl.perSourceConnections === undefined) continue;
    const b = ep.boundaries.find((x) => x.zones.includes(rule.fromZone ?? '') && x.zones.includes(rule.toZone ?? ''));
    if ((b?.phase ?? ep.phase) === 'monitor') continue;
    if (evaluate({ ...ep, rules: [rule] }, { ...p, established: false }, idx).rule === rule.id) return `CM_R${rule.number}`;
  }
  return undefined;
}

/** Every mismatch between the spec evaluator and the ASA evaluator over `packets`. */
export function differences(ep: EnforcementIR, cfg: AsaConfig, packets: Packet[], nets: ZoneNets, opts: DiffOptions = {}): string[] {
  const idx = indexIR(ep);
  const out: string[] = [];
  for (const p of packets) {
    if (!routable(p, nets)) continue;
    const want = evaluate(ep, p, idx);
    const got = evaluateAsa(cfg, toAsaPacket(ep, p));
    if (want.action !== got.action || want.log !== got.log) {
      out.push(`${show(p)}: spec ${want.action}${want.log ? '+log' : ''} (${want.rule}), asa ${got.action}${got.log ? '+log' : ''} (${got.reason} ${got.ace?.line ?? ''} ${got.ace?.text ?? ''})`);
    } else if (opts.attribution && want.rule !== 'implicit' && !got.ace?.remarks.some((r) => r.startsWith(`${want.rule} `))) {
      out.push(`${show(p)}: decided by ${want.rule} in the spec, by ASA line ${got.ace?.line ?? '-'} with remarks ${JSON.stringify(got.ace?.remarks ?? [])}`);
    }
    if (opts.rateLimits && !p.established && want.action === 'allow') {
      const cls = connectionClass(cfg, toAsaPacket(ep, p))?.name;
      const exp = expectedClassRule(ep, p, idx);
      if (cls !== exp) out.push(`${show(p)}: connection class ${cls ?? 'none'}, expected ${exp ?? 'none'}`);
    }
    if (out.length >= (opts.limit ?? 20)) break;
  }
  return out;
}
