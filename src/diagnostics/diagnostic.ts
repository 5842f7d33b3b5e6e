/**
 * One diagnostic shape for every stage (load, validate, assess, compile, baseline).
 * A diagnostic carries a JSON pointer into the policy document; the CLI maps the
 * pointer to a line:column through the loader's source map only when printing
 * (positions live in a side table, never inside the data).
 */
export type Severity = 'error' | 'warning' | 'note';

export interface SourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units, as editors count). */
  col: number;
}

export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

export interface Diagnostic {
  /** Stable code from codes.ts, e.g. "OTPC301". Never reused once published. */
  code: string;
  severity: Severity;
  message: string;
  /** Display path of the file the diagnostic belongs to (as given on the command line). */
  file: string;
  /** RFC 6901 JSON pointer into the document ("" is the root). */
  pointer?: string;
  /** Resolved position; filled by the loader for load errors, by `locate()` otherwise. */
  range?: SourceRange;
  /** What to do about it: one sentence. Defaults to the hint in the codes table. */
  hint?: string;
  expected?: string;
  actual?: string;
}
