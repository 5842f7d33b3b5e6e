import fc from 'fast-check';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { forEachLine } from '../../src/baseline/forEachLine.js';
import { readFlows } from '../../src/baseline/readFlows.js';
import { buildServicePorts } from '../../src/baseline/servicePorts.js';
import type { ObservedFlow } from '../../src/baseline/types.js';
import { loadCatalogs } from '../../src/catalog/loadCatalogs.js';
import { chunks } from './support.js';

const catalogs = loadCatalogs().catalogs!;
const servicePorts = buildServicePorts(catalogs.protocols.values());

async function read(text: string, size?: number) {
  return readFlows(chunks(text, size), { servicePorts });
}

async function ok(text: string, size?: number) {
  const r = await read(text, size);
  if (!r.ok) throw new Error(r.message);
  return r.set;
}

const key = (f: ObservedFlow) => `${f.src.text} ${f.dst.text} ${f.transport} ${f.dport}`;
const keys = (flows: ObservedFlow[]) => flows.map(key).sort();

describe('forEachLine', () => {
  it('splits LF and CRLF lines, drops a BOM, keeps a last line without a line feed', async () => {
    const lines: [string, number][] = [];
    await forEachLine(chunks('\uFEFFa,b\r\nc\n\nd', 2), (t, s, e, n) => { lines.push([t.slice(s, e), n]); });
    expect(lines).toEqual([['a,b', 1], ['c', 2], ['', 3], ['d', 4]]);
  });

  it('gives the same lines however the bytes are cut (UTF-8 characters split across chunks too)', async () => {
    const text = fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', ',', 'é', '€', '𝄞', 'a', '1')), { maxLength: 80 }).map((xs) => xs.join(''));
    await fc.assert(fc.asyncProperty(text, fc.integer({ min: 1, max: 7 }), async (t, size) => {
      const bytes = Buffer.from(t, 'utf8');
      const parts: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
      const got: string[] = [];
      await forEachLine(Readable.from(parts), (t, s, e) => { got.push(t.slice(s, e)); });
      const want = t === '' ? [] : t.replace(/\r\n/g, '\n').split('\n');
      if (t.endsWith('\n')) want.pop();
      expect(got).toEqual(want.map((l) => l.replace(/\r$/, '')));
    }));
  });
});

