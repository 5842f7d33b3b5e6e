import type { ReadOnlyFilter, Rule, RuleIR } from '../rules/types.js';
import { compareStrings } from '../rules/compareStrings.js';
import type { ClassifiedFlow } from './classifyFlows.js';
import { compareFlows, isIntraZone, sortByFlow } from './classifyFlows.js';
import { buildDecider } from './decisionIndex.js';
import type { Decider, Decision } from './decisionIndex.js';
import { boundaryLabel, flowSummary, maxTime, minTime } from './flowSummary.js';
import type { FlowSummary } from './flowSummary.js';

/** Where an enforcement point decides a flow by a rule other than a plain allow. */
export interface Hit {
  enforcement: string;
  /** "a|b" of the flow's two zones (OUTSIDE for an address outside every zone network). */
  boundary: string;
  rule: string;
  ruleNumber: number;
  kind: Rule['kind'];
}

export interface SimulatedFlow extends FlowSummary {
  hits: Hit[];
}

/** Distinct flows kept per allow rule: those with the most records (memory stays constant in the number of flows). */
export const CARRIED_FLOWS_KEPT = 20;

/** One distinct flow an allow rule carried. */
export type CarriedFlow = Pick<FlowSummary, 'src' | 'dst' | 'proto' | 'dport' | 'srcAsset' | 'dstAsset' | 'count' | 'first' | 'last'>;

export interface RuleUsage {
  enforcement: string;
  rule: string;
  number: number;
  conduit: string | null;
  fromZone: string | null;
  toZone: string | null;
  /** Flow records and distinct flows the rule allowed. */
  records: number;
  flows: number;
  first: number;
  last: number;
  /**
   * The distinct flows it carried with the most records, at most CARRIED_FLOWS_KEPT: by
   * records descending, then in flow order (source, destination, transport, port).
   */
  carried: CarriedFlow[];
  /** Flows it carried beyond `carried`, and their records. */
  moreFlows: number;
  moreRecords: number;
}

export interface ReadOnlyFinding extends FlowSummary {
  enforcement: string;
  boundary: string;
  rule: string;
  ruleNumber: number;
  /** Observed operations outside the rule's read (and session) operations. */
  writes: number[];
  mode: 'dpi' | 'port-only';
  /** dpi and the boundary enforces: these operations would be dropped (the rest of the flow passes). */
  blocked: boolean;
}

export interface SimulationSummary {
  records: number;
  flows: number;
  local: number;
  intraZone: number;
  unenforced: number;
  outside: number;
  evaluated: number;
  blockedFlows: number;
  blockedRecords: number;
  wouldDenyFlows: number;
  unusedRules: number;
  readOnlyWrites: number;
  /** Read-only flows whose write operations the enforced policy would drop. */
  readOnlyBlocked: number;
}

export interface Simulation {
  summary: SimulationSummary;
  /** Flows an enforcement point would drop (write operations dropped by a read-only filter: `readOnly`). */
  blocked: SimulatedFlow[];
  /** Flows allowed only because their boundary is in monitor: each shows up as a would-deny log. */
  wouldDeny: SimulatedFlow[];
  /** Flows between two zones that no enforcement point joins: nothing filters them. */
  unenforced: FlowSummary[];
  /**
   * Flows with an end outside every zone network: the policy does not say which
   * device they cross, so they are not decided (any enforcement point they do
   * cross drops them: no rule can name an address outside the zones).
   */
  outside: FlowSummary[];
  /** Every allow rule of every enforcement point with the traffic it carried (records 0: unused). */
  rules: RuleUsage[];
  readOnly: ReadOnlyFinding[];
}

interface Acc {
  blocked: Map<ClassifiedFlow, Hit[]>;
  wouldDeny: Map<ClassifiedFlow, Hit[]>;
  /** Keyed by the IR's rule objects (unique per enforcement point). */
  usage: Map<Rule, RuleUsage>;
  /** Per allow rule, the flows with the most records so far (at most CARRIED_FLOWS_KEPT, unordered). */
  top: Map<Rule, ClassifiedFlow[]>;
  readOnly: { c: ClassifiedFlow; finding: ReadOnlyFinding }[];
}

