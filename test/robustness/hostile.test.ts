import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { MAX_INPUT_BYTES } from '../../src/cli/io.js';
import { DEFAULT_LOAD_LIMITS } from '../../src/load/loadLimits.js';
import { loadPolicy } from '../../src/load/loadPolicy.js';
import { MAX_ASSETS, MAX_ZONES } from '../../src/model/limits.js';
import { runCli } from '../cli/runCli.js';
import { checkOutput } from './fuzz.js';
import { largePolicy } from './largePolicy.js';
import { runPipeline, TODAY } from './pipeline.js';

/**
 * Hostile inputs, each against a documented limit (docs/limits.md) that turns it into
 * a clear, located error instead of memory exhaustion, a hang or a crash. The time
 * bounds below are generous ceilings that catch a regression to minutes (a hang), not
 * benchmarks: the measured times are in docs/limits.md.
 */

const EXAMPLE = 'examples/water-treatment.yaml';
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'otpc-hostile-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function cli(argv: string[]) {
  const started = performance.now();
  const r = await runCli(argv);
  return { ...r, ms: performance.now() - started, problems: checkOutput(r.code, r.stdout, r.stderr) };
}

const codes = (stderr: string) => [...new Set([...stderr.matchAll(/ (?:error|warning) (OTPC\d{3}):/g)].map((m) => m[1]))].sort();
const polluted = () => ({} as Record<string, unknown>).polluted !== undefined || Object.getOwnPropertyNames(Object.prototype).length !== PROTO_NAMES;
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).length;

