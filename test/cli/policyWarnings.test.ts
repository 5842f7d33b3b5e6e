import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANT, runCli, tempDir, TODAY } from './runCli.js';

/**
 * The policy file's own warnings (here OTPC504: waiver 1 of the plant expires on
 * 2027-03-31, line 53) are site findings of `otpc report`: every format lists them at
 * their line, and the formats and the exit code decide failing from the same gate.
 */
const EXPIRING = '2027-03-22';
const MESSAGE = 'the waiver of SR 1.1 on asset "plc-1" expires on 2027-03-31, in 9 days';
const tmp = tempDir();

beforeAll(async () => {
  // a baseline of a day with no expiring waiver: against it, the OTPC504 finding is the only new one
  const base = await runCli(['report', PLANT, '--date', TODAY, '-f', 'json', '-o', tmp.path('baseline.json'), '--fail-on', 'never']);
  expect(base.code).toBe(0);
});
afterAll(() => tmp.cleanup());

interface Run { code: number; stderr: string; sarif: any; junit: string; github: string; json: any; markdown: string }

async function report(failOn: string, extra: string[] = [], date = EXPIRING): Promise<Run> {
  const out = (f: string) => tmp.path(`${failOn}-${extra.length}-${date}.${f}`);
  const formats = ['sarif', 'junit', 'github', 'json', 'markdown'];
  const r = await runCli(['report', PLANT, '--date', date, '--fail-on', failOn, ...extra, ...formats.flatMap((f) => ['-f', f, '-o', out(f)])]);
  const read = (f: string) => readFileSync(out(f), 'utf8');
  return { code: r.code, stderr: r.stderr, sarif: JSON.parse(read('sarif')), junit: read('junit'), github: read('github'), json: JSON.parse(read('json')), markdown: read('markdown') };
}

/** The JUnit testcase of the OTPC504 finding, and whether it fails. */
function junitCase(xml: string): { line: string; failing: boolean } {
  const m = /<testcase classname="ci-plant\.site" name="OTPC504 [^"]*" file="[^"]*" line="(\d+)">\s*(<failure)?/.exec(xml);
  expect(m, 'the OTPC504 testcase').not.toBeNull();
  return { line: m![1], failing: m![2] !== undefined };
}

const githubLine = (text: string) => text.split('\n').find((l) => l.includes('title=otpc OTPC504'));
const failures = (xml: string) => Number(/<testsuites [^>]*failures="(\d+)"/.exec(xml)![1]);

describe('report: a waiver expiring within --warn-expiring days', () => {
  it('is a SARIF result of rule OTPC504 at the waiver\'s line, and is listed by JSON and Markdown', async () => {
    const r = await report('warning');
    const run = r.sarif.runs[0];
    const results = run.results.filter((x: { ruleId: string }) => x.ruleId === 'OTPC504');
    expect(results).toHaveLength(1);
    expect(results[0].level).toBe('warning');
    expect(results[0].message.text).toBe(MESSAGE);
    expect(results[0].locations[0].physicalLocation.region.startLine).toBe(53);
    expect(run.tool.driver.rules.some((x: { id: string }) => x.id === 'OTPC504')).toBe(true);
    expect(r.json.findings).toContainEqual({ code: 'OTPC504', severity: 'warning', message: MESSAGE, devices: [] });
    expect(r.markdown).toContain(`- **warning OTPC504**: ${MESSAGE}`);
  });

  it('is printed once on stderr, as the diagnostic it is', async () => {
    const r = await report('warning');
    expect(r.stderr.split('warning OTPC504').length - 1).toBe(1);
    expect(r.stderr).toContain(`${PLANT}:53:14: warning OTPC504: ${MESSAGE}`);
    expect(r.stderr).not.toContain('policy warning');
  });

  it('fails JUnit and GitHub with --fail-on warning, not with --fail-on gap', async () => {
    const warning = await report('warning');
    expect(junitCase(warning.junit)).toEqual({ line: '53', failing: true });
    expect(githubLine(warning.github)).toMatch(/^::error file=test\/cli\/fixtures\/plant\.yaml,line=53,/);
    const gap = await report('gap');
    expect(junitCase(gap.junit)).toEqual({ line: '53', failing: false });
    expect(githubLine(gap.github)).toMatch(/^::warning file=test\/cli\/fixtures\/plant\.yaml,line=53,/);
  });

  it.each([
    // against a baseline without it, it is the only new finding: it alone decides the exit code
    ['warning', 1, 1],
    ['gap', 0, 0],
    ['never', 0, 0],
  ])('--baseline, --fail-on %s: exit %d, %d failing in JUnit and GitHub', async (failOn, code, failing) => {
    const r = await report(failOn, ['--baseline', tmp.path('baseline.json')]);
    expect(r.code).toBe(code);
    expect(r.json.baseline.new).toEqual([expect.objectContaining({ code: 'OTPC504', message: MESSAGE })]);
    expect(failures(r.junit)).toBe(failing);
    expect(junitCase(r.junit).failing).toBe(failing > 0);
    expect(r.github.split('\n').filter((l) => l.startsWith('::error')).length).toBe(failing);
    expect(githubLine(r.github)).toMatch(failing > 0 ? /^::error / : /^::warning /);
    const sarif = r.sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'OTPC504');
    expect(sarif.baselineState).toBe('new');
    expect(r.stderr).toContain(`--fail-on ${failOn}: ${failOn === 'never' ? 'never fails' : `${failing} finding(s) at or above ${failOn} and new\n`}`);
  });

  it('--baseline of the same day: unchanged, so it does not fail the gate', async () => {
    const first = await report('never');
    expect(first.code).toBe(0);
    const r = await runCli(['report', PLANT, '--date', EXPIRING, '--fail-on', 'warning', '--baseline', tmp.path(`never-0-${EXPIRING}.json`), '-f', 'junit']);
    expect(r.code).toBe(0);
    expect(junitCase(r.stdout).failing).toBe(false);
    expect(r.stderr).toContain('--fail-on warning: 0 finding(s) at or above warning and new\n');
  });

  it('exit codes agree with the JUnit failures without a baseline', async () => {
    for (const failOn of ['warning', 'gap', 'partial', 'never']) {
      const r = await report(failOn);
      expect(r.code, failOn).toBe(failures(r.junit) > 0 ? 1 : 0);
    }
  });
});
