import { CRITICALITY_RANK, FRS } from '../model/types.js';
import type { Criticality, Model } from '../model/types.js';
import { boundaryPhaseKey } from '../rules/buildBoundaries.js';
import { compareStrings } from '../rules/compareStrings.js';
import type { RuleIR } from '../rules/types.js';

/** One zone boundary on one enforcement point: the unit of a phase-3 step. */
export interface BoundaryStep {
  enforcement: string;
  platform: string;
  /** "a|b", a < b (the IR's boundary id). */
  boundary: string;
  zones: [string, string];
  /** `boundaryPhases` key: "<ep-id>:<a>|<b>". */
  key: string;
  /** The higher criticality of the two zones. */
  criticality: Criticality;
  /** The higher SL-T of the two zones (its highest FR level). */
  slTarget: number;
}

/**
 * Every boundary of every enforcement point, in the order the enforce phase takes
 * them (DESIGN "Rollout phases", rollout.md phase 3: the most critical boundaries
 * first): higher criticality of the two zones first, then higher SL-T, then id.
 */
export function orderBoundaries(model: Model, ir: RuleIR): BoundaryStep[] {
  const zoneSl = (id: string) => {
    const z = model.zones.get(id);
    return z ? Math.max(...FRS.map((fr) => z.slTarget[fr])) : 0;
  };
  const crit = (id: string): Criticality => model.zones.get(id)?.criticality ?? 'low';
  const steps: BoundaryStep[] = [];
  for (const ep of ir.enforcement) {
    for (const b of ep.boundaries) {
      const [a, z] = b.zones;
      const criticality = CRITICALITY_RANK[crit(a)] >= CRITICALITY_RANK[crit(z)] ? crit(a) : crit(z);
      steps.push({
        enforcement: ep.id, platform: ep.platform, boundary: b.id, zones: [a, z], key: boundaryPhaseKey(ep.id, b.id),
        criticality, slTarget: Math.max(zoneSl(a), zoneSl(z)),
      });
    }
  }
  return steps.sort((x, y) => CRITICALITY_RANK[y.criticality] - CRITICALITY_RANK[x.criticality] || y.slTarget - x.slTarget || compareStrings(x.key, y.key));
}