describe('readFlows: formats', () => {
  it('reads the otpc CSV with every optional column', async () => {
    const set = await ok([
      'src,dst,proto,sport,dport,packets,bytes,first,last,operations',
      '10.0.1.10,10.0.2.10,tcp,50000,502,10,1000,2026-09-01T00:00:00Z,2026-09-01T00:10:00Z,3;16',
      '10.0.1.10,10.0.2.10,tcp,50001,502,5,500,2026-09-02T00:00:00Z,2026-09-02T00:01:00Z,1;3',
    ].join('\n'));
    expect(set.stats).toMatchObject({ format: 'csv', lines: 3, records: 2, reoriented: 0, badLineCount: 0 });
    expect(set.flows).toHaveLength(1);
    expect(set.flows[0]).toMatchObject({ count: 2, packets: 15, bytes: 1500, dport: 502, transport: 'tcp', ops: [1, 3, 16] });
    expect(new Date(set.flows[0].first).toISOString()).toBe('2026-09-01T00:00:00.000Z');
    expect(new Date(set.flows[0].last).toISOString()).toBe('2026-09-02T00:01:00.000Z');
  });

  it('reads the minimal CSV (src,dst,proto,dport), quoted fields and a pre-aggregated count', async () => {
    const set = await ok('"src","dst","proto","dport","flows","modbus_fc"\n10.0.1.10,10.0.2.10,TCP,502,7,"3,16"\n');
    expect(set.flows[0]).toMatchObject({ count: 7, ops: [3, 16] });
    expect(set.flows[0].first).toBeNaN();
  });

  it('reads a ";"-separated CSV', async () => {
    const set = await ok('src;dst;proto;dport\n10.0.1.10;10.0.2.10;udp;20000\n');
    expect(keys(set.flows)).toEqual(['10.0.1.10 10.0.2.10 udp 20000']);
  });

  it('reads nfdump CSV (ts,te,td,sa,da,sp,dp,pr,...) and stops at its Summary block', async () => {
    const set = await ok([
      'ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out',
      '2026-09-01 10:00:00,2026-09-01 10:00:05,5.000,10.0.1.10,10.0.2.10,50123,502,TCP,.AP.SF,0,0,12,900,10,700,1,2',
      '2026-09-01 10:01:00,2026-09-01 10:01:01,1.000,10.0.2.10,10.0.1.10,123,50123,UDP,......,0,0,1,76,1,76,2,1',
      '',
      'Summary',
      'flows,bytes,packets,avg_bps,avg_pps,avg_bpp',
      '2,1752,24,0,0,73',
    ].join('\n'));
    expect(set.stats).toMatchObject({ records: 2, badLineCount: 0, reoriented: 1 });
    expect(keys(set.flows)).toEqual(['10.0.1.10 10.0.2.10 tcp 502', '10.0.1.10 10.0.2.10 udp 123']);
    expect(set.flows.find((f) => f.dport === 502)).toMatchObject({ packets: 22, bytes: 1600 });
  });

  it('reads nfdump 1.7.5+ CSV (firstSeen,duration,...): last seen is first seen + duration', async () => {
    const set = await ok([
      'firstSeen,duration,proto,srcAddr,srcPort,dstAddr,dstPort,packets,bytes,flows',
      '2026-08-29 05:17:53.120,1.500,6,10.0.1.10,50123,10.0.2.10,502,12,900,1',
      '2026-08-29 06:00:00.000,3600.250,6,10.0.1.10,50124,10.0.2.10,502,100,9000,3',
      '2026-08-29 05:18:00.000,0.000,17,10.0.2.10,123,10.0.1.10,50125,1,76,1',
    ].join('\n'));
    expect(set.stats).toMatchObject({ format: 'csv', records: 5, badLineCount: 0, reoriented: 1 });
    const modbus = set.flows.find((f) => f.dport === 502)!;
    expect(modbus).toMatchObject({ transport: 'tcp', count: 4, packets: 112, bytes: 9900 });
    expect(new Date(modbus.first).toISOString()).toBe('2026-08-29T05:17:53.120Z');
    expect(new Date(modbus.last).toISOString()).toBe('2026-08-29T07:00:00.250Z');
    const ntp = set.flows.find((f) => f.dport === 123)!;
    expect(ntp).toMatchObject({ transport: 'udp', count: 1 });
    expect(ntp.last).toBe(ntp.first);
    expect(new Date(ntp.first).toISOString()).toBe('2026-08-29T05:18:00.000Z');
  });

  it('reads firstSeen/lastSeen columns (nfdump csv with a lastSeen field), any letter case', async () => {
    const set = await ok('FirstSeen,LastSeen,Proto,SrcAddr,SrcPort,DstAddr,DstPort\n2026-08-29 05:17:53,2026-08-29 05:20:00.5,TCP,10.0.1.10,50123,10.0.2.10,502\n');
    expect(new Date(set.flows[0].first).toISOString()).toBe('2026-08-29T05:17:53.000Z');
    expect(new Date(set.flows[0].last).toISOString()).toBe('2026-08-29T05:20:00.500Z');
  });

  it('reads a Zeek conn.log: header lines, "-" unset, "(empty)", a repeated header, #close', async () => {
    const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'history', 'orig_pkts', 'resp_pkts', 'modbus_fc'];
    const row = (...v: string[]) => v.join('\t');
    const header = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn', `#fields\t${fields.join('\t')}`, '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tstring\tcount\tcount\tvector[count]'];
    const set = await ok([
      ...header,
      row('1693562400.5', 'C1', '10.0.1.10', '50000', '10.0.2.10', '502', 'tcp', 'modbus', '2.5', '100', '200', 'SF', 'ShADadFf', '5', '4', '3,16'),
      row('1693562401', 'C2', '10.0.1.10', '123', '10.0.9.9', '123', 'udp', '-', '-', '-', '-', 'S0', 'D', '1', '0', '(empty)'),
      '#close\t2023-09-01-10-00-00',
      ...header,
      row('1693562402', 'C3', '10.0.1.10', '8', '10.0.2.10', '0', 'icmp', '-', '-', '-', '-', 'OTH', '-', '1', '1', '-'),
    ].join('\n'));
    expect(set.stats).toMatchObject({ format: 'zeek-tsv', records: 3, badLineCount: 0 });
    const modbus = set.flows.find((f) => f.dport === 502)!;
    expect(modbus).toMatchObject({ packets: 9, bytes: 300, ops: [3, 16] });
    expect(modbus.last - modbus.first).toBe(2500);
    expect(keys(set.flows)).toContain('10.0.1.10 10.0.2.10 icmp 0');
  });

  it('reads Zeek JSON lines, flat and nested, epoch or ISO times', async () => {
    const set = await ok([
      JSON.stringify({ ts: 1693562400.25, uid: 'C1', 'id.orig_h': '10.0.1.10', 'id.orig_p': 50000, 'id.resp_h': '10.0.2.10', 'id.resp_p': 502, proto: 'tcp', duration: 1.5, orig_pkts: 3, resp_pkts: 2, orig_bytes: 10, resp_bytes: 20, modbus_fc: [3, 6] }),
      JSON.stringify({ ts: '2023-09-01T10:00:00.000000Z', id: { orig_h: 'fd00::10', orig_p: 50000, resp_h: 'fd00::0:20', resp_p: 4840 }, proto: 'tcp' }),
    ].join('\n'));
    expect(set.stats.format).toBe('zeek-json');
    expect(keys(set.flows)).toEqual(['10.0.1.10 10.0.2.10 tcp 502', 'fd00::10 fd00::20 tcp 4840']);
    expect(set.flows[0]).toMatchObject({ packets: 5, bytes: 30, ops: [3, 6] });
    expect(set.flows[0].last - set.flows[0].first).toBe(1500);
  });
});

