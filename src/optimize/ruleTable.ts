import { indexIR } from '../rules/evaluate.js';
import type { EnforcementIR, Rule } from '../rules/types.js';
import { decisionKey, familyParts, partsOverlap, ruleBox, zoneKey } from './ruleSpace.js';
import type { Box } from './ruleSpace.js';

/** A rule with its packet box, zone pair and decision key, at a fixed list position. */
export interface Slot {
  rule: Rule;
  /** The rule's match as one box (for set keys and exact one-dimension unions). */
  box: Box;
  /** The same split by address family: the exact packet set (comparisons use these). */
  parts: Box[];
  zone: string;
  decision: string;
}

/**
 * The rule list of one enforcement point while a pass rewrites it. Positions never
 * move: a merge fills one slot and empties the other, so "the rules between two
 * positions" keeps its meaning during the whole pass.
 *
 * The one safety question every rule pass asks (first match): may the packets of a box
 * be decided at position `a` instead of position `b`? Only if no live rule strictly
 * between them, for the same zone pair, overlaps the box and decides differently; a
 * rule that decides the same way would give those packets the same verdict, filter
 * and limit anyway.
 */
export class RuleTable {
  readonly slots: (Slot | null)[];
  private readonly byZone = new Map<string, number[]>();

  constructor(ep: EnforcementIR) {
    const idx = indexIR(ep);
    this.slots = ep.rules.map((rule) => slotOf(rule, ruleBox(rule, idx)));
    this.slots.forEach((s, i) => {
      if (!s) return;
      const list = this.byZone.get(s.zone) ?? [];
      list.push(i);
      this.byZone.set(s.zone, list);
    });
  }

  /** Live positions of a zone pair (ascending). */
  positions(zone: string): number[] {
    return (this.byZone.get(zone) ?? []).filter((i) => this.slots[i] !== null);
  }

  /** True when moving the packets `parts` (deciding as `decision`) between positions lo < hi changes no verdict. */
  clearBetween(lo: number, hi: number, zone: string, decision: string, parts: readonly Box[]): boolean {
    for (const key of [zone, '*']) {
      const list = this.byZone.get(key) ?? [];
      for (let k = firstAbove(list, lo); k < list.length && list[k] < hi; k++) {
        const s = this.slots[list[k]];
        if (s && s.decision !== decision && partsOverlap(s.parts, parts)) return false;
      }
    }
    return true;
  }

  rules(): Rule[] {
    return this.slots.filter((s): s is Slot => s !== null).map((s) => s.rule);
  }
}

/** A slot for a rule whose match is `box`. */
export function slotOf(rule: Rule, box: Box): Slot {
  return { rule, box, parts: familyParts(box), zone: zoneKey(rule), decision: decisionKey(rule) };
}

/** Flow rules that match something: the only rules the rule passes touch. */
export function mergeable(s: Slot | null): s is Slot {
  return s !== null && s.rule.kind === 'flow' && s.parts.length > 0;
}

function firstAbove(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
