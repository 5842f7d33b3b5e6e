import { expect } from 'vitest';
import { LineCounter, Parser } from 'yaml';
import { SourceMap, type SourceEntry } from '../../src/diagnostics/sourceMap.js';
import { cstToData } from '../../src/load/cstToData.js';
import { decodeInput } from '../../src/load/decodeInput.js';
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from '../../src/load/loadLimits.js';
import { loadPolicy, loadPolicyReference, type LoadResult } from '../../src/load/loadPolicy.js';
import { preflight } from '../../src/load/preflight.js';
import { scanSimpleYaml } from '../../src/load/scanSimpleYaml.js';

/**
 * Every entry of a source map, sorted by pointer: the order entries were added in is not part
 * of the contract (the scanner adds a collection before its children, toData after them).
 * Each pointer is looked up through get(), so the lookup itself is compared too.
 */
export function sourceMapEntries(map: SourceMap): [string, SourceEntry | undefined][] {
  const pointers = map.pointers();
  expect(new Set(pointers).size, 'one entry per pointer').toBe(pointers.length);
  expect(map.size).toBe(pointers.length);
  return pointers.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((p) => [p, map.get(p)]);
}

/**
 * Strict structural equality: same prototype (null for mappings), same keys in the same
 * order, own data properties only, numbers compared with Object.is (NaN, -0).
 * Returns the path of the first difference, or undefined.
 */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? undefined : `${path || '/'}: ${String(a)} !== ${String(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path || '/'}: different kinds`;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return `${path || '/'}: keys ${String(ka)} !== ${String(kb)}`;
  for (const k of ka) {
    if (Array.isArray(a) && k === 'length') continue;
    const da = Object.getOwnPropertyDescriptor(a, k) as PropertyDescriptor;
    const db = Object.getOwnPropertyDescriptor(b, k) as PropertyDescriptor;
    if (!('value' in da) || !('value' in db) || da.enumerable !== db.enumerable || da.writable !== db.writable) return `${path}/${String(k)}: descriptor`;
    const d = firstDifference(da.value, db.value, `${path}/${String(k)}`);
    if (d) return d;
  }
  return undefined;
}

/** Which path loadPolicy takes for this input: the text scanner, the CST converter, or the reference. */
export type LoadPath = 'scan' | 'cst' | 'reference';

export function loadPath(input: string | Uint8Array, limits?: Partial<LoadLimits>): LoadPath {
  const lim = { ...DEFAULT_LOAD_LIMITS, ...limits };
  const decoded = decodeInput(input, 'p.yaml', lim);
  if (decoded.text === undefined || decoded.diagnostics.length > 0) return 'reference';
  if (scanSimpleYaml(decoded.text, lim)) return 'scan';
  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(decoded.text)];
  const map = new SourceMap(lineCounter.lineStarts);
  const pre = preflight(tokens, 'p.yaml', lim, (o) => map.position(o));
  if (pre.diagnostics.length > 0) return 'reference';
  return cstToData(tokens, { limits: lim, sourceMap: map }) ? 'cst' : 'reference';
}

/** Pointers near the existing ones that may or may not exist: lookups must agree on them too. */
function probes(pointers: readonly string[]): string[] {
  const out = ['', '/', '//', 'a', '/~', '/~2', '/0', '/00', '/-1', '/ ', '/zones/', '/__proto__', '/constructor/prototype'];
  for (const p of pointers.slice(0, 400)) {
    out.push(`${p}/`, `${p}/0`, `${p}/1`, `${p}/01`, `${p}/x`, `${p}/~`, `${p}~0`, p.replace(/~0/g, '~'), p.replace(/~1/g, '~2'), p.replace(/\/(\d+)(?=\/|$)/g, '/0$1'), `${p.slice(0, -1)}`);
  }
  return out;
}

/** The line table of a source map (private; compared so that every position agrees too). */
function lineStarts(map: SourceMap): readonly number[] {
  return (map as unknown as { lineStarts: readonly number[] }).lineStarts;
}

function describe(r: LoadResult): string {
  return JSON.stringify(r.diagnostics.map((d) => `${d.code}@${d.range?.start.line}:${d.range?.start.col} ${d.message}`));
}

/**
 * Loads `input` with loadPolicy and with the reference path and asserts that the results
 * are identical: document, every source map entry (pointer, value and key range, in order),
 * the line table and every diagnostic. Returns the path loadPolicy took.
 */
export function expectSameLoad(input: string | Uint8Array, limits?: Partial<LoadLimits>, label = ''): LoadPath {
  const fast = loadPolicy(input, 'p.yaml', limits);
  const ref = loadPolicyReference(input, 'p.yaml', limits);
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const context = `${label} ${JSON.stringify(text.length > 2000 ? `${text.slice(0, 2000)}...` : text)}`;
  expect(fast.diagnostics, `diagnostics differ ${context}: ${describe(fast)} vs ${describe(ref)}`).toEqual(ref.diagnostics);
  expect(firstDifference(fast.doc, ref.doc), `documents differ ${context}`).toBeUndefined();
  expect(sourceMapEntries(fast.sourceMap), `source maps differ ${context}`).toEqual(sourceMapEntries(ref.sourceMap));
  if (ref.sourceMap.size > 0) expect(lineStarts(fast.sourceMap), `line tables differ ${context}`).toEqual(lineStarts(ref.sourceMap));
  const lookups = probes(ref.sourceMap.pointers()).filter((p) => {
    const [a, b] = [fast.sourceMap.locate(p, 'key'), ref.sourceMap.locate(p, 'key')];
    return fast.sourceMap.has(p) !== ref.sourceMap.has(p) || JSON.stringify(a) !== JSON.stringify(b);
  });
  expect(lookups, `lookups differ ${context}`).toEqual([]);
  expect(fast.file).toBe(ref.file);
  return loadPath(input, limits);
}
