import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { generatePlant } from '../../bench/generatePlant.js';
import { coreScalar } from '../../src/load/coreScalar.js';
import { expectSameLoad, type LoadPath } from './sameLoad.js';
import { mutatedYaml, rawYaml, writtenYaml } from './yamlArbitraries.js';

/**
 * The loader's fast paths (scanSimpleYaml, then cstToData) against its reference path
 * (yaml's Composer and toData): for every input, the same document, the same source map
 * and the same diagnostics. Runs: OTPC_FUZZ_RUNS (default 1) multiplies the property runs,
 * OTPC_FUZZ_SEED picks another seed.
 */
const RUNS = Number(process.env.OTPC_FUZZ_RUNS ?? 1);
const SEED = Number(process.env.OTPC_FUZZ_SEED ?? 62443);
const ROOT = new URL('../../', import.meta.url).pathname;
/** Long runs (OTPC_FUZZ_RUNS > 1) need more than vitest's default 5 s per test. */
const LONG = { timeout: 60_000 * RUNS };

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', '.git', 'out', 'coverage'].includes(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p.slice(ROOT.length));
  }
  return out.sort();
}

function tally(paths: LoadPath[]): Record<LoadPath, number> {
  const t = { scan: 0, cst: 0, reference: 0 };
  for (const p of paths) t[p]++;
  return t;
}

describe('fast load paths agree with the reference on every YAML file in the repository', () => {
  const files = yamlFiles(ROOT);

  it('finds the examples, the broken corpus and the fixtures', () => {
    expect(files.filter((f) => f.startsWith('examples/')).length).toBeGreaterThanOrEqual(4);
    expect(files.filter((f) => f.startsWith('test/corpus/broken/')).length).toBeGreaterThanOrEqual(35);
    expect(files).toContain('test/cli/fixtures/plant.yaml');
    expect(files.filter((f) => f.startsWith('test/html/fixtures/')).length).toBeGreaterThanOrEqual(1);
  });

  it.each(files.map((f) => [f]))('%s', (file) => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, file)));
    const path = expectSameLoad(bytes, undefined, file);
    // a valid policy or catalogue never needs the reference path
    if (/^(examples|catalogs)\/[^/]+\.yaml$|fixtures\//.test(file)) expect(path, file).not.toBe('reference');
    // and the same file with CRLF line ends (the scanner leaves those to the CST path)
    expectSameLoad(new TextDecoder().decode(bytes).replace(/\n/g, '\r\n'), undefined, `${file} (CRLF)`);
  });
});

describe('fast load paths on the benchmark plants', () => {
  it.each([100, 1000])('the %i-asset plant is read by the scanner, as the reference reads it', (n) => {
    const { text } = generatePlant(n) as { text: string };
    expect(expectSameLoad(text, undefined, `plant ${n}`)).toBe('scan');
    expect(expectSameLoad(text.replace(/\n/g, '\r\n'), undefined, `plant ${n} (CRLF)`)).toBe('scan');
    expect(expectSameLoad(`\uFEFF${text}`, undefined, `plant ${n} (BOM)`)).toBe('scan');
    expect(expectSameLoad(`---\n${text}...\n`, undefined, `plant ${n} (markers)`)).toBe('cst');
    expect(expectSameLoad(`${text}---\nb: 1\n`, undefined, `plant ${n} (two documents)`)).toBe('reference');
  });
});

