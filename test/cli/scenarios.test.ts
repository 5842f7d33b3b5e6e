import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { formatters } from '../../src/reports/registry.js';
import { PLANT, runCli, tempDir, TODAY } from './runCli.js';

/**
 * CLI scenarios as data (Spectral's style): argv, the exit code, and what stdout and
 * stderr must (and must not) contain. "{tmp}" in argv is a fresh temporary folder
 * holding the generated inputs below. Every exit code of the contract is covered:
 * 0 success, 1 findings at or above --fail-on, 2 invalid input or usage, 3 internal.
 */
interface Scenario {
  argv: string[];
  code: 0 | 1 | 2 | 3;
  stdout?: (string | RegExp)[];
  stderr?: (string | RegExp)[];
  notStdout?: (string | RegExp)[];
  notStderr?: (string | RegExp)[];
}

const tmp = tempDir();
const d = ['--date', TODAY];

beforeAll(async () => {
  const text = readFileSync(PLANT, 'utf8');
  const base = await runCli(['report', PLANT, ...d, '-f', 'json', '-o', tmp.path('baseline.json'), '--fail-on', 'never']);
  expect(base.code).toBe(0);
  const json = JSON.parse(readFileSync(tmp.path('baseline.json'), 'utf8'));
  writeFileSync(tmp.path('other-site.json'), JSON.stringify({ ...json, site: { id: 'another-plant', name: 'x' } }, null, 2));
  writeFileSync(tmp.path('v9.json'), JSON.stringify({ ...json, otpcReport: 9 }, null, 2));
  writeFileSync(tmp.path('not-json.json'), '{\n  "otpcReport": 1,\n  "site": ,\n}\n');
  writeFileSync(tmp.path('shape.json'), JSON.stringify({ otpcReport: 1, site: { id: 'ci-plant', name: 'x' }, date: TODAY, devices: [{ id: 'plc-1', requirements: [{ id: 'SR 1.1' }] }], findings: 'none' }, null, 2));
  writeFileSync(tmp.path('report.md'), '# not json\n');
  // one more device behind the HMI: new gaps relative to the baseline
  writeFileSync(tmp.path('grown.yaml'), text
    .replace('  plc-2: {', '  plc-3: { zone: control, type: plc, address: 10.20.1.13, profile: legacy-plc }\n  plc-2: {')
    .replace('to: [plc-1, plc-2], protocol: modbus', 'to: [plc-1, plc-2, plc-3], protocol: modbus'));
  writeFileSync(tmp.path('broken.yaml'), text.replace('zone: control, type: plc, address: 10.20.1.11', 'zone: contrl, type: plc, address: 10.20.1.11').replace('protocol: tcp/2222', 'protocol: tcp/99999'));
  writeFileSync(tmp.path('broken2.yaml'), text.replace('platform: fortios', 'platform: junos'));
});
afterAll(() => tmp.cleanup());

const T = '{tmp}';

