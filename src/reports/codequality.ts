import { createHash } from 'node:crypto';
import type { Assessment } from '../assess/types.js';
import { findingsOf } from './findingsOf.js';
import type { ReportFinding } from './findingsOf.js';
import { gateFails } from './gateFailures.js';
import type { ReportContext } from './types.js';

const SEVERITY: Record<ReportFinding['level'], string> = { gap: 'major', partial: 'minor', waived: 'info', error: 'major', warning: 'minor', note: 'info' };

/**
 * GitLab Code Quality report (artifacts:reports:codequality): one issue per gap,
 * partly met and waived requirement row and per site finding, at its policy line.
 * GitLab compares the issues of a merge request with the target branch by
 * fingerprint, so the fingerprint is the finding's identity (findingId.ts), hashed.
 * An issue that fails the gate (--fail-on, new with --baseline) is "critical".
 */
export function formatCodequality(a: Assessment, ctx: ReportContext): string {
  const path = ctx.file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const issues = findingsOf(a, ctx.catalogs).map((f) => ({
    description: `${f.kind === 'requirement' ? `${f.summary}${f.title ? ` (${f.title})` : ''}: ` : `${f.code}: `}${f.message}`,
    check_name: f.requirement ?? f.code ?? 'otpc',
    fingerprint: createHash('sha256').update(`${a.site.id}\u0000${f.id}`).digest('hex'),
    severity: gateFails(f, ctx.failOn ?? 'gap', ctx.baseline) ? 'critical' : SEVERITY[f.level],
    location: { path, lines: { begin: ctx.locate?.(f.pointer)?.start.line ?? 1 } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
