import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** What `otpc validate` checked: each file with its diagnostics, located (range filled) and sorted. */
export interface ValidationRun {
  files: { file: string; diagnostics: Diagnostic[] }[];
  /** validate --fail-on: error (default) or warning. */
  failOn: 'error' | 'warning';
  toolVersion?: string;
}

/** True when the diagnostic fails `otpc validate` at this --fail-on level. */
export function diagnosticFails(d: Diagnostic, failOn: ValidationRun['failOn']): boolean {
  return d.severity === 'error' || (failOn === 'warning' && d.severity === 'warning');
}
