import { ANY } from './types.js';
import type { EnforcementIR, Packet, Rule, Verdict } from './types.js';
import type { IpRange } from '../model/types.js';

/**
 * The spec evaluator: decides a packet with the rule IR, first match in list
 * order. It is the reference every vendor re-parser is compared with, and the
 * Linux kernel (nftables netns test) checks it in turn.
 *
 * Semantics:
 * - a 'flow' or 'boundary-final' rule applies to packets from its fromZone to its toZone;
 *   the catch-all 'final' applies to every packet;
 * - src/dst match when ANY is listed or a referenced object/group contains the address;
 * - services match when ANY is listed or a referenced service has the packet's transport
 *   and destination port;
 * - a read-only rule in 'dpi' mode allows only the operations in `allowed`
 *   (a packet without an operation, such as a SYN, is allowed); on a boundary in the
 *   monitor phase a disallowed operation is allowed and logged (nothing the plant does changes); on a boundary in
 *   the monitor phase another operation is allowed and logged ("would block"):
 *   in monitor nothing the plant does changes (DESIGN "Rollout phases");
 * - established packets are decided as the reverse new connection (stateful targets).
 */
export interface EvalIndex {
  addr: Map<string, IpRange[]>;
  svc: Map<string, { transport: string; lo: number; hi: number }[]>;
  /** "<zoneA>|<zoneB>" -> boundary phase. */
  phase: Map<string, 'monitor' | 'enforce'>;
}

export function indexIR(ep: EnforcementIR): EvalIndex {
  const addr = new Map<string, IpRange[]>();
  for (const a of ep.addresses) addr.set(a.id, a.ranges);
  for (const g of ep.addressGroups) {
    addr.set(g.id, g.members.flatMap((m) => addr.get(m) ?? []));
  }
  const svc = new Map<string, { transport: string; lo: number; hi: number }[]>();
  for (const s of ep.services) svc.set(s.id, [{ transport: s.transport, lo: s.ports[0], hi: s.ports[1] }]);
  for (const g of ep.serviceGroups) svc.set(g.id, g.members.flatMap((m) => svc.get(m) ?? []));
  const phase = new Map(ep.boundaries.map((b) => [b.id, b.phase] as const));
  return { addr, svc, phase };
}

function addrMatches(refs: string[], family: 4 | 6, value: bigint, idx: EvalIndex): boolean {
  for (const ref of refs) {
    if (ref === ANY) return true;
    for (const r of idx.addr.get(ref) ?? []) {
      if (r.family === family && r.first <= value && value <= r.last) return true;
    }
  }
  return false;
}

function serviceMatches(refs: string[], p: Packet, idx: EvalIndex): boolean {
  for (const ref of refs) {
    if (ref === ANY) return true;
    for (const s of idx.svc.get(ref) ?? []) {
      if (s.transport === p.transport && s.lo <= p.dport && p.dport <= s.hi) return true;
    }
  }
  return false;
}

export function ruleMatches(rule: Rule, p: Packet, idx: EvalIndex): boolean {
  if (rule.kind !== 'final' && (rule.fromZone !== p.fromZone || rule.toZone !== p.toZone)) return false;
  return addrMatches(rule.src, p.family, p.src, idx)
    && addrMatches(rule.dst, p.family, p.dst, idx)
    && serviceMatches(rule.services, p, idx);
}

export function reversePacket(p: Packet): Packet {
  return {
    fromZone: p.toZone, toZone: p.fromZone, family: p.family, src: p.dst, dst: p.src,
    transport: p.transport, sport: p.dport, dport: p.sport,
  };
}

/**
 * The phase of the boundary between a rule's zones; a rule outside any boundary
 * follows the point (mixed counts as monitor there: only a boundary enforces).
 */
export function rulePhase(ep: EnforcementIR, rule: Rule): 'monitor' | 'enforce' {
  const { fromZone: a, toZone: b } = rule;
  const boundary = a !== undefined && b !== undefined && a !== b
    ? ep.boundaries.find((x) => x.zones.includes(a) && x.zones.includes(b))
    : undefined;
  if (boundary) return boundary.phase;
  return ep.phase === 'enforce' ? 'enforce' : 'monitor';
}

export function evaluate(ep: EnforcementIR, p: Packet, idx: EvalIndex = indexIR(ep)): Verdict {
  if (p.established) {
    const v = evaluate(ep, reversePacket(p), idx);
    return { action: v.action, log: false, rule: v.rule };
  }
  for (const rule of ep.rules) {
    if (!ruleMatches(rule, p, idx)) continue;
    const ro = rule.readOnly;
    if (rule.action === 'allow' && ro && ro.mode === 'dpi' && p.operation !== undefined && !ro.allowed.includes(p.operation)) {
      return { action: rulePhase(ep, rule) === 'monitor' ? 'allow' : 'deny', log: true, rule: rule.id };
    }
    return { action: rule.action, log: rule.log, rule: rule.id };
  }
  // Every IR ends with a catch-all; reaching here means a malformed IR.
  return { action: 'deny', log: false, rule: 'implicit' };
}
