import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import type { Catalogs } from '../../src/catalog/types.js';
import type { Model } from '../../src/model/types.js';
import { parseNet } from '../../src/model/ip.js';
// The generator is plain node (scripts/); its output must be what is committed.
// @ts-expect-error -- an .mjs script without type declarations
import { generateAll } from '../../scripts/gen-example-flows.mjs';

/**
 * The flow datasets of test/data/flows/ (README there): well-formed files, manifests that
 * name existing files and valid policies, line and record counts, re-oriented records, the
 * writes on read-only flows the README lists, and committed files identical to the
 * generator's output. Whether discover/simulate find what the manifests say is tested with
 * the baseline commands, not here.
 */
const ROOT = new URL('../../', import.meta.url);
const DIR = new URL('flows/', import.meta.url);
const TODAY = '2026-11-25';
const CSV_HEADER = 'src,dst,proto,sport,dport,packets,bytes,first,last,operations';
const MANIFEST_KEYS = ['policy', 'flows', 'format', 'undocumentedAddresses', 'uncoveredFlows', 'unseenAssets', 'blockedFlows', 'reoriented', 'badLines'];
const FORMAT_BY_EXT: Record<string, string> = { csv: 'csv', log: 'zeek-tsv', json: 'zeek-json' };
const ZEEK_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes'];

interface FlowRef { src: string; dst: string; proto: string; dport: number }
interface Manifest {
  policy: string;
  flows: string;
  format: 'csv' | 'zeek-tsv' | 'zeek-json';
  undocumentedAddresses: string[];
  uncoveredFlows: FlowRef[];
  unseenAssets: string[];
  blockedFlows: FlowRef[];
  reoriented: number;
  badLines: number[];
}
/** A record reduced to what the manifests talk about, as written in the file (not re-oriented). */
interface Row { line: number; src: string; dst: string; proto: string; sport: number; dport: number; ops: number[] }

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const cmpFlow = (a: FlowRef, b: FlowRef) => cmp(a.src, b.src) || cmp(a.dst, b.dst) || cmp(a.proto, b.proto) || a.dport - b.dport;
const read = (rel: string) => readFileSync(new URL(rel, ROOT), 'utf8');

const MANIFESTS = readdirSync(DIR).filter((f) => f.endsWith('.expected.json')).sort();
const manifest = (name: string): Manifest => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Manifest;

