import { parse, stringify } from 'yaml';
import type { Rng } from './shuffleDocument.js';

/**
 * Mutation operators for fuzzing policy files (and catalogue files). Each takes a
 * seeded random source, so a mutant is reproducible from (seed, run). Structural
 * operators edit the parsed data and print it again; text and byte operators damage
 * the file as a careless editor, a script or an attacker would. This module imports
 * nothing from src/: scripts/fuzz.js compiles it on its own and runs it against dist/.
 */

export type Data = unknown;
export interface Mutant {
  /** The mutated input: text, or raw bytes for the encoding operators. */
  input: string | Uint8Array;
  /** Names of the operators applied, in order (with a short detail). */
  mutations: string[];
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

type Path = (string | number)[];
interface Node { path: Path; value: unknown }

/** Every node of the data with its path (root excluded). */
function nodes(data: Data, path: Path = []): Node[] {
  const out: Node[] = [];
  if (Array.isArray(data)) data.forEach((v, i) => { out.push({ path: [...path, i], value: v }, ...nodes(v, [...path, i])); });
  else if (data !== null && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) out.push({ path: [...path, k], value: v }, ...nodes(v, [...path, k]));
  }
  return out;
}

function parentOf(data: Data, path: Path): Record<string | number, unknown> | undefined {
  let cur: unknown = data;
  for (const seg of path.slice(0, -1)) cur = (cur as Record<string | number, unknown>)?.[seg];
  return cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>) : undefined;
}

function setAt(data: Data, path: Path, value: unknown): void {
  const parent = parentOf(data, path);
  if (parent) parent[path[path.length - 1]] = value;
}

const OTHER_VALUES: unknown[] = [null, true, false, 0, -1, 3.5, '', 'x', [], {}, [1, 2], { a: 1 }, 'yes', '2027-02-30', 1e21];
const BAD_NUMBERS: unknown[] = [5, -1, 3.5, 7, 4.0000001, Infinity, -Infinity, NaN, 2 ** 53 + 1, 99999999999, '3', 'NaN', '.nan', '1e3', '0x10', '+1', -0, 65536, 0];
const BAD_ADDRESSES = [
  '10.0.0.256', '10.20.1.5/24', '10.0.0.1/33', '::g', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', '2001:db8::/129', '10.0.0', '', '  ',
  '0.0.0.0/0', '::/0', '10.0.0.1 ', '010.000.000.001', '1.2.3.4/0', '::ffff:10.0.0.1', '10.0.0.1-10.0.0.9', 'localhost', '10.0.0.0/8',
  '2001:db8::1/64', '255.255.255.255', '0.0.0.0', '::', '10.0.0.1/32', '2001:db8:::1', '１０.0.0.1', '10.0.0.1/-1', '10.0.0.1/', '/24',
];
const ADDRESS_KEYS = new Set(['address', 'addresses', 'networks', 'syslog', 'ntp', 'backup']);
const NUMBER_KEYS = new Set(['purdue', 'sl-target', 'FR1', 'FR2', 'FR3', 'FR4', 'FR5', 'FR6', 'FR7', 'baseline-days', 'max-connections', 'per-source-connections', 'new-connections-per-second', 'max-embryonic', 'firmware-year', 'otpc', 'level']);
const WEIRD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', '~', 'null', '1', 'true', 'a b', 'UPPER', 'x'.repeat(300), 'zones', '<<'];
const LONG = [
  () => 'a'.repeat(10_000),
  () => 'é漢😀'.repeat(2_500),
  () => 'e\u0301'.repeat(5_000),
  () => `\u202Eevil\u202C${'\u200D'.repeat(5_000)}`,
  () => 'x'.repeat(100_000),
  () => '%s%n${x}{{x}}<script>"\';\\'.repeat(500),
];

function idsOf(data: Data): { zones: string[]; assets: string[]; all: string[] } {
  const keys = (k: string) => Object.keys(((data as Record<string, unknown>)?.[k] as object | null) ?? {});
  const zones = keys('zones');
  const assets = keys('assets');
  return { zones, assets, all: [...zones, ...assets, ...keys('conduits'), ...keys('enforcement')] };
}

