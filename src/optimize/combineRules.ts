import type { MergedRule, Rule } from '../rules/types.js';

/** The unoptimised rules a rule stands for (itself when it is not a merge). */
export function membersOf(rule: Rule): MergedRule[] {
  if (rule.merged) return rule.merged.map((m) => ({ ...m }));
  return [{ id: rule.id, number: rule.number, comment: rule.comment, ...(rule.trace ? { trace: rule.trace } : {}) }];
}

/**
 * "merged with a.2, b.1: <comment of a.1> | <comment of a.2> | <comment of b.1>". The
 * backends put the rule id (the smallest member) in front and cut the text to their
 * limit; the ids come first so even a 100-character IOS/ASA remark names every member,
 * and trace.json keeps each member's full comment and trace.
 */
export function mergedComment(members: readonly MergedRule[]): string {
  const others = members.slice(1).map((m) => m.id);
  return `merged with ${others.join(', ')}: ${members.map((m) => m.comment).join(' | ')}`;
}

/**
 * One rule standing for `a` and `b`, which the caller has proved to decide the same way
 * (same zones, action, log, filter and limit) and whose union is exactly `match`. It
 * keeps the smallest-numbered member's id, number and trace (FortiOS policy ids stay
 * unique and stable), and lists every member in `merged`.
 */
export function combineRules(a: Rule, b: Rule, match: Pick<Rule, 'src' | 'dst' | 'services'>): Rule {
  const members = [...membersOf(a), ...membersOf(b)].sort((x, y) => x.number - y.number);
  const first = members[0];
  const out: Rule = {
    id: first.id,
    number: first.number,
    kind: a.kind,
    ...(a.fromZone !== undefined ? { fromZone: a.fromZone } : {}),
    ...(a.toZone !== undefined ? { toZone: a.toZone } : {}),
    action: a.action,
    log: a.log,
    src: [...match.src],
    dst: [...match.dst],
    services: [...match.services],
    comment: mergedComment(members),
  };
  if (first.trace) out.trace = first.trace;
  if (a.readOnly) out.readOnly = a.readOnly;
  if (a.rateLimit) out.rateLimit = a.rateLimit;
  out.merged = members;
  return out;
}
