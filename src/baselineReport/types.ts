import type { ReportFinding } from '../reports/findingsOf.js';

/**
 * A finding of a previous JSON report (`otpc report --format json`), read back as a
 * baseline: the same identity (src/reports/findingId.ts) as the findings of the
 * current run, and what is needed to print it once it is resolved.
 */
export interface BaselineEntry {
  id: string;
  kind: 'requirement' | 'site';
  device?: string;
  requirement?: string;
  status?: string;
  code?: string;
  severity?: string;
  message?: string;
}

export interface BaselineReport {
  site: { id: string; name: string };
  /** The date the baseline report was assessed for. */
  date: string;
  /** Gap, partial and site findings, sorted by id, without duplicates. */
  entries: BaselineEntry[];
}

export type BaselineState = 'new' | 'unchanged';

/** The current findings against the baseline (only gaps, partial rows and site findings take part). */
export interface BaselineComparison {
  site: { id: string; name: string };
  date: string;
  new: ReportFinding[];
  unchanged: ReportFinding[];
  resolved: BaselineEntry[];
  /** Finding id -> its state, for the findings that take part. */
  state: Map<string, BaselineState>;
}