describe('fast load paths: edge cases, one rule each', () => {
  it.each<[string, string, LoadPath]>([
    ['plain values of every type', 'a: 1\nb: -0\nc: 0o17\nd: 0x1F\ne: .5\nf: 1e3\ng: .inf\nh: -.Inf\ni: .NaN\nj: ~\nk: null\nl: True\nm: FALSE\nn: 2027-03-31\no: 1.2.3\np: yes\n', 'scan'],
    ['keys keep their text', '1: a\ntrue: b\nnull: c\n1.50: d\n~: e\n0x1F: f\n', 'scan'],
    ['quoted keys and values, escapes', '"a b": "x\\ty\\u00e9"\n\'c\'\'d\': \'it\'\'s\'\n"": empty\n', 'scan'],
    ['an invalid escape', 'a: "bad \\q"\n', 'reference'],
    ['prototype keys', '__proto__: { polluted: true }\nconstructor: 1\nz:\n  __proto__: [1]\n', 'scan'],
    ['pointer escapes', '"a/b":\n  "m~n": 1\n', 'scan'],
    ['flow collections', 'a: [1, "two", [3, {b: c}], {}]\nb: { x: 1, y: [a b, c] }\nc: []\n', 'scan'],
    ['a flow pair in a sequence', 'a: [b: 1]\n', 'cst'],
    ['a flow key without a value', 'a: { b }\n', 'cst'],
    ['a trailing comma', 'a: [1, 2, ]\n', 'cst'],
    ['a multi-line flow collection', 'a: [1,\n  2]\n', 'cst'],
    ['a sequence at its key\'s column', 'a:\n- 1\n- 2\nb: 3\n', 'scan'],
    ['compact mappings in a sequence', 'a:\n  - x: 1\n    y: 2\n  -   z: 3\n  - w\n', 'scan'],
    ['a nested mapping in a compact mapping', 'a:\n  - x:\n      y: 1\n    z: 2\n', 'scan'],
    ['an empty value', 'a:\nb: 1\n', 'cst'],
    ['an empty value at the end', 'a: 1\nb:\n', 'cst'],
    ['block scalars', 'a: |\n  text\n\n   more\n  # not a comment\n\nb: >-\n  folded\n  line\nc:\n  - |-\n    x\n  - k: >\n      y\n', 'scan'],
    ['a block scalar with a keep indicator', 'a: |+\n  text\n\nb: 1\n', 'cst'],
    ['a block scalar with an indentation indicator', 'a: |2\n   text\nb: 1\n', 'cst'],
    ['an empty block scalar', 'a: |\nb: 1\n', 'cst'],
    ['a comment after a block scalar does not join it', 'a:\n  b: |\n    x\n   # c\nd: 1\n', 'scan'],
    ['a multi-line plain scalar', 'a: one\n  two\n', 'cst'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n', 'cst'],
    ['a document start marker', '---\na: 1\n', 'cst'],
    ['a tab', 'a: "x\ty"\n', 'cst'],
    ['a duplicate key', 'a: 1\na: 2\n', 'reference'],
    ['a duplicate key in a flow mapping', 'a: {b: 1, b: 2}\n', 'reference'],
    ['a duplicate key in a nested block mapping (the document is kept)', 'a:\n  b: 1\n  c: 2\n  b: 3\nd: 4\n', 'reference'],
    ['a tag (the document is kept, read as if untagged)', 'a: !ip 10.0.0.1\nb: !!str 5\nc: [1, 2]\n', 'reference'],
    ['a key over 1024 characters', `${'k'.repeat(1100)}: 1\n`, 'reference'],
    ['a comment without a space', 'a: "x"#c\n', 'reference'],
    ['a plain scalar with a hash', 'a: x#c\nb: x #c\n', 'scan'],
    ['comments before and between keys', '# head\na: 1 # one\n# col 0\n  # col 2\nb:\n  # under b\n  c: 2\n', 'scan'],
    ['an indented comment after a value belongs to it', 'a:\n  b: 1\n    # deeper\nc: 2\n', 'scan'],
    ['blank lines before an indented comment', 'a:\n  b: 1\n\n      # deeper\n\nc: 2\n', 'scan'],
    ['a comment at the nested column stays in the nested mapping', 'a:\n  b: 1\n  # same column\nc: 2\n', 'scan'],
    ['the same at the end of the file', 'a:\n  b:\n    c: 1\n  # two\n# zero\n', 'scan'],
    ['a comment left of the nested column moves out', 'a:\n    b: 1\n  # between\nc: 2\n', 'scan'],
    ['comments in a sequence at column 0', 'a:\n- 1\n# c\n- 2\n# d\nb: 1\n', 'scan'],
    ['trailing comments at every level', 'a:\n  b:\n    - c: 1\n      # six\n    # four\n  # two\n# zero\n', 'scan'],
    ['no newline at the end', 'a:\n  b: 1\n  # c', 'scan'],
    ['a value deeper than its mapping', 'a: 1\n  b: 2\n', 'reference'],
    ['a key between two columns', 'a:\n    b: 1\n  c: 2\n', 'reference'],
    ['a sequence item in a mapping', 'a: 1\n- b\n', 'reference'],
    ['a top-level sequence', '- a\n- b\n', 'reference'],
    ['an indented top level', '  a: 1\n  b: 2\n', 'cst'],
    ['nothing', '', 'reference'],
    ['comments only', '# a\n\n# b\n', 'reference'],
  ])('%s', (_name, text, want) => {
    expect(expectSameLoad(text, undefined, _name)).toBe(want);
  });

  it('respects the depth and node limits', () => {
    const deep = 'a:\n  b:\n    c:\n      d: [[1]]\n';
    expect(expectSameLoad(deep, { maxDepth: 6 })).toBe('scan');
    expect(expectSameLoad(deep, { maxDepth: 5 })).toBe('reference');
    // 10 nodes as preflight counts them: the mapping, 4 keys, 2 flow collections, 4 values... minus one
    const many = 'a: [1, 2, 3]\nb: { c: 4 }\n';
    expect(expectSameLoad(many, { maxNodes: 10 })).toBe('scan');
    expect(expectSameLoad(many, { maxNodes: 9 })).toBe('reference');
  });
});

describe('coreScalar resolves plain scalars as the yaml package does (YAML 1.2 core schema)', () => {
  const reference = (s: string) => parseDocument(`k: ${s}\n`, { schema: 'core', version: '1.2' }).toJS().k as unknown;
  it.each(['0', '-0', '+0', '012', '0o17', '0o', '0x1F', '0xFFFFFFFFFFFFFFFFF', '1.5', '.5', '1.', '1e3', '1E-3', '+1.5e+3', '.inf', '-.Inf', '+.INF', '.NaN', '.nan', '~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'yes', '2027-03-31', '1_000', ''])('%j', (s) => {
    expect(Object.is(coreScalar(s), reference(s)) || (Number.isNaN(coreScalar(s)) && Number.isNaN(reference(s)))).toBe(true);
  });

  it('on random number-like and word-like texts', LONG, () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789+-.eExXoOabcdfinaINANulLtTrRuUsS~_'.split('')), minLength: 1, maxLength: 8 });
    fc.assert(fc.property(text, (s) => {
      if (/^[-?:,\[\]{}#&*!|>'"%@`]|[:#]|^\s|\s$/.test(s)) return; // not a plain scalar on its own
      const want = reference(s);
      const got = coreScalar(s);
      expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), s).toBe(true);
    }), { numRuns: 2000 * RUNS, seed: SEED });
  });
});

