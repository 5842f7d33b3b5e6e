import { ANY } from '../../../src/rules/types.js';
import type { EnforcementIR, Packet, Rule, Verdict } from '../../../src/rules/types.js';
import { evaluate, indexIR, reversePacket, ruleMatches } from '../../../src/rules/evaluate.js';
import type { EvalIndex } from '../../../src/rules/evaluate.js';
import type { IpRange } from '../../../src/model/types.js';
import { evaluateIos } from './evaluateIos.js';
import type { IosPacket, IosVerdict } from './evaluateIos.js';
import type { IosConfig } from './parseIos.js';

/**
 * Differential check of a rendered IOS configuration against the spec evaluator
 * (vendors.md section 5). The spec is stateful and knows the egress zone; IOS is
 * stateless and an inbound ACL sees only the ingress interface. The comparison
 * therefore rests on two modelling facts and three accepted divergences, and on
 * nothing else:
 *
 * ROUTING. The egress zone of a packet is the zone whose networks hold its
 * destination (the router forwards by destination). Only packets whose destination
 * lies in the networks of `toZone` are compared; the ingress zone is the interface
 * the packet arrives on, whatever its source address (spoofed sources included). An
 * `established` packet that the spec allows must be permitted only when the connection
 * it answers was itself routable (its source lies in the networks of `fromZone`).
 *
 * TCP FLAGS. A new connection is a SYN (no ACK); a spec `established` packet is sent
 * with ACK set.
 *
 * ACCEPTED DIVERGENCES (IOS permits, the spec denies), by construction of a stateless
 * ACL, asserted to be limited to exactly these packets:
 * (L1) reply-shaped packets: p is a TCP segment with ACK or RST, or a UDP datagram,
 *      (or ICMP, for a flow on any service) that the reverse entries of an allowed flow R
 *      match: p goes from R's to-zone to R's from-zone, its source is one of R's
 *      destinations (R's to-zone networks when R names any destination), its
 *      destination one of R's sources (R's from-zone networks when R names any source),
 *      its source port inside one of R's services of
 *      the same transport. IOS cannot tell such a packet from a reply without a session
 *      (a UDP datagram from the responder's service port, a TCP ACK without a session).
 *      For these packets IOS must permit (the reverse entries exist).
 * (L2) a packet the spec calls `established` (and denies, because no connection in the
 *      reverse direction would be allowed) that the forward rules allow as a new
 *      connection: a stateless ACL decides it as new.
 * (L3) IPv6 ND (nd-na, nd-ns) and router solicitations are permitted on every IPv6 ACL
 *      before the final entry; the corpus carries no ICMP types, unit tests cover them.
 * A boundary-final rule towards a zone without networks of the packet's family (every
 * zone, for IPv6, in a policy without IPv6 addresses) has no entry: the final entry
 * decides its packets with the same verdict, and is accepted as its entry. Such packets
 * are routable only when the caller passes the real wiring (`nets`).
 * IOS is stricter than the spec (denies what the spec permits) only for `established`
 * packets of IP protocols other than TCP, UDP and ICMP replying to a flow on any
 * service; those packets are not compared (`skipped.other`).
 */

export interface Mismatch { packet: Packet; variant: string; spec: Verdict; ios: IosVerdict; why: string }
export interface EquivalenceReport { compared: number; loose: number; skipped: { unroutable: number; other: number }; mismatches: Mismatch[] }

/** Zone networks as the IR carries them (ZoneBinding.networks). */
export function irZoneNetworks(ep: EnforcementIR): Record<string, IpRange[]> {
  const out: Record<string, IpRange[]> = {};
  for (const z of ep.zones) out[z.id] = z.networks;
  return out;
}

function inside(ranges: IpRange[] | undefined, family: 4 | 6, v: bigint): boolean {
  return (ranges ?? []).some((r) => r.family === family && r.first <= v && v <= r.last);
}

export function routable(nets: Record<string, IpRange[]>, p: Packet): boolean {
  return inside(nets[p.toZone], p.family, p.dst);
}

export function toIosPacket(ep: EnforcementIR, p: Packet, flags: 'syn' | 'ack'): IosPacket {
  const zone = ep.zones.find((z) => z.id === p.fromZone);
  if (!zone) throw new Error(`packet from unknown zone ${p.fromZone}`);
  const protocol = p.transport === 'tcp' ? 6 : p.transport === 'udp' ? 17 : p.transport === 'icmp' ? (p.family === 4 ? 1 : 58) : 47;
  const out: IosPacket = { inInterface: zone.interface, family: p.family, src: p.src, dst: p.dst, protocol };
  if (protocol === 6 || protocol === 17) { out.sport = p.sport; out.dport = p.dport; }
  if (protocol === 6) out.tcp = flags === 'syn' ? { syn: true } : { ack: true };
  return out;
}

/** Key of a zone's networks in the evaluation index of replyRules. */
const zoneKey = (zone: string) => `test-zone-networks:${zone}`;

/**
 * Allowed flow rules with "any" narrowed to the zone's networks (a flow's endpoints lie
 * in its zones), and an index that knows those networks. A zone without networks keeps "any".
 */
