import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/runCli.js';
import { sarifErrors } from './support.js';

/**
 * The CI examples (examples/ci/) run as written: every `otpc ...` command of the
 * GitHub Actions workflow and of the GitLab job is taken from the YAML and run with
 * bash against the bundled example plant, with the built CLI (bin/otpc.js) as `otpc`.
 * The `git show origin/main:plant.yaml` lines are simulated by writing old.yaml.
 *
 * The examples run otpc without --date (in CI, waivers expire on the real date), so the
 * `otpc` here pins it: it adds `--date DATE` to every command that takes one and has none,
 * so the test does not start failing when the example's waivers expire (2028-03-31).
 */
const ROOT = resolve('.');
const EXAMPLE = resolve('examples/water-treatment.yaml');
const DATE = '2026-11-25';
/** The otpc commands that take --date (checked against their --help below). */
const DATED = ['validate', 'report', 'compile', 'diff', 'simulate', 'plan', 'discover'];
const tmp = tempDir();

/** The logical lines (continuations joined) of a shell script that run otpc. */
function otpcLines(script: string): string[] {
  return script.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('otpc '));
}

function githubCommands(): string[] {
  const wf = parse(readFileSync('examples/ci/github-actions.yml', 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
  return Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? otpcLines(s.run) : [])));
}

function gitlabCommands(): string[] {
  const job = (parse(readFileSync('examples/ci/gitlab-ci.yml', 'utf8')) as Record<string, { script: string[] }>).otpc;
  return job.script.flatMap(otpcLines);
}

/** Runs the commands in order as CI would (a failing command stops the job); returns each exit code. */
function runJob(commands: string[], cwd: string, env: Record<string, string>): { command: string; code: number; stdout: string; stderr: string }[] {
  const out = [];
  for (const command of commands) {
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', command], {
      cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', PATH: `${tmp.path('bin')}:${process.env.PATH}`, ...env },
    });
    out.push({ command, code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) break;
  }
  return out;
}

beforeAll(() => {
  // npm test builds first; a bare `vitest run` without dist/ builds it here (tsc emits despite type errors)
  if (!existsSync(resolve('dist/cli/main.js'))) spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' });
  mkdirSync(tmp.path('bin'));
  const bin = JSON.stringify(resolve('bin/otpc.js'));
  // OTPC_DATE overrides the pinned date (the test of the pin); OTPC_ARGV_LOG records each invocation
  writeFileSync(tmp.path('bin/otpc'), [
    '#!/bin/sh',
    'case "$1" in',
    `  ${DATED.join('|')})`,
    '    pin=1',
    '    for a in "$@"; do case "$a" in --date|--date=*) pin=0 ;; esac; done',
    `    if [ "$pin" = 1 ]; then set -- "$@" --date "\${OTPC_DATE:-${DATE}}"; fi ;;`,
    'esac',
    'if [ -n "${OTPC_ARGV_LOG:-}" ]; then printf \'%s\\n\' "$*" >> "$OTPC_ARGV_LOG"; fi',
    `exec node ${bin} "$@"`,
    '',
  ].join('\n'));
  chmodSync(tmp.path('bin/otpc'), 0o755);
});
afterAll(() => tmp.cleanup());

/** The target branch's version: chemical dosing still at SL-T 2, so the change raises it to 3 (new gaps). */
const oldVersion = () => readFileSync(EXAMPLE, 'utf8').replace('    purdue: 1\n    sl-target: 3\n    criticality: critical', '    purdue: 1\n    sl-target: 2\n    criticality: critical');

describe('the otpc of these tests pins the date', () => {
  it('the examples run otpc without --date, with commands that all take one', async () => {
    const cmds = [...githubCommands(), ...gitlabCommands()];
    expect(cmds.filter((c) => c.includes('--date'))).toEqual([]);
    for (const name of new Set(cmds.map((c) => c.split(' ')[1]))) expect(DATED).toContain(name);
    for (const name of DATED) {
      const help = spawnSync('node', ['bin/otpc.js', name, '--help'], { cwd: ROOT, encoding: 'utf8' });
      expect(help.stdout, name).toContain('--date <YYYY-MM-DD>');
    }
  });

  it(`adds --date ${DATE} where none is given, so an expired waiver (2028-03-31) does not fail the examples`, () => {
    const cwd = tmp.path('pin');
    mkdirSync(cwd);
    copyFileSync(EXAMPLE, `${cwd}/plant.yaml`);
    const log = `${cwd}/argv.log`;
    const run = (command: string, env: Record<string, string> = {}) => runJob([command], cwd, { OTPC_ARGV_LOG: log, ...env })[0];
    expect(run('otpc validate plant.yaml').code).toBe(0);
    const expired = run('otpc validate plant.yaml', { OTPC_DATE: '2028-04-01' });
    expect(expired.code).toBe(2);
    expect(expired.stderr).toMatch(/error OTPC503: the waiver of .* expired on 2028-03-31/);
    expect(run('otpc validate plant.yaml --date 2028-04-01').code).toBe(2);
    expect(run('otpc --version').code).toBe(0);
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual([
      `validate plant.yaml --date ${DATE}`, 'validate plant.yaml --date 2028-04-01', 'validate plant.yaml --date 2028-04-01', '--version',
    ]);
  });
});