/** Enforcement points whose interfaces join both zones (cached per zone pair), as conduit placement does. */
function pointsFor(deciders: Decider[], cache: Map<string, Map<string, Decider[]>>, a: string, b: string): Decider[] {
  let byB = cache.get(a);
  if (!byB) cache.set(a, (byB = new Map()));
  let eps = byB.get(b);
  if (!eps) {
    eps = deciders.filter((d) => d.ep.zones.some((z) => z.id === a) && d.ep.zones.some((z) => z.id === b));
    byB.set(b, eps);
  }
  return eps;
}

function hitOf(d: Decider, c: ClassifiedFlow, dec: Decision): Hit {
  return { enforcement: d.ep.id, boundary: boundaryLabel(c.srcZone, c.dstZone), rule: dec.rule.id, ruleNumber: dec.rule.number, kind: dec.rule.kind };
}

function push(map: Map<ClassifiedFlow, Hit[]>, c: ClassifiedFlow, hit: Hit): void {
  const list = map.get(c);
  if (list) list.push(hit);
  else map.set(c, [hit]);
}

/** A read-only filter's allowed operations as a set, made once per filter (not per flow). */
const allowedSets = new WeakMap<ReadOnlyFilter, ReadonlySet<number>>();
function allowedSet(ro: ReadOnlyFilter): ReadonlySet<number> {
  let set = allowedSets.get(ro);
  if (!set) allowedSets.set(ro, (set = new Set(ro.allowed)));
  return set;
}

function record(acc: Acc, d: Decider, c: ClassifiedFlow, dec: Decision): void {
  const f = c.flow;
  if (dec.action === 'deny') return push(acc.blocked, c, hitOf(d, c, dec));
  if (dec.rule.kind !== 'flow') return push(acc.wouldDeny, c, hitOf(d, c, dec));
  const u = acc.usage.get(dec.rule);
  if (u) {
    u.records += f.count; u.flows++; u.first = minTime(u.first, f.first); u.last = maxTime(u.last, f.last);
    const top = acc.top.get(dec.rule);
    if (top) keepTop(top, c);
    else acc.top.set(dec.rule, [c]);
  }
  const ro = dec.rule.readOnly;
  if (!ro || !f.ops) return;
  const allowed = allowedSet(ro);
  const writes = f.ops.filter((op) => !allowed.has(op));
  if (writes.length === 0) return;
  // evaluate.ts: a dpi rule denies an operation outside `allowed` in enforce, logs it in monitor
  const blocked = ro.mode === 'dpi' && dec.phase === 'enforce';
  acc.readOnly.push({
    c,
    finding: { ...flowSummary(c), enforcement: d.ep.id, boundary: boundaryLabel(c.srcZone, c.dstZone), rule: dec.rule.id, ruleNumber: dec.rule.number, writes, mode: ro.mode, blocked },
  });
}

function usageTable(ir: RuleIR): Map<Rule, RuleUsage> {
  const usage = new Map<Rule, RuleUsage>();
  for (const ep of ir.enforcement) {
    for (const r of ep.rules) {
      if (r.kind !== 'flow' || r.action !== 'allow') continue;
      usage.set(r, {
        enforcement: ep.id, rule: r.id, number: r.number, conduit: r.trace?.conduit ?? null,
        fromZone: r.fromZone ?? null, toZone: r.toZone ?? null, records: 0, flows: 0, first: NaN, last: NaN,
        carried: [], moreFlows: 0, moreRecords: 0,
      });
    }
  }
  return usage;
}

/**
 * Decides every observed flow with the compiled rule IR of every enforcement point
 * it crosses: the points whose interfaces join both of its zones, as conduit
 * placement does. Flows inside one zone and to broadcast/multicast addresses cross
 * no point; flows between zones that no point joins are unenforced, and flows with
 * an end outside every zone network are not placed: neither is ever "blocked".
 */
