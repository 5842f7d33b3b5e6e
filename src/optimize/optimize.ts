import type { EnforcementIR, RuleIR } from '../rules/types.js';
import { dropRedundantRules } from './dropRedundantRules.js';
import { groupAddresses } from './groupAddresses.js';
import { groupServices } from './groupServices.js';
import { mergeAddresses } from './mergeAddresses.js';
import { mergeRules } from './mergeRules.js';
import { pruneObjects } from './pruneObjects.js';
import type { Pass } from './types.js';

/**
 * The optimise stage (DESIGN "Architecture"): small named passes in a fixed order,
 * repeated until a whole round changes nothing (svgo style). Every pass keeps the
 * packets each enforcement point allows, and for every packet the filter and rate
 * limit that decide it (src/optimize/ruleSpace.ts); merged rules keep every member's
 * trace (Rule.merged), so trace.json still maps each rendered rule to its flows.
 *
 * Order: rule-level passes first (they compare packet sets, not names), then the
 * naming passes, then the clean-up.
 */
export const PASSES: readonly Pass[] = [dropRedundantRules, mergeRules, mergeAddresses, groupAddresses, groupServices, pruneObjects];

export interface OptimizeOptions {
  /** Passes to run, in this order (default PASSES). */
  passes?: readonly Pass[];
  /** Pass names to leave out. */
  disable?: readonly string[];
  /** Rounds before the driver stops even if something still changes (default 10; 2 suffice on every known input). */
  maxRounds?: number;
}

export function optimize(ir: RuleIR, options: OptimizeOptions = {}): RuleIR {
  return { ...ir, enforcement: ir.enforcement.map((ep) => optimizeEnforcement(ep, options)) };
}

export function optimizeEnforcement(ep: EnforcementIR, options: OptimizeOptions = {}): EnforcementIR {
  const disabled = new Set(options.disable ?? []);
  const passes = (options.passes ?? PASSES).filter((p) => !disabled.has(p.name));
  const max = options.maxRounds ?? 10;
  let current = ep;
  for (let round = 0; round < max; round++) {
    const start = current;
    for (const pass of passes) current = pass.fn(current);
    if (current === start) break;
  }
  return current;
}
