import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OutputError, setWriteFaultHookForTests, writeFileAtomic, writeFolderAtomic } from '../../src/cli/io.js';
import type { WriteStep } from '../../src/cli/io.js';
import { previousOutputs } from '../../src/cli/previousOutputs.js';
import { runCli } from '../cli/runCli.js';
import { checkOutput } from './fuzz.js';
import { TODAY } from './pipeline.js';

/**
 * Output is all-or-nothing (DESIGN "nothing half-written"): `compile -o DIR` and
 * `report -o FILE` either complete or leave what was there byte for byte, and a
 * successful compile replaces only otpc's own files, removing the configs an earlier
 * compile wrote for enforcement points that no longer exist.
 */

const EXAMPLE = readFileSync('examples/water-treatment.yaml', 'utf8');
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'otpc-atomic-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => setWriteFaultHookForTests(undefined));

/** Files (recursively, hidden ones included), contents and modes: "byte-identical" made checkable. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) { out[`${prefix}${name}/`] = `dir ${st.mode}`; walk(p, `${prefix}${name}/`); }
      else out[`${prefix}${name}`] = `${st.mode} ${readFileSync(p).toString('base64')}`;
    }
  };
  walk(root, '');
  return out;
}

let n = 0;
/** An output folder as an engineer has it: own notes, plus the output of an earlier compile with an old enforcement point. */
function populated(): string {
  const out = join(dir, `out-${n++}`);
  mkdirSync(join(out, 'notes'), { recursive: true });
  writeFileSync(join(out, 'README.txt'), 'change ticket CHG-1234: do not delete\n');
  writeFileSync(join(out, 'notes', 'rollout.md'), '# rollout notes\n');
  writeFileSync(join(out, 'fw-custom.conf'), 'hand-written, not from otpc\n');
  writeFileSync(join(out, 'fw-old.conf'), 'config fw-old from an earlier compile\n');
  writeFileSync(join(out, 'fw-plant.conf'), 'config fw-plant from an earlier compile\n');
  writeFileSync(join(out, 'trace.json'), `${JSON.stringify({ site: { id: 'riverside-wtp', name: 'x' }, enforcement: [{ id: 'fw-old', platform: 'fortios', rules: [] }, { id: 'fw-plant', platform: 'fortios', rules: [] }] })}\n`);
  return out;
}

function policy(name: string, text = EXAMPLE): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function compile(file: string, out: string) {
  const r = await runCli(['compile', file, '-o', out, '--date', TODAY]);
  return { ...r, problems: checkOutput(r.code, r.stdout, r.stderr) };
}

const noStaging = (root: string) => [...readdirSync(root), ...readdirSync(join(root, '..'))].filter((f) => f.includes('.otpc-'));

