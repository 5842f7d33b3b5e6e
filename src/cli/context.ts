import type { Analysis, AnalysisDepth } from '../analyzePolicy.js';
import { analyzePolicy } from '../analyzePolicy.js';
import type { Finding } from '../assess/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, resolveDiagnostics, sortDiagnostics } from '../diagnostics/format.js';
import { UsageError } from './exitCodes.js';
import { readInputFile } from './io.js';
import type { Term } from './term.js';

export interface CommonOptions {
  catalog?: string[];
  date?: string;
  warnExpiring?: string;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function parseDate(value: string | undefined): string {
  if (value === undefined) return todayUtc();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== value) throw new UsageError(`--date ${value}: expected a calendar date YYYY-MM-DD`);
  return value;
}

export function parseNonNegativeInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,6}$/.test(value)) throw new UsageError(`${flag} ${value}: expected a whole number of days`);
  return Number(value);
}

/**
 * Read the policy and the user catalogues and run load → assess, or only as far as
 * `through` (what the command prints needs); read errors become diagnostics.
 */
export function analyzeFile(file: string, opts: CommonOptions, through: AnalysisDepth = 'assessment'): Analysis {
  const diagnostics: Diagnostic[] = [];
  const catalogFiles: { file: string; text: string }[] = [];
  for (const c of opts.catalog ?? []) {
    const r = readInputFile(c);
    if (!r.ok) diagnostics.push(r.diagnostic);
    else catalogFiles.push({ file: c, text: Buffer.from(r.bytes).toString('utf8') });
  }
  const input = readInputFile(file);
  if (!input.ok) diagnostics.push(input.diagnostic);
  if (diagnostics.length > 0) return { diagnostics };
  return analyzePolicy({
    text: (input as { bytes: Uint8Array }).bytes, file, catalogFiles,
    today: parseDate(opts.date), warnExpiringDays: parseNonNegativeInt('--warn-expiring', opts.warnExpiring, 30),
  }, { through });
}

/** The code of an unexpected failure that a stage caught and returned as a diagnostic (a bug in otpc). */
export const INTERNAL_CODE = 'OTPC999';

/** Set when printDiagnostics prints an OTPC999 in the current run; read (and reset) by the runner. */
let internalErrorPrinted = false;

/**
 * Whether an internal error (OTPC999) was printed since the last call, then reset. The
 * runner (action.ts) calls it before and after every command: a command that printed one
 * exits 3 (internal error), whatever it returned, as if the failure had been thrown.
 */
export function takeInternalErrorPrinted(): boolean {
  const printed = internalErrorPrinted;
  internalErrorPrinted = false;
  return printed;
}

/**
 * One diagnostic for stderr. An OTPC999 reads as the internal error it is, like a thrown
 * one (main.ts): `FILE: internal error OTPC999: message` and the hint to report the bug.
 */
function formatForStderr(d: Diagnostic, sourceMap: Analysis['sourceMap'], color: boolean): string {
  if (d.code !== INTERNAL_CODE) return formatDiagnostic(d, sourceMap, { color });
  const text = formatDiagnostic(d, sourceMap, { color: false });
  const at = text.indexOf(`: ${d.severity} ${INTERNAL_CODE}: `);
  return at < 0 ? text : `${text.slice(0, at)}: internal error ${text.slice(at + d.severity.length + 3)}`;
}

/** Print every diagnostic as FILE:LINE:COL: severity CODE: message, with its hint, to stderr. */
/** Site and rule findings as diagnostics of the policy file, located by their pointers when printed. */
export function findingsAsDiagnostics(findings: readonly Finding[], file: string): Diagnostic[] {
  return findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, file, pointer: f.pointer }));
}

/** The analysis' diagnostics and `extra`, located by the source map and in print order. */
export function locatedDiagnostics(analysis: Pick<Analysis, 'diagnostics' | 'sourceMap'>, extra: Diagnostic[] = []): Diagnostic[] {
  const merged = [...analysis.diagnostics, ...extra];
  return sortDiagnostics(analysis.sourceMap ? resolveDiagnostics(merged, analysis.sourceMap) : merged);
}

/** Prints diagnostics to stderr; returns them located and sorted, as printed. */
export function printDiagnostics(analysis: Pick<Analysis, 'diagnostics' | 'sourceMap'>, term: Term, extra: Diagnostic[] = []): Diagnostic[] {
  const all = locatedDiagnostics(analysis, extra);
  for (const d of all) {
    if (d.code === INTERNAL_CODE) internalErrorPrinted = true;
    process.stderr.write(`${formatForStderr(d, analysis.sourceMap, term.color)}\n`);
  }
  return all;
}

export const hasErrors = (diags: readonly Diagnostic[]) => diags.some((d) => d.severity === 'error');
