import type { EnforcementIR } from '../rules/types.js';

/**
 * One optimiser pass (svgo style): a name and a pure function over one enforcement
 * point. A pass returns its input object itself when it changes nothing; that is how
 * the driver sees a fixed point. A pass never mutates its input and must be
 * idempotent (the tests run every pass twice).
 */
export interface Pass {
  name: string;
  /** One line for --help-like listings and the docs. */
  description: string;
  fn: (ep: EnforcementIR) => EnforcementIR;
}