const analyses = new Map<string, { model: Model; catalogs: Catalogs }>();
function analyse(policy: string) {
  let a = analyses.get(policy);
  if (!a) {
    const r = analyzePolicy({ text: read(policy), file: policy, today: TODAY });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || !r.model || !r.catalogs) throw new Error(`${policy}: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
    a = { model: r.model, catalogs: r.catalogs };
    analyses.set(policy, a);
  }
  return a;
}

function isAddress(text: string): boolean {
  const r = parseNet(text);
  return r.ok && r.net.prefix === (r.net.family === 4 ? 32 : 128);
}
const isPort = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && /^\d{1,5}$/.test(v))) && Number(v) <= 65535;

/** Parse one line into a row, or undefined when it is a bad line (README "Records and bad lines"). */
function parseLine(format: Manifest['format'], line: string, no: number, fields?: string[]): Row | undefined {
  if (format === 'csv') {
    const c = line.split(',');
    if (c.length !== 10 || !isAddress(c[0]) || !isAddress(c[1]) || !['tcp', 'udp'].includes(c[2]) || !isPort(c[3]) || !isPort(c[4])) return undefined;
    if (!/^\d+$/.test(c[5]) || !/^\d+$/.test(c[6]) || Number.isNaN(Date.parse(c[7])) || Number.isNaN(Date.parse(c[8]))) return undefined;
    if (!/^(\d{1,3}(;\d{1,3})*)?$/.test(c[9])) return undefined;
    return { line: no, src: c[0], dst: c[1], proto: c[2], sport: Number(c[3]), dport: Number(c[4]), ops: c[9] === '' ? [] : c[9].split(';').map(Number) };
  }
  if (format === 'zeek-tsv') {
    const c = line.split('\t');
    if (!fields || c.length !== fields.length) return undefined;
    const v = Object.fromEntries(fields.map((f, i) => [f, c[i]]));
    if (!isAddress(v['id.orig_h']) || !isAddress(v['id.resp_h']) || !isPort(v['id.orig_p']) || !isPort(v['id.resp_p']) || !['tcp', 'udp'].includes(v.proto)) return undefined;
    return { line: no, src: v['id.orig_h'], dst: v['id.resp_h'], proto: v.proto, sport: Number(v['id.orig_p']), dport: Number(v['id.resp_p']), ops: [] };
  }
  let o: Record<string, unknown>;
  try { o = JSON.parse(line) as Record<string, unknown>; } catch { return undefined; }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
  const [s, d, sp, dp, p] = [o['id.orig_h'], o['id.resp_h'], o['id.orig_p'], o['id.resp_p'], o.proto];
  if (typeof s !== 'string' || typeof d !== 'string' || !isAddress(s) || !isAddress(d) || !Number.isInteger(sp) || !Number.isInteger(dp) || !isPort(sp) || !isPort(dp) || (p !== 'tcp' && p !== 'udp')) return undefined;
  return { line: no, src: s, dst: d, proto: p, sport: sp as number, dport: dp as number, ops: [] };
}

function readRows(m: Manifest) {
  const text = read(m.flows);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const rows: Row[] = [];
  const bad: number[] = [];
  const headers: string[] = [];
  let fields: string[] | undefined;
  lines.forEach((line, i) => {
    const no = i + 1;
    if (m.format === 'csv' && no === 1) { headers.push(line); return; }
    if (m.format === 'zeek-tsv' && line.startsWith('#')) {
      headers.push(line);
      if (line.startsWith('#fields\t')) fields = line.split('\t').slice(1);
      return;
    }
    const r = parseLine(m.format, line, no, fields);
    if (r) rows.push(r); else bad.push(no);
  });
  return { text, lines, rows, bad, headers };
}

/** A service port (README): below 1024 or a port of any catalogue protocol on that transport. */
function servicePort(catalogs: Catalogs, transport: string, port: number): boolean {
  if (port < 1024) return true;
  for (const p of catalogs.protocols.values()) {
    for (const spec of p.ports) if (spec.transport === transport && spec.ports[0] <= port && port <= spec.ports[1]) return true;
  }
  return false;
}

/** Record and bad-line counts per dataset, as the README's table states them. */
const COUNTS: Record<string, { records: number; bad: number }> = {
  'mb2.expected.json': { records: 83, bad: 0 },
  'mb2.conn.expected.json': { records: 83, bad: 0 },
  'mb2-dirty.expected.json': { records: 84, bad: 3 },
  'modbus-digitalbond.expected.json': { records: 6, bad: 0 },
  'dnp3-digitalbond.expected.json': { records: 8, bad: 0 },
  'iec104-testdissect.expected.json': { records: 6, bad: 0 },
  'iec104-diverse.expected.json': { records: 2, bad: 0 },
  'wincc-s400.expected.json': { records: 1, bad: 0 },
  'water-treatment.expected.json': { records: 374, bad: 5 },
  'batch-chemical.expected.json': { records: 375, bad: 4 },
  'substation.conn.expected.json': { records: 239, bad: 4 },
};

/** Writes on documented read-only flows (README table): dataset, src, dst, dport, write code. */
const READ_ONLY_WRITES: [string, string, string, number, number][] = [
  ['mb2.expected.json', '141.81.0.10', '141.81.0.24', 502, 15],
  ['mb2.expected.json', '141.81.0.10', '141.81.0.44', 502, 15],
  ['mb2.expected.json', '141.81.0.10', '141.81.0.64', 502, 15],
  ['mb2-dirty.expected.json', '141.81.0.10', '141.81.0.24', 502, 15],
  ['water-treatment.expected.json', '10.20.2.35', '10.20.11.13', 502, 6],
  ['batch-chemical.expected.json', '10.31.3.30', '10.31.10.11', 102, 5],
  ['batch-chemical.expected.json', '10.31.3.21', '10.31.10.41', 502, 6],
  ['batch-chemical.expected.json', '10.31.2.11', '10.31.20.11', 502, 16],
];

it('has a manifest for every flow file and a flow file for every manifest', () => {
  const flowFiles = readdirSync(DIR).filter((f) => /\.(csv|log|json)$/.test(f) && !f.endsWith('.expected.json')).sort();
  const named = MANIFESTS.map((f) => manifest(f).flows.replace('test/data/flows/', '')).sort();
  expect(named).toEqual(flowFiles);
  expect(Object.keys(COUNTS).sort()).toEqual(MANIFESTS);
});

describe.each(MANIFESTS)('%s', (name) => {
  const m = manifest(name);

  it('has exactly the manifest keys, in order, and names existing files', () => {
    expect(Object.keys(m)).toEqual(MANIFEST_KEYS);
    expect(m.flows.startsWith('test/data/flows/')).toBe(true);
    expect(existsSync(new URL(m.flows, ROOT))).toBe(true);
    expect(existsSync(new URL(m.policy, ROOT))).toBe(true);
    expect(FORMAT_BY_EXT[m.flows.split('.').pop()!]).toBe(m.format);
    expect(name).toBe(m.flows.replace('test/data/flows/', '').replace(/\.(csv|log|json)$/, '.expected.json'));
  });

  it('names a policy that validates (analyzePolicy, no errors)', () => {
    const { model } = analyse(m.policy);
    expect(model.assets.size).toBeGreaterThan(0);
  });

  it('has well-formed headers and the stated record and bad-line counts', () => {
    const { rows, bad, headers, lines } = readRows(m);
    if (m.format === 'csv') expect(headers).toEqual([CSV_HEADER]);
    if (m.format === 'zeek-tsv') {
      expect(headers.slice(0, 5)).toEqual(['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn']);
      const fields = headers.find((h) => h.startsWith('#fields\t'))!.split('\t').slice(1);
      const types = headers.find((h) => h.startsWith('#types\t'))!.split('\t').slice(1);
      expect(fields).toEqual(expect.arrayContaining(ZEEK_FIELDS));
      expect(types.length).toBe(fields.length);
      expect(lines[lines.length - 1].startsWith('#close\t')).toBe(true);
    }
    if (m.format === 'zeek-json') {
      for (const r of rows) expect(Object.keys(JSON.parse(lines[r.line - 1]) as object)).toEqual(expect.arrayContaining(['ts', 'uid', 'conn_state', 'orig_pkts', 'resp_pkts']));
    }
    expect({ records: rows.length, bad: bad.length }).toEqual(COUNTS[name]);
    expect(bad).toEqual(m.badLines);
  });

  it('lists sorted, unique, canonical addresses and flows that refer to the policy', () => {
    const { model } = analyse(m.policy);
    const assetAddresses = new Set([...model.assets.values()].flatMap((a) => a.addresses.map((n) => n.text)));
    for (const list of [m.undocumentedAddresses, m.unseenAssets]) expect(list).toEqual([...new Set(list)].sort(cmp));
    for (const a of m.undocumentedAddresses) {
      expect(isAddress(a) && parseNet(a).ok && (parseNet(a) as { net: { text: string } }).net.text === a).toBe(true);
      expect(assetAddresses.has(a)).toBe(false);
    }
    for (const id of m.unseenAssets) expect(model.assets.has(id)).toBe(true);
    for (const list of [m.uncoveredFlows, m.blockedFlows]) {
      expect(list).toEqual([...list].sort(cmpFlow));
      for (const f of list) {
        expect(Object.keys(f)).toEqual(['src', 'dst', 'proto', 'dport']);
        expect(isAddress(f.src) && isAddress(f.dst) && ['tcp', 'udp'].includes(f.proto) && isPort(f.dport)).toBe(true);
      }
    }
    const key = (f: FlowRef) => `${f.src}|${f.dst}|${f.proto}|${f.dport}`;
    const uncovered = new Set(m.uncoveredFlows.map(key));
    expect(uncovered.size).toBe(m.uncoveredFlows.length);
    for (const f of m.blockedFlows) expect(uncovered.has(key(f))).toBe(true);
  });

  it('counts the responder-first records it says (reoriented) and every finding occurs in the file', () => {
    const { catalogs } = analyse(m.policy);
    const { rows } = readRows(m);
    const swapped = rows.filter((r) => servicePort(catalogs, r.proto, r.sport) && !servicePort(catalogs, r.proto, r.dport));
    expect(swapped.length).toBe(m.reoriented);
    const oriented = rows.map((r) => (swapped.includes(r) ? { ...r, src: r.dst, dst: r.src, dport: r.sport } : r));
    const seen = new Set(oriented.flatMap((r) => [r.src, r.dst]));
    for (const a of m.undocumentedAddresses) expect(seen.has(a)).toBe(true);
    for (const f of m.uncoveredFlows) {
      expect(oriented.some((r) => r.src === f.src && r.dst === f.dst && r.proto === f.proto && r.dport === f.dport)).toBe(true);
    }
  });
});

describe('writes on read-only flows (README table)', () => {
  it.each(READ_ONLY_WRITES)('%s: %s -> %s:%i carries write code %i on a read-only conduit flow', (name, src, dst, dport, code) => {
    const m = manifest(name);
    const { model } = analyse(m.policy);
    const { rows } = readRows(m);
    expect(rows.some((r) => r.src === src && r.dst === dst && r.dport === dport && r.ops.includes(code))).toBe(true);
    const assetOf = (addr: string) => [...model.assets.values()].find((a) => a.addresses.some((n) => n.text === addr))?.id;
    const [from, to] = [assetOf(src), assetOf(dst)];
    const flows = [...model.conduits.values()].flatMap((c) => c.flows);
    expect(flows.some((f) => f.access === 'read-only' && f.from.some((e) => e.id === from) && f.to.some((e) => e.id === to))).toBe(true);
  });
});

describe('provenance', () => {
  it('the README names every flow file and carries the CC BY 4.0 attribution', () => {
    const readme = readFileSync(new URL('README.md', DIR), 'utf8');
    for (const name of MANIFESTS) expect(readme).toContain(manifest(name).flows.replace('test/data/flows/', ''));
    expect(readme).toContain('ITI/ICS-Security-Tools');
    expect(readme).toContain('9b82609');
    expect(readme).toContain('Creative Commons Attribution 4.0');
  });

  it('the dairy policy says where its data comes from', () => {
    const text = read('examples/dairy-packing.yaml');
    expect(text).toContain('ITI/ICS-Security-Tools');
    expect(text).toContain('CC BY 4.0');
  });

  it('every scenario names its dataset and manifest', () => {
    const doc = parseYaml(readFileSync(new URL('scenarios.yaml', DIR), 'utf8')) as { scenarios: { file: string; manifest: string }[] };
    for (const s of doc.scenarios) {
      expect(existsSync(new URL(s.file, DIR))).toBe(true);
      expect(MANIFESTS).toContain(s.manifest);
    }
  });
});

it('the committed datasets and manifests are exactly what scripts/gen-example-flows.mjs writes, run after run', () => {
  const first = generateAll() as [string, string][];
  const second = generateAll() as [string, string][];
  expect(second).toEqual(first);
  for (const [rel, text] of first) expect(read(rel), rel).toBe(text);
});
