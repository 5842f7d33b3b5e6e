import { CODES, type Code } from '../diagnostics/codes.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { LocatePreference, SourceMap } from '../diagnostics/sourceMap.js';

/** A finding of a validation check before it is located: code, pointer, words. */
export interface Issue {
  code: Code;
  pointer: string;
  message: string;
  /** Locate at the key (unknown keys, bad ids, missing keys) rather than the value. */
  at?: LocatePreference;
  hint?: string;
  severity?: Severity;
}

/** Collects issues; every check module takes one of these. */
export class Issues {
  readonly list: Issue[] = [];

  add(code: Code, pointer: string, message: string, extra: Partial<Pick<Issue, 'at' | 'hint' | 'severity'>> = {}): void {
    this.list.push({ code, pointer, message, ...extra });
  }

  hasErrors(): boolean {
    return this.list.some((i) => (i.severity ?? CODES[i.code].severity) === 'error');
  }
}

/** Turns issues into diagnostics located through the loader's source map. */
export function toDiagnostics(issues: readonly Issue[], file: string, sourceMap: SourceMap): Diagnostic[] {
  return issues.map((i) => {
    const d: Diagnostic = { code: i.code, severity: i.severity ?? CODES[i.code].severity, message: i.message, file, pointer: i.pointer };
    const range = sourceMap.locate(i.pointer, i.at ?? 'value');
    if (range) d.range = range;
    if (i.hint) d.hint = i.hint;
    return d;
  });
}