describe('resource limits', () => {
  it('rejects a billion-laughs alias bomb by counting aliases, without expanding them', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = await cli(['validate', file('lol.yaml', `${levels.join('\n')}\n`)]);
    expect(r.code).toBe(2);
    expect(codes(r.stderr)).toContain('OTPC106');
    expect(r.problems).toEqual([]);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('refuses a 100 MB file by its size before reading it', async () => {
    const p = join(dir, 'huge.yaml');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024); // sparse: no 100 MB written to disk
    closeSync(fd);
    const before = process.memoryUsage();
    const r = await cli(['validate', p]);
    const grown = process.memoryUsage().arrayBuffers - before.arrayBuffers;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/huge\.yaml: error OTPC107: the file is 100\.0 MiB; the limit is 16\.0 MiB/);
    expect(r.problems).toEqual([]);
    expect(grown).toBeLessThan(MAX_INPUT_BYTES);
    expect(r.ms).toBeLessThan(5_000);
  });

  it.each([
    ['a flow list', () => `x: [${Array(1_000_001).fill('0').join(',')}]\n`],
    ['a block list', () => `x:\n${'- 0\n'.repeat(1_000_001)}`],
    ['a mapping', () => `x:\n${Array.from({ length: 1_000_001 }, (_, i) => `  k${i}: 0\n`).join('')}`],
  ])('rejects a million-element %s with OTPC111 in seconds, not minutes', async (_name, make) => {
    const r = await cli(['validate', file('million.yaml', make())]);
    expect(r.code).toBe(2);
    expect(codes(r.stderr)).toEqual(['OTPC111']);
    expect(r.stderr).toMatch(/million\.yaml:\d+:\d+: error OTPC111: the document has more than 1000000 YAML nodes/);
    expect(r.problems).toEqual([]);
    expect(r.ms).toBeLessThan(30_000);
  });

  it.each([
    ['flow sequences', `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['flow mappings', `x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['block mappings', Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n'],
    ['block sequences', Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n') + 'x\n'],
  ])('rejects deeply nested %s with a located OTPC108', async (_name, text) => {
    const r = await cli(['validate', file('deep.yaml', text)]);
    expect(r.code).toBe(2);
    expect(codes(r.stderr)).toContain('OTPC108');
    expect(r.problems).toEqual([]);
  });

  it(`rejects more than ${MAX_ASSETS} assets and ${MAX_ZONES} zones with OTPC323/OTPC324`, () => {
    const a = analyzePolicy({ text: largePolicy(MAX_ASSETS + 1, 21), file: 'big.yaml', today: TODAY });
    expect(a.diagnostics.map((d) => d.code)).toEqual(['OTPC323']);
    const zones = Array.from({ length: MAX_ZONES + 1 }, (_, i) => `  z${i}: { purdue: 1, sl-target: 1, criticality: low }`).join('\n');
    const b = analyzePolicy({ text: `otpc: 1\nsite: { id: s, name: S }\nzones:\n${zones}\n`, file: 'zones.yaml', today: TODAY });
    expect(b.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['OTPC324']);
  });

  // Growth with size is measured by the benchmark (BENCHMARKS.md, n log n check), not by a
  // timed test: this one only proves the largest allowed plant goes through the pipeline.
  it(`validates and assesses ${MAX_ASSETS} assets, the largest plant allowed`, () => {
    const full = analyzePolicy({ text: largePolicy(MAX_ASSETS, 20), file: 'big.yaml', today: TODAY });
    expect(full.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(full.assessment?.devices).toHaveLength(MAX_ASSETS);
  });
});

function timed<T>(f: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = f();
  return { value, ms: performance.now() - started };
}

describe('encodings, line endings and control characters', () => {
  const example = readFileSync(EXAMPLE, 'utf8');

  async function compileOutput(name: string, content: string | Uint8Array) {
    const out = join(dir, `out-${name}`);
    const r = await cli(['compile', file(`${name}.yaml`, content), '-o', out, '--date', TODAY]);
    expect(r.problems).toEqual([]);
    expect(r.code).toBe(0);
    return Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  }

  it('gives byte-identical configs for the same policy with a BOM, CRLF or CR-only line endings', async () => {
    const plain = await compileOutput('plain', example);
    expect(await compileOutput('bom', `\uFEFF${example}`)).toEqual(plain);
    expect(await compileOutput('crlf', example.replace(/\n/g, '\r\n'))).toEqual(plain);
    expect(await compileOutput('cr', example.replace(/\n/g, '\r'))).toEqual(plain);
  });

  it('locates errors in CRLF files on the same line and column as in LF files', async () => {
    const broken = example.replace('purdue: 4', 'purdue: 7');
    const lf = await cli(['validate', file('lf.yaml', broken)]);
    const crlf = await cli(['validate', file('crlf.yaml', broken.replace(/\n/g, '\r\n'))]);
    expect(lf.stderr.replace(/lf\.yaml/g, 'X')).toBe(crlf.stderr.replace(/crlf\.yaml/g, 'X'));
    expect(lf.stderr).toMatch(/:\d+:\d+: error OTPC206: /);
  });

  it.each([
    ['a NUL byte', Buffer.from('otpc: 1\nsite: { id: s, name: "a\u0000b" }\n'), 'OTPC102', '2:24'],
    ['Latin-1 text', Buffer.concat([Buffer.from('otpc: 1\nsite: { id: s, name: "Kl'), Buffer.from([0xe4]), Buffer.from('rwerk" }\n')]), 'OTPC102', '2:25'],
    ['UTF-16', Buffer.from('\uFEFFotpc: 1\n', 'utf16le'), 'OTPC102', '1:1'],
    ['a tab as indentation', Buffer.from('otpc: 1\nsite:\n\tid: s\n'), 'OTPC103', '3:1'],
    ['an escape sequence', Buffer.from('otpc: 1\nsite: \u001b[31m\n'), 'OTPC102', '2:7'],
  ])('rejects %s with a located error', async (_name, bytes, code, at) => {
    const r = await cli(['validate', file('enc.yaml', bytes)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`enc.yaml:${at}: error ${code}: `);
    expect(r.problems).toEqual([]);
  });

  it('accepts tabs inside values and quoted strings', () => {
    const text = example.replace('name: Riverside Water Treatment', 'name: "Riverside\tWater Treatment"');
    expect(analyzePolicy({ text, file: 't.yaml', today: TODAY }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('no prototype pollution', () => {
  const SPECIAL = ['__proto__', 'constructor', 'prototype'];

  /** The example with { __proto__: {polluted: true}, constructor: ..., prototype: ... } added to every mapping. */
  function withSpecialKeysEverywhere(text: string): string {
    const lines = text.split('\n');
    return lines.flatMap((line, i) => {
      // a block mapping starts here when the next line is a deeper "key:" (not a "- " list)
      const next = /^(\s*)([^\s#-][^:]*):/.exec(lines[i + 1] ?? '');
      if (!/^\s*[a-z0-9-]+:\s*$/.test(line) || !next || next[1].length <= /^\s*/.exec(line)![0].length) return [line];
      return [line, ...SPECIAL.map((k) => `${next[1]}${k}: { polluted: true, toString: 1, valueOf: x }`)];
    }).join('\n');
  }

  it('reports special keys at every level as schema errors and pollutes nothing', async () => {
    const text = `__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n${withSpecialKeysEverywhere(readFileSync(EXAMPLE, 'utf8'))}`;
    const loaded = loadPolicy(text, 'p.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(Object.getPrototypeOf(loaded.doc)).toBe(null);
    expect(Object.keys(loaded.doc as object)).toContain('__proto__');
    const r = await cli(['validate', file('proto.yaml', text)]);
    expect(r.code).toBe(2);
    expect(codes(r.stderr)).toContain('OTPC203');
    expect(r.problems).toEqual([]);
    expect(polluted()).toBe(false);
  });

  it('runs the whole pipeline with "constructor" and "prototype" as ids and "__proto__" in free text', async () => {
    const text = `otpc: 1
site: { id: constructor, name: __proto__, description: prototype }
zones:
  constructor: { purdue: 3, sl-target: 2, criticality: high, networks: [10.1.0.0/24], name: __proto__, description: constructor }
  prototype: { purdue: 1, sl-target: 3, criticality: critical, networks: [10.2.0.0/24], name: prototype }
assets:
  hasownproperty: { zone: constructor, type: hmi, address: 10.1.0.10, name: __proto__, vendor: constructor, model: prototype, profile: unsupported-windows }
  tostring: { zone: prototype, type: plc, address: 10.2.0.11, name: toString, firmware: valueOf, profile: legacy-plc }
conduits:
  constructor:
    zones: [constructor, prototype]
    flows:
      - { from: hasownproperty, to: tostring, protocol: modbus, description: __proto__ }
      - { from: constructor, to: prototype, protocol: modbus, access: read-only, description: constructor }
enforcement:
  prototype: { platform: fortios, interfaces: { constructor: port1, prototype: port2 }, description: __proto__ }
  constructor: { platform: nftables, interfaces: { constructor: eth0, prototype: eth1 } }
  valueof: { platform: cisco-ios, interfaces: { constructor: Vlan10, prototype: Vlan20 } }
  hasownproperty: { platform: cisco-asa, interfaces: { constructor: inside, prototype: outside } }
services: { syslog: 10.1.0.5, jump-host: hasownproperty, ids: { address: 10.1.0.9, monitors: [constructor, prototype] } }
waivers:
  - { asset: tostring, requirement: SR 1.1, reason: __proto__, approved-by: constructor, expires: 2030-01-01 }
  - { zone: prototype, requirement: SR 2.8, reason: prototype, approved-by: __proto__, expires: 2030-01-01 }
`;
    const run = await runPipeline(text, 'ids.yaml');
    expect(run.analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.compiled.enforce?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.compiled.enforce?.files.map((f) => f.path).sort()).toEqual(['constructor.nft', 'hasownproperty.txt', 'prototype.conf', 'trace.json', 'valueof.txt']);
    const devices = JSON.parse(run.artifacts.get('report/json')!).devices.map((d: { id: string; zone: string }) => `${d.id}@${d.zone}`);
    expect(devices).toEqual(['hasownproperty@constructor', 'tostring@prototype']);
    expect(run.artifacts.get('config/enforce/constructor.nft')).toContain('constructor.1');
    const r = await cli(['compile', file('ids.yaml', text), '-o', join(dir, 'ids-out'), '--date', TODAY]);
    expect(r.code).toBe(0);
    expect(r.problems).toEqual([]);
    expect(polluted()).toBe(false);
  });
});

describe('paths given to -o and --catalog (policy: docs/limits.md "Paths")', () => {
  let policy: string;
  beforeAll(() => { policy = file('policy.yaml', readFileSync(EXAMPLE, 'utf8')); });
  const compile = (out: string, extra: string[] = []) => cli(['compile', policy, '-o', out, '--date', TODAY, ...extra]);

  it('refuses -o naming an existing regular file (OTPC902) and leaves the file alone', async () => {
    const target = file('a-file', 'precious\n');
    const r = await compile(target);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a-file: error OTPC902: exists and is not a folder/);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(r.problems).toEqual([]);
  });

  it('refuses -o that is a symbolic link to a folder elsewhere and writes nothing through it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'otpc-outside-'));
    try {
      const link = join(dir, 'link-out');
      symlinkSync(outside, link);
      const r = await compile(link);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/link-out: error OTPC902: is a symbolic link/);
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses -o /dev/null and a path under a regular file', async () => {
    const dev = await compile('/dev/null');
    expect(dev.code).toBe(2);
    expect(dev.stderr).toMatch(/^\/dev\/null: error OTPC902: /m);
    const under = await compile(join(file('plain-file', 'x'), 'sub'));
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(/error OTPC902: .*a part of the path is a file/);
    expect(dev.problems).toEqual([]);
    expect(under.problems).toEqual([]);
  });

  it('allows ".." in -o: the user chooses where the output goes', async () => {
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    const r = await compile(join(dir, 'nested', 'deeper', '..', 'dotdot-out'));
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'nested', 'dotdot-out'))).toContain('trace.json');
  });

  it('refuses report -o naming a folder, a symlink or a device', async () => {
    const folder = join(dir, 'report-folder');
    mkdirSync(folder, { recursive: true });
    symlinkSync(file('real-report.md', 'old\n'), join(dir, 'report-link.md'));
    for (const target of [folder, join(dir, 'report-link.md'), '/dev/null']) {
      const r = await cli(['report', policy, '--date', TODAY, '-o', target]);
      expect(r.code, target).toBe(2);
      expect(r.stderr, target).toMatch(/error OTPC90[12]: /);
      expect(r.problems).toEqual([]);
    }
    expect(readFileSync(join(dir, 'real-report.md'), 'utf8')).toBe('old\n');
  });

  it('reads --catalog /etc/passwd as a (broken) catalogue: located errors, exit 2', async () => {
    const r = await cli(['validate', policy, '--catalog', '/etc/passwd']);
    expect(r.code).toBe(2);
    expect(r.problems).toEqual([]);
  });

  it.each([
    ['a folder', () => dir],
    ['a FIFO', () => { const p = join(dir, 'fifo'); if (!existsSync(p)) execFileSync('mkfifo', [p]); return p; }],
    ['a character device', () => '/dev/zero'],
  ])('refuses to read %s as --catalog or as the policy (OTPC112), without blocking', async (_name, make) => {
    const p = make();
    const asCatalog = await cli(['validate', policy, '--catalog', p]);
    const asPolicy = await cli(['validate', p]);
    for (const r of [asCatalog, asPolicy]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error OTPC112: /);
      expect(r.problems).toEqual([]);
      expect(r.ms).toBeLessThan(10_000);
    }
  });
});

describe('an output is never an input of the run (OTPC902, before anything is written)', () => {
  let sub: string;
  /** Input files of the run, with their content before it. */
  const inputs: Record<string, string> = {};
  const at = (name: string) => join(sub, name);
  const input = (name: string, content: string | Buffer) => {
    writeFileSync(at(name), content);
    inputs[name] = readFileSync(at(name), 'utf8');
    return at(name);
  };
  beforeAll(async () => {
    sub = mkdtempSync(join(dir, 'in-out-'));
    input('plant.yaml', readFileSync(EXAMPLE));
    input('old.yaml', readFileSync(EXAMPLE));
    input('protocols.yaml', readFileSync('catalogs/protocols.yaml'));
    input('flows.csv', readFileSync('test/data/flows/batch-chemical.csv'));
    const base = await runCli(['report', at('plant.yaml'), '--date', TODAY, '--fail-on', 'never', '-f', 'json', '-o', at('baseline.json')]);
    expect(base.code, base.stderr).toBe(0);
    inputs['baseline.json'] = readFileSync(at('baseline.json'), 'utf8');
    linkSync(at('plant.yaml'), at('hard-link.yaml'));
    symlinkSync(sub, join(dir, 'in-out-link'));
    // a policy where compile -o DIR writes trace.json, and where plan -o DIR writes plan.md
    mkdirSync(at('compile-out'));
    input('compile-out/trace.json', readFileSync(EXAMPLE));
    mkdirSync(at('plan-out'));
    input('plan-out/plan.md', readFileSync(EXAMPLE));
  });

  const P = () => at('plant.yaml');
  it.each<[string, () => string[], () => string, string, () => string[]]>([
    // [name, argv, the input named in the message, its role, outputs that must not appear]
    ['report -o the policy (the audit\'s command)', () => ['report', P(), '-o', P(), '--fail-on', 'never'], P, 'the policy', () => []],
    ['report: the second -o is the policy; the first is not written either', () => ['report', P(), '-f', 'json', '-o', at('r.json'), '-f', 'markdown', '-o', P()], P, 'the policy', () => [at('r.json')]],
    ['report -o a hard link to the policy', () => ['report', P(), '-o', at('hard-link.yaml'), '--fail-on', 'never'], P, 'the policy', () => []],
    ['report -o the policy through a symbolic link to its folder', () => ['report', P(), '-o', join(dir, 'in-out-link', 'plant.yaml'), '--fail-on', 'never'], P, 'the policy', () => []],
    ['report -o the --baseline', () => ['report', P(), '--baseline', at('baseline.json'), '-f', 'json', '-o', at('baseline.json'), '--fail-on', 'never'], () => at('baseline.json'), 'the --baseline file', () => []],
    ['report -o a --catalog file', () => ['report', P(), '--catalog', at('protocols.yaml'), '-o', at('protocols.yaml'), '--fail-on', 'never'], () => at('protocols.yaml'), 'the --catalog file', () => []],
    ['validate --format json -o the policy', () => ['validate', P(), '-f', 'json', '-o', P()], P, 'the policy', () => []],
    ['validate: -o the second of two policies', () => ['validate', at('old.yaml'), P(), '-f', 'sarif', '-o', P()], P, 'the policy', () => []],
    ['diff -o OLD', () => ['diff', at('old.yaml'), P(), '-o', at('old.yaml')], () => at('old.yaml'), 'the OLD policy', () => []],
    ['diff -o NEW', () => ['diff', at('old.yaml'), P(), '-f', 'json', '-o', at('d.json'), '-f', 'markdown', '-o', P()], P, 'the NEW policy', () => [at('d.json')]],
    ['discover --suggest the policy (the report of -o is not written either)', () => ['discover', P(), '--flows', at('flows.csv'), '-o', at('discovery.md'), '--suggest', P()], P, 'the policy', () => [at('discovery.md')]],
    ['discover -o the --flows file', () => ['discover', P(), '--flows', at('flows.csv'), '-o', at('flows.csv')], () => at('flows.csv'), 'the --flows file', () => []],
    ['simulate -o the --flows file', () => ['simulate', P(), '--flows', at('flows.csv'), '-o', at('flows.csv')], () => at('flows.csv'), 'the --flows file', () => []],
    ['compile -o DIR holding the policy as DIR/trace.json', () => ['compile', at('compile-out/trace.json'), '-o', at('compile-out')], () => at('compile-out/trace.json'), 'the policy', () => []],
    ['plan -o DIR holding the policy as DIR/plan.md (no step folder is written either)', () => ['plan', at('plan-out/plan.md'), '-o', at('plan-out')], () => at('plan-out/plan.md'), 'the policy', () => []],
  ])('%s', async (_name, argv, named, role, absent) => {
    const r = await cli([...argv(), '--date', TODAY]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error OTPC902: is the same file as ${role} ${named()}`);
    expect(r.stdout).toBe('');
    expect(r.problems).toEqual([]);
    for (const [name, content] of Object.entries(inputs)) expect(readFileSync(at(name), 'utf8'), name).toBe(content);
    for (const p of absent()) expect(existsSync(p), p).toBe(false);
    expect(readdirSync(at('compile-out'))).toEqual(['trace.json']);
    expect(readdirSync(at('plan-out'))).toEqual(['plan.md']);
  });

  it('allows an output folder that holds the policy under a name otpc does not write', async () => {
    const out = at('configs');
    mkdirSync(out);
    writeFileSync(join(out, 'plant.yaml'), readFileSync(EXAMPLE));
    const r = await cli(['compile', join(out, 'plant.yaml'), '-o', out, '--date', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out)).toContain('trace.json');
    expect(readFileSync(join(out, 'plant.yaml'), 'utf8')).toBe(readFileSync(EXAMPLE, 'utf8'));
  });
});

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

describe('the documented limits are the ones in force', () => {
  it('matches docs/limits.md', () => {
    const doc = readFileSync('docs/limits.md', 'utf8');
    expect(doc).toContain(`${DEFAULT_LOAD_LIMITS.maxBytes / (1024 * 1024)} MiB`);
    expect(doc).toContain(`${DEFAULT_LOAD_LIMITS.maxDepth} levels`);
    expect(doc).toContain(`${thousands(DEFAULT_LOAD_LIMITS.maxNodes)} YAML nodes`);
    expect(doc).toContain(`${DEFAULT_LOAD_LIMITS.maxAliases} aliases`);
    expect(doc).toContain(`${thousands(MAX_ASSETS)} assets`);
    expect(doc).toContain(`${thousands(MAX_ZONES)} zones`);
    expect(MAX_INPUT_BYTES).toBe(DEFAULT_LOAD_LIMITS.maxBytes);
  });
});
