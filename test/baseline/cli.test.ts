import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { FLOWS, POLICY } from './fixture.js';

/** CLI scenarios: argv in, exit code, stdout and stderr out (DESIGN "Command line"). */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(argv);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'otpc-baseline-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const policy = join(dir, 'plant.yaml');
const flows = join(dir, 'flows.csv');
const clean = join(dir, 'clean.csv');
writeFileSync(policy, POLICY);
writeFileSync(flows, FLOWS);
writeFileSync(join(dir, 'flows.csv.gz'), gzipSync(Buffer.from(FLOWS)));
writeFileSync(clean, 'src,dst,proto,sport,dport\n10.0.1.10,10.0.2.10,tcp,50000,502\n10.0.1.10,10.0.1.20,tcp,50001,445\n');
writeFileSync(join(dir, 'odd.txt'), 'hello world\n');

describe('otpc simulate', () => {
  it('exits 1 and names the blocked flows when enforcement would block observed traffic', async () => {
    const r = await run(['simulate', policy, '--flows', flows]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('**3 distinct observed flow(s) (3 connection(s)) would be blocked when enforced. Write operations on 1 read-only flow(s) would be dropped.**');
    expect(r.out).toContain('| 10.0.2.10 (plc) | 10.0.1.10 (hmi) | tcp/2222 | 1 |');
    expect(r.err).toContain('warning OTPC806: 3 observed flow(s) (3 connection(s)) would be blocked in the enforce phase');
    expect(r.err).toMatch(/flows\.csv:13:1: warning OTPC802: 1 line\(s\) could not be read and were skipped: line 13 \(line 13: source is not an IP address\)/);
  });

  it('exits 0 when nothing observed would be blocked, and in the monitor phase', async () => {
    expect((await run(['simulate', policy, '--flows', clean])).code).toBe(0);
    const monitor = await run(['simulate', policy, '--flows', flows, '--phase', 'monitor']);
    expect(monitor.code).toBe(0);
    expect(monitor.out).toContain('would show up as would-deny log entries');
  });

  it('reads gzip (by its magic bytes) exactly like the plain file', async () => {
    const plain = await run(['simulate', policy, '--flows', flows, '--format', 'json']);
    const gz = await run(['simulate', policy, '--flows', join(dir, 'flows.csv.gz'), '--format', 'json']);
    const strip = (s: string) => s.replace(/"file": "[^"]*"/, '');
    expect(strip(gz.out)).toBe(strip(plain.out));
    expect(JSON.parse(gz.out).blocked).toHaveLength(3);
  });

  it('writes the report atomically with -o and keeps stdout empty', async () => {
    const out = join(dir, 'sim.json');
    const r = await run(['simulate', policy, '--flows', flows, '--format', 'json', '-o', out]);
    expect(r.out).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.blockedFlows).toBe(3);
  });
});

describe('otpc simulate --fail-on', () => {
  // an allowed flow and one to an address outside every zone network (an update server)
  const outside = join(dir, 'outside.csv');
  writeFileSync(outside, 'src,dst,proto,sport,dport\n10.0.1.10,10.0.2.10,tcp,50000,502\n10.0.1.10,13.107.4.50,tcp,50001,80\n');

  it('blocked (the default): a flow with an end outside every zone is a warning, exit 0', async () => {
    for (const argv of [['simulate', policy, '--flows', outside], ['simulate', policy, '--flows', outside, '--fail-on', 'blocked']]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.err).toContain('warning OTPC804: 1 observed flow(s) have an end outside every zone network');
      expect(r.err).not.toContain('--fail-on outside');
      expect(r.out).toContain('| 10.0.1.10 (hmi) | 13.107.4.50 | tcp/80 | 1 |');
    }
  });

  it('outside: exit 1 on such a flow in either phase, still 1 on blocked flows, 0 when neither', async () => {
    const r = await run(['simulate', policy, '--flows', outside, '--fail-on', 'outside']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('warning OTPC804: 1 observed flow(s) have an end outside every zone network; not decided (run otpc discover); any enforcement point they cross drops them (--fail-on outside)');
    expect((await run(['simulate', policy, '--flows', outside, '--fail-on', 'outside', '--phase', 'monitor'])).code).toBe(1);
    expect((await run(['simulate', policy, '--flows', flows, '--fail-on', 'outside'])).code).toBe(1);
    expect((await run(['simulate', policy, '--flows', clean, '--fail-on', 'outside'])).code).toBe(0);
  });

  it('is documented in --help', async () => {
    const r = await run(['simulate', '--help']);
    expect(r.out).toContain('--fail-on <what>');
    expect(r.out).toContain('--fail-on outside makes them fail the gate');
  });
});