describe('examples/ci/github-actions.yml', () => {
  it('has the otpc commands of every stage', () => {
    const cmds = githubCommands().map((c) => c.split(' ').slice(0, 2).join(' '));
    expect(cmds).toEqual(['otpc validate', 'otpc report', 'otpc report', 'otpc diff', 'otpc report', 'otpc compile']);
  });

  it('keeps the full diff as JSON next to the comment (a cut comment points to it)', () => {
    expect(githubCommands().find((c) => c.startsWith('otpc diff '))).toMatch(/-f markdown -o \S+ -f json -o otpc-diff\.json/);
    const wf = parse(readFileSync('examples/ci/github-actions.yml', 'utf8')) as { jobs: Record<string, { steps: { uses?: string; with?: { path?: string } }[] }> };
    const artifact = Object.values(wf.jobs).flatMap((j) => j.steps).find((st) => st.uses?.startsWith('actions/upload-artifact'));
    expect(artifact?.with?.path?.split('\n').map((l) => l.trim())).toContain('otpc-diff.json');
  });

  it('runs against the bundled example: reports written, the gate fails on the new gaps only', () => {
    const cwd = tmp.path('gh');
    mkdirSync(`${cwd}/runner`, { recursive: true });
    copyFileSync(EXAMPLE, `${cwd}/plant.yaml`);
    writeFileSync(`${cwd}/runner/old.yaml`, oldVersion());
    writeFileSync(`${cwd}/summary.md`, '');
    const steps = runJob(githubCommands(), cwd, { OTPC_POLICY: 'plant.yaml', RUNNER_TEMP: `${cwd}/runner`, GITHUB_STEP_SUMMARY: `${cwd}/summary.md` });
    const codes = steps.map((s) => `${s.command.split(' ').slice(0, 2).join(' ')}: ${s.code}`);
    expect(codes, steps.map((s) => s.stderr).join('\n')).toEqual([
      'otpc validate: 0', 'otpc report: 0', 'otpc report: 0', 'otpc diff: 0', 'otpc report: 1',
    ]);
    const gate = steps[4];
    expect(gate.stdout).toMatch(/^::error file=plant\.yaml,line=\d+,.*title=otpc%3A [a-z0-9-]+ \(zone chem-dosing\)%3A .*new since the baseline::/m);
    expect(gate.stdout).not.toMatch(/title=otpc%3A [a-z0-9-]+ \(zone (filtration|supervisory)\)/);
    expect(sarifErrors(JSON.parse(readFileSync(`${cwd}/otpc.sarif`, 'utf8')))).toEqual([]);
    expect(readFileSync(`${cwd}/runner/otpc-diff.md`, 'utf8')).toContain('security levels changed in 1 zone');
    expect(JSON.parse(readFileSync(`${cwd}/otpc-diff.json`, 'utf8')).zones[0].id).toBe('chem-dosing');
    expect(JSON.parse(readFileSync(`${cwd}/otpc-diff.json`, 'utf8')).new.date).toBe(DATE);
    expect(JSON.parse(readFileSync(`${cwd}/otpc-report.json`, 'utf8')).date).toBe(DATE);
    // the compile step runs after a failed gate too (if: success() || failure())
    const compile = runJob(githubCommands().slice(5), cwd, { OTPC_POLICY: 'plant.yaml' });
    expect(compile.map((s) => s.code)).toEqual([0]);
    expect(existsSync(`${cwd}/out/configs/trace.json`)).toBe(true);
  });
});

describe('examples/ci/gitlab-ci.yml', () => {
  it('keeps the full diff as JSON next to the Markdown (a cut comment points to it)', () => {
    expect(gitlabCommands().find((c) => c.startsWith('otpc diff '))).toMatch(/-f markdown -o otpc-diff\.md -f json -o otpc-diff\.json/);
    const job = (parse(readFileSync('examples/ci/gitlab-ci.yml', 'utf8')) as Record<string, { artifacts: { paths: string[] } }>).otpc;
    expect(job.artifacts.paths).toEqual(expect.arrayContaining(['otpc-diff.md', 'otpc-diff.json']));
  });

  it('runs against the bundled example: JUnit and Code Quality reports for GitLab, the gate last', () => {
    const cwd = tmp.path('gl');
    mkdirSync(cwd);
    copyFileSync(EXAMPLE, `${cwd}/plant.yaml`);
    writeFileSync(`${cwd}/old.yaml`, oldVersion());
    const steps = runJob(gitlabCommands(), cwd, { OTPC_POLICY: 'plant.yaml' });
    expect(steps.map((s) => `${s.command.split(' ').slice(0, 2).join(' ')}: ${s.code}`), steps.map((s) => s.stderr).join('\n')).toEqual([
      'otpc validate: 0', 'otpc report: 0', 'otpc diff: 0', 'otpc compile: 0', 'otpc report: 1',
    ]);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' || n === 'testcase' })
      .parse(readFileSync(`${cwd}/otpc-junit.xml`, 'utf8')) as { testsuites: { failures: string; testsuite: { name: string; failures: string }[] } };
    expect(Number(junit.testsuites.failures)).toBeGreaterThan(0);
    const failingSuites = junit.testsuites.testsuite.filter((s) => Number(s.failures) > 0).map((s) => s.name);
    const chem = ['cl2-analyzer', 'hmi-panel-chem', 'plc-chem-coag', 'plc-chem-hypo'];
    expect(failingSuites.every((n) => chem.includes(n)), failingSuites.join(', ')).toBe(true);
    const cq = JSON.parse(readFileSync(`${cwd}/gl-code-quality.json`, 'utf8')) as { location: { path: string } }[];
    expect(cq.length).toBeGreaterThan(0);
    expect(cq.every((i) => i.location.path === 'plant.yaml')).toBe(true);
  });
});
