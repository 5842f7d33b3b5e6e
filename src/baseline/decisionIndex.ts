import { indexIR, rulePhase } from '../rules/evaluate.js';
import type { EvalIndex } from '../rules/evaluate.js';
import { ANY } from '../rules/types.js';
import type { EnforcementIR, Rule } from '../rules/types.js';
import { inRangeSet, rangeSet } from './rangeSet.js';
import type { RangeSet } from './rangeSet.js';
import type { Addr, FlowTransport } from './types.js';

/**
 * A decision structure for one enforcement point that gives exactly the verdicts
 * of the spec evaluator (src/rules/evaluate.ts; a fast-check property checks the
 * two agree) without scanning the rule list per flow. Per directed zone pair and
 * transport, the destination-port axis is cut into segments at every service
 * boundary of the rules that can apply; each segment lists its candidate rules in
 * rule order, so a flow looks up its segment by binary search and tests only
 * those candidates' addresses, first match wins.
 */
export interface Decision {
  rule: Rule;
  action: 'allow' | 'deny';
  log: boolean;
  /** Operations the deciding read-only (dpi) rule does not allow; set only when some were observed. */
  deniedOps?: number[];
  /** Phase of the deciding rule's boundary: 'monitor' logs what 'enforce' would drop. */
  phase: 'monitor' | 'enforce';
}

interface CompiledRule {
  rule: Rule;
  src: RangeSet;
  dst: RangeSet;
  /** Per transport, inclusive destination-port ranges; null = any service. */
  ports: Record<'tcp' | 'udp', [number, number][]> | null;
  allowedOps?: Set<number>;
  phase: 'monitor' | 'enforce';
}

interface Segments { los: Int32Array; lists: Int32Array[] }

interface PairIndex { tcp: Segments; udp: Segments; anyService: Int32Array }

export interface Decider {
  ep: EnforcementIR;
  decide(fromZone: string, toZone: string, src: Addr, dst: Addr, transport: FlowTransport, dport: number, ops?: readonly number[]): Decision;
}

function compileAddresses(refs: string[], idx: EvalIndex): RangeSet {
  if (refs.includes(ANY)) return rangeSet([], true);
  return rangeSet(refs.flatMap((r) => idx.addr.get(r) ?? []));
}

function compileRule(ep: EnforcementIR, rule: Rule, idx: EvalIndex): CompiledRule {
  let ports: CompiledRule['ports'] = null;
  if (!rule.services.includes(ANY)) {
    ports = { tcp: [], udp: [] };
    for (const ref of rule.services) {
      for (const s of idx.svc.get(ref) ?? []) {
        if (s.transport === 'tcp' || s.transport === 'udp') ports[s.transport].push([s.lo, s.hi]);
      }
    }
  }
  const c: CompiledRule = { rule, src: compileAddresses(rule.src, idx), dst: compileAddresses(rule.dst, idx), ports, phase: rulePhase(ep, rule) };
  if (rule.action === 'allow' && rule.readOnly?.mode === 'dpi') c.allowedOps = new Set(rule.readOnly.allowed);
  return c;
}

/** Segments of the port axis [0, 65535] with the candidates (rule indexes, in order) of each. */
function buildSegments(candidates: number[], rules: CompiledRule[], transport: 'tcp' | 'udp'): Segments {
  const cuts = new Set<number>([0]);
  for (const i of candidates) {
    const p = rules[i].ports;
    for (const [lo, hi] of p ? p[transport] : [[0, 65535] as [number, number]]) {
      cuts.add(lo);
      if (hi < 65535) cuts.add(hi + 1);
    }
  }
  const los = Int32Array.from([...cuts].sort((a, b) => a - b));
  const lists = [...los].map((lo) => Int32Array.from(candidates.filter((i) => {
    const p = rules[i].ports;
    return p === null || p[transport].some(([a, b]) => a <= lo && lo <= b);
  })));
  return { los, lists };
}

function segmentOf(s: Segments, port: number): Int32Array {
  let lo = 0;
  let hi = s.los.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.los[mid] <= port) lo = mid;
    else hi = mid - 1;
  }
  return s.lists[lo];
}

function buildPair(rules: CompiledRule[], from: string, to: string): PairIndex {
  const candidates: number[] = [];
  rules.forEach((c, i) => {
    const r = c.rule;
    if (r.kind === 'final' || (r.fromZone === from && r.toZone === to)) candidates.push(i);
  });
  return {
    tcp: buildSegments(candidates, rules, 'tcp'),
    udp: buildSegments(candidates, rules, 'udp'),
    anyService: Int32Array.from(candidates.filter((i) => rules[i].ports === null)),
  };
}

function verdict(c: CompiledRule, ops: readonly number[] | undefined): Decision {
  const d: Decision = { rule: c.rule, action: c.rule.action, log: c.rule.log, phase: c.phase };
  if (c.allowedOps && ops && ops.length > 0) {
    const denied = ops.filter((op) => !c.allowedOps!.has(op));
    if (denied.length > 0) d.deniedOps = denied;
  }
  return d;
}

/** The decision structure of one enforcement point (pair indexes are built on first use). */
export function buildDecider(ep: EnforcementIR): Decider {
  const idx = indexIR(ep);
  const rules = ep.rules.map((r) => compileRule(ep, r, idx));
  // from zone -> to zone -> index (nested maps: no key string per flow)
  const pairs = new Map<string, Map<string, PairIndex>>();
  return {
    ep,
    decide(fromZone, toZone, src, dst, transport, dport, ops) {
      let byTo = pairs.get(fromZone);
      if (!byTo) pairs.set(fromZone, (byTo = new Map()));
      let pair = byTo.get(toZone);
      if (!pair) byTo.set(toZone, (pair = buildPair(rules, fromZone, toZone)));
      const list = transport === 'tcp' ? segmentOf(pair.tcp, dport) : transport === 'udp' ? segmentOf(pair.udp, dport) : pair.anyService;
      for (let k = 0; k < list.length; k++) {
        const c = rules[list[k]];
        if (inRangeSet(c.src, src) && inRangeSet(c.dst, dst)) return verdict(c, ops);
      }
      // Every IR ends with a catch-all; reaching here means a malformed IR (evaluate.ts does the same).
      return { rule: { id: 'implicit', number: 0, kind: 'final', action: 'deny', log: false, src: [], dst: [], services: [], comment: '' }, action: 'deny', log: false, phase: 'enforce' };
    },
  };
}
