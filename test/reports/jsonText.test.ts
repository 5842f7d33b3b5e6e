import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunksText, nestedJson, objectChunks, Preformatted, StreamedArray, StreamedObject, valueChunks } from '../../src/reports/jsonText.js';

/**
 * The streamed JSON writer must give exactly the bytes of JSON.stringify(doc, null, 2):
 * reports written piece by piece are compared byte for byte with their golden files and
 * with earlier runs (--baseline reads them back).
 */
const text = (chunks: Iterable<string>) => [...chunks].join('');

/** The same value with its objects and arrays turned into markers, some parts pre-laid-out (choice by a seed). */
function streamed(value: unknown, depth: number, pick: () => number): unknown {
  const choice = pick();
  if (choice === 0) return new Preformatted(nestedJson(value, depth) ?? 'null');
  if (Array.isArray(value) && choice === 1) return new StreamedArray(value.map((v) => streamed(v, depth + 1, pick)));
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && choice === 1) {
    return new StreamedObject(Object.entries(value).map(([k, v]) => [k, streamed(v, depth + 1, pick)] as const));
  }
  return value;
}

describe('nestedJson', () => {
  it.each<[string, unknown, number, string | undefined]>([
    ['a scalar at any depth', 'x', 3, '"x"'],
    ['an object one level deep', { a: [1] }, 1, '{\n    "a": [\n      1\n    ]\n  }'],
    ['empty containers stay compact', { a: [], b: {} }, 2, '{\n      "a": [],\n      "b": {}\n    }'],
    ['a newline inside a string is escaped, not indented', 'a\nb', 2, '"a\\nb"'],
    ['undefined: left out', undefined, 1, undefined],
  ])('%s', (_name, value, depth, want) => {
    expect(nestedJson(value, depth)).toBe(want);
  });
});

describe('streamed JSON', () => {
  it.each<[string, [string, unknown][], string]>([
    ['members in the given order', [['b', 1], ['a', new StreamedArray([1, 2])]], JSON.stringify({ b: 1, a: [1, 2] }, null, 2)],
    ['an empty streamed array and object', [['a', new StreamedArray([])], ['o', new StreamedObject([])]], JSON.stringify({ a: [], o: {} }, null, 2)],
    ['undefined members are left out, undefined elements are null', [['u', undefined], ['a', new StreamedArray([undefined, 1])]], JSON.stringify({ u: undefined, a: [undefined, 1] }, null, 2)],
    ['no members', [], '{}'],
  ])('%s', (_name, members, want) => {
    expect(text(objectChunks(members, 0))).toBe(want);
  });

  it('a pre-laid-out element at its depth is the same as the value itself', () => {
    const row = { id: 'SR 1.1', controls: ['C1', 'C2'], missing: [{ control: 'C9', close: 'add an IDS' }] };
    const doc = { devices: [{ id: 'plc-1', requirements: [row, row] }] };
    const rows = new StreamedArray([new Preformatted(nestedJson(row, 4)!), new Preformatted(nestedJson(row, 4)!)]);
    const device = new Preformatted(chunksText(new StreamedObject([['id', 'plc-1'], ['requirements', rows]]), 2));
    expect(text(objectChunks([['devices', new StreamedArray([device])]], 0))).toBe(JSON.stringify(doc, null, 2));
  });

  it('any JSON document, streamed and pre-laid-out in any mix, gives JSON.stringify(doc, null, 2)', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), fc.array(fc.nat(2), { minLength: 1, maxLength: 64 }), (doc, seeds) => {
      let i = 0;
      const pick = () => seeds[i++ % seeds.length];
      expect(text(valueChunks(streamed(doc, 0, pick), 0))).toBe(JSON.stringify(doc, null, 2));
    }), { numRuns: 300 });
  });
});
