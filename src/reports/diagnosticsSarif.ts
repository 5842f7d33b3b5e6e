import { codeInfo } from '../diagnostics/codes.js';
import type { ValidationRun } from './validationRun.js';
import { sarifLog } from './sarifLog.js';
import type { SarifLevel, SarifRule } from './sarifLog.js';

const LEVEL: Record<string, SarifLevel> = { error: 'error', warning: 'warning', note: 'note' };

/** `otpc validate --format sarif`: one rule per diagnostic code, each result at its line. */
export function formatDiagnosticsSarif(run: ValidationRun): string {
  const all = run.files.flatMap((f) => f.diagnostics);
  const rules = [...new Set(all.map((d) => d.code))].sort().map((code): SarifRule => {
    const info = codeInfo(code);
    return { id: code, name: info?.name ?? code, shortDescription: info?.title ?? code, help: info?.hint, level: LEVEL[info?.severity ?? 'error'], tags: ['otpc'] };
  });
  return sarifLog({
    automationId: 'otpc-validate/',
    toolVersion: run.toolVersion,
    rules,
    files: run.files.map((f) => f.file),
    results: run.files.flatMap((f) => f.diagnostics.map((d) => {
      const hint = d.hint ?? codeInfo(d.code)?.hint;
      return {
        ruleId: d.code, level: LEVEL[d.severity], message: hint ? `${d.message}\nhint: ${hint}` : d.message,
        file: f.file, range: d.range, fingerprint: `${d.code}/${d.message}`,
      };
    })),
  });
}