describe('otpc discover', () => {
  it('reports undocumented devices, uncovered flows, unseen assets and a YAML fragment; exit 0', async () => {
    const r = await run(['discover', policy, '--flows', flows, '--suggest', join(dir, 'add.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('## Undocumented devices');
    expect(r.out).toContain('| 10.0.1.77 | sup | – | tcp/502 | 1 | 1 |');
    expect(r.out).toContain('```yaml');
    expect(r.err).toContain('warning OTPC803: 2 observed address(es) are not documented assets (1 inside zone networks, 1 outside every zone network)');
    expect(r.err).toContain('note OTPC805: 1 documented asset(s) never appear in the flows');
    expect(readFileSync(join(dir, 'add.yaml'), 'utf8')).toContain('dev-10-0-1-77:');
  });

  it('is deterministic: the same input gives byte-identical JSON', async () => {
    const one = await run(['discover', policy, '--flows', flows, '--format', 'json']);
    const two = await run(['discover', policy, '--flows', flows, '--format', 'json']);
    expect(one.out).toBe(two.out);
    expect(JSON.parse(one.out).input).toMatchObject({ file: 'flows.csv', format: 'csv', records: 11, reoriented: 1, badLines: { count: 1, lines: [13] } });
  });
});

describe('bad input exits 2 with FILE: error CODE', () => {
  it.each([
    ['a missing flow file', ['discover', policy, '--flows', join(dir, 'nope.csv')], /nope\.csv: error OTPC801: cannot read the flow file: no such file/],
    ['a folder', ['simulate', policy, '--flows', dir], /error OTPC801: cannot read the flow file: is a folder/],
    ['an unknown format', ['simulate', policy, '--flows', join(dir, 'odd.txt')], /odd\.txt:1:1: error OTPC801: the first line is neither/],
    ['an unknown --format', ['discover', policy, '--flows', flows, '--format', 'xml'], /error OTPC901: --format xml: expected markdown or json/],
    ['an unknown --phase', ['simulate', policy, '--flows', flows, '--phase', 'learn'], /error OTPC901: --phase learn/],
    ['an unknown --fail-on', ['simulate', policy, '--flows', flows, '--fail-on', 'never'], /error OTPC901: --fail-on never: expected blocked or outside/],
    ['a bad --baseline-days', ['plan', policy, '--baseline-days', 'many'], /error OTPC901: --baseline-days many/],
    ['a bad --baseline-start', ['plan', policy, '--baseline-start', '2026-02-30'], /error OTPC901: --baseline-start 2026-02-30/],
    ['an invalid policy', ['simulate', flows, '--flows', flows], /error OTPC/],
  ])('%s', async (_, argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});

describe('otpc plan', () => {
  it('prints the plan with readiness; exit 1 while a boundary is not ready', async () => {
    const r = await run(['plan', policy, '--flows', flows]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('## Phase 3: enforce, boundary by boundary');
    expect(r.out).toContain('| 1 | ctl ↔ dmz | fw | critical | 3 | ready | `step-1-fw-ctl-dmz/fw.nft` | `monitor/fw.nft` |');
    expect(r.out).toContain('held in monitor');
    expect(r.err).toContain('warning OTPC810: step 2, boundary ctl | sup on fw: 2 observed flow(s) would be blocked; held in monitor');
  });

  it('without flows: exit 0, baseline from the policy or the options', async () => {
    const r = await run(['plan', policy, '--baseline-start', '2026-10-01', '--baseline-days', '120']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('From 2026-10-01 (option) for 120 days (option), until 2027-01-29.');
    expect(r.out).toContain('not checked (no --flows)');
  });

  it('-o writes the monitor configs and only the ready steps; --force writes every step', async () => {
    const out = join(dir, 'rollout');
    const held = await run(['plan', policy, '--flows', flows, '-o', out]);
    expect(held.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['monitor', 'plan.md', 'step-1-fw-ctl-dmz']);
    expect(readdirSync(join(out, 'step-1-fw-ctl-dmz')).sort()).toEqual(['fw.nft', 'trace.json']);
    const forced = await run(['plan', policy, '--flows', flows, '-o', out, '--force']);
    expect(forced.err).toContain('warning OTPC812');
    expect(readdirSync(out).sort()).toEqual(['monitor', 'plan.md', 'step-1-fw-ctl-dmz', 'step-2-fw-ctl-sup', 'step-3-fw-dmz-sup']);
    // a later plan without --force names the step folders it did not write, and leaves them
    const again = await run(['plan', policy, '--flows', flows, '-o', out]);
    expect(again.err).toMatch(/step-2-fw-ctl-sup: warning OTPC813/);
    expect(existsSync(join(out, 'step-2-fw-ctl-sup', 'fw.nft'))).toBe(true);
  });

  it('refuses an output path that is a file, before doing anything', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = await run(['plan', policy, '-o', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('OTPC902');
  });
});

describe('help', () => {
  it.each(['discover', 'simulate', 'plan'])('otpc %s --help has examples and exit codes', async (cmd) => {
    const r = await run([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain('Exit codes:');
  });
});
