import { codeInfo } from '../diagnostics/codes.js';
import type { ValidationRun } from './validationRun.js';
import { mdTable, mdText } from './markdownText.js';

/** `otpc validate --format markdown`: one table of diagnostics per file (a pull-request comment or job summary). */
export function formatDiagnosticsMarkdown(run: ValidationRun): string {
  const lines = ['# otpc validate', ''];
  for (const f of run.files) {
    const errors = f.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = f.diagnostics.filter((d) => d.severity === 'warning').length;
    lines.push(`## ${mdText(f.file)}`, '', errors > 0 ? `Invalid: ${errors} error(s), ${warnings} warning(s).` : `Valid${warnings > 0 ? ` with ${warnings} warning(s)` : ''}.`, '');
    if (f.diagnostics.length === 0) continue;
    lines.push(...mdTable(['line:col', 'severity', 'code', 'message', 'hint'], f.diagnostics.map((d) => {
      const info = codeInfo(d.code);
      return [d.range ? `${d.range.start.line}:${d.range.start.col}` : '-', d.severity, `${d.code}${info ? ` ${info.name}` : ''}`, mdText(d.message), mdText(d.hint ?? info?.hint ?? '')];
    })), '');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
