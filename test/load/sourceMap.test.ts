import { describe, expect, it } from 'vitest';
import { escapePointerSegment, joinPointer, parentPointer, SourceMap, splitPointer } from '../../src/diagnostics/sourceMap.js';
import { LineCounter, Parser } from 'yaml';
import { composeDocuments } from '../../src/load/composeDocuments.js';
import { DEFAULT_LOAD_LIMITS } from '../../src/load/loadLimits.js';
import { loadPolicy } from '../../src/load/loadPolicy.js';
import { toData } from '../../src/load/toData.js';

const pos = (text: string, pointer: string, prefer?: 'key' | 'value') => {
  const r = loadPolicy(text, 'p.yaml');
  expect(r.diagnostics).toEqual([]);
  const range = r.sourceMap.locate(pointer, prefer);
  return range ? `${range.start.line}:${range.start.col}-${range.end.line}:${range.end.col}` : undefined;
};

describe('JSON pointers (RFC 6901)', () => {
  it.each([
    ['a/b', 'a~1b'], ['m~n', 'm~0n'], ['~/', '~0~1'], ['plain', 'plain'], ['', ''],
  ])('escapes %j as %j and back', (raw, escaped) => {
    expect(escapePointerSegment(raw)).toBe(escaped);
    expect(splitPointer(joinPointer('', raw))).toEqual([raw]);
  });

  it('splits and joins', () => {
    expect(splitPointer('')).toEqual([]);
    expect(splitPointer('/zones/a~1b/networks/0')).toEqual(['zones', 'a/b', 'networks', '0']);
    expect(joinPointer('/conduits/c/flows', 2)).toBe('/conduits/c/flows/2');
    expect(parentPointer('/a/b/c')).toBe('/a/b');
    expect(parentPointer('/a')).toBe('');
    expect(parentPointer('')).toBe('');
  });
});

describe('SourceMap positions', () => {
  const block = 'otpc: 1\nzones:\n  control:\n    purdue: 1\n    networks: [10.20.1.0/24, 10.20.2.0/24]\n';
  it.each<[string, string, 'key' | 'value' | undefined, string]>([
    ['root', '', undefined, '1:1-6:1'],
    ['scalar value', '/otpc', undefined, '1:7-1:8'],
    ['scalar key', '/otpc', 'key', '1:1-1:5'],
    ['nested mapping value', '/zones/control', undefined, '4:5-6:1'],
    ['nested mapping key', '/zones/control', 'key', '3:3-3:10'],
    ['flow sequence item', '/zones/control/networks/1', undefined, '5:30-5:42'],
    ['sequence item has no key: value', '/zones/control/networks/1', 'key', '5:30-5:42'],
    ['missing key: closest ancestor', '/zones/control/criticality', undefined, '4:5-6:1'],
    ['missing key, key preferred: the parent key', '/zones/control/criticality', 'key', '3:3-3:10'],
    ['missing deep path', '/zones/nope/x/y', undefined, '3:3-6:1'],
  ])('%s', (_name, pointer, prefer, want) => {
    expect(pos(block, pointer, prefer)).toBe(want);
  });

  it('counts columns after a BOM from the first visible character', () => {
    expect(pos('\uFEFFa: 1\nb: two\n', '/b')).toBe('2:4-2:7');
    expect(pos('\uFEFFa: 1\n', '/a')).toBe('1:4-1:5');
  });

  it('handles CRLF line ends', () => {
    expect(pos('a: 1\r\nb:\r\n  c: [x, y]\r\n', '/b/c/1')).toBe('3:10-3:11');
  });

  it('counts a tab inside a quoted string as one column', () => {
    expect(pos('a: "\t\tx"\nb: { c: "\t", d: 5 }\n', '/b/d')).toBe('2:17-2:18');
    expect(pos('a: "\t\tx"\n', '/a')).toBe('1:4-1:9');
  });

  it('locates keys and values in flow-style maps', () => {
    const text = 'zones: { a: { purdue: 1, sl-target: 2 }, b: { purdue: 3 } }\n';
    expect(pos(text, '/zones/a/sl-target', 'key')).toBe('1:26-1:35');
    expect(pos(text, '/zones/a/sl-target')).toBe('1:37-1:38');
    expect(pos(text, '/zones/b')).toBe('1:45-1:58');
  });

  it('points an empty value after its key', () => {
    expect(pos('a:\nb: 1\n', '/a')).toBe('1:3-1:3');
  });

  it('escapes "/" and "~" in keys', () => {
    expect(pos('"a/b": { "m~n": 1 }\n', '/a~1b/m~0n')).toBe('1:17-1:18');
  });

  it('maps the contents of an alias to the anchored node, the alias itself to the alias', () => {
    const text = 'a: &x { k: 1 }\nb: *x\n';
    expect(pos(text, '/b')).toBe('2:4-2:6');
    expect(pos(text, '/b/k')).toBe('1:12-1:13');
  });

  it('returns undefined on an empty map', () => {
    expect(new SourceMap().locate('/a')).toBeUndefined();
  });

  it('builds the side table for 100,000 nodes well under a second', () => {
    const lines = ['otpc: 1', 'assets:'];
    for (let i = 0; i < 20000; i++) lines.push(`  a${i}: { zone: z, type: plc, address: 10.0.${i >> 8}.${i & 255} }`);
    const text = `${lines.join('\n')}\n`;
    const lineCounter = new LineCounter();
    const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
    const sourceMap = new SourceMap(lineCounter.lineStarts);
    const { docs } = composeDocuments(tokens, 'p.yaml', sourceMap);
    const r = toData(docs[0].contents, { file: 'p.yaml', limits: DEFAULT_LOAD_LIMITS, sourceMap, expandAliases: true });
    expect(r.diagnostics).toEqual([]);
    expect(sourceMap.size).toBe(80003);
    expect(sourceMap.locate('/assets/a19999/address')?.start).toEqual({ line: 20002, col: 42 });
    // end to end, yaml's own parser dominates
    expect(loadPolicy(text, 'p.yaml').sourceMap.size).toBe(80003);
  });
});

