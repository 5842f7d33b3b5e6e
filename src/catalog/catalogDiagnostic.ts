import { CODES } from '../diagnostics/codes.js';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LocateFn } from './parseCatalogText.js';

/**
 * A located catalogue diagnostic. Catalogue files are read by the loader itself
 * (built-in files and --catalog files), so the loader resolves the position here
 * from the file's own node tree; the pointer is kept for tools.
 */
export function catalogDiagnostic(
  code: Code,
  file: string,
  pointer: string,
  message: string,
  locate?: LocateFn,
  atKey = false,
): Diagnostic {
  const range = locate?.(pointer, { key: atKey });
  return { code, severity: CODES[code].severity, message, file, pointer, ...(range ? { range } : {}) };
}
