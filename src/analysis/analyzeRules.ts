import type { Catalogs } from '../catalog/types.js';
import type { Finding } from '../assess/types.js';
import type { Model } from '../model/types.js';
import { compareStrings } from '../rules/compareStrings.js';
import type { RuleIR } from '../rules/types.js';
import { applyAcceptances } from './applyAcceptances.js';
import { broadZoneFindings } from './broadZoneFindings.js';
import { platformLimitFindings } from './platformLimitFindings.js';
import { purdueSpanFindings } from './purdueSpanFindings.js';
import { ruleCoverFindings } from './ruleCoverFindings.js';
import { upSlWithoutDmzFindings } from './upSlWithoutDmzFindings.js';
import { widePortFindings } from './widePortFindings.js';

export interface RuleAnalysisInput {
  model: Model;
  catalogs: Catalogs;
  /** The unoptimised rule IR: one rule per conduit flow, so rule findings name the policy's flows. */
  ir: RuleIR;
  /** The IR `compile` renders by default; platform limits are counted on it (default: `ir`). */
  optimized?: RuleIR;
}

/**
 * Policy and rule analysis (codes OTPC751-757), located at the flow, conduit or
 * enforcement point of the policy: shadowed and redundant rules, zone-wide industrial
 * flows, very wide raw port ranges, flows up the SL-T ladder across the DMZ line,
 * conduits that skip a Purdue level, and platform limits. Findings the policy accepts
 * become notes. Sorted by code, message, pointer (deterministic, whatever the list order).
 */
export function analyzeRules(input: RuleAnalysisInput): Finding[] {
  const { model, catalogs, ir } = input;
  const findings = [
    ...ruleCoverFindings(model, ir),
    ...broadZoneFindings(model, catalogs),
    ...widePortFindings(model),
    ...upSlWithoutDmzFindings(model),
    ...purdueSpanFindings(model),
    ...platformLimitFindings(model, catalogs, ir, input.optimized ?? ir),
  ];
  // message before pointer: a flow's pointer holds its YAML list index, so ordering by it
  // made reports change when flows were reordered (found by test/robustness/properties.test.ts)
  return applyAcceptances(findings, model).sort((a, b) => compareStrings(a.code, b.code) || compareStrings(a.message, b.message) || compareStrings(a.pointer, b.pointer));
}
