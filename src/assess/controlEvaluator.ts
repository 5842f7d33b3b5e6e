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
 *
 * A 10k-asset site asks about 10 million questions (assets x requirements x controls x
 * preconditions), so a lookup builds nothing: results are keyed by the catalogue's own
 * precondition objects, zone results live in one map per zone, the failure object is
 * made once and returned every time, and only the current asset's results are kept
 * (assess() takes one asset at a time; asking about another asset starts a fresh map,
 * so the result never depends on the order of the questions).
 */
export class ControlEvaluator {
  private readonly byZone = new Map<string, Map<Precondition, FailedPrecondition | null>>();
  private assetId: string | undefined;
  private byAsset = new Map<Precondition, FailedPrecondition | null>();

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

  private cacheFor(asset: Asset, p: Precondition): Map<Precondition, FailedPrecondition | null> {
    if (ZONE_PREDICATES.has(p.predicate)) {
      let zone = this.byZone.get(asset.zone);
      if (!zone) this.byZone.set(asset.zone, (zone = new Map()));
      return zone;
    }
    if (this.assetId !== asset.id) {
      this.assetId = asset.id;
      this.byAsset = new Map();
    }
    return this.byAsset;
  }

  private check(asset: Asset, p: Precondition): FailedPrecondition | null {
    const cache = this.cacheFor(asset, p);
    let outcome = cache.get(p);
    if (outcome === undefined) {
      const r = evaluatePredicate(this.facts, asset, p.predicate, p.args);
      outcome = r.holds ? null : { precondition: p, detail: r.detail };
      cache.set(p, outcome);
    }
    return outcome;
  }
}
