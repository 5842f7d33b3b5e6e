import type { ReportFinding } from '../reports/findingsOf.js';
import type { BaselineComparison, BaselineReport, BaselineState } from './types.js';

/** Waived rows do not take part: a waiver that lapses makes its gap new again. */
export function takesPart(f: Pick<ReportFinding, 'kind' | 'level'>): boolean {
  return f.kind === 'site' || f.level === 'gap' || f.level === 'partial';
}

/**
 * new: in this run, not in the baseline; unchanged: in both; resolved: in the
 * baseline only. Identity is findingId.ts's, so reordering the policy changes nothing.
 */
export function compareWithBaseline(findings: readonly ReportFinding[], baseline: BaselineReport): BaselineComparison {
  const before = new Set(baseline.entries.map((e) => e.id));
  const current = findings.filter(takesPart);
  const now = new Set(current.map((f) => f.id));
  const state = new Map<string, BaselineState>();
  for (const f of current) state.set(f.id, before.has(f.id) ? 'unchanged' : 'new');
  return {
    site: baseline.site,
    date: baseline.date,
    new: current.filter((f) => state.get(f.id) === 'new'),
    unchanged: current.filter((f) => state.get(f.id) === 'unchanged'),
    resolved: baseline.entries.filter((e) => !now.has(e.id)),
    state,
  };
}
