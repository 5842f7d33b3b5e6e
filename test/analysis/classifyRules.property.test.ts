import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyRules } from '../../src/analysis/ruleCoverFindings.js';
import { decisionKey } from '../../src/optimize/ruleSpace.js';
import { indexIR, ruleMatches } from '../../src/rules/evaluate.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { denseIRArb, exhaustivePackets } from '../optimize/denseIR.js';

/**
 * Shadowed (OTPC751) and redundant (OTPC752) rules against brute force on the dense
 * universe, where every distinct packet is enumerated: a rule is shadowed exactly when
 * no packet reaches it first; redundant exactly when it is not shadowed and one other
 * rule with the same decision matches a strict superset of its packets.
 */
function bruteForce(ep: EnforcementIR, packets: ReturnType<typeof exhaustivePackets>): Map<string, string> {
  const idx = indexIR(ep);
  const flows = ep.rules.filter((r) => r.kind === 'flow');
  const matches = new Map(flows.map((r) => [r.id, new Set<number>()]));
  const first = new Set<string>();
  packets.forEach((p, i) => {
    const hit = ep.rules.find((r) => ruleMatches(r, p, idx));
    if (hit) first.add(hit.id);
    for (const r of flows) if (ruleMatches(r, p, idx)) matches.get(r.id)!.add(i);
  });
  const out = new Map<string, string>();
  for (const r of flows) {
    if (!first.has(r.id)) { out.set(r.id, 'OTPC751'); continue; }
    const mine = matches.get(r.id)!;
    const covered = flows.some((o) => o !== r && decisionKey(o) === decisionKey(r) && matches.get(o.id)!.size > mine.size && [...mine].every((i) => matches.get(o.id)!.has(i)));
    if (covered) out.set(r.id, 'OTPC752');
  }
  return out;
}

describe('classifyRules', () => {
  const packets = exhaustivePackets().filter((p) => p.operation === undefined);

  it('agrees with brute force on dense random rule lists', () => {
    fc.assert(fc.property(denseIRArb, (ep) => {
      const got = new Map(classifyRules(ep).map((c) => [c.rule, c.code as string]));
      expect(got).toEqual(bruteForce(ep, packets));
    }), { numRuns: 120, seed: 2718 });
  });
});
