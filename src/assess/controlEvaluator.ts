import type { Control, Precondition } from '../catalog/types.js';
import type { Asset } from '../model/types.js';
import { evaluatePredicate, ZONE_PREDICATES } from './predicates.js';
import type { SiteFacts } from './siteFacts.js';

export interface FailedPrecondition {
  precondition: Precondition;
  detail?: string;
}

/**
 * Evaluates preconditions with caching: predicates that depend only on the zone are
 * computed once per zone, the rest once per asset.
 */
export class ControlEvaluator {
  private readonly cache = new Map<string, FailedPrecondition | null>();

  constructor(private readonly facts: SiteFacts) {}

  /** The first precondition that does not hold, or null when all hold. */
  firstFailure(asset: Asset, preconditions: readonly Precondition[] | undefined): FailedPrecondition | null {
    for (const p of preconditions ?? []) {
      const failed = this.check(asset, p);
      if (failed) return failed;
    }
    return null;
  }

  controlFailure(asset: Asset, control: Control): FailedPrecondition | null {
    return this.firstFailure(asset, control.preconditions);
  }

  private check(asset: Asset, p: Precondition): FailedPrecondition | null {
    const scope = ZONE_PREDICATES.has(p.predicate) ? `z:${asset.zone}` : `a:${asset.id}`;
    const key = `${scope}\u0000${p.predicate}\u0000${JSON.stringify(p.args ?? {})}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit ? { precondition: p, detail: hit.detail } : null;
    const r = evaluatePredicate(this.facts, asset, p.predicate, p.args);
    const value = r.holds ? null : { precondition: p, detail: r.detail };
    this.cache.set(key, value);
    return value;
  }
}
