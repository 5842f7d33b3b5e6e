import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/load/loadPolicy.js';
import type { LoadLimits } from '../../src/load/loadLimits.js';
import { validatePolicy } from '../../src/validate/validatePolicy.js';
import { testCatalogs, TODAY } from './fixtures.js';

/**
 * Broken and hostile policies, one per file in test/corpus/broken/. Each file
 * starts with `# expect: CODE at LINE:COL` lines (more than one allowed); an
 * optional `# today: YYYY-MM-DD` sets the waiver date and `# limits: k=v,...`
 * lowers a load limit. Binary cases are generated below instead of committed.
 */
const DIR = new URL('../corpus/broken/', import.meta.url);

interface Expectation {
  code: string;
  line: number;
  col: number;
}

interface CorpusCase {
  name: string;
  input: string | Uint8Array;
  expect: Expectation[];
  today?: string;
  limits?: Partial<LoadLimits>;
}

function header(text: string): Omit<CorpusCase, 'name' | 'input'> {
  const expect = [...text.matchAll(/^# expect: (OTPC\d{3}) at (\d+):(\d+)$/gm)].map((m) => ({ code: m[1], line: Number(m[2]), col: Number(m[3]) }));
  const today = /^# today: (\d{4}-\d{2}-\d{2})$/m.exec(text)?.[1];
  const limitText = /^# limits: (.+)$/m.exec(text)?.[1];
  const limits = limitText ? Object.fromEntries(limitText.split(',').map((kv) => kv.trim().split('=')).map(([k, v]) => [k, Number(v)])) : undefined;
  return { expect, today, limits };
}

function fileCases(): CorpusCase[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const input = readFileSync(new URL(name, DIR));
      return { name, input: new Uint8Array(input), ...header(input.toString('utf8')) };
    });
}

const enc = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) { out.set(p, i); i += p.length; }
  return out;
};

const generated: CorpusCase[] = [
  { name: 'generated: NUL byte', input: enc('otpc: 1\nsite: { id: s, name: "a\u0000b" }\n'), expect: [{ code: 'OTPC102', line: 2, col: 24 }] },
  { name: 'generated: invalid UTF-8 byte', input: join(enc('otpc: 1\nsite: { id: s, name: "Kl'), new Uint8Array([0xe4]), enc('rwerk" }\n')), expect: [{ code: 'OTPC102', line: 2, col: 25 }] },
  { name: 'generated: Latin-1 file after a UTF-8 BOM', input: join(new Uint8Array([0xef, 0xbb, 0xbf]), enc('n: K'), new Uint8Array([0xe4]), enc('\n')), expect: [{ code: 'OTPC102', line: 1, col: 5 }] },
  { name: 'generated: escape character', input: enc('otpc: 1\nsite: \u001b[31m\n'), expect: [{ code: 'OTPC102', line: 2, col: 7 }] },
  { name: 'generated: over 16 MiB', input: `otpc: 1\nsite: "${'x'.repeat(16 * 1024 * 1024)}"\n`, expect: [{ code: 'OTPC107', line: 1, col: 1 }] },
  { name: 'generated: 100,000 levels of nesting', input: `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, expect: [{ code: 'OTPC108', line: 1, col: 35 }] },
];

describe('corpus of broken and hostile policies', () => {
  const cases = [...fileCases(), ...generated];

  it('has at least 35 files, each starting with an expect line', () => {
    const files = fileCases();
    expect(files.length).toBeGreaterThanOrEqual(35);
    for (const c of files) expect(new TextDecoder().decode(c.input as Uint8Array).startsWith('# expect: OTPC'), c.name).toBe(true);
  });

  it('covers every code it is meant to', () => {
    const covered = new Set(cases.flatMap((c) => c.expect.map((e) => e.code)));
    const wanted = [
      101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 201, 202, 203, 204, 205, 206, 207, 208,
      301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320,
      401, 402, 403, 404, 405, 406, 407, 408, 501, 502, 503, 504, 506, 702, 706,
    ].map((n) => `OTPC${n}`);
    expect(wanted.filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const t = performance.now();
    const loaded = loadPolicy(c.input, c.name, c.limits);
    const result = validatePolicy(loaded, testCatalogs(), { today: c.today ?? TODAY });
    expect(performance.now() - t).toBeLessThan(3000);
    expect(c.expect.length).toBeGreaterThan(0);
    const got = result.diagnostics.map((d) => `${d.code} at ${d.range?.start.line}:${d.range?.start.col}`);
    for (const e of c.expect) expect(got, result.diagnostics.map((d) => `${d.code}@${d.range?.start.line}:${d.range?.start.col} ${d.message}`).join('\n')).toContain(`${e.code} at ${e.line}:${e.col}`);
    expect(result.model).toBeUndefined();
    for (const d of result.diagnostics) {
      expect(d.file).toBe(c.name);
      expect(d.range, `${d.code} ${d.message}`).toBeDefined();
      expect(d.message.length).toBeLessThan(400);
    }
  });
});
