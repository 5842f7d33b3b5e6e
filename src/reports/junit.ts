import type { Assessment, DeviceResult, RequirementResult } from '../assess/types.js';
import { slVectorText } from './markdownText.js';
import type { FailLevel } from './failLevel.js';
import { findingsOf, isListedRow } from './findingsOf.js';
import type { ReportFinding } from './findingsOf.js';
import { gateFails } from './gateFailures.js';
import { chunkedFormatter } from './reportChunks.js';
import type { ReportContext } from './types.js';
import { xmlAttrs, xmlEscape } from './xmlEscape.js';

type Outcome = { kind: 'failure'; text: string } | { kind: 'skipped'; text: string } | { kind: 'passed'; text?: string };

/** What a requirement row's testcase is (outcome() without its text, for the totals). */
function outcomeKind(r: RequirementResult, f: ReportFinding | undefined, ctx: ReportContext, failOn: FailLevel): Outcome['kind'] {
  if (r.status === 'waived') return 'skipped';
  if (!f) return 'passed';
  if (gateFails(f, failOn, ctx.baseline)) return 'failure';
  if (ctx.baseline?.state.get(f.id) === 'unchanged' && gateFails(f, failOn)) return 'skipped';
  return 'passed';
}

function outcome(r: RequirementResult, f: ReportFinding | undefined, ctx: ReportContext, failOn: FailLevel): Outcome {
  const kind = outcomeKind(r, f, ctx, failOn);
  if (kind === 'failure') return { kind, text: f!.message };
  if (kind === 'skipped') {
    if (r.status === 'waived') return { kind, text: f?.message ?? r.reason };
    return { kind, text: `${r.status}, unchanged since the baseline of ${ctx.baseline!.date}: ${f!.message}` };
  }
  if (!f) return { kind, text: r.status === 'compensated' ? r.reason : undefined };
  return { kind, text: `${r.status}: ${f.message}` };
}

function testcase(attrs: Record<string, string | number | undefined>, o: Outcome, type: string): string[] {
  const open = `    <testcase${xmlAttrs(attrs)}`;
  if (o.kind === 'failure') {
    return [`${open}>`, `      <failure${xmlAttrs({ type, message: o.text })}>${xmlEscape(o.text, false)}</failure>`, '    </testcase>'];
  }
  if (o.kind === 'skipped') return [`${open}>`, `      <skipped${xmlAttrs({ message: o.text })}/>`, '    </testcase>'];
  if (o.text) return [`${open}>`, `      <system-out>${xmlEscape(o.text, false)}</system-out>`, '    </testcase>'];
  return [`${open}/>`];
}

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

function suiteXml(name: string, props: [string, string][], counts: Counts, cases: string[][]): string {
  return [
    `  <testsuite${xmlAttrs({ name, tests: counts.tests, failures: counts.failures, errors: 0, skipped: counts.skipped })}>`,
    ...(props.length > 0 ? ['    <properties>', ...props.map(([k, v]) => `      <property${xmlAttrs({ name: k, value: v })}/>`), '    </properties>'] : []),
    ...cases.flat(),
    '  </testsuite>',
  ].join('\n');
}

/**
 * The findings of a device's rows, in row order. findingsOf lists the requirement
 * findings device by device in requirement order, exactly the device's gap, partial and
 * waived rows, so a cursor over that list pairs each such row with its finding (no map
 * of every finding by id).
 */
class FindingCursor {
  private at = 0;
  constructor(private readonly findings: readonly ReportFinding[]) {}

  of(d: DeviceResult, r: RequirementResult): ReportFinding | undefined {
    if (!isListedRow(r)) return undefined;
    const f = this.findings[this.at++];
    if (f?.device !== d.id || f.requirement !== r.id) throw new Error(`junit: the findings are not in device and requirement order at ${d.id} ${r.id}`);
    return f;
  }
}

function deviceCounts(d: DeviceResult, cursor: FindingCursor, ctx: ReportContext, failOn: FailLevel): Counts {
  const c: Counts = { tests: d.requirements.length, failures: 0, skipped: 0 };
  for (const r of d.requirements) {
    const kind = outcomeKind(r, cursor.of(d, r), ctx, failOn);
    if (kind === 'failure') c.failures++;
    else if (kind === 'skipped') c.skipped++;
  }
  return c;
}

function deviceSuite(a: Assessment, d: DeviceResult, cursor: FindingCursor, ctx: ReportContext, failOn: FailLevel, counts: Counts): string {
  const line = ctx.locate?.(d.pointer)?.start.line;
  const cases = d.requirements.map((r) => {
    const title = ctx.catalogs.requirements.get(r.id)?.title;
    return testcase(
      { classname: `${a.site.id}.${d.zone}.${d.id}`, name: title ? `${r.id} ${title}` : r.id, file: ctx.file, line },
      outcome(r, cursor.of(d, r), ctx, failOn), r.status,
    );
  });
  return suiteXml(d.id, [['zone', d.zone], ['type', d.type], ['sl-target', slVectorText(d.slTarget)], ['sl-achieved', slVectorText(d.slAchieved)]], counts, cases);
}

function siteSuite(a: Assessment, findings: readonly ReportFinding[], ctx: ReportContext, failOn: FailLevel): { xml: string; counts: Counts } {
  const counts: Counts = { tests: 0, failures: 0, skipped: 0 };
  const cases = findings.filter((f) => f.kind === 'site').map((f) => {
    const fails = gateFails(f, failOn, ctx.baseline);
    const o: Outcome = fails ? { kind: 'failure', text: f.message } : { kind: 'passed', text: `${f.level}: ${f.message}` };
    counts.tests++;
    if (fails) counts.failures++;
    return testcase({ classname: `${a.site.id}.site`, name: `${f.code} ${f.message}`, file: ctx.file, line: ctx.locate?.(f.pointer)?.start.line }, o, f.code!);
  });
  return { xml: suiteXml('site findings', [], counts, cases), counts };
}

/**
 * JUnit XML for CI test reports (GitLab, Jenkins, Azure): one testsuite per device,
 * one testcase per requirement its target level selects. A testcase fails exactly
 * when the finding fails the gate (--fail-on, and new with --baseline); waived rows
 * are skipped with their expiry, and gate-level findings already in the baseline are
 * skipped as known. Site findings form one more testsuite.
 *
 * Produced one device suite at a time: the totals of the root element are counted in a
 * first pass over the rows (no text made), the suites are written in a second.
 */
export function* junitChunks(a: Assessment, ctx: ReportContext): Generator<string> {
  const failOn = ctx.failOn ?? 'gap';
  const findings = findingsOf(a, ctx.catalogs);
  const counting = new FindingCursor(findings);
  const perDevice = a.devices.map((d) => deviceCounts(d, counting, ctx, failOn));
  const site = siteSuite(a, findings, ctx, failOn);
  const all = site.counts.tests > 0 ? [...perDevice, site.counts] : perDevice;
  const total = (k: keyof Counts) => all.reduce((n, s) => n + s[k], 0);
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttrs({ name: `otpc report ${a.site.id} ${a.date}`, tests: total('tests'), failures: total('failures'), errors: 0, skipped: total('skipped') })}>`,
    '',
  ].join('\n');
  const cursor = new FindingCursor(findings);
  for (const [i, d] of a.devices.entries()) yield `${deviceSuite(a, d, cursor, ctx, failOn, perDevice[i])}\n`;
  if (site.counts.tests > 0) yield `${site.xml}\n`;
  yield '</testsuites>\n';
}

export const formatJunit = chunkedFormatter(junitChunks);
