import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadPolicy } from '../../src/load/loadPolicy.js';
import { validatePolicy, type ValidateResult } from '../../src/validate/validatePolicy.js';
import { testCatalogs, TODAY, VALID_POLICY } from './fixtures.js';

export function validate(text: string, today = TODAY, warnExpiringDays?: number): ValidateResult {
  return validatePolicy(loadPolicy(text, 'p.yaml'), testCatalogs(), { today, warnExpiringDays });
}

/** VALID_POLICY with each [from, to] replacement applied once (throws when `from` is absent, so tests cannot rot). */
export function mutate(...edits: [string, string][]): string {
  let text = VALID_POLICY;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

export const brief = (d: Diagnostic) => ({ code: d.code, pointer: d.pointer, severity: d.severity });
export const at = (d: Diagnostic) => `${d.code}@${d.range?.start.line}:${d.range?.start.col}`;
