import { codeInfo } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticFails } from './validationRun.js';
import type { ValidationRun } from './validationRun.js';

export function diagnosticJson(d: Diagnostic) {
  const info = codeInfo(d.code);
  return {
    code: d.code, ...(info ? { name: info.name } : {}), severity: d.severity, message: d.message,
    ...(d.range ? { line: d.range.start.line, col: d.range.start.col, endLine: d.range.end.line, endCol: d.range.end.col } : {}),
    ...(d.pointer !== undefined ? { pointer: d.pointer } : {}),
    ...((d.hint ?? info?.hint) ? { hint: d.hint ?? info?.hint } : {}),
    ...(d.expected !== undefined ? { expected: d.expected } : {}),
    ...(d.actual !== undefined ? { actual: d.actual } : {}),
  };
}

/** `otpc validate --format json`: per file, valid or not and every diagnostic with its position. */
export function formatDiagnosticsJson(run: ValidationRun): string {
  const files = run.files.map((f) => ({
    file: f.file,
    valid: !f.diagnostics.some((d) => d.severity === 'error'),
    errors: f.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: f.diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics: f.diagnostics.map(diagnosticJson),
  }));
  const doc = {
    otpcValidate: 1,
    failOn: run.failOn,
    passed: !run.files.some((f) => f.diagnostics.some((d) => diagnosticFails(d, run.failOn))),
    files,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
