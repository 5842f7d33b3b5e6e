import { combineRules } from './combineRules.js';
import { unionRefs } from './unionRefs.js';
import { setKey, union } from './ruleSpace.js';
import type { Box } from './ruleSpace.js';
import { mergeable, RuleTable, slotOf } from './ruleTable.js';
import type { Slot } from './ruleTable.js';
import type { Pass } from './types.js';

type Dim = 'src' | 'dst' | 'services';
const DIMS: readonly Dim[] = ['src', 'dst', 'services'];
const AXIS: Record<Dim, keyof Box> = { src: 'src', dst: 'dst', services: 'svc' };

/**
 * Merges flow rules that differ in one dimension only: same zones, action, log,
 * read-only filter, and the same packets in two of source, destination and service
 * (compared as address and port sets, not as references), so the union of the third
 * is exactly the union of the two rules. Dimensions are tried in a fixed order
 * (source, destination, service) until no merge is left.
 *
 * First match makes the place matter. The merged rule sits where one of the two was:
 * at the earlier position when no rule in between overlaps the later rule's packets
 * and decides differently, else at the later one under the same test for the earlier
 * rule's packets, else the rules stay apart. Rate-limited rules are never merged:
 * a limit counts per rule (nftables meter, ASA class-map, FortiOS DoS policy), so a
 * merge would make two flows share one budget.
 */
export const mergeRules: Pass = {
  name: 'mergeRules',
  description: 'merge rules that differ in one of source, destination, service where rule order allows it',
  fn(ep) {
    const table = new RuleTable(ep);
    let changed = false;
    for (let progress = true; progress;) {
      progress = false;
      for (const dim of DIMS) if (mergeOn(table, dim)) progress = changed = true;
    }
    return changed ? { ...ep, rules: table.rules() } : ep;
  },
};

function eligible(s: Slot | null): s is Slot {
  return mergeable(s) && s.rule.rateLimit === undefined;
}

function bucketKey(s: Slot, dim: Dim): string {
  const others = DIMS.filter((d) => d !== dim).map((d) => setKey(s.box[AXIS[d]]));
  return [s.zone, s.decision, ...others].join('|');
}

function mergeOn(table: RuleTable, dim: Dim): boolean {
  const buckets = new Map<string, number[]>();
  table.slots.forEach((s, i) => {
    if (!eligible(s)) return;
    const key = bucketKey(s, dim);
    buckets.set(key, [...(buckets.get(key) ?? []), i]);
  });
  let merged = false;
  for (const positions of buckets.values()) {
    const heads: number[] = [];
    for (const j of positions) {
      let k = 0;
      while (k < heads.length && tryMerge(table, heads[k], j, dim) === undefined) k++;
      if (k === heads.length) {
        heads.push(j);
        continue;
      }
      merged = true;
      // The merged rule went to the later position: that is the head from now on.
      if (table.slots[heads[k]] === null) heads[k] = j;
    }
  }
  return merged;
}

/** Merges slot j into slot h (h < j) if order allows; returns where the merged rule went. */
function tryMerge(table: RuleTable, h: number, j: number, dim: Dim): number | undefined {
  const a = table.slots[h] as Slot;
  const b = table.slots[j] as Slot;
  const at = table.clearBetween(h, j, a.zone, a.decision, b.parts) ? h
    : table.clearBetween(h, j, a.zone, a.decision, a.parts) ? j : undefined;
  if (at === undefined) return undefined;
  const axis = AXIS[dim];
  const box: Box = { ...a.box, [axis]: union(a.box[axis], b.box[axis]) };
  const match = {
    src: unionRefs(a.rule.src, b.rule.src),
    dst: unionRefs(a.rule.dst, b.rule.dst),
    services: unionRefs(a.rule.services, b.rule.services),
  };
  table.slots[at] = slotOf(combineRules(a.rule, b.rule, match), box);
  table.slots[at === h ? j : h] = null;
  return at;
}

