import { mergeRanges } from '../../src/model/ip.js';
import type { IpRange } from '../../src/model/types.js';
import { indexIR } from '../../src/rules/evaluate.js';
import type { EvalIndex } from '../../src/rules/evaluate.js';
import { ANY } from '../../src/rules/types.js';
import type { EnforcementIR, Rule } from '../../src/rules/types.js';
import type { AddrMatch, NftRule, ParsedRuleset, PortRangeN } from './nftJson.js';

/**
 * Checks the kernel-normalised ruleset (nft -j, re-parsed by nftJson.ts) against the
 * IR it was rendered from: every set's elements, every rule's match, meter and verdict,
 * the chain layout, counters, comments and log prefixes. It recomputes what each IR
 * rule must become from the IR and the evaluator's index, not from the renderer, and
 * returns the list of differences (empty when the ruleset is faithful).
 */
type Family = 4 | 6;
type Transport = 'tcp' | 'udp';

function rangesText(rs: IpRange[]): string {
  return mergeRanges(rs).map((r) => `${r.family}:${r.first}-${r.last}`).join(',');
}

function portsText(ps: PortRangeN[]): string {
  const sorted = [...ps].sort((a, b) => a.lo - b.lo);
  const out: PortRangeN[] = [];
  for (const p of sorted) {
    const prev = out[out.length - 1];
    if (prev && p.lo <= prev.hi + 1) prev.hi = Math.max(prev.hi, p.hi);
    else out.push({ ...p });
  }
  return out.map((p) => `${p.lo}-${p.hi}`).join(',');
}

function sideRanges(refs: string[], idx: EvalIndex, family: Family): IpRange[] | 'any' {
  if (refs.includes(ANY)) return 'any';
  return refs.flatMap((r) => idx.addr.get(r) ?? []).filter((r) => r.family === family);
}

interface Expected {
  family?: Family;
  transport?: Transport;
  src: IpRange[] | 'any';
  dst: IpRange[] | 'any';
  ports: PortRangeN[];
}

/** What the IR rule must become: one nft rule per common family and transport. */
export function expectedVariants(rule: Rule, idx: EvalIndex): Expected[] {
  const svc = rule.services.includes(ANY) ? 'any' : rule.services.flatMap((s) => idx.svc.get(s) ?? []);
  const transports: (Transport | undefined)[] = svc === 'any' ? [undefined] : (['tcp', 'udp'] as const).filter((t) => svc.some((s) => s.transport === t));
  const bothAny = rule.src.includes(ANY) && rule.dst.includes(ANY);
  const families: (Family | undefined)[] = bothAny && !rule.rateLimit ? [undefined] : [4, 6];
  const out: Expected[] = [];
  for (const family of families) {
    const src = family === undefined ? 'any' : sideRanges(rule.src, idx, family);
    const dst = family === undefined ? 'any' : sideRanges(rule.dst, idx, family);
    if ((src !== 'any' && src.length === 0) || (dst !== 'any' && dst.length === 0)) continue;
    for (const transport of transports) {
      const ports = svc === 'any' ? [] : svc.filter((s) => s.transport === transport).map((s) => ({ lo: s.lo, hi: s.hi }));
      out.push({ ...(family ? { family } : {}), ...(transport ? { transport } : {}), src, dst, ports });
    }
  }
  return out;
}

class Checker {
  readonly problems: string[] = [];
  constructor(readonly rs: ParsedRuleset, readonly ep: EnforcementIR) {}

  expect(ok: boolean, message: string): void {
    if (!ok) this.problems.push(message);
  }

  addr(m: AddrMatch | undefined, want: IpRange[] | 'any', family: Family | undefined, what: string): void {
    if (want === 'any') {
      this.expect(m === undefined, `${what}: expected no address match`);
      return;
    }
    if (!m) return this.expect(false, `${what}: address match missing`);
    const ranges = m.set !== undefined ? this.rs.sets.get(m.set)?.ranges : m.ranges;
    this.expect(m.family === family && !m.negate, `${what}: wrong family or negated`);
    this.expect(ranges !== undefined && rangesText(ranges) === rangesText(want), `${what}: elements ${ranges ? rangesText(ranges) : 'missing set'} != IR ${rangesText(want)}`);
  }

  match(r: NftRule, v: Expected, what: string): void {
    this.addr(r.saddr, v.src, v.family, `${what} saddr`);
    this.addr(r.daddr, v.dst, v.family, `${what} daddr`);
    if (v.family !== undefined && v.src === 'any' && v.dst === 'any') this.expect(r.nfproto === v.family, `${what}: meta nfproto missing`);
    this.expect(r.l4 === v.transport, `${what}: transport ${r.l4} != ${v.transport}`);
    this.expect(portsText(r.dport ?? []) === portsText(v.ports), `${what}: ports ${portsText(r.dport ?? [])} != IR ${portsText(v.ports)}`);
    this.expect(r.iifname === undefined && r.oifname === undefined, `${what}: unexpected interface match inside a boundary chain`);
  }
}