const scenarios: [string, Scenario][] = [
  // ---- 0: success
  ['--help lists every command and the exit codes', { argv: ['--help'], code: 0, stdout: ['validate', 'report', 'compile', 'diff', 'Exit codes'] }],
  ['report --help documents exit codes, baseline and the UTC waiver day', { argv: ['report', '--help'], code: 0, stdout: ['Exit codes', '--baseline', 'end of its expiry day (UTC)', 'Examples'] }],
  ['validate --help documents formats and exit codes', { argv: ['validate', '--help'], code: 0, stdout: ['--format', 'Exit codes', 'Examples'] }],
  ['diff --help documents --fail-on and exit codes', { argv: ['diff', '--help'], code: 0, stdout: ['--fail-on', 'regression', 'Exit codes', 'Examples'] }],
  ['catalog --help documents exit codes', { argv: ['catalog', '--help'], code: 0, stdout: ['Exit codes: 0 printed, 2 invalid input or usage', '3 internal error', 'Examples'] }],
  ['--help names every exit 1 of the README table', {
    argv: ['--help'], code: 0,
    stdout: ['report, findings at or above --fail-on', 'validate --fail-on warning,\n     warnings', 'diff --fail-on regression|change', 'simulate, observed flows that', 'plan, a boundary not ready', '2  invalid input or usage', '3  internal error'],
  }],
  ['report --help: the policy warnings are site findings, new ones only with --baseline', { argv: ['report', '--help'], code: 0, stdout: ['warnings and notes about the policy file', 'are site findings at their line in every\nformat', 'with --baseline only when new, like every other finding'], notStdout: ['with --baseline too'] }],
  ['validate: a valid policy', { argv: ['validate', PLANT, ...d], code: 0, stderr: [`${PLANT}: valid`] }],
  ['report --fail-on never: findings but exit 0', { argv: ['report', PLANT, ...d, '--fail-on', 'never', '-f', 'json'], code: 0, stdout: ['"otpcReport": 1'], stderr: ['--fail-on never: never fails'] }],
  ['report against its own baseline: nothing new', {
    argv: ['report', PLANT, ...d, '--baseline', `${T}/baseline.json`, '-f', 'json'], code: 0,
    stdout: ['"baseline": {', '"new": 0'], stderr: ['0 new'],
  }],
  ['report --fail-on warning against its own baseline: the site finding is not new either', { argv: ['report', PLANT, ...d, '--baseline', `${T}/baseline.json`, '--fail-on', 'warning', '-f', 'github'], code: 0 }],
  ['diff of a file with itself: empty', { argv: ['diff', PLANT, PLANT, ...d, '--fail-on', 'change'], code: 0, stdout: ['No changes'] }],
  ['report --fail-on partial: an expiring waiver is no finding at that level', {
    argv: ['report', PLANT, '--date', '2027-03-01', '--baseline', `${T}/baseline.json`, '--fail-on', 'partial', '-f', 'json'], code: 0,
    stderr: ['warning OTPC504', /--fail-on partial: 0 finding\(s\) at or above partial and new\n/], notStderr: ['policy warning'],
  }],
  ['diff --fail-on regression: removing a device is no regression', { argv: ['diff', `${T}/grown.yaml`, PLANT, ...d, '--fail-on', 'regression'], code: 0, stdout: ['removed: plc-3'] }],

  // ---- 1: findings at or above --fail-on
  ['report: gaps fail the default gate', { argv: ['report', PLANT, ...d], code: 1, stdout: ['# IEC 62443-3-3 gap report'], stderr: [/--fail-on gap: \d+ finding\(s\) at or above gap/] }],
  ['report --fail-on partial', { argv: ['report', PLANT, ...d, '--fail-on', 'partial', '-f', 'junit'], code: 1, stdout: ['<testsuites'] }],
  ['report --baseline: only the new device fails', {
    argv: ['report', `${T}/grown.yaml`, ...d, '--baseline', `${T}/baseline.json`, '-f', 'github'], code: 1,
    stdout: [/::error file=.*grown\.yaml,line=\d+.*title=otpc%3A plc-3 \(zone control\)%3A \d+ gaps.*new since the baseline/],
    notStdout: [/title=otpc%3A plc-1/],
  }],
  ['validate --fail-on warning: an expiring waiver fails', { argv: ['validate', PLANT, '--date', '2027-03-01', '--fail-on', 'warning'], code: 1, stderr: [`${PLANT}:53:14: warning OTPC504`] }],
  ['report --fail-on warning: an expiring waiver fails as in validate; with --baseline as the one new finding', {
    argv: ['report', PLANT, '--date', '2027-03-01', '--baseline', `${T}/baseline.json`, '--fail-on', 'warning', '-f', 'json'], code: 1,
    stdout: ['"new": 1', '"code": "OTPC504"'], stderr: [`${PLANT}:53:14: warning OTPC504`, '--fail-on warning: 1 finding(s) at or above warning and new\n'], notStderr: ['policy warning'],
  }],
  ['diff --fail-on change', { argv: ['diff', PLANT, `${T}/grown.yaml`, ...d, '--fail-on', 'change'], code: 1 }],
  ['diff --fail-on regression: a device added to a flow newly allows packets', {
    argv: ['diff', PLANT, `${T}/grown.yaml`, ...d, '--fail-on', 'regression'], code: 1,
    stdout: ['### Flows newly allowed', '| supervisory-control | hmi-1 | plc-3 | tcp/502 (modbus) | all |', 'added: plc-3 (zone control, plc)'],
  }],

  // ---- 2: invalid input or usage
  ['report: an expired waiver names its line (the day after expiry)', { argv: ['report', PLANT, '--date', '2027-04-01'], code: 2, stderr: [`${PLANT}:53:14: error OTPC503`, 'expired on 2027-03-31'], notStdout: [/./] }],
  ['report: the waiver is still valid on its expiry day', { argv: ['report', PLANT, '--date', '2027-03-31', '-f', 'json'], code: 1, stdout: ['"status": "waived"'], stderr: ['warning OTPC504', 'expires on 2027-03-31, today'] }],
  ['report: every error of an invalid policy, nothing on stdout', {
    argv: ['report', `${T}/broken.yaml`, ...d, '-f', 'sarif'], code: 2,
    stderr: [/broken\.yaml:17:\d+: error OTPC301/, /broken\.yaml:\d+:\d+: error OTPC406/], notStdout: [/./],
  }],
  ['report: a baseline that is not JSON is located', { argv: ['report', PLANT, ...d, '--baseline', `${T}/not-json.json`], code: 2, stderr: [/not-json\.json:3:\d+: error OTPC951/], notStdout: [/./] }],
  ['report: a Markdown file as baseline', { argv: ['report', PLANT, ...d, '--baseline', `${T}/report.md`], code: 2, stderr: [/report\.md:1:1: error OTPC951/] }],
  ['report: a baseline of another site', { argv: ['report', PLANT, ...d, '--baseline', `${T}/other-site.json`], code: 2, stderr: [/other-site\.json:\d+:\d+: error OTPC953: the baseline is a report for site "another-plant", not for "ci-plant"/] }],
  ['report: a baseline of another report version', { argv: ['report', PLANT, ...d, '--baseline', `${T}/v9.json`], code: 2, stderr: [/v9\.json:2:\d+: error OTPC953: report format version 9/] }],
  ['report: a baseline without the fields otpc needs, every one listed', {
    argv: ['report', PLANT, ...d, '--baseline', `${T}/shape.json`], code: 2,
    stderr: [/shape\.json:\d+:\d+: error OTPC952: requirement SR 1\.1 of device plc-1 has no string "status"/, /shape\.json:\d+:\d+: error OTPC952: the report has no list "findings"/],
  }],
  ['report: a missing baseline file', { argv: ['report', PLANT, ...d, '--baseline', `${T}/nope.json`], code: 2, stderr: ['error OTPC112'] }],
  ['report: invalid policy and invalid baseline together', { argv: ['report', `${T}/broken.yaml`, ...d, '--baseline', `${T}/not-json.json`], code: 2, stderr: ['OTPC301', 'OTPC951'] }],
  ['report: unknown format', { argv: ['report', PLANT, '-f', 'pdf'], code: 2, stderr: ['error OTPC901: --format pdf: expected one of'] }],
  ['report: unknown --fail-on', { argv: ['report', PLANT, '--fail-on', 'minor'], code: 2, stderr: ['--fail-on minor: expected gap, partial, warning, never'] }],
  ['report: two formats need two -o', { argv: ['report', PLANT, '-f', 'json', '-f', 'sarif'], code: 2, stderr: ['give one -o FILE per --format'] }],
  ['report: two formats cannot both go to stdout', { argv: ['report', PLANT, '-f', 'json', '-o', '-', '-f', 'sarif', '-o', '-'], code: 2, stderr: ['only one --format can go to standard output'] }],
  ['report: not a calendar date', { argv: ['report', PLANT, '--date', '2027-02-30'], code: 2, stderr: ['--date 2027-02-30'] }],
  ['report: an output path that is a folder', { argv: ['report', PLANT, ...d, '-o', T], code: 2, stderr: ['OTPC902'] }],
  ['report: a missing policy', { argv: ['report', 'no-such.yaml'], code: 2, stderr: ['no-such.yaml: error OTPC112'] }],
  ['validate: several files, every error of each', { argv: ['validate', PLANT, `${T}/broken.yaml`, ...d], code: 2, stderr: [`${PLANT}: valid`, /broken\.yaml:17:\d+: error OTPC301/] }],
  ['validate --format github writes annotations even for an invalid file', {
    argv: ['validate', `${T}/broken.yaml`, ...d, '--format', 'github'], code: 2,
    stdout: [/^::error file=.*broken\.yaml,line=17,endLine=17,col=\d+,endColumn=\d+,title=otpc OTPC301 unknown-zone::/m, /otpc validate: 1 file\(s\), 1 invalid/],
  }],
  ['validate: unknown --fail-on', { argv: ['validate', PLANT, '--fail-on', 'gap'], code: 2, stderr: ['expected error or warning'] }],
  ['diff: errors of both files are printed', { argv: ['diff', `${T}/broken.yaml`, `${T}/broken2.yaml`, ...d], code: 2, stderr: [/broken\.yaml:17:\d+: error OTPC301/, /broken2\.yaml:\d+:\d+: error OTPC311/], notStdout: [/./] }],
  ['diff: unknown --fail-on', { argv: ['diff', PLANT, PLANT, '--fail-on', 'gap'], code: 2, stderr: ['expected never, regression, change'] }],
  ['diff: one argument only', { argv: ['diff', PLANT], code: 2, stderr: ["missing required argument 'new'"] }],
  ['unknown command', { argv: ['lint', PLANT], code: 2, stderr: ['unknown command'] }],
];

