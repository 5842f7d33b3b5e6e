import type { Assessment } from '../assess/types.js';
import type { BaselineComparison } from '../baselineReport/types.js';
import type { Catalogs } from '../catalog/types.js';
import type { Model, Placement } from '../model/types.js';
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { FailLevel } from './failLevel.js';

export interface ReportContext {
  model: Model;
  catalogs: Catalogs;
  placement: Placement;
  /** Display path of the policy, for located formats (SARIF, JUnit, GitHub annotations). */
  file: string;
  /** Resolves a JSON pointer in the policy to a position, for located formats. */
  locate?: (pointer: string) => SourceRange | undefined;
  /** The CI gate (--fail-on); formats that mark failures (JUnit, GitHub) follow it. Default 'gap'. */
  failOn?: FailLevel;
  /** Comparison with a previous JSON report (--baseline): the gate fails only on new findings. */
  baseline?: BaselineComparison;
  /** otpc version, for the SARIF tool descriptor (left out when absent, e.g. in golden tests). */
  toolVersion?: string;
}

/** A report as a sequence of pieces whose concatenation is the report's text. */
export type ReportChunks = Iterable<string> | AsyncIterable<string>;

/**
 * One function per output format (Spectral's Formatter shape). A formatter may return a
 * promise (the HTML report lays out its diagram with elkjs, which is promise-based);
 * callers always `await` the result, which changes nothing for the synchronous ones.
 *
 * A format whose text grows with the plant (json: ~40 kB per device) also has `chunks`:
 * the same text, byte for byte, as a sequence of pieces no larger than one device's, so
 * the CLI can write a 400 MB report without holding it (reportChunks.ts). Calling the
 * formatter itself still returns the whole text, for tests and library callers.
 */
export interface Formatter {
  (assessment: Assessment, ctx: ReportContext): string | Promise<string>;
  chunks?: (assessment: Assessment, ctx: ReportContext) => ReportChunks;
}