function phaseOf(ep: EnforcementIR, rule: Rule): 'monitor' | 'enforce' {
  const b = ep.boundaries.find((x) => x.zones.includes(rule.fromZone ?? '') && x.zones.includes(rule.toZone ?? ''));
  return b?.phase ?? (ep.phase === 'enforce' ? 'enforce' : 'monitor');
}

function checkMeters(c: Checker, rules: NftRule[], rule: Rule, v: Expected, what: string): void {
  const rl = rule.rateLimit;
  const want: { key: 'saddr' | 'daddr'; kind: 'ct count' | 'limit'; value: number }[] = [];
  if (rl?.perSourceConnections !== undefined) want.push({ key: 'saddr', kind: 'ct count', value: rl.perSourceConnections });
  if (rl?.maxConnections !== undefined) want.push({ key: 'daddr', kind: 'ct count', value: rl.maxConnections });
  if (rl?.newConnectionsPerSecond !== undefined) want.push({ key: 'saddr', kind: 'limit', value: rl.newConnectionsPerSecond });
  c.expect(rules.length === want.length, `${what}: ${rules.length} rate-limit rules, IR asks for ${want.length}`);
  const enforce = phaseOf(c.ep, rule) === 'enforce';
  rules.forEach((r, i) => {
    const w = want[i];
    if (!w || !r.meter) return c.expect(false, `${what}: rate-limit rule ${i} has no meter`);
    c.match(r, v, `${what} meter ${i}`);
    c.expect(r.meter.key === w.key && r.meter.kind === w.kind && r.meter.value === w.value && r.meter.family === v.family,
      `${what}: meter ${JSON.stringify(r.meter)} != ${JSON.stringify(w)}`);
    if (w.kind === 'limit') c.expect(r.meter.per === 'second', `${what}: limit per ${r.meter.per}`);
    c.expect(JSON.stringify(r.ctState) === '["new"]', `${what}: meter without ct state new`);
    c.expect(enforce ? r.verdict?.kind === 'drop' : r.verdict === undefined, `${what}: meter verdict ${r.verdict?.kind}`);
  });
}

function checkNoSyn(c: Checker, r: NftRule | undefined, enforce: boolean, label: string): void {
  c.expect(r !== undefined && r.tcpNotSyn === true && JSON.stringify(r.ctState) === '["new"]' && r.saddr === undefined && r.daddr === undefined
    && (enforce ? r.verdict?.kind === 'drop' : r.verdict === undefined), `${label}: first rule is not the SYN check (${JSON.stringify(r)})`);
}

function checkDirection(c: Checker, chain: NftRule[], rules: Rule[], idx: EvalIndex, label: string, start = 0): void {
  let pos = start;
  for (const rule of rules) {
    const variants = expectedVariants(rule, idx);
    variants.forEach((v, k) => {
      const what = `${label} ${rule.id} variant ${k + 1}`;
      const meters: NftRule[] = [];
      while (chain[pos]?.meter) meters.push(chain[pos++]);
      if (rule.rateLimit || meters.length > 0) checkMeters(c, meters, rule, v, what);
      const r = chain[pos++];
      if (!r) return c.expect(false, `${what}: missing nft rule`);
      c.match(r, v, what);
      c.expect(r.verdict?.kind === (rule.action === 'allow' ? 'accept' : 'drop'), `${what}: verdict ${r.verdict?.kind} for IR ${rule.action}`);
      if (rule.kind === 'flow') c.expect(JSON.stringify(r.ctState) === '["new"]', `${what}: ct state ${JSON.stringify(r.ctState)}`);
      const prefix = new RegExp(`^otpc ${rule.number}${variants.length > 1 ? `\\.${k + 1}` : ''} [a-z-]+ $`);
      c.expect(rule.log ? prefix.test(r.logPrefix ?? '') : r.logPrefix === undefined, `${what}: log prefix ${JSON.stringify(r.logPrefix)}`);
      c.expect((r.comment ?? '').startsWith(`R${rule.number} `), `${what}: comment ${JSON.stringify(r.comment)}`);
    });
  }
  c.expect(pos === chain.length, `${label}: ${chain.length - pos} unexpected nft rules at the end`);
}