describe('readFlows: Zeek JSON keys', () => {
  it('reads keys in any letter case, line after line, and lines with thousands of other keys', async () => {
    const junk = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`x_${i}`, i]));
    const set = await ok([
      JSON.stringify({ 'ID.ORIG_H': '10.0.1.10', 'id.resp_h': '10.0.2.10', 'Id.Resp_P': 502, PROTO: 'tcp', modbus_fc: [3] }),
      JSON.stringify({ ...junk, 'id.orig_h': '10.0.1.11', 'id.resp_h': '10.0.2.10', 'id.resp_p': 502, proto: 'tcp', ts: 1 }),
      JSON.stringify({ ...junk, x_1500: 'y', 'id.orig_h': '10.0.1.12', 'ID.RESP_H': '10.0.2.10', 'id.resp_p': 502, proto: 'tcp', MODBUS_FC: [16] }),
      JSON.stringify({ 'ID.ORIG_H': '10.0.1.10', 'id.resp_h': '10.0.2.10', 'Id.Resp_P': 502, PROTO: 'tcp', Modbus_FC: '4' }),
    ].join('\n'));
    expect(set.stats).toMatchObject({ records: 4, badLineCount: 0 });
    expect(set.flows.map((f) => [key(f), f.count, f.ops])).toEqual([
      ['10.0.1.10 10.0.2.10 tcp 502', 2, [3, 4]],
      ['10.0.1.11 10.0.2.10 tcp 502', 1, undefined],
      ['10.0.1.12 10.0.2.10 tcp 502', 1, [16]],
    ]);
    expect(set.flows[1].first).toBe(1000);
  });
});

describe('readFlows: orientation by service port', () => {
  it.each([
    ['PLC recorded as the client of its own port', '10.0.2.10,10.0.1.10,tcp,502,50000', '10.0.1.10 10.0.2.10 tcp 502', 1],
    ['catalogued port above 1024 (DNP3 20000)', '10.0.2.10,10.0.1.10,udp,20000,3333', '10.0.1.10 10.0.2.10 udp 20000', 1],
    ['both service ports: kept (NTP)', '10.0.2.10,10.0.1.10,udp,123,123', '10.0.2.10 10.0.1.10 udp 123', 0],
    ['neither is a service port: kept (DCOM callback)', '10.0.2.10,10.0.1.10,tcp,49700,49188', '10.0.2.10 10.0.1.10 tcp 49188', 0],
    ['already oriented', '10.0.1.10,10.0.2.10,tcp,50000,502', '10.0.1.10 10.0.2.10 tcp 502', 0],
  ])('%s', async (_, row, want, reoriented) => {
    const set = await ok(`src,dst,proto,sport,dport\n${row}\n`);
    expect(keys(set.flows)).toEqual([want]);
    expect(set.stats.reoriented).toBe(reoriented);
  });

  it('without a source port, nothing is re-oriented', async () => {
    const set = await ok('src,dst,proto,dport\n10.0.2.10,10.0.1.10,tcp,50000\n');
    expect(keys(set.flows)).toEqual(['10.0.2.10 10.0.1.10 tcp 50000']);
  });
});