describe('otpc CLI scenarios', () => {
  it.each(scenarios)('%s', async (_name, s) => {
    const r = await runCli(s.argv.map((a) => a.replace('{tmp}', tmp.dir)));
    const show = `exit ${r.code}\n--- stdout\n${r.stdout.slice(0, 2000)}\n--- stderr\n${r.stderr.slice(0, 2000)}`;
    expect(r.code, show).toBe(s.code);
    const has = (text: string, m: string | RegExp) => (typeof m === 'string' ? text.includes(m) : m.test(text));
    for (const m of s.stdout ?? []) expect(has(r.stdout, m), `stdout should contain ${m}\n${show}`).toBe(true);
    for (const m of s.stderr ?? []) expect(has(r.stderr, m), `stderr should contain ${m}\n${show}`).toBe(true);
    for (const m of s.notStdout ?? []) expect(has(r.stdout, m), `stdout should not contain ${m}\n${show}`).toBe(false);
    for (const m of s.notStderr ?? []) expect(has(r.stderr, m), `stderr should not contain ${m}\n${show}`).toBe(false);
  });
});

describe('--help and the README agree on the exit codes', () => {
  it('every command the README names for exit 1 is named for exit 1 in otpc --help', async () => {
    const row = /^\| 1 \| findings at or above .*$/m.exec(readFileSync('README.md', 'utf8'))?.[0] ?? '';
    const named = [...new Set([...row.matchAll(/`(validate|report|compile|diff|catalog|plan|discover|simulate)\b/g)].map((m) => m[1]))].sort();
    expect(named).toEqual(['diff', 'plan', 'report', 'simulate', 'validate']);
    const help = (await runCli(['--help'])).stdout;
    const exit1 = /^ {2}1 {2}([\s\S]*?)\n {2}2 {2}/m.exec(help)?.[1] ?? '';
    for (const name of named) expect(exit1, name).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('every command\'s --help states its exit codes', async () => {
    for (const name of buildProgram().program.commands.map((c) => c.name())) {
      const r = await runCli([name, '--help']);
      expect(r.stdout, name).toMatch(/Exit codes: 0 .*/);
      expect(r.stdout, name).toMatch(/3 internal error/);
    }
  });
});

describe('exit code 3: internal errors', () => {
  it('a failing formatter is reported as an internal error with a hint, not a stack trace', async () => {
    const saved = formatters.json;
    formatters.json = () => { throw new Error('formatter exploded'); };
    try {
      const r = await runCli(['report', PLANT, ...d, '-f', 'json'], { OTPC_DEBUG: undefined });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('internal error OTPC999: formatter exploded');
      expect(r.stderr).toContain('set OTPC_DEBUG=1 for the stack trace');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    } finally {
      formatters.json = saved;
    }
  });

  it('OTPC_DEBUG=1 adds the stack trace', async () => {
    const saved = formatters.json;
    formatters.json = () => { throw new Error('formatter exploded'); };
    try {
      const r = await runCli(['report', PLANT, ...d, '-f', 'json'], { OTPC_DEBUG: '1' });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/\n\s+at /);
    } finally {
      formatters.json = saved;
    }
  });
});