function checkReadOnly(c: Checker, chain: NftRule[], rules: Rule[], idx: EvalIndex, label: string): void {
  const checks = chain.filter((r) => r.payload);
  const dpi = rules.filter((r) => r.readOnly?.mode === 'dpi' && r.action === 'allow');
  const want = dpi.flatMap((r) => expectedVariants(r, idx).map((v) => ({ r, v })));
  c.expect(checks.length === want.length, `${label}: ${checks.length} payload checks, IR needs ${want.length}`);
  checks.forEach((r, i) => {
    const w = want[i];
    if (!w) return;
    const ro = w.r.readOnly!;
    const what = `${label} ${w.r.id} payload check ${i + 1}`;
    c.match(r, w.v, what);
    const p = r.payload!;
    const values = p.set !== undefined ? c.rs.sets.get(p.set)?.values : p.values;
    c.expect(p.offset === (ro.payloadOffset ?? -1) * 8 && p.len === 8 && p.op === '!=', `${what}: payload @ih,${p.offset},${p.len} ${p.op}`);
    c.expect(JSON.stringify([...(values ?? [])].sort((a, b) => a - b)) === JSON.stringify(ro.allowed), `${what}: allowed ${JSON.stringify(values)} != IR ${JSON.stringify(ro.allowed)}`);
    const enforce = phaseOf(c.ep, w.r) === 'enforce';
    const verdict = w.v.transport === 'udp' ? 'drop' : 'reject';
    c.expect(enforce ? r.verdict?.kind === verdict && (verdict === 'drop' || r.verdict.rejectType === 'tcp reset') : r.verdict === undefined, `${what}: verdict ${JSON.stringify(r.verdict)}`);
  });
  for (const r of chain.filter((x) => !x.payload)) c.expect(r.verdict?.kind === 'return', `${label}: non-check rule is not a return`);
}

export function checkStructure(rs: ParsedRuleset, ep: EnforcementIR): string[] {
  const c = new Checker(rs, ep);
  const idx = indexIR(ep);
  c.expect(rs.table === `otpc_${ep.id.replace(/-/g, '_')}`, `table name ${rs.table}`);
  for (const obj of [...ep.addresses.map((a) => a.id), ...ep.addressGroups.map((g) => g.id)]) {
    for (const family of [4, 6] as const) {
      const want = (idx.addr.get(obj) ?? []).filter((r) => r.family === family);
      if (want.length === 0) continue;
      const found = [...rs.sets.values()].some((s) => s.type === (family === 4 ? 'ipv4_addr' : 'ipv6_addr') && s.flags.includes('interval')
        && rangesText(s.ranges) === rangesText(want) && s.comment !== undefined && s.comment.includes(obj.slice(obj.indexOf(':') + 1)));
      c.expect(found, `no ${family === 4 ? 'ipv4' : 'ipv6'} interval set with the elements of ${obj}`);
    }
  }
  const fwd = rs.chains.get('forward');
  if (!fwd) return [...c.problems, 'no forward chain'];
  c.expect(fwd.hook === 'forward' && fwd.policy === (ep.phase === 'enforce' ? 'drop' : 'accept'), `forward hook/policy ${fwd.hook}/${fwd.policy}`);
  const iface = new Map(ep.zones.map((z) => [z.id, z.interface]));
  const est = fwd.rules.findIndex((r) => JSON.stringify(r.ctState) === '["established","related"]' && r.verdict?.kind === 'accept');
  c.expect(est >= 0, 'no ct state established,related accept');
  for (const b of ep.boundaries) {
    for (const [from, to] of [[b.zones[0], b.zones[1]], [b.zones[1], b.zones[0]]]) {
      const dirRules = ep.rules.filter((r) => r.kind !== 'final' && r.fromZone === from && r.toZone === to);
      const jumps = fwd.rules.map((r, i) => ({ r, i })).filter(({ r }) => r.iifname === iface.get(from) && r.oifname === iface.get(to) && r.verdict?.kind === 'jump');
      const ro = jumps.filter(({ i }) => i < est);
      const main = jumps.filter(({ i }) => i > est);
      const hasDpi = dirRules.some((r) => r.readOnly?.mode === 'dpi' && r.action === 'allow');
      c.expect(ro.length === (hasDpi ? 1 : 0), `${from}>${to}: ${ro.length} read-only jumps before conntrack, want ${hasDpi ? 1 : 0}`);
      c.expect(main.length === 1, `${from}>${to}: ${main.length} boundary jumps after conntrack`);
      if (ro[0]) checkReadOnly(c, rs.chains.get(ro[0].r.verdict!.target!)?.rules ?? [], dirRules, idx, `${from}>${to} read-only`);
      const chain = main[0] ? rs.chains.get(main[0].r.verdict!.target!)?.rules ?? [] : [];
      if (main[0]) checkNoSyn(c, chain[0], b.phase === 'enforce', `${from}>${to}`);
      if (main[0]) checkDirection(c, chain, dirRules, idx, `${from}>${to}`, 1);
    }
  }
  const finals = ep.rules.filter((r) => r.kind === 'final');
  const tail = fwd.rules.slice(fwd.rules.length - finals.reduce((n, f) => n + expectedVariants(f, idx).length, 0));
  checkDirection(c, tail, finals, idx, 'catch-all');
  const prefixes = [...rs.chains.values()].flatMap((ch) => ch.rules).map((r) => r.logPrefix).filter((p) => p !== undefined);
  c.expect(new Set(prefixes).size === prefixes.length, 'log prefixes are not unique');
  for (const ch of rs.chains.values()) {
    for (const r of ch.rules) c.expect(r.counter !== undefined && r.comment !== undefined && r.comment !== '', `${ch.name} rule ${r.handle}: counter or comment missing`);
  }
  return c.problems;
}