/** Free text that reaches vendor comments and reports: valid policy values, hostile content. */
const HOSTILE_TEXT = [
  '\nend\nconfig system admin\nedit evil\n', '"; execute factoryreset; "', 'x" ; set action accept ; "', '$(reboot)', '`reboot`',
  'line\u2028next\u2029end', '}\n flush ruleset\n', '# not a comment', '!', 'exit\nconfigure terminal\nno access-list 101',
  '\t\ttabs', '\\', '<script>alert(1)</script>', '{{x}} {{{y}}}', '%s %n %x', 'a'.repeat(10_000), 'é漢😀'.repeat(2_500),
  'e\u0301'.repeat(3_000), '\u202Eevil', 'remark\r\npermit ip any any', "'; DROP TABLE", '__proto__', 'constructor',
];
const FREE_TEXT_KEYS = new Set(['name', 'description', 'vendor', 'model', 'firmware', 'reason', 'approved-by']);

type StructuralOp = (data: Data, rng: Rng) => string | undefined;

/** Structural operators: each returns a short description, or undefined when it found nothing to change. */
export const STRUCTURAL: Record<string, StructuralOp> = {
  freeText(data, rng) {
    const texts = nodes(data).filter((n) => FREE_TEXT_KEYS.has(String(n.path[n.path.length - 1])) && typeof n.value === 'string');
    if (texts.length === 0) return undefined;
    const n = pick(rng, texts);
    const i = int(rng, 0, HOSTILE_TEXT.length - 1);
    setAt(data, n.path, HOSTILE_TEXT[i]);
    return `${n.path.join('/')} = hostile#${i}`;
  },
  deleteKey(data, rng) {
    const maps = nodes(data).filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value) && Object.keys(n.value).length > 0);
    if (maps.length === 0) return undefined;
    const m = pick(rng, maps);
    const key = pick(rng, Object.keys(m.value as object));
    delete (m.value as Record<string, unknown>)[key];
    return `${m.path.join('/')}/${key}`;
  },
  retype(data, rng) {
    const all = nodes(data);
    if (all.length === 0) return undefined;
    const n = pick(rng, all);
    const v = structuredClone(pick(rng, OTHER_VALUES));
    setAt(data, n.path, v);
    return `${n.path.join('/')} = ${JSON.stringify(v)}`;
  },
  swapReference(data, rng) {
    const ids = idsOf(data);
    const refs = nodes(data).filter((n) => typeof n.value === 'string' && ids.all.includes(n.value as string));
    if (refs.length === 0) return undefined;
    const n = pick(rng, refs);
    const v = n.value as string;
    const other = ids.zones.includes(v) ? ids.assets : ids.zones;
    const choices = [other.length > 0 ? pick(rng, other) : 'nothing', 'no-such-thing', v.toUpperCase(), `${v} `, v.slice(1), `${v}-`, '__proto__', 'constructor'];
    const to = pick(rng, choices);
    setAt(data, n.path, to);
    return `${n.path.join('/')}: ${v} -> ${to}`;
  },
  outOfRange(data, rng) {
    const nums = nodes(data).filter((n) => typeof n.value === 'number' || NUMBER_KEYS.has(String(n.path[n.path.length - 1])));
    if (nums.length === 0) return undefined;
    const n = pick(rng, nums);
    const v = pick(rng, BAD_NUMBERS);
    setAt(data, n.path, v);
    return `${n.path.join('/')} = ${String(v)}`;
  },
  malformedAddress(data, rng) {
    const addrs = nodes(data).filter((n) => n.path.some((p) => ADDRESS_KEYS.has(String(p))) && typeof n.value === 'string');
    if (addrs.length === 0) return undefined;
    const n = pick(rng, addrs);
    const v = pick(rng, BAD_ADDRESSES);
    setAt(data, n.path, v);
    return `${n.path.join('/')} = ${JSON.stringify(v)}`;
  },
  longString(data, rng) {
    const strs = nodes(data).filter((n) => typeof n.value === 'string');
    if (strs.length === 0) return undefined;
    const n = pick(rng, strs);
    const which = int(rng, 0, LONG.length - 1);
    setAt(data, n.path, LONG[which]());
    return `${n.path.join('/')} = long#${which}`;
  },
  longKey(data, rng) {
    const maps = nodes(data).filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value));
    if (maps.length === 0) return undefined;
    const m = pick(rng, maps);
    const which = int(rng, 0, LONG.length - 1);
    (m.value as Record<string, unknown>)[LONG[which]().slice(0, 5000)] = { zone: 'control', type: 'plc', address: '10.0.0.1' };
    return `${m.path.join('/')}/<long key #${which}>`;
  },
  deepNesting(data, rng) {
    const all = nodes(data);
    if (all.length === 0) return undefined;
    const n = pick(rng, all);
    const depth = int(rng, 20, 60);
    let v: unknown = 'leaf';
    for (let i = 0; i < depth; i++) v = rng() < 0.5 ? [v] : { a: v };
    setAt(data, n.path, v);
    return `${n.path.join('/')} nested ${depth}`;
  },
  weirdKey(data, rng) {
    const maps = [{ path: [], value: data }, ...nodes(data)].filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value));
    const m = pick(rng, maps);
    const key = pick(rng, WEIRD_KEYS);
    Object.defineProperty(m.value as object, key, { value: pick(rng, [{ polluted: true }, 'x', 1, null]), enumerable: true, writable: true, configurable: true });
    return `${m.path.join('/')}/${key}`;
  },
  duplicateItem(data, rng) {
    const lists = nodes(data).filter((n) => Array.isArray(n.value) && (n.value as unknown[]).length > 0);
    if (lists.length === 0) return undefined;
    const l = pick(rng, lists);
    const arr = l.value as unknown[];
    arr.splice(int(rng, 0, arr.length), 0, structuredClone(pick(rng, arr)));
    return `${l.path.join('/')}`;
  },
  emptyCollection(data, rng) {
    const colls = nodes(data).filter((n) => n.value !== null && typeof n.value === 'object');
    if (colls.length === 0) return undefined;
    const c = pick(rng, colls);
    setAt(data, c.path, Array.isArray(c.value) ? [] : {});
    return `${c.path.join('/')}`;
  },
  swapSubtrees(data, rng) {
    const all = nodes(data);
    if (all.length < 2) return undefined;
    const a = pick(rng, all);
    const b = pick(rng, all);
    if (a.path.join('/').startsWith(b.path.join('/')) || b.path.join('/').startsWith(a.path.join('/'))) return undefined;
    const va = structuredClone(a.value);
    const vb = structuredClone(b.value);
    setAt(data, a.path, vb);
    setAt(data, b.path, va);
    return `${a.path.join('/')} <-> ${b.path.join('/')}`;
  },
  renameKey(data, rng) {
    const maps = nodes(data).filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value) && Object.keys(n.value).length > 0);
    if (maps.length === 0) return undefined;
    const m = pick(rng, maps);
    const obj = m.value as Record<string, unknown>;
    const key = pick(rng, Object.keys(obj));
    const to = pick(rng, [key.toUpperCase(), `${key}_x`, `-${key}`, key.replace(/-/g, '_'), `${key}${'x'.repeat(60)}`, ' ', '0']);
    const entries = Object.entries(obj).map(([k, v]) => [k === key ? to : k, v] as const);
    for (const k of Object.keys(obj)) delete obj[k];
    for (const [k, v] of entries) obj[k] = v;
    return `${m.path.join('/')}/${key} -> ${to}`;
  },
};

