import type { Assessment, DeviceResult, RequirementResult } from '../assess/types.js';
import { slVectorText } from './markdownText.js';
import type { FailLevel } from './failLevel.js';
import { findingsOf } from './findingsOf.js';
import type { ReportFinding } from './findingsOf.js';
import { gateFails } from './gateFailures.js';
import { requirementFindingId } from './findingId.js';
import type { ReportContext } from './types.js';
import { xmlAttrs, xmlEscape } from './xmlEscape.js';

interface Case {
  xml: string[];
  failed: boolean;
  skipped: boolean;
}

type Outcome = { kind: 'failure'; text: string } | { kind: 'skipped'; text: string } | { kind: 'passed'; text?: string };

function outcome(r: RequirementResult, f: ReportFinding | undefined, ctx: ReportContext, failOn: FailLevel): Outcome {
  if (r.status === 'waived') return { kind: 'skipped', text: f?.message ?? r.reason };
  if (!f) return { kind: 'passed', text: r.status === 'compensated' ? r.reason : undefined };
  if (gateFails(f, failOn, ctx.baseline)) return { kind: 'failure', text: f.message };
  if (ctx.baseline?.state.get(f.id) === 'unchanged' && gateFails(f, failOn)) {
    return { kind: 'skipped', text: `${r.status}, unchanged since the baseline of ${ctx.baseline.date}: ${f.message}` };
  }
  return { kind: 'passed', text: `${r.status}: ${f.message}` };
}

function testcase(attrs: Record<string, string | number | undefined>, o: Outcome, type: string): Case {
  const open = `    <testcase${xmlAttrs(attrs)}`;
  if (o.kind === 'failure') {
    return { xml: [`${open}>`, `      <failure${xmlAttrs({ type, message: o.text })}>${xmlEscape(o.text, false)}</failure>`, '    </testcase>'], failed: true, skipped: false };
  }
  if (o.kind === 'skipped') return { xml: [`${open}>`, `      <skipped${xmlAttrs({ message: o.text })}/>`, '    </testcase>'], failed: false, skipped: true };
  if (o.text) return { xml: [`${open}>`, `      <system-out>${xmlEscape(o.text, false)}</system-out>`, '    </testcase>'], failed: false, skipped: false };
  return { xml: [`${open}/>`], failed: false, skipped: false };
}

function suite(name: string, props: [string, string][], cases: Case[]): { xml: string[]; tests: number; failures: number; skipped: number } {
  const failures = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  return {
    tests: cases.length, failures, skipped,
    xml: [
      `  <testsuite${xmlAttrs({ name, tests: cases.length, failures, errors: 0, skipped })}>`,
      ...(props.length > 0 ? ['    <properties>', ...props.map(([k, v]) => `      <property${xmlAttrs({ name: k, value: v })}/>`), '    </properties>'] : []),
      ...cases.flatMap((c) => c.xml),
      '  </testsuite>',
    ],
  };
}

function deviceSuite(a: Assessment, d: DeviceResult, byId: Map<string, ReportFinding>, ctx: ReportContext, failOn: FailLevel) {
  const line = ctx.locate?.(d.pointer)?.start.line;
  const cases = d.requirements.map((r) => {
    const f = byId.get(requirementFindingId(d.id, r.id, r.status));
    const title = ctx.catalogs.requirements.get(r.id)?.title;
    return testcase(
      { classname: `${a.site.id}.${d.zone}.${d.id}`, name: title ? `${r.id} ${title}` : r.id, file: ctx.file, line },
      outcome(r, f, ctx, failOn), r.status,
    );
  });
  return suite(d.id, [['zone', d.zone], ['type', d.type], ['sl-target', slVectorText(d.slTarget)], ['sl-achieved', slVectorText(d.slAchieved)]], cases);
}

function siteSuite(a: Assessment, findings: ReportFinding[], ctx: ReportContext, failOn: FailLevel) {
  const cases = findings.filter((f) => f.kind === 'site').map((f) => {
    const fails = gateFails(f, failOn, ctx.baseline);
    const o: Outcome = fails ? { kind: 'failure', text: f.message } : { kind: 'passed', text: `${f.level}: ${f.message}` };
    return testcase({ classname: `${a.site.id}.site`, name: `${f.code} ${f.message}`, file: ctx.file, line: ctx.locate?.(f.pointer)?.start.line }, o, f.code!);
  });
  return suite('site findings', [], cases);
}

/**
 * JUnit XML for CI test reports (GitLab, Jenkins, Azure): one testsuite per device,
 * one testcase per requirement its target level selects. A testcase fails exactly
 * when the finding fails the gate (--fail-on, and new with --baseline); waived rows
 * are skipped with their expiry, and gate-level findings already in the baseline are
 * skipped as known. Site findings form one more testsuite.
 */
export function formatJunit(a: Assessment, ctx: ReportContext): string {
  const failOn = ctx.failOn ?? 'gap';
  const findings = findingsOf(a, ctx.catalogs);
  const byId = new Map(findings.map((f) => [f.id, f] as const));
  const suites = [...a.devices.map((d) => deviceSuite(a, d, byId, ctx, failOn))];
  const site = siteSuite(a, findings, ctx, failOn);
  if (site.tests > 0) suites.push(site);
  const total = (k: 'tests' | 'failures' | 'skipped') => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttrs({ name: `otpc report ${a.site.id} ${a.date}`, tests: total('tests'), failures: total('failures'), errors: 0, skipped: total('skipped') })}>`,
    ...suites.flatMap((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