describe('compile -o DIR: on any error the folder is left exactly as it was', () => {
  it.each([
    ['an invalid policy', EXAMPLE.replace('purdue: 4', 'purdue: 7'), /error OTPC206/],
    ['a vendor-name error found while rendering', EXAMPLE.replace('enterprise: port1,', 'enterprise: "port 1",'), /error OTPC706/],
    ['a file that is not YAML', '\u0000\u0001binary', /error OTPC102/],
  ])('%s', async (_name, text, expected) => {
    const out = populated();
    const before = snapshot(out);
    const r = await compile(policy('bad.yaml', text), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(expected);
    expect(r.problems).toEqual([]);
    expect(snapshot(out)).toEqual(before);
    expect(noStaging(out)).toEqual([]);
  });

  it.each<WriteStep>(['write', 'backup', 'place', 'remove'])('a write failure at step "%s" (ENOSPC) is undone', async (step) => {
    const out = populated();
    const before = snapshot(out);
    let calls = 0;
    setWriteFaultHookForTests((s) => {
      // fail at the second time the step comes up, so that some work is already done
      if (s === step && ++calls === (step === 'remove' ? 1 : 2)) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    const r = await compile(policy('ok.yaml'), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error OTPC903: cannot write the output folder; it was left as it was: no space left on the device/);
    expect(r.problems).toEqual([]);
    expect(calls).toBeGreaterThan(0);
    expect(snapshot(out)).toEqual(before);
    expect(noStaging(out)).toEqual([]);
  });

  it('a write failure into a new folder leaves no folder and no staging behind', async () => {
    const out = join(dir, 'fresh-out');
    setWriteFaultHookForTests((s) => { if (s === 'publish') throw Object.assign(new Error('EIO'), { code: 'EIO' }); });
    const r = await compile(policy('ok.yaml'), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error OTPC903: /);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.otpc-'))).toEqual([]);
  });

  it('a folder where one of its files must go is refused before anything changes', async () => {
    const out = populated();
    mkdirSync(join(out, 'sw-core.txt'));
    const before = snapshot(out);
    const r = await compile(policy('ok.yaml'), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sw-core\.txt: error OTPC902: exists and is not a regular file \(a folder\)/);
    expect(snapshot(out)).toEqual(before);
  });

  it('a file where the output folder (or a parent) must go is refused', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'x');
    for (const out of [blocker, join(blocker, 'sub', 'out')]) {
      const r = await compile(policy('ok.yaml'), out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error OTPC902: /);
    }
    expect(readFileSync(blocker, 'utf8')).toBe('x');
  });

  // root ignores permission bits, so this one only runs as an ordinary user; the fault
  // hook above covers the same path (a failing write in the middle of the commit) as root
  it.skipIf(process.getuid?.() === 0)('a read-only folder', async () => {
    const out = populated();
    const before = snapshot(out);
    chmodSync(out, 0o555);
    try {
      const r = await compile(policy('ok.yaml'), out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error OTPC903: .*permission denied/);
    } finally {
      chmodSync(out, 0o755);
    }
    expect(snapshot(out)).toEqual(before);
  });
});

describe('compile -o DIR: a successful compile replaces only otpc\'s own files', () => {
  it('keeps the engineer\'s files, replaces the configs, removes the stale config of a removed enforcement point', async () => {
    const out = populated();
    const r = await compile(policy('ok.yaml'), out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('removed 1 stale file(s) of an earlier compile: fw-old.conf');
    const files = readdirSync(out).sort();
    expect(files).toEqual(['README.txt', 'fw-custom.conf', 'fw-plant.conf', 'notes', 'sw-core.txt', 'trace.json']);
    expect(readFileSync(join(out, 'README.txt'), 'utf8')).toBe('change ticket CHG-1234: do not delete\n');
    expect(readFileSync(join(out, 'fw-custom.conf'), 'utf8')).toBe('hand-written, not from otpc\n');
    expect(readFileSync(join(out, 'fw-plant.conf'), 'utf8')).toMatch(/^# FortiOS configuration generated by otpc/);
    expect(noStaging(out)).toEqual([]);
  });

  it('removes the old config when an enforcement point is renamed, and is idempotent', async () => {
    const out = join(dir, 'rename-out');
    expect((await compile(policy('v1.yaml'), out)).code).toBe(0);
    const renamed = EXAMPLE.replace(/^ {2}fw-plant:$/m, '  fw-main:');
    expect(renamed).not.toBe(EXAMPLE);
    const r = await compile(policy('v2.yaml', renamed), out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['fw-main.conf', 'sw-core.txt', 'trace.json']);
    const once = snapshot(out);
    expect((await compile(policy('v2.yaml', renamed), out)).code).toBe(0);
    expect(snapshot(out)).toEqual(once);
  });

  it('removes nothing on the word of a foreign or hostile trace.json', () => {
    const out = join(dir, 'hostile-trace');
    mkdirSync(out);
    writeFileSync(join(dir, 'victim.conf'), 'outside\n');
    writeFileSync(join(out, 'notes.conf'), 'mine\n');
    writeFileSync(join(out, 'trace.json'), JSON.stringify({ enforcement: [{ id: '../victim', platform: 'fortios' }, { id: 'notes', platform: 'no-such-platform' }, { id: 'x', platform: 'fortios' }, 'junk', null] }));
    expect(previousOutputs(out)).toEqual(['trace.json', 'x.conf']);
    writeFileSync(join(out, 'trace.json'), 'not json');
    expect(previousOutputs(out)).toEqual([]);
    const result = writeFolderAtomic(out, [{ path: 'trace.json', content: '{}\n' }], { previous: previousOutputs });
    expect(result.removed).toEqual([]);
    expect(readFileSync(join(dir, 'victim.conf'), 'utf8')).toBe('outside\n');
    expect(readFileSync(join(out, 'notes.conf'), 'utf8')).toBe('mine\n');
  });

  it('never removes a previous output that has become a folder or a link', () => {
    const out = join(dir, 'odd-previous');
    mkdirSync(join(out, 'fw-old.conf'), { recursive: true });
    const result = writeFolderAtomic(out, [{ path: 'trace.json', content: '{}\n' }], { previous: () => ['fw-old.conf'] });
    expect(result.removed).toEqual([]);
    expect(statSync(join(out, 'fw-old.conf')).isDirectory()).toBe(true);
  });
});

describe('report -o FILE (writeFileAtomic)', () => {
  it('replaces the file whole on success and leaves no temporary file', async () => {
    const target = join(dir, 'report.md');
    writeFileSync(target, 'old report\n');
    const r = await runCli(['report', policy('ok.yaml'), '--date', TODAY, '-o', target]);
    expect([0, 1]).toContain(r.code);
    expect(readFileSync(target, 'utf8')).toMatch(/^# /);
    expect(readdirSync(dir).filter((f) => f.includes('.otpc-'))).toEqual([]);
  });

  it.each<WriteStep>(['write', 'publish'])('leaves the old file when the write fails at step "%s"', (step) => {
    const target = join(dir, `keep-${step}.md`);
    writeFileSync(target, 'old report\n');
    setWriteFaultHookForTests((s) => { if (s === step) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); });
    expect(() => writeFileAtomic(target, 'new report\n')).toThrow(OutputError);
    expect(readFileSync(target, 'utf8')).toBe('old report\n');
    expect(readdirSync(dir).filter((f) => f.includes('.otpc-'))).toEqual([]);
  });

  it('refuses a symbolic link, a folder and a device with OTPC902', () => {
    for (const target of [dir, '/dev/null']) {
      expect(() => writeFileAtomic(target, 'x')).toThrow(expect.objectContaining({ code: 'OTPC902' }));
    }
  });
});
