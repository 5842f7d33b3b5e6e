import { formatAddress } from '../../src/model/ip.js';
import { evaluate, indexIR } from '../../src/rules/evaluate.js';
import type { EnforcementIR, Packet, Rule, Verdict } from '../../src/rules/types.js';
import { buildCorpus } from '../support/packetCorpus.js';
import type { CorpusOptions } from '../support/packetCorpus.js';

/**
 * What the plant sees of a verdict: the action, whether it is logged, and the filter
 * and rate limit of the deciding rule (a packet moved to a rule with another limit
 * would be counted against another budget). The deciding rule's id may change under
 * optimisation; nothing else may.
 */
export function outcome(ep: EnforcementIR, v: Verdict, byId: Map<string, Rule> = new Map(ep.rules.map((r) => [r.id, r]))): string {
  const rule = byId.get(v.rule);
  return `${v.action} ${v.log} ${rule?.kind ?? 'implicit'} ${decisionText(rule)}`;
}

const decisionCache = new WeakMap<Rule, string>();

function decisionText(rule: Rule | undefined): string {
  if (!rule) return '';
  let text = decisionCache.get(rule);
  if (text === undefined) {
    text = JSON.stringify([rule.readOnly ?? null, rule.rateLimit ?? null]);
    decisionCache.set(rule, text);
  }
  return text;
}

export function show(p: Packet): string {
  return `${p.fromZone}>${p.toZone} ${formatAddress(p.family, p.src)} -> ${formatAddress(p.family, p.dst)} ${p.transport}/${p.dport}`
    + `${p.operation !== undefined ? ` op ${p.operation}` : ''}${p.established ? ' est' : ''}`;
}

/** Packets on which the two IRs disagree (first `limit`). */
export function differences(before: EnforcementIR, after: EnforcementIR, packets: Packet[], limit = 10): string[] {
  const ib = indexIR(before);
  const ia = indexIR(after);
  const rb = new Map(before.rules.map((r) => [r.id, r]));
  const ra = new Map(after.rules.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const p of packets) {
    const vb = evaluate(before, p, ib);
    const va = evaluate(after, p, ia);
    const ob = outcome(before, vb, rb);
    const oa = outcome(after, va, ra);
    if (ob !== oa) out.push(`${show(p)}: before ${ob} by ${vb.rule}, after ${oa} by ${va.rule}`);
    if (out.length >= limit) break;
  }
  return out;
}

/** The corpus of BOTH IRs (each IR's constants give its own boundary packets). */
export function bothCorpora(before: EnforcementIR, after: EnforcementIR, options: CorpusOptions = {}): Packet[] {
  return [...buildCorpus(before, options), ...buildCorpus(after, options)];
}

/** Every conduit flow the rules of an IR serve, "conduit#flowIndex", sorted. */
export function servedFlows(ep: EnforcementIR): string[] {
  const out = ep.rules.flatMap((r) => (r.merged ? r.merged.map((m) => m.trace) : [r.trace]))
    .filter((t) => t !== undefined).map((t) => `${t.conduit}#${t.flowIndex}`);
  return out.sort();
}

/** Every unoptimised rule id an IR's rules stand for, sorted. */
export function memberIds(ep: EnforcementIR): string[] {
  return ep.rules.flatMap((r) => (r.merged ? r.merged.map((m) => m.id) : [r.id])).sort();
}
