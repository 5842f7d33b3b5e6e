import { CODES, type Code } from '../diagnostics/codes.js';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';

/** A load diagnostic, already located (the loader knows positions before any pointer exists). */
export function loadDiagnostic(
  code: Code,
  file: string,
  start: SourcePosition,
  message: string,
  end: SourcePosition = start,
  pointer?: string,
): Diagnostic {
  const d: Diagnostic = { code, severity: CODES[code].severity, message, file, range: { start, end } };
  if (pointer !== undefined) d.pointer = pointer;
  return d;
}