describe('readFlows: bad lines never stop the file', () => {
  it('counts bad lines and keeps their numbers and reasons', async () => {
    const set = await ok([
      'src,dst,proto,sport,dport',
      '10.0.1.10,10.0.2.10,tcp,50000,502',
      '10.0.1.10,10.0.2.10,tcp,50000',
      'plc-1,10.0.2.10,tcp,50000,502',
      '10.0.1.10,10.0.2.10,tcp,50000,70000',
      '10.0.1.10,10.0.2.10,,50000,502',
      '10.0.1.10,fd00::1,tcp,50000,502',
      '10.0.1.10,10.0.2.10,tcp,50000,-502',
      '"10.0.1.10,10.0.2.10,tcp,50000,502',
      '10.0.1.11,10.0.2.10,tcp,50000,502',
      '10.0.1.12,10.0.2.10,tcp,50000,5',
    ].join('\n'));
    expect(set.stats.badLines).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(set.stats.badLineCount).toBe(7);
    expect(set.stats.badLineReasons.map((r) => r.reason)).toEqual([
      '4 fields; the header has 5', 'source is not an IP address', 'destination port is not a number 0-65535', 'protocol is missing or unknown',
      'source and destination are of different address families', 'destination port is not a number 0-65535', 'unbalanced quotes',
    ]);
    expect(set.stats.records).toBe(3);
  });

  it('a Zeek data line before "#fields" is bad, a JSON line that is not an object is bad', async () => {
    const tsv = await ok('#separator \\x09\n10.0.0.1\t1\n#fields\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\n10.0.0.1\t50000\t10.0.0.2\t502\ttcp\n');
    expect(tsv.stats.badLines).toEqual([2]);
    const json = await ok('{"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","id.resp_p":502,"proto":"tcp"}\n[1,2]\n{"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","id.resp_p":"502","proto":"tcp"}\n{trunc');
    expect(json.stats.badLines).toEqual([2, 3, 4]);
  });

  it.each([
    ['an empty file', '', 'the flow file is empty'],
    ['an unknown header', 'a,b,c\n1,2,3\n', 'missing'],
    ['a header without records', 'src,dst,proto,dport\n', 'no flow records'],
    ['only bad records', 'src,dst,proto,dport\nx,y,z,w\n', 'all 1 data line(s) are bad'],
    ['a Zeek header without the required fields', '#fields\tts\tuid\n', 'lacks'],
  ])('fails on %s', async (_, text, message) => {
    const r = await read(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('reads a gzip stream when the caller gunzips it (the CLI detects the magic bytes)', async () => {
    const { createGunzip } = await import('node:zlib');
    const gz = Readable.from([gzipSync(Buffer.from('src,dst,proto,dport\n10.0.1.10,10.0.2.10,tcp,502\n'))]).pipe(createGunzip());
    const r = await readFlows(gz, { servicePorts });
    expect(r.ok && r.set.flows.length).toBe(1);
  });
});

describe('aggregation', () => {
  it('equals a plain Map aggregation for any records, across hash-table growth', async () => {
    const rec = fc.record({
      s: fc.integer({ min: 0, max: 40 }), d: fc.integer({ min: 0, max: 40 }), t: fc.constantFrom('tcp', 'udp', 'icmp'),
      p: fc.constantFrom(502, 102, 20000, 44818, 50000), pk: fc.nat(100), t0: fc.integer({ min: 0, max: 1e6 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(rec, { maxLength: 3000 }), async (rs) => {
      const lines = rs.map((r) => `10.0.${r.s >> 4}.${r.s},10.1.${r.d >> 4}.${r.d},${r.t},${r.p},${r.pk},${1_700_000_000 + r.t0}`);
      const want = new Map<string, { count: number; packets: number; first: number; last: number }>();
      for (const r of rs) {
        const k = `10.0.${r.s >> 4}.${r.s} 10.1.${r.d >> 4}.${r.d} ${r.t} ${r.p}`;
        const ms = (1_700_000_000 + r.t0) * 1000;
        const w = want.get(k) ?? { count: 0, packets: 0, first: Infinity, last: -Infinity };
        want.set(k, { count: w.count + 1, packets: w.packets + r.pk, first: Math.min(w.first, ms), last: Math.max(w.last, ms) });
      }
      if (rs.length === 0) return;
      const set = await ok(`src,dst,proto,dport,packets,first\n${lines.join('\n')}\n`, 997);
      const got = new Map(set.flows.map((f) => [key(f), { count: f.count, packets: f.packets, first: f.first, last: f.last }]));
      expect(got).toEqual(want);
    }), { numRuns: 40 });
  });
});

describe('readFlows: hostile input', () => {
  it('a line longer than 1 MiB is one bad line; memory stays bounded', async () => {
    const long = 'x'.repeat(3 << 20);
    const set = await ok(`src,dst,proto,dport\n10.0.1.10,10.0.2.10,tcp,502\n${long}\n10.0.1.11,10.0.2.10,tcp,502\n${long}`, 1 << 16);
    expect(set.stats).toMatchObject({ records: 2, badLineCount: 2, badLines: [3, 5] });
    expect(set.stats.badLineReasons[0].reason).toBe('line longer than 1 MiB');
  });

  it('a binary file without line ends is refused, not read into memory', async () => {
    const r = await readFlows(Readable.from([Buffer.alloc(3 << 20, 0xd4)]), { servicePorts });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('not a flow file');
  });
});

describe('the three formats agree', () => {
  it('the same records as CSV, Zeek TSV and Zeek JSON give the same flows, times, counters and operations', async () => {
    const rec = fc.record({
      s: fc.integer({ min: 1, max: 20 }), d: fc.integer({ min: 1, max: 20 }), t: fc.constantFrom('tcp', 'udp'),
      sp: fc.constantFrom(502, 102, 123, 50000, 61000), dp: fc.constantFrom(502, 20000, 123, 44818, 49188),
      pk: fc.nat(1000), by: fc.nat(100000), t0: fc.integer({ min: 0, max: 1e6 }), dur: fc.integer({ min: 0, max: 3600 }),
      ops: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(rec, { minLength: 1, maxLength: 40 }), async (rs) => {
      const ts = (r: typeof rs[number]) => 1_700_000_000 + r.t0;
      const csv = ['src,dst,proto,sport,dport,packets,bytes,first,last,operations',
        ...rs.map((r) => `10.0.0.${r.s},10.0.1.${r.d},${r.t},${r.sp},${r.dp},${r.pk},${r.by},${ts(r)},${ts(r) + r.dur},${r.ops.join(';')}`)].join('\n');
      const tsv = ['#separator \\x09', '#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\torig_pkts\tresp_pkts\torig_bytes\tresp_bytes\toperations',
        ...rs.map((r) => [ts(r), `10.0.0.${r.s}`, r.sp, `10.0.1.${r.d}`, r.dp, r.t, r.dur, r.pk, 0, r.by, '-', r.ops.length ? r.ops.join(',') : '(empty)'].join('\t'))].join('\n');
      const json = rs.map((r) => JSON.stringify({ ts: ts(r), 'id.orig_h': `10.0.0.${r.s}`, 'id.orig_p': r.sp, 'id.resp_h': `10.0.1.${r.d}`, 'id.resp_p': r.dp, proto: r.t, duration: r.dur, orig_pkts: r.pk, orig_bytes: r.by, operations: r.ops })).join('\n');
      const sets = await Promise.all([csv, tsv, json].map((t) => ok(t, 13)));
      const view = (s: typeof sets[number]) => ({ reoriented: s.stats.reoriented, flows: [...s.flows].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((f) => ({ ...f, src: f.src.text, dst: f.dst.text })) });
      expect(view(sets[1])).toEqual(view(sets[0]));
      expect(view(sets[2])).toEqual(view(sets[0]));
      expect(sets.map((s) => s.stats.format)).toEqual(['csv', 'zeek-tsv', 'zeek-json']);
    }), { numRuns: 60 });
  });
});