function replyRules(ep: EnforcementIR, idx: EvalIndex): { rules: Rule[]; idx: EvalIndex } {
  const addr = new Map(idx.addr);
  for (const z of ep.zones) if (z.networks.length > 0) addr.set(zoneKey(z.id), z.networks);
  const narrow = (refs: string[], zone: string | undefined) => (refs.includes(ANY) && zone !== undefined && addr.has(zoneKey(zone)) ? [zoneKey(zone)] : refs);
  const rules = ep.rules.filter((r) => r.kind === 'flow' && r.action === 'allow').map((r) => ({ ...r, src: narrow(r.src, r.fromZone), dst: narrow(r.dst, r.toZone) }));
  return { rules, idx: { ...idx, addr } };
}

/** (L1): p is matched by the reverse entries of some allowed flow. */
export function replyShaped(rules: Rule[], idx: EvalIndex, p: Packet, ack: boolean): boolean {
  if (p.transport === 'other' || (p.transport === 'tcp' && !ack)) return false;
  const rev = reversePacket(p);
  return rules.some((r) => ruleMatches(r, rev, idx));
}

function same(spec: Verdict, ios: IosVerdict, withLog: boolean, folded: Set<string>): string | undefined {
  const want = spec.action === 'allow' ? 'permit' : 'deny';
  if (ios.action !== want) return `action: spec ${spec.action} (${spec.rule}), ios ${ios.action}`;
  if (withLog && ios.log !== spec.log) return `log: spec ${spec.log}, ios ${ios.log}`;
  // The entry that decided must belong to the rule that decided in the spec (remarks start with the rule id);
  // a boundary-final rule towards a zone without networks of the packet's family is decided by the catch-all
  // with the same verdict (a policy without IPv6 addresses: the IPv6 ACL holds ND and the final entry only).
  const label = ios.remarks[0]?.split(' ')[0];
  const ok = label === spec.rule || (folded.has(spec.rule) && label === 'final');
  if (withLog && !ios.implicit && !ok) return `rule: spec ${spec.rule}, ios entry of "${ios.remarks[0] ?? ''}"`;
  return undefined;
}

/**
 * `nets`: the zone networks that define routing (the wiring); by default the zone
 * bindings' networks. Pass the real wiring when a binding lists no networks.
 */
export function checkEquivalence(ep: EnforcementIR, cfg: IosConfig, packets: Packet[], nets: Record<string, IpRange[]> = irZoneNetworks(ep)): EquivalenceReport {
  const idx = indexIR(ep);
  const foldedFor = (family: 4 | 6): Set<string> => {
    const empty = new Set(ep.zones.filter((z) => !z.networks.some((r) => r.family === family)).map((z) => z.id));
    return new Set(ep.rules.filter((r) => r.kind === 'boundary-final' && empty.has(r.toZone ?? '')).map((r) => r.id));
  };
  const foldedBy = { 4: foldedFor(4), 6: foldedFor(6) };
  const reply = replyRules(ep, idx);
  const report: EquivalenceReport = { compared: 0, loose: 0, skipped: { unroutable: 0, other: 0 }, mismatches: [] };
  const fail = (packet: Packet, variant: string, spec: Verdict, ios: IosVerdict, why: string) => report.mismatches.push({ packet, variant, spec, ios, why });
  for (const p of packets) {
    if (!routable(nets, p)) { report.skipped.unroutable++; continue; }
    const folded = foldedBy[p.family];
    const fresh: Packet = { ...p, established: false };
    {
      // As a new connection (every corpus packet, replies included): TCP SYN, or a UDP/ICMP/other packet.
      report.compared++;
      const spec = evaluate(ep, fresh, idx);
      const ios = evaluateIos(cfg, toIosPacket(ep, p, 'syn'));
      if (replyShaped(reply.rules, reply.idx, p, false)) {
        report.loose++;
        if (ios.action !== 'permit') fail(p, 'new, reply-shaped (L1)', spec, ios, 'reverse entries must permit it');
      } else {
        const why = same(spec, ios, true, folded);
        if (why) fail(p, 'new', spec, ios, why);
      }
      // The same TCP segment with ACK and no session.
      if (p.transport === 'tcp') {
        const iosAck = evaluateIos(cfg, toIosPacket(ep, p, 'ack'));
        if (replyShaped(reply.rules, reply.idx, p, true)) {
          if (iosAck.action !== 'permit') fail(p, 'ACK without session, reply-shaped (L1)', spec, iosAck, 'reverse entries must permit it');
        } else {
          const why = same(spec, iosAck, false, folded);
          if (why) fail(p, 'ACK without session', spec, iosAck, why);
        }
      }
    }
    // The packet as part of an existing connection (a reply or a later segment).
    if (p.transport === 'other') { report.skipped.other++; continue; }
    report.compared++;
    const est = evaluate(ep, { ...p, established: true }, idx);
    const ios = evaluateIos(cfg, toIosPacket(ep, p, 'ack'));
    if (est.action === 'allow') {
      // A reply exists only if the connection it answers was routable: its source lies in the networks of its zone.
      if (!routable(nets, reversePacket(p))) report.skipped.unroutable++;
      else if (ios.action !== 'permit') fail(p, 'established', est, ios, 'the spec allows this reply; IOS must too');
    } else if (ios.action === 'permit') {
      const l1 = replyShaped(reply.rules, reply.idx, p, true);
      const l2 = evaluate(ep, fresh, idx).action === 'allow';
      if (l1 || l2) report.loose++;
      else fail(p, 'established', est, ios, 'IOS permits a packet outside the accepted divergences');
    }
  }
  return report;
}
