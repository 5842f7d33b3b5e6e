import type { Rule } from '../rules/types.js';
import { combineRules } from './combineRules.js';
import { unionRefs } from './unionRefs.js';
import { partsContain, sameParts, sameSet } from './ruleSpace.js';
import { mergeable, RuleTable } from './ruleTable.js';
import type { Slot } from './ruleTable.js';
import type { Pass } from './types.js';

/**
 * Drops a flow rule whose packets one other rule, deciding the same way, already
 * matches (exact duplicates first of all, and a flow for one asset next to the same
 * flow for its whole zone). The covering rule takes the dropped rule's trace.
 * - covered by an EARLIER rule: the dropped rule never decided a packet;
 * - covered by a LATER rule: its packets now fall through to that rule, which is safe
 *   only when no rule in between overlaps them and decides differently. Never for a
 *   rate-limited rule: its connections would move to the other rule's budget (nftables
 *   meters, ASA class-maps and FortiOS DoS policies count per rule).
 * Identical boxes are resolved in favour of the earlier rule, so a pass over a
 * duplicate pair always keeps the first.
 */
export const dropRedundantRules: Pass = {
  name: 'dropRedundantRules',
  description: 'drop rules another rule with the same decision already covers (duplicates, asset flow inside a zone flow)',
  fn(ep) {
    const table = new RuleTable(ep);
    let changed = false;
    table.slots.forEach((s, j) => {
      if (!mergeable(s)) return;
      const i = coverer(table, j, s);
      if (i === undefined) return;
      const c = table.slots[i] as Slot;
      const services = sameSet(c.box.svc, s.box.svc) ? unionRefs(c.rule.services, s.rule.services) : c.rule.services;
      table.slots[i] = { ...c, rule: combineRules(c.rule, s.rule, { src: c.rule.src, dst: c.rule.dst, services }) };
      table.slots[j] = null;
      changed = true;
    });
    return changed ? { ...ep, rules: table.rules() } : ep;
  },
};

function coverer(table: RuleTable, j: number, s: Slot): number | undefined {
  const candidates = table.positions(s.zone).filter((i) => {
    const c = table.slots[i];
    return i !== j && mergeable(c) && c.decision === s.decision && partsContain(c.parts, s.parts);
  });
  const earlier = candidates.find((i) => i < j);
  if (earlier !== undefined) return earlier;
  if (limited(s.rule)) return undefined;
  return candidates.find((i) => i > j && !sameParts((table.slots[i] as Slot).parts, s.parts) && table.clearBetween(j, i, s.zone, s.decision, s.parts));
}

function limited(rule: Rule): boolean {
  return rule.rateLimit !== undefined;
}
