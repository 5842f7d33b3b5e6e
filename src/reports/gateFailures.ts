import type { BaselineComparison } from '../baselineReport/types.js';
import { failsAt } from './failLevel.js';
import type { FailLevel } from './failLevel.js';
import type { ReportFinding } from './findingsOf.js';

/**
 * The findings that fail the CI gate: at or above --fail-on and, with a baseline,
 * new relative to it. Every format that marks failures (JUnit, GitHub annotations)
 * and the exit code use this one function, so they always agree.
 */
export function gateFails(f: ReportFinding, failOn: FailLevel, baseline?: BaselineComparison): boolean {
  if (!failsAt(f, failOn)) return false;
  return baseline === undefined || baseline.state.get(f.id) === 'new';
}

export function gateFailures(findings: readonly ReportFinding[], failOn: FailLevel, baseline?: BaselineComparison): ReportFinding[] {
  return findings.filter((f) => gateFails(f, failOn, baseline));
}
