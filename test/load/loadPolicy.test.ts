import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../src/load/firstInvalidUtf8.js';
import { loadPolicy } from '../../src/load/loadPolicy.js';

const at = (input: string | Uint8Array, limits?: Parameters<typeof loadPolicy>[2]) =>
  loadPolicy(input, 'p.yaml', limits).diagnostics.map((d) => `${d.code}@${d.range?.start.line}:${d.range?.start.col}`);

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => {
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8(p) : new Uint8Array(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let i = 0;
  for (const c of chunks) { out.set(c, i); i += c.length; }
  return out;
};

/** Billion laughs: 9 levels of 9 aliases each, 9^9 "lol"s once expanded. */
function billionLaughs(): string {
  const lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= 9; i++) lines.push(`lol${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

describe('loadPolicy: load errors are located diagnostics, never exceptions', () => {
  it.each<[string, string | Uint8Array, string[]]>([
    ['empty input', '', ['OTPC101@1:1']],
    ['whitespace only', '  \n\n', ['OTPC101@1:1']],
    ['comments only', '# nothing here\n', ['OTPC101@1:1']],
    ['document marker only', '---\n', ['OTPC101@1:1']],
    ['NUL byte', 'a: 1\nb: x\u0000y\n', ['OTPC102@2:5']],
    ['two control characters', 'a: \u0007\nb: \u001b\n', ['OTPC102@1:4', 'OTPC102@2:4']],
    ['DEL', 'a: \u007f\n', ['OTPC102@1:4']],
    ['invalid UTF-8 byte', bytes('a: 1\nb: 2\nc: é', [0xff], '\n'), ['OTPC102@3:5']],
    ['truncated UTF-8 sequence', bytes('a: ', [0xe2, 0x82], '\n'), ['OTPC102@1:4']],
    ['overlong encoding', bytes('a: ', [0xc0, 0xaf], '\n'), ['OTPC102@1:4']],
    ['UTF-8 encoded surrogate', bytes('a: ', [0xed, 0xa0, 0x80], '\n'), ['OTPC102@1:4']],
    ['UTF-16 file', bytes([0xff, 0xfe], 'a\u0000'), ['OTPC102@1:1']],
    ['lone surrogate in a string', 'a: 1\nb: x\ud800\n', ['OTPC102@2:5']],
    ['unclosed flow sequence', 'a: [1, 2\nb: 3\n', ['OTPC103@2:1']],
    ['tab indentation', 'a:\n\tb: 1\n', ['OTPC103@2:1']],
    ['unclosed quote (yaml reports the end)', 'a: "x\n', ['OTPC103@2:1']],
    ['complex key', '? [a, b]\n: 1\n', ['OTPC103@1:3']],
    ['undefined alias', 'a: *nope\n', ['OTPC103@1:4']],
    ['duplicate key, at the second', 'a: 1\nb: 2\na: 3\n', ['OTPC104@3:1']],
    ['duplicate key in a flow map', 'z: { a: 1, a: 2 }\n', ['OTPC104@1:12']],
    ['custom tag', 'a: !foo x\n', ['OTPC105@1:4']],
    ['binary tag', 'a: !!binary aGVsbG8=\n', ['OTPC105@1:4']],
    ['set tag on a mapping', 'a: !!set\n  x: null\n', ['OTPC105@1:4']],
    ['str tag', 'a: !!str 5\n', ['OTPC105@1:4']],
    ['non-specific tag', 'a: ! x\n', ['OTPC105@1:4']],
    ['tag on the document', '--- !foo\na: 1\n', ['OTPC105@1:5']],
    ['recursive alias', 'a: &a [1, *a]\n', ['OTPC106@1:11']],
    ['top level sequence', '- a\n- b\n', ['OTPC109@1:1']],
    ['top level scalar', 'hello\n', ['OTPC109@1:1']],
    ['top level null', '~\n', ['OTPC109@1:1']],
    ['two documents', 'a: 1\n---\nb: 2\n', ['OTPC110@2:1']],
    ['three documents', '---\na: 1\n---\nb: 2\n---\nc: 3\n', ['OTPC110@3:1']],
  ])('%s', (_name, input, expected) => {
    expect(at(input)).toEqual(expected);
  });

  it('reports every load error at once (tag, duplicate key, second document)', () => {
    expect(at('a: !x 1\na: 2\n---\nb: 1\n').sort()).toEqual(['OTPC104@2:1', 'OTPC105@1:4', 'OTPC110@3:1']);
  });

  it('treats an empty trailing or leading document as a separator', () => {
    expect(loadPolicy('a: 1\n---\n', 'p.yaml').doc).toEqual({ a: 1 });
    expect(loadPolicy('---\n---\na: 1\n...\n', 'p.yaml').doc).toEqual({ a: 1 });
  });

  it('returns the document with a duplicate key: the first occurrence wins, and says so', () => {
    const r = loadPolicy('a: 1\nb: { x: 1, x: 2 }\na: 3\n', 'p.yaml');
    expect(r.doc).toEqual({ a: 1, b: { x: 1 } });
    expect(r.file).toBe('p.yaml');
    expect(r.diagnostics.map((d) => `${d.code}@${d.range?.start.line}:${d.range?.start.col}`)).toEqual(['OTPC104@2:12', 'OTPC104@3:1']);
    expect(r.diagnostics[1]).toMatchObject({ code: 'OTPC104', severity: 'error', file: 'p.yaml', message: 'duplicate key "a" (first defined on line 1); this occurrence is ignored' });
    expect(r.diagnostics[1].hint).toContain('reads the first one (line 1)');
    // the source map points at the value that was kept
    expect(r.sourceMap.locate('/a')?.start).toEqual({ line: 1, col: 4 });
  });

  it.each<[string, string, unknown]>([
    ['custom tag on a plain scalar', 'a: !ip 10.20.1.11\n', { a: '10.20.1.11' }],
    ['binary tag', 'a: !!binary aGVsbG8=\n', { a: 'aGVsbG8=' }],
    ['str tag on a number: the number', 'a: !!str 5\n', { a: 5 }],
    ['int tag on a quoted string: the string', 'a: !!int "5"\n', { a: '5' }],
    ['float tag that yaml cannot resolve', 'a: !!float 5\n', { a: 5 }],
    ['bool tag on yes', 'a: !!bool yes\n', { a: 'yes' }],
    ['non-specific tag', 'a: ! x\n', { a: 'x' }],
    ['tag without a value: null', 'a: !x\nb: 1\n', { a: null, b: 1 }],
    ['tag on a block scalar', 'a: !x |\n  text\n', { a: 'text\n' }],
    ['tag on a key', '!k a: 1\n', { a: 1 }],
    ['set tag on a mapping', 'a: !!set\n  x: null\n', { a: { x: null } }],
    ['tag on a flow sequence', 'a: !foo [1, !!str 2]\n', { a: [1, 2] }],
    ['omap tag (a YAML 1.1 type)', 'a: !!omap [ { b: 1 }, { c: 2 } ]\n', { a: [{ b: 1 }, { c: 2 }] }],
    ['set tag on a mapping with values', 'a: !!set { x: 1 }\n', { a: { x: 1 } }],
    ['timestamp tag', 'a: !!timestamp 2001-12-14\n', { a: '2001-12-14' }],
    ['verbatim tag', 'a: !<tag:yaml.org,2002:str> 5\n', { a: 5 }],
    ['tag on the document', '--- !foo\na: 1\n', { a: 1 }],
    ['tagged anchor and its alias', 'a: !x &y 1\nb: *y\n', { a: 1, b: 1 }],
  ])('returns the document with a tag, the value read as if untagged: %s', (_name, text, want) => {
    const r = loadPolicy(text, 'p.yaml');
    expect(r.diagnostics.map((d) => d.code)).toEqual(r.diagnostics.map(() => 'OTPC105'));
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0].hint).toContain('as written without it');
    expect(r.doc).toEqual(want);
  });

  it.each<[string, string | Uint8Array, Parameters<typeof loadPolicy>[2]?]>([
    ['a syntax error next to a duplicate key', 'a: 1\na: 2\nb: [1, 2\n'],
    ['a syntax error next to a tag', 'a: !x 1\nb: "x\n'],
    ['an undefined alias next to a duplicate key', 'a: 1\na: 2\nb: *nope\n'],
    ['a second document next to a duplicate key', 'a: 1\na: 2\n---\nb: 1\n'],
    ['a top-level sequence with a tag', '- !x a\n'],
    ['a recursive alias next to a tag', 'a: !x 1\nb: &b [*b]\n'],
    ['the alias limit next to a duplicate key', `a: &a 1\na: 2\nb: [${Array(9).fill('*a').join(', ')}]\n`],
    ['the depth limit next to a duplicate key', 'a: 1\na: [[[[1]]]]\n', { maxDepth: 3 }],
    ['the node limit next to a tag', 'a: !x [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n', { maxNodes: 8 }],
    ['an encoding error next to a duplicate key', 'a: 1\na: \u0007\n'],
    ['the size limit', 'a: 1\na: 2\n', { maxBytes: 5 }],
  ])('returns no document for %s', (_name, input, limits) => {
    const r = loadPolicy(input, 'p.yaml', limits);
    expect(r.diagnostics.some((d) => !['OTPC104', 'OTPC105'].includes(d.code))).toBe(true);
    expect(r.doc).toBeUndefined();
  });

  it('names the UTF-16 encoding when the file has a UTF-16 BOM', () => {
    expect(loadPolicy(bytes([0xff, 0xfe], 'a\u0000'), 'p.yaml').diagnostics[0].message).toContain('UTF-16');
  });
});

describe('loadPolicy: limits', () => {
  it('rejects input over the size limit before parsing', () => {
    expect(at('a: 1234567890\n', { maxBytes: 10 })).toEqual(['OTPC107@1:1']);
    expect(at(utf8('a: 1234567890\n'), { maxBytes: 10 })).toEqual(['OTPC107@1:1']);
    expect(at('a: 1\n', { maxBytes: 10 })).toEqual([]);
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    expect(at('a: éééé\n', { maxBytes: 10 })).toEqual(['OTPC107@1:1']);
  });

  it('rejects the default 16 MiB limit quickly', () => {
    const big = `a: "${'x'.repeat(16 * 1024 * 1024)}"\n`;
    const t = performance.now();
    expect(at(big)).toEqual(['OTPC107@1:1']);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('rejects nesting deeper than 32 levels at the first level too deep', () => {
    const deep = `${'['.repeat(40)}${']'.repeat(40)}\n`;
    expect(at(deep)).toEqual(['OTPC108@1:33']);
    const block = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(at(block)).toEqual(['OTPC108@33:65']);
    const ok = Array.from({ length: 32 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(at(ok)).toEqual([]);
  });

  it('survives 100,000 levels of nesting', () => {
    expect(at(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toEqual(['OTPC108@1:33']);
  });

  it('counts nesting through aliases too', () => {
    expect(at('a: &a [[[1]]]\nb: [[*a]]\n', { maxDepth: 5 })).toEqual(['OTPC108@1:9']);
  });

  it('limits the node count', () => {
    expect(at('a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n', { maxNodes: 8 })).toEqual(['OTPC111@1:20']);
    expect(at('a: &a [1, 2, 3]\nb: *a\nc: *a\n', { maxNodes: 10 })).toEqual(['OTPC111@3:4']);
  });

  it('allows a few aliases and expands them into independent copies', () => {
    const r = loadPolicy('a: &x { k: [1, 2] }\nb: *x\n', 'p.yaml');
    expect(r.diagnostics).toEqual([]);
    const doc = r.doc as Record<string, { k: number[] }>;
    expect(doc.b).toEqual({ k: [1, 2] });
    expect(doc.b).not.toBe(doc.a);
  });

  it('resolves each alias to the anchor defined before it, also inside an expanded alias', () => {
    const r = loadPolicy('a: &x 1\nb: &y [*x]\nc: &x 2\nd: *y\ne: *x\n', 'p.yaml');
    expect(r.doc).toEqual({ a: 1, b: [1], c: 2, d: [1], e: 2 });
  });

  it('rejects the ninth alias', () => {
    const text = `a: &a 1\nb: [${Array(9).fill('*a').join(', ')}]\n`;
    expect(at(text)).toEqual(['OTPC106@2:37']);
    expect(at(`a: &a 1\nb: [${Array(8).fill('*a').join(', ')}]\n`)).toEqual([]);
  });

  // without expanding it: no document and one located error (memory and time are the
  // benchmark's business; an expansion would not finish in any test's time)
  it('rejects a billion-laughs document without expanding it', () => {
    const r = loadPolicy(billionLaughs(), 'p.yaml');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OTPC106']);
    expect(r.diagnostics[0].range?.start).toEqual({ line: 2, col: 52 });
    expect(r.doc).toBeUndefined();
  });
});

describe('loadPolicy: YAML 1.2 core schema values', () => {
  it('keeps dates, yes/no/on/off and version-like values as strings', () => {
    const r = loadPolicy('d: 2027-03-31\ny: yes\nn: no\non: on\noff: off\nv: 1.2.3\no: 0o17\nh: 0x1F\nt: true\nnul: null\ntilde: ~\nf: 1.5\ns: 010\n', 'p.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.doc).toEqual({ d: '2027-03-31', y: 'yes', n: 'no', on: 'on', off: 'off', v: '1.2.3', o: 15, h: 31, t: true, nul: null, tilde: null, f: 1.5, s: 10 });
  });

  it('keeps the source text of non-string keys', () => {
    const r = loadPolicy('1: a\ntrue: b\nnull: c\n1.50: d\n', 'p.yaml');
    expect(Object.keys(r.doc as object)).toEqual(['1', 'true', 'null', '1.50']);
  });

  it('accepts a BOM, CRLF line ends and tabs inside quoted strings', () => {
    const r = loadPolicy('\uFEFFa: "x\ty"\r\nb: \'\t\'\r\nc: [1,\t2]\r\n', 'p.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.doc).toEqual({ a: 'x\ty', b: '\t', c: [1, 2] });
  });

  it('accepts a BOM in bytes', () => {
    const r = loadPolicy(bytes([0xef, 0xbb, 0xbf], 'a: 1\n'), 'p.yaml');
    expect(r.doc).toEqual({ a: 1 });
  });

  it('ignores merge keys (YAML 1.2 has none): "<<" is an ordinary key', () => {
    const r = loadPolicy('a: &a { x: 1 }\nb: { <<: *a }\n', 'p.yaml');
    expect(r.doc).toEqual({ a: { x: 1 }, b: { '<<': { x: 1 } } });
  });
});

describe('loadPolicy: prototype pollution', () => {
  it('keeps __proto__, constructor and prototype as ordinary data keys', () => {
    const text = '__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\nz:\n  __proto__: [1]\n  toString: x\n';
    const r = loadPolicy(text, 'p.yaml');
    expect(r.diagnostics).toEqual([]);
    const doc = r.doc as Record<string, unknown>;
    expect(Object.getPrototypeOf(doc)).toBeNull();
    expect(Object.keys(doc)).toEqual(['__proto__', 'constructor', 'z']);
    expect(Object.getOwnPropertyDescriptor(doc, '__proto__')?.value).toEqual({ polluted: true });
    const z = doc.z as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(z, '__proto__')?.value).toEqual([1]);
    expect(z.toString).toBe('x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(doc))).toEqual(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"z":{"__proto__":[1],"toString":"x"}}'));
  });

  it('does not resolve keys through a prototype', () => {
    const doc = loadPolicy('a: 1\n', 'p.yaml').doc as Record<string, unknown>;
    expect(doc.constructor).toBeUndefined();
    expect(doc.hasOwnProperty).toBeUndefined();
  });
});

describe('firstInvalidUtf8 agrees with the WHATWG decoder', () => {
  it('finds a bad byte exactly when TextDecoder (fatal) rejects the input', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const interesting = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x90, 0x8f);
    fc.assert(fc.property(fc.array(fc.oneof(interesting, fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), (list) => {
      const bytes = new Uint8Array(list);
      let ok = true;
      try { decoder.decode(bytes); } catch { ok = false; }
      const bad = firstInvalidUtf8(bytes);
      expect(bad < 0).toBe(ok);
      if (!ok) {
        // everything before the reported byte decodes on its own
        expect(() => decoder.decode(bytes.subarray(0, bad))).not.toThrow();
      }
    }), { numRuns: 2000 });
  });
});
