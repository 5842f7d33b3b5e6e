import { reversePacket } from '../../src/rules/evaluate.js';
import type { EnforcementIR, Packet } from '../../src/rules/types.js';
import type { AddrMatch, NftRule, ParsedRuleset } from './nftJson.js';

/**
 * A packet evaluator over the re-parsed kernel ruleset (nftJson.ts), written from the
 * nftables semantics, not from the renderer: the forward base chain, jump/return,
 * first terminal verdict, base chain policy at the end.
 *
 * Conntrack model (what a packet's `ct state` is):
 * - a new packet is `new` (TCP: a SYN);
 * - an `established` packet is `established` when its reverse, sent as a new
 *   connection, is accepted (the connection can exist); otherwise there is no
 *   connection, and the kernel sees a new packet: for TCP a non-SYN segment (picked
 *   up mid-stream, nf_conntrack_tcp_loose=1), for UDP just a new datagram.
 * Rate-limit meters are taken as not exceeded (the spec evaluator has no rates).
 * A payload match reads `packet.operation` (the evaluator's operation code) and does
 * not match a packet without one (too short: the kernel's payload load fails).
 */
export interface InterpVerdict {
  action: 'allow' | 'deny';
  /** The rule with the terminal verdict; undefined when the base chain policy decided. */
  rule?: NftRule;
}

interface PacketState {
  p: Packet;
  iif: string;
  oif: string;
  ct: 'new' | 'established';
  syn: boolean;
}

function inRanges(m: AddrMatch, rs: ParsedRuleset, family: 4 | 6, value: bigint): boolean {
  if (m.family !== family) return false;
  const ranges = m.set !== undefined ? rs.sets.get(m.set)?.ranges : m.ranges;
  if (ranges === undefined) throw new Error(`interpreter: unknown set ${m.set}`);
  const hit = ranges.some((r) => r.family === family && r.first <= value && value <= r.last);
  return m.negate ? !hit : hit;
}

function matches(rule: NftRule, s: PacketState, rs: ParsedRuleset): boolean {
  const p = s.p;
  if (rule.iifname !== undefined && rule.iifname !== s.iif) return false;
  if (rule.oifname !== undefined && rule.oifname !== s.oif) return false;
  if (rule.nfproto !== undefined && rule.nfproto !== p.family) return false;
  if (rule.saddr && !inRanges(rule.saddr, rs, p.family, p.src)) return false;
  if (rule.daddr && !inRanges(rule.daddr, rs, p.family, p.dst)) return false;
  if (rule.l4 !== undefined && rule.l4 !== p.transport) return false;
  if (rule.dport && !rule.dport.some((r) => r.lo <= p.dport && p.dport <= r.hi)) return false;
  if (rule.ctState && !rule.ctState.includes(s.ct)) return false;
  if (rule.tcpNotSyn && s.syn) return false;
  if (rule.payload) {
    if (p.operation === undefined) return false;
    const values = rule.payload.set !== undefined ? rs.sets.get(rule.payload.set)?.values : rule.payload.values;
    if (values === undefined) throw new Error(`interpreter: unknown set ${rule.payload.set}`);
    const hit = values.includes(p.operation);
    if (rule.payload.op === '==' ? !hit : hit) return false;
  }
  if (rule.meter) return false;
  return true;
}

type ChainResult = { verdict: 'accept' | 'drop'; rule: NftRule } | { verdict: 'continue' };

function runChain(name: string, s: PacketState, rs: ParsedRuleset, depth: number): ChainResult {
  if (depth > 16) throw new Error('interpreter: jump loop');
  const chain = rs.chains.get(name);
  if (!chain) throw new Error(`interpreter: unknown chain ${name}`);
  for (const rule of chain.rules) {
    if (!matches(rule, s, rs) || !rule.verdict) continue;
    const v = rule.verdict;
    if (v.kind === 'accept') return { verdict: 'accept', rule };
    if (v.kind === 'drop' || v.kind === 'reject') return { verdict: 'drop', rule };
    if (v.kind === 'return') return { verdict: 'continue' };
    const sub = runChain(v.target!, s, rs, depth + 1);
    if (sub.verdict !== 'continue' || v.kind === 'goto') return sub;
  }
  return { verdict: 'continue' };
}

function decide(rs: ParsedRuleset, s: PacketState): InterpVerdict {
  const r = runChain('forward', s, rs, 0);
  if (r.verdict === 'continue') return { action: rs.chains.get('forward')?.policy === 'accept' ? 'allow' : 'deny' };
  return { action: r.verdict === 'accept' ? 'allow' : 'deny', rule: r.rule };
}

export function interpret(rs: ParsedRuleset, ep: EnforcementIR, p: Packet): InterpVerdict {
  const iface = (zone: string) => ep.zones.find((z) => z.id === zone)?.interface ?? `unknown-${zone}`;
  const base = { p, iif: iface(p.fromZone), oif: iface(p.toZone) };
  if (!p.established) return decide(rs, { ...base, ct: 'new', syn: true });
  const rev = reversePacket(p);
  const revVerdict = decide(rs, { p: rev, iif: iface(rev.fromZone), oif: iface(rev.toZone), ct: 'new', syn: true });
  if (revVerdict.action === 'allow') return decide(rs, { ...base, ct: 'established', syn: false });
  return decide(rs, { ...base, ct: 'new', syn: false });
}

/** IR rule number from an otpc log prefix or comment ("otpc 1001.2 accept ", "R1001 ..."). */
export function ruleNumberOf(rule: NftRule | undefined): number | undefined {
  const m = rule?.logPrefix !== undefined ? /^otpc (\d+)(?:\.\d+)? /.exec(rule.logPrefix) : null;
  if (m) return Number(m[1]);
  const c = rule?.comment !== undefined ? /^R(\d+) /.exec(rule.comment) : null;
  return c ? Number(c[1]) : undefined;
}
