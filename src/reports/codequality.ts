import { createHash } from 'node:crypto';
import type { Assessment } from '../assess/types.js';
import { findingsOf } from './findingsOf.js';
import type { ReportFinding } from './findingsOf.js';
import { gateFails } from './gateFailures.js';
import { nestedJson, Preformatted, StreamedArray, valueChunks } from './jsonText.js';
import { chunkedFormatter } from './reportChunks.js';
import type { ReportContext } from './types.js';

const SEVERITY: Record<ReportFinding['level'], string> = { gap: 'major', partial: 'minor', waived: 'info', error: 'major', warning: 'minor', note: 'info' };

/**
 * GitLab Code Quality report (artifacts:reports:codequality): one issue per gap,
 * partly met and waived requirement row and per site finding, at its policy line.
 * GitLab compares the issues of a merge request with the target branch by
 * fingerprint, so the fingerprint is the finding's identity (findingId.ts), hashed.
 * An issue that fails the gate (--fail-on, new with --baseline) is "critical".
 */
export function* codequalityChunks(a: Assessment, ctx: ReportContext): Generator<string> {
  const path = ctx.file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const issue = (f: ReportFinding) => ({
    description: `${f.kind === 'requirement' ? `${f.summary}${f.title ? ` (${f.title})` : ''}: ` : `${f.code}: `}${f.message}`,
    check_name: f.requirement ?? f.code ?? 'otpc',
    fingerprint: createHash('sha256').update(`${a.site.id}\u0000${f.id}`).digest('hex'),
    severity: gateFails(f, ctx.failOn ?? 'gap', ctx.baseline) ? 'critical' : SEVERITY[f.level],
    location: { path, lines: { begin: ctx.locate?.(f.pointer)?.start.line ?? 1 } },
  });
  // one issue at a time (~400,000 at 10,000 assets), laid out at depth 1 of the top-level array
  function* issues(): Generator<Preformatted> {
    for (const f of findingsOf(a, ctx.catalogs)) yield new Preformatted(nestedJson(issue(f), 1)!);
  }
  yield* valueChunks(new StreamedArray(issues()), 0);
  yield '\n';
}

export const formatCodequality = chunkedFormatter(codequalityChunks);
