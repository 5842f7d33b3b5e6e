import type { BaselineEntry } from '../baselineReport/types.js';
import type { ReportFinding } from './findingsOf.js';
import { mdTable, mdText } from './markdownText.js';
import type { ReportContext } from './types.js';

function row(f: ReportFinding | BaselineEntry): string[] {
  if (f.kind === 'requirement') return [f.device ?? '', f.requirement ?? '', 'level' in f ? f.level : (f.status ?? '')];
  return ['site', f.code ?? '', mdText(f.message ?? '')];
}

function table(title: string, items: (ReportFinding | BaselineEntry)[]): string[] {
  if (items.length === 0) return [];
  const body = mdTable(['device', 'requirement / code', 'status / finding'], items.map(row));
  // long lists fold away so the section stays readable in a pull-request comment
  if (items.length <= 20) return [`### ${title}`, '', ...body, ''];
  return [`### ${title}`, '', '<details>', `<summary>${items.length} findings</summary>`, '', ...body, '', '</details>', ''];
}

/** "Changes since the baseline" section of the Markdown report (empty without --baseline). */
export function markdownBaseline(ctx: ReportContext): string[] {
  const b = ctx.baseline;
  if (!b) return [];
  return [
    '## Changes since the baseline', '',
    `Compared with the report of ${mdText(b.site.id)} for ${b.date}: ${b.new.length} new, ${b.unchanged.length} unchanged, ${b.resolved.length} resolved. With a baseline the gate (--fail-on) fails only on new findings.`, '',
    ...table('New', b.new), ...table('Resolved', b.resolved),
  ];
}
