import type { ReportFinding } from './findingsOf.js';

/**
 * The CI gate of `otpc report --fail-on`: a ladder from the most severe finding
 * down. "gap" fails on gaps (and on site findings of severity error), "partial"
 * also on partly met requirements, "warning" also on site findings of severity
 * warning; "never" only reports. Waived rows and notes never fail the gate.
 */
export const FAIL_LEVELS = ['gap', 'partial', 'warning', 'never'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

const LEVEL_RANK: Record<FailLevel, number> = { gap: 1, partial: 2, warning: 3, never: 0 };

export function isFailLevel(value: string): value is FailLevel {
  return (FAIL_LEVELS as readonly string[]).includes(value);
}

/** Position of a finding on the ladder: 1 gap/error, 2 partial, 3 warning, 0 never fails. */
export function findingRank(f: Pick<ReportFinding, 'level'>): number {
  switch (f.level) {
    case 'gap': case 'error': return 1;
    case 'partial': return 2;
    case 'warning': return 3;
    default: return 0;
  }
}

/** True when the finding is at or above the --fail-on level. */
export function failsAt(f: Pick<ReportFinding, 'level'>, level: FailLevel): boolean {
  const rank = findingRank(f);
  return rank > 0 && rank <= LEVEL_RANK[level];
}
