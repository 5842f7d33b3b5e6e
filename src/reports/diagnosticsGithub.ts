import { codeInfo } from '../diagnostics/codes.js';
import type { ValidationRun } from './validationRun.js';
import { githubCommand } from './githubCommand.js';
import type { GithubLevel } from './githubCommand.js';

const LEVEL: Record<string, GithubLevel> = { error: 'error', warning: 'warning', note: 'notice' };
const RANK: Record<GithubLevel, number> = { error: 0, warning: 1, notice: 2 };

/**
 * `otpc validate --format github`: one annotation per diagnostic at its line, errors
 * first (GitHub shows only the first 10 errors and 10 warnings of a step), then a
 * plain summary line.
 */
export function formatDiagnosticsGithub(run: ValidationRun): string {
  const all = run.files.flatMap((f) => f.diagnostics.map((d) => ({ f, d })));
  const ordered = all.map((x, i) => ({ ...x, i })).sort((x, y) => RANK[LEVEL[x.d.severity]] - RANK[LEVEL[y.d.severity]] || x.i - y.i);
  const lines = ordered.map(({ f, d }) => {
    const info = codeInfo(d.code);
    const hint = d.hint ?? info?.hint;
    return githubCommand(LEVEL[d.severity], { file: f.file, range: d.range, title: `otpc ${d.code}${info ? ` ${info.name}` : ''}` }, hint ? `${d.message}\nhint: ${hint}` : d.message);
  });
  const errors = all.filter((x) => x.d.severity === 'error').length;
  const warnings = all.filter((x) => x.d.severity === 'warning').length;
  const invalid = run.files.filter((f) => f.diagnostics.some((d) => d.severity === 'error')).length;
  lines.push(`otpc validate: ${run.files.length} file(s), ${invalid} invalid; ${errors} error(s), ${warnings} warning(s)`);
  return `${lines.join('\n')}\n`;
}
