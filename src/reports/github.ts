import type { Assessment } from '../assess/types.js';
import { codeInfo } from '../diagnostics/codes.js';
import { findingsOf } from './findingsOf.js';
import type { ReportFinding } from './findingsOf.js';
import { gateFails } from './gateFailures.js';
import { githubCommand } from './githubCommand.js';
import type { GithubLevel } from './githubCommand.js';
import type { ReportContext } from './types.js';
import { waiverList } from './waiverList.js';

interface Annotation {
  level: GithubLevel;
  pointer: string;
  title: string;
  message: string;
}

const RANK: Record<GithubLevel, number> = { error: 0, warning: 1, notice: 2 };

function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a device annotation lists: the new findings with a baseline, else every gap and partial row. */
function deviceAnnotation(device: string, own: ReportFinding[], ctx: ReportContext): Annotation | undefined {
  const failOn = ctx.failOn ?? 'gap';
  const open = own.filter((f) => f.level === 'gap' || f.level === 'partial');
  const shown = ctx.baseline ? open.filter((f) => ctx.baseline!.state.get(f.id) === 'new') : open;
  if (shown.length === 0) return undefined;
  const gaps = shown.filter((f) => f.level === 'gap').length;
  const partial = shown.length - gaps;
  const known = open.length - shown.length;
  const what = [gaps > 0 ? counted(gaps, 'gap') : '', partial > 0 ? `${partial} partly met` : ''].filter(Boolean).join(', ');
  const lines = shown.map((f) => `${f.requirement} ${f.level}${f.title ? `: ${f.title}` : ''}`);
  if (known > 0) lines.push(`(${counted(known, 'other finding')} unchanged since the baseline of ${ctx.baseline!.date})`);
  return {
    level: shown.some((f) => gateFails(f, failOn, ctx.baseline)) ? 'error' : 'warning',
    pointer: ctx.model.assets.get(device)?.pointer ?? '',
    title: `otpc: ${device} (zone ${own[0].zone}): ${what}${ctx.baseline ? ' new since the baseline' : ''}`,
    message: lines.join('\n'),
  };
}

function siteAnnotation(f: ReportFinding, ctx: ReportContext): Annotation | undefined {
  if (ctx.baseline && ctx.baseline.state.get(f.id) !== 'new') return undefined;
  const info = codeInfo(f.code ?? '');
  const level: GithubLevel = gateFails(f, ctx.failOn ?? 'gap', ctx.baseline) ? 'error' : f.level === 'note' ? 'notice' : 'warning';
  return { level, pointer: f.pointer, title: `otpc ${f.code}${info ? ` ${info.name}` : ''}`, message: info ? `${f.message}\nhint: ${info.hint}` : f.message };
}

function summaryLine(a: Assessment, findings: readonly ReportFinding[], ctx: ReportContext): string {
  const failOn = ctx.failOn ?? 'gap';
  const failing = findings.filter((f) => gateFails(f, failOn, ctx.baseline)).length;
  const b = ctx.baseline;
  const base = b ? `; against the baseline of ${b.date}: ${b.new.length} new, ${b.unchanged.length} unchanged, ${b.resolved.length} resolved` : '';
  return `otpc: ${a.site.id} on ${a.date}: ${a.summary.gap} gap, ${a.summary.partial} partial, ${a.summary.waived} waived, ${counted(findings.filter((f) => f.kind === 'site').length, 'site finding')}${base}; --fail-on ${failOn}: ${failing} failing`;
}

/**
 * GitHub Actions workflow-command annotations. GitHub shows at most 10 error and
 * 10 warning annotations per step (and 50 per job), so findings are grouped: one
 * annotation per device at its asset line listing its gaps and partly met
 * requirements (only the new ones with --baseline), one per site finding, one
 * notice per waiver with its expiry; errors first so the gate's reasons are the
 * ones shown. A plain summary line ends the output.
 */
export function formatGithub(a: Assessment, ctx: ReportContext): string {
  const findings = findingsOf(a, ctx.catalogs);
  const byDevice = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    if (f.device === undefined) continue;
    const own = byDevice.get(f.device);
    if (own) own.push(f);
    else byDevice.set(f.device, [f]);
  }
  const notes: Annotation[] = [
    ...[...byDevice].map(([d, own]) => deviceAnnotation(d, own, ctx)),
    ...findings.filter((f) => f.kind === 'site').map((f) => siteAnnotation(f, ctx)),
    ...waiverList(ctx.model).map((w): Annotation => ({
      level: 'notice', pointer: w.pointer, title: `otpc: waiver ${w.requirement} on ${w.subject} until ${w.expires}`,
      message: `valid through ${w.expires} (end of day, UTC); approved by ${w.approvedBy}: ${w.reason}`,
    })),
  ].filter((n): n is Annotation => n !== undefined);
  const located = notes.map((n) => ({ n, range: ctx.locate?.(n.pointer) }));
  located.sort((x, y) => RANK[x.n.level] - RANK[y.n.level] || (x.range?.start.line ?? 0) - (y.range?.start.line ?? 0) || (x.n.title < y.n.title ? -1 : x.n.title > y.n.title ? 1 : 0));
  const lines = located.map(({ n, range }) => githubCommand(n.level, { file: ctx.file, range, title: n.title }, n.message));
  if (ctx.baseline && ctx.baseline.resolved.length > 0) {
    lines.push(githubCommand('notice', { title: 'otpc: resolved since the baseline' }, ctx.baseline.resolved.map((e) => (e.kind === 'requirement' ? `${e.device}: ${e.requirement} ${e.status}` : `${e.code} ${e.message}`)).join('\n')));
  }
  lines.push(summaryLine(a, findings, ctx));
  return `${lines.join('\n')}\n`;
}
