import type { Assessment } from '../assess/types.js';
import type { Catalogs } from '../catalog/types.js';
import type { Model, Placement } from '../model/types.js';
import type { SourceRange } from '../diagnostics/diagnostic.js';

export interface ReportContext {
  model: Model;
  catalogs: Catalogs;
  placement: Placement;
  /** Display path of the policy, for located formats (SARIF, JUnit, GitHub annotations). */
  file: string;
  /** Resolves a JSON pointer in the policy to a position, for located formats. */
  locate?: (pointer: string) => SourceRange | undefined;
}

/** One function per output format (Spectral's Formatter shape). */
export type Formatter = (assessment: Assessment, ctx: ReportContext) => string;