describe('SourceMap entries added as a tree (the scanner builds no pointer strings)', () => {
  // { a: { "x/y": [10, 20], "m~n": 1, "": 2 }, b: [] } with made-up offsets
  const tree = new SourceMap([0, 10, 20]);
  const root = tree.addRoot();
  const a = tree.addChild(root, 'a');
  const xy = tree.addChild(a, 'x/y');
  tree.setSlot(tree.addChild(xy, 0), 11, 12, -1, -1);
  tree.setSlot(tree.addChild(xy, 1), 13, 14, -1, -1);
  tree.setSlot(xy, 11, 15, 5, 8);
  tree.setSlot(tree.addChild(a, 'm~n'), 16, 17, 15, 16);
  tree.setSlot(tree.addChild(a, ''), 18, 19, 17, 17);
  tree.setSlot(a, 5, 19, 0, 1);
  const b = tree.addChild(root, 'b');
  tree.setSlot(b, 21, 23, 20, 21);
  tree.setSlot(root, 0, 23, -1, -1);
  // the same entries by pointer
  const flat = new SourceMap([0, 10, 20]);
  for (const p of tree.pointers()) {
    const e = tree.get(p);
    if (e) flat.set(p, e.value, e.key);
  }

  it('lists every pointer, escaped as joinPointer does', () => {
    expect(tree.pointers().sort()).toEqual(['', '/a', '/a/', '/a/m~0n', '/a/x~1y', '/a/x~1y/0', '/a/x~1y/1', '/b'].sort());
    expect(tree.size).toBe(8);
  });

  it.each([
    ['', true], ['/a', true], ['/a/x~1y/1', true], ['/a/m~0n', true], ['/a/', true], ['/b', true],
    ['/a/x~1y/01', false], ['/a/x~1y/2', false], ['/a/x~1y/-1', false], ['/a/x/y', false], ['/a/m~n', false], ['/a/m~2n', false],
    ['/a/x~1y/0/z', false], ['/b/0', false], ['a', false], ['/', false], ['//', false], ['/c', false], ['/a//', false],
  ])('finds %j: %s, as a map keyed by pointer would', (pointer, found) => {
    expect(tree.has(pointer)).toBe(found);
    expect(tree.get(pointer)).toEqual(flat.get(pointer));
    expect(tree.locate(pointer, 'key')).toEqual(flat.locate(pointer, 'key'));
    expect(tree.locate(pointer)).toEqual(flat.locate(pointer));
  });
});