type TextOp = (text: string, rng: Rng) => [string, string] | undefined;

const lines = (t: string) => t.split('\n');

/** Text operators: damage the file itself. Each returns [new text, description]. */
export const TEXTUAL: Record<string, TextOp> = {
  bom: (t) => [`\uFEFF${t}`, 'BOM'],
  crlf: (t) => [t.replace(/\n/g, '\r\n'), 'CRLF'],
  crOnly: (t) => [t.replace(/\n/g, '\r'), 'CR only'],
  tabs(t, rng) {
    const ls = lines(t);
    const idx = ls.map((l, i) => (l.startsWith('  ') ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) return undefined;
    const i = pick(rng, idx);
    ls[i] = `\t${ls[i].slice(2)}`;
    return [ls.join('\n'), `tab on line ${i + 1}`];
  },
  controlChar(t, rng) {
    const c = pick(rng, ['\u0000', '\u0007', '\u001b', '\u007f', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uD800', '\u0008']);
    const at = int(rng, 0, t.length);
    return [t.slice(0, at) + c + t.slice(at), `U+${c.charCodeAt(0).toString(16).padStart(4, '0')} at ${at}`];
  },
  deleteChar(t, rng) {
    const idx = [...t.matchAll(/["'[\]{}:,&*|>-]/g)].map((m) => m.index ?? 0);
    if (idx.length === 0) return undefined;
    const at = pick(rng, idx);
    return [t.slice(0, at) + t.slice(at + 1), `delete ${JSON.stringify(t[at])} at ${at}`];
  },
  insertChar(t, rng) {
    const c = pick(rng, ['"', "'", '[', ']', '{', '}', ':', ',', '&', '*', '!', '|', '>', '%', '@', '`', '#', '-', '?', ': :', '\\']);
    const at = int(rng, 0, t.length);
    return [t.slice(0, at) + c + t.slice(at), `insert ${JSON.stringify(c)} at ${at}`];
  },
  indentShift(t, rng) {
    const ls = lines(t);
    const i = int(rng, 0, ls.length - 1);
    const d = pick(rng, [-2, -1, 1, 2, 3]);
    ls[i] = d > 0 ? ' '.repeat(d) + ls[i] : ls[i].replace(new RegExp(`^ {0,${-d}}`), '');
    return [ls.join('\n'), `indent line ${i + 1} by ${d}`];
  },
  truncate(t, rng) {
    const at = int(rng, 0, t.length);
    return [t.slice(0, at), `truncate at ${at}`];
  },
  duplicateLine(t, rng) {
    const ls = lines(t);
    const idx = ls.map((l, i) => (/^\s*[a-z0-9-]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) return undefined;
    const i = pick(rng, idx);
    ls.splice(i + 1, 0, ls[i]);
    return [ls.join('\n'), `duplicate line ${i + 1}`];
  },
  swapLines(t, rng) {
    const ls = lines(t);
    if (ls.length < 2) return undefined;
    const i = int(rng, 0, ls.length - 2);
    [ls[i], ls[i + 1]] = [ls[i + 1], ls[i]];
    return [ls.join('\n'), `swap lines ${i + 1}/${i + 2}`];
  },
  splice(t, rng) {
    const from = int(rng, 0, t.length);
    const len = int(rng, 1, 200);
    const cut = t.slice(from, from + len);
    const rest = t.slice(0, from) + t.slice(from + len);
    const to = int(rng, 0, rest.length);
    return [rest.slice(0, to) + cut + rest.slice(to), `move ${len} chars ${from} -> ${to}`];
  },
  anchors(t, rng) {
    const ls = lines(t);
    const idx = ls.map((l, i) => (/^\s*[a-z0-9-]+: \S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (idx.length < 2) return undefined;
    const a = pick(rng, idx);
    const b = pick(rng, idx);
    const variant = int(rng, 0, 4);
    const m = /^(\s*[a-z0-9-]+: )([^]*)$/.exec(ls[a]);
    if (!m) return undefined;
    const [, head, value] = m;
    if (variant === 0) { ls[a] = `${head}&x ${value}`; ls[b] = ls[b].replace(/: .*$/, ': *x'); }
    else if (variant === 1) { ls[b] = ls[b].replace(/: .*$/, ': *undefined-anchor'); }
    else if (variant === 2) { ls[a] = `${head}&r [*r]`; }
    else if (variant === 3) { ls[a] = `${head}&m {a: 1}`; ls.splice(b + 1, 0, `${/^\s*/.exec(ls[b])![0]}<<: *m`); }
    else { ls[a] = `${head}&y ${value}`; for (let k = 0; k < 12; k++) ls.push(`z${k}: *y`); }
    return [ls.join('\n'), `anchors variant ${variant} (lines ${a + 1}, ${b + 1})`];
  },
  directives(t, rng) {
    const d = pick(rng, ['%YAML 1.1\n---\n', '%TAG ! tag:example.com,2000:\n---\n', '---\n', '...\n', '--- !!map\n', '%YAML 2.0\n---\n']);
    return rng() < 0.5 ? [d + t, `prepend ${JSON.stringify(d)}`] : [`${t}\n${d}otpc: 1\n`, `append ${JSON.stringify(d)}`];
  },
  tags(t, rng) {
    const ls = lines(t);
    const idx = ls.map((l, i) => (/^\s*[a-z0-9-]+: \S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) return undefined;
    const i = pick(rng, idx);
    const tag = pick(rng, ['!!binary', '!foo', '!!set', '!!omap', '!!timestamp', '!!str', '!!int', '!!float', '!<tag:yaml.org,2002:str>', '!!js/function']);
    ls[i] = ls[i].replace(/: /, `: ${tag} `);
    return [ls.join('\n'), `tag ${tag} on line ${i + 1}`];
  },
  yaml11(t, rng) {
    const from = pick(rng, [/\btrue\b/, /\bfalse\b/, /: (\d+)$/m, /expires: (\S+)/]);
    const to = pick(rng, ['yes', 'on', 'NO', '0o17', '0x1F', '1_000', '2027-03-31T10:00:00Z', '~', 'Null', '.inf']);
    if (!from.test(t)) return undefined;
    return [t.replace(from, (m) => (m.startsWith(':') ? `: ${to}` : m.startsWith('expires') ? `expires: ${to}` : to)), `YAML 1.1 value ${to}`];
  },
  hugeLine(t) {
    return [`${t}\n# ${'x'.repeat(200_000)}\nnote: ${'y'.repeat(200_000)}\n`, 'huge lines'];
  },
};

type ByteOp = (bytes: Uint8Array, rng: Rng) => [Uint8Array, string];

/** Encoding damage that only bytes can express. */
export const BYTES: Record<string, ByteOp> = {
  invalidUtf8(b, rng) {
    const seq = pick(rng, [[0xff], [0xc3], [0xe4], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x80]]);
    const at = int(rng, 0, b.length);
    return [concat(b.subarray(0, at), Uint8Array.from(seq), b.subarray(at)), `bytes ${seq.map((x) => x.toString(16)).join(' ')} at ${at}`];
  },
  utf16(b) {
    const text = new TextDecoder().decode(b);
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    return [new Uint8Array(le), 'UTF-16LE with BOM'];
  },
  latin1(b) {
    return [new Uint8Array(Buffer.from(new TextDecoder().decode(b).replace(/e/, 'é'), 'latin1')), 'Latin-1'];
  },
  nulBytes(b, rng) {
    const at = int(rng, 0, b.length);
    return [concat(b.subarray(0, at), new Uint8Array(int(rng, 1, 8)), b.subarray(at)), `NUL bytes at ${at}`];
  },
};

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) { out.set(p, i); i += p.length; }
  return out;
}

/**
 * One mutant of `text`. A quarter are gentle (hostile free text, BOM or line-ending
 * changes: still valid, so they reach the assessment, the renderers and the writers);
 * about a third edit the parsed data with 1-3 structural operators (sometimes plus a
 * text operator); the rest damage the text with 1-3 text operators; one in ten of
 * the non-gentle mutants also gets a byte-level encoding error.
 */
export function mutate(text: string, rng: Rng): Mutant {
  const mutations: string[] = [];
  const mode = rng();
  let out = text;
  const structural = (names: () => string, count: number) => {
    let data: Data;
    try { data = parse(text, { uniqueKeys: false, merge: false, maxAliasCount: 100 }); } catch { data = undefined; }
    if (data === undefined || data === null || typeof data !== 'object') return;
    for (let i = 0; i < count; i++) {
      const name = names();
      const what = STRUCTURAL[name](data, rng);
      if (what !== undefined) mutations.push(`${name}(${what.slice(0, 120)})`);
    }
    out = stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 });
  };
  const textual = (names: readonly string[], count: number) => {
    for (let i = 0; i < count; i++) {
      const name = pick(rng, names);
      const r = TEXTUAL[name](out, rng);
      if (r) { out = r[0]; mutations.push(`${name}(${r[1].slice(0, 120)})`); }
    }
  };
  if (mode < 0.25) {
    structural(() => 'freeText', int(rng, 1, 2));
    if (rng() < 0.5) textual(['bom', 'crlf', 'crOnly'], 1);
    return { input: out, mutations };
  }
  if (mode < 0.6) {
    // free text keeps the policy valid, so it is drawn a third of the time
    structural(() => (rng() < 0.33 ? 'freeText' : pick(rng, Object.keys(STRUCTURAL))), int(rng, 1, 3));
    if (rng() < 0.3) textual(Object.keys(TEXTUAL), 1);
  } else {
    textual(Object.keys(TEXTUAL), int(rng, 1, 3));
  }
  if (rng() < 0.1) {
    const name = pick(rng, Object.keys(BYTES));
    const [bytes, what] = BYTES[name](new TextEncoder().encode(out), rng);
    return { input: bytes, mutations: [...mutations, `${name}(${what})`] };
  }
  return { input: out, mutations };
}