export function simulateFlows(ir: RuleIR, flows: readonly ClassifiedFlow[]): Simulation {
  const deciders = ir.enforcement.map(buildDecider);
  const cache = new Map<string, Map<string, Decider[]>>();
  const acc: Acc = { blocked: new Map(), wouldDeny: new Map(), usage: usageTable(ir), top: new Map(), readOnly: [] };
  const unenforced: ClassifiedFlow[] = [];
  const outside: ClassifiedFlow[] = [];
  const s: SimulationSummary = {
    records: 0, flows: flows.length, local: 0, intraZone: 0, unenforced: 0, outside: 0, evaluated: 0,
    blockedFlows: 0, blockedRecords: 0, wouldDenyFlows: 0, unusedRules: 0, readOnlyWrites: 0, readOnlyBlocked: 0,
  };
  for (const c of flows) {
    s.records += c.flow.count;
    if (c.local) { s.local++; continue; }
    if (isIntraZone(c)) { s.intraZone++; continue; }
    if (c.srcZone === undefined || c.dstZone === undefined) { outside.push(c); continue; }
    const eps = pointsFor(deciders, cache, c.srcZone, c.dstZone);
    if (eps.length === 0) { unenforced.push(c); continue; }
    s.evaluated++;
    const f = c.flow;
    for (const d of eps) record(acc, d, c, d.decide(c.srcZone, c.dstZone, f.src, f.dst, f.transport, f.dport, f.ops));
  }
  return finish(s, acc, unenforced, outside);
}

function finish(s: SimulationSummary, acc: Acc, unenforced: ClassifiedFlow[], outside: ClassifiedFlow[]): Simulation {
  const listed = (m: Map<ClassifiedFlow, Hit[]>) => sortByFlow([...m.keys()], (c) => c.flow).map((c) => {
    const f = flowSummary(c) as SimulatedFlow;
    f.hits = m.get(c)!.sort(compareHits);
    return f;
  });
  const blocked = listed(acc.blocked);
  const wouldDeny = listed(acc.wouldDeny);
  for (const [rule, top] of acc.top) {
    const u = acc.usage.get(rule)!;
    u.carried = top.sort(compareCarried).map(carriedFlow);
    u.moreFlows = u.flows - u.carried.length;
    u.moreRecords = u.records - u.carried.reduce((n, x) => n + x.count, 0);
  }
  const rules = [...acc.usage.values()].sort((a, b) => compareStrings(a.enforcement, b.enforcement) || a.number - b.number || compareStrings(a.rule, b.rule));
  const readOnly = acc.readOnly
    .sort((a, b) => compareStrings(a.finding.enforcement, b.finding.enforcement) || compareStrings(a.finding.rule, b.finding.rule) || compareFlows(a.c.flow, b.c.flow))
    .map((x) => x.finding);
  s.unenforced = unenforced.length;
  s.blockedFlows = blocked.length;
  s.blockedRecords = blocked.reduce((n, f) => n + f.count, 0);
  s.wouldDenyFlows = wouldDeny.length;
  s.unusedRules = rules.filter((r) => r.records === 0).length;
  s.readOnlyWrites = readOnly.length;
  s.readOnlyBlocked = readOnly.filter((f) => f.blocked).length;
  s.outside = outside.length;
  const sorted = (list: ClassifiedFlow[]) => sortByFlow(list, (c) => c.flow).map(flowSummary);
  return { summary: s, blocked, wouldDeny, rules, readOnly, unenforced: sorted(unenforced), outside: sorted(outside) };
}

/** More records first, then flow order: a total order, so the flows kept do not depend on the input order. */
function compareCarried(a: ClassifiedFlow, b: ClassifiedFlow): number {
  return b.flow.count - a.flow.count || compareFlows(a.flow, b.flow);
}

/** Keeps the CARRIED_FLOWS_KEPT strongest flows: a full list trades its weakest for a stronger one. */
function keepTop(top: ClassifiedFlow[], c: ClassifiedFlow): void {
  if (top.length < CARRIED_FLOWS_KEPT) {
    top.push(c);
    return;
  }
  let weakest = 0;
  for (let i = 1; i < top.length; i++) if (compareCarried(top[weakest], top[i]) < 0) weakest = i;
  if (compareCarried(c, top[weakest]) < 0) top[weakest] = c;
}

function carriedFlow(c: ClassifiedFlow): CarriedFlow {
  const f = c.flow;
  return { src: f.src.text, dst: f.dst.text, proto: f.transport, dport: f.dport, srcAsset: c.srcAsset ?? null, dstAsset: c.dstAsset ?? null, count: f.count, first: f.first, last: f.last };
}

function compareHits(a: Hit, b: Hit): number {
  return compareStrings(a.enforcement, b.enforcement) || compareStrings(a.rule, b.rule);
}
