import type { Finding } from '../assess/types.js';
import { describeFlow } from '../model/describeFlow.js';
import type { Flow, Model } from '../model/types.js';
import { partsContain, partsOverlap, partsRemainder, sameParts } from '../optimize/ruleSpace.js';
import { RuleTable } from '../optimize/ruleTable.js';
import type { Slot } from '../optimize/ruleTable.js';
import type { EnforcementIR, RuleIR } from '../rules/types.js';

/**
 * OTPC751 shadowed and OTPC752 redundant flow rules, on the UNOPTIMISED rule IR (one
 * rule per conduit flow, so every finding names a flow of the policy):
 * - shadowed: the rules before it (same zones) together match every packet it
 *   matches, so it never decides anything; if some of them decide differently, the
 *   message says that its read-only filter or rate limit never applies. A rule that
 *   matches no address at all (a zone without networks) is shadowed by construction.
 * - redundant: not shadowed, but one other rule with the same action, filter and limit
 *   matches all its packets and more (so, by first match, a later one): removing it
 *   changes nothing. Of two identical rules only the second is reported (shadowed).
 * Decided with the packet-space algebra of the optimiser (src/optimize/ruleSpace.ts);
 * a coverage question whose remainder grows past its cap is left unanswered.
 */

/** What the analysis found for one flow rule of one enforcement point. */
export interface RuleCover {
  rule: string;
  code: 'OTPC751' | 'OTPC752';
  text: string;
  /** Controls of the rule that never apply (shadowed by rules that decide differently). */
  lost: string[];
}

/** Shadowed and redundant flow rules of one enforcement point, in rule order. */
export function classifyRules(ep: EnforcementIR): RuleCover[] {
  const table = new RuleTable(ep);
  const flowsOf = new Map<string, number[]>();
  table.slots.forEach((s, i) => { if (s?.rule.kind === 'flow') flowsOf.set(s.zone, [...(flowsOf.get(s.zone) ?? []), i]); });
  const out: { at: number; cover: RuleCover }[] = [];
  for (const positions of flowsOf.values()) {
    positions.forEach((j, k) => {
      const cover = examine(table, positions, j, k);
      if (cover) out.push({ at: j, cover });
    });
  }
  return out.sort((a, b) => a.at - b.at).map((x) => x.cover);
}

interface Hit { ep: string; text: string }

/** The findings, one per flow and code, naming every enforcement point where it holds. */
export function ruleCoverFindings(model: Model, ir: RuleIR): Finding[] {
  const flows = new Map<string, Flow>();
  for (const c of model.conduits.values()) for (const f of c.flows) flows.set(f.pointer, f);
  const hits = new Map<string, { code: string; flow: Flow; rule: string; lost: Set<string>; eps: Hit[] }>();
  for (const ep of ir.enforcement) {
    const rules = new Map(ep.rules.map((r) => [r.id, r]));
    for (const c of classifyRules(ep)) {
      const pointer = rules.get(c.rule)?.trace?.pointer;
      const flow = pointer === undefined ? undefined : flows.get(pointer);
      if (!flow) continue;
      const key = `${c.code} ${flow.pointer}`;
      const hit = hits.get(key) ?? { code: c.code, flow, rule: c.rule, lost: new Set<string>(), eps: [] };
      c.lost.forEach((l) => hit.lost.add(l));
      hit.eps.push({ ep: ep.id, text: c.text });
      hits.set(key, hit);
    }
  }
  return [...hits.values()].map((h) => ({
    code: h.code, severity: 'warning' as const, pointer: h.flow.pointer, devices: targets(h.flow, model),
    message: message(h.code, h.flow, h.rule, [...h.lost].sort(), h.eps),
  }));
}

function examine(table: RuleTable, positions: number[], j: number, k: number): RuleCover | undefined {
  const s = table.slots[j] as Slot;
  const rule = s.rule.id;
  if (s.parts.length === 0) {
    return { rule, code: 'OTPC751', text: 'it matches no address (an endpoint without addresses, e.g. a zone without networks)', lost: [] };
  }
  const earlier = positions.slice(0, k).map((i) => table.slots[i] as Slot).filter((e) => partsOverlap(e.parts, s.parts));
  const left = partsRemainder(s.parts, earlier.flatMap((e) => e.parts));
  if (left !== undefined && left.length === 0) {
    const differ = earlier.some((e) => e.decision !== s.decision);
    const text = `earlier ${ids(earlier)} already ${earlier.length === 1 ? 'decides' : 'decide'} all its packets`;
    return { rule, code: 'OTPC751', text, lost: differ ? lostControls(s) : [] };
  }
  const later = positions.slice(k + 1).map((i) => table.slots[i] as Slot)
    .find((o) => o.decision === s.decision && partsContain(o.parts, s.parts) && !sameParts(o.parts, s.parts));
  return later ? { rule, code: 'OTPC752', text: `rule ${later.rule.id} allows all its packets the same way`, lost: [] } : undefined;
}

function lostControls(s: Slot): string[] {
  const out: string[] = [];
  if (s.rule.readOnly?.mode === 'dpi') out.push('its read-only filter');
  if (s.rule.rateLimit) out.push('its rate limit');
  return out;
}

function ids(slots: Slot[]): string {
  const names = slots.map((s) => s.rule.id);
  const shown = names.length > 5 ? [...names.slice(0, 5), `${names.length - 5} more`] : names;
  return `${names.length === 1 ? 'rule' : 'rules'} ${shown.join(', ')}`;
}

function message(code: string, f: Flow, rule: string, lost: string[], eps: Hit[]): string {
  const where = eps.map((e) => `on ${e.ep}: ${e.text}`).join('; ');
  if (code === 'OTPC752') return `flow ${describeFlow(f)} (rule ${rule}) is redundant ${where}`;
  const never = lost.length > 0 ? `, so ${lost.join(' and ')} never ${lost.length === 1 ? 'applies' : 'apply'}` : '';
  return `flow ${describeFlow(f)} (rule ${rule}) can never match ${where}${never}`;
}

/** Assets the flow reaches (its destination assets, or the assets of its destination zones). */
function targets(f: Flow, model: Model): string[] {
  const out = new Set<string>();
  for (const e of f.to) {
    if (e.kind === 'asset') out.add(e.id);
    else for (const a of model.assets.values()) if (a.zone === e.id) out.add(a.id);
  }
  return [...out].sort();
}