describe('fast load paths agree with the reference on random documents', () => {
  it('documents written by the yaml package with random options', LONG, () => {
    const paths: LoadPath[] = [];
    fc.assert(fc.property(writtenYaml, (text) => {
      paths.push(expectSameLoad(text));
    }), { numRuns: 600 * RUNS, seed: SEED });
    const t = tally(paths);
    console.log('written', t);
    // each path is exercised, so the comparison is not vacuous
    expect(t.scan).toBeGreaterThan(paths.length / 10);
    expect(t.cst).toBeGreaterThan(paths.length / 10);
    expect(t.reference).toBeGreaterThan(0);
  });

  it('documents written line by line, with comments, blank lines and mistakes', LONG, () => {
    const paths: LoadPath[] = [];
    fc.assert(fc.property(rawYaml, (text) => {
      paths.push(expectSameLoad(text));
    }), { numRuns: 1500 * RUNS, seed: SEED });
    const t = tally(paths);
    console.log('raw', t);
    expect(t.scan).toBeGreaterThan(paths.length / 10);
    expect(t.cst).toBeGreaterThan(paths.length / 20);
    expect(t.reference).toBeGreaterThan(paths.length / 10);
  });

  it('small edits of the examples and of a generated plant', LONG, () => {
    const sources = [
      ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8')),
      readFileSync(join(ROOT, 'test/cli/fixtures/plant.yaml'), 'utf8'),
      (generatePlant(100) as { text: string }).text,
    ];
    const paths: LoadPath[] = [];
    fc.assert(fc.property(fc.nat(sources.length - 1).chain((i) => mutatedYaml(sources[i])), (text) => {
      paths.push(expectSameLoad(text));
    }), { numRuns: 150 * RUNS, seed: SEED });
    expect(tally(paths).scan).toBeGreaterThan(0);
  });
});
