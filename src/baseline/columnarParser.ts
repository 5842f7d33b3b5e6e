import type { ColumnMap } from './flowColumns.js';
import type { FlowRecord } from './flowRecord.js';
import { resetRecord, setAddress, timeAt, transportAt } from './flowRecord.js';
import { opsAt, parseCount, parseOps, parsePort } from './parseFields.js';

/** Parses the data line text[start, end) into a record; returns null when it was read, else the reason it was not. */
export type LineParser = (text: string, start: number, end: number, r: FlowRecord) => string | null;

interface Fields {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  n: number;
}

/** Splits text[start, end) on a one-character delimiter by positions only (no substrings). */
function splitPositions(text: string, start: number, end: number, delim: string, f: Fields): void {
  let from = start;
  let n = 0;
  const max = f.starts.length;
  let i = text.indexOf(delim, from);
  while (i >= 0 && i < end) {
    if (n < max) { f.starts[n] = from; f.ends[n] = i; }
    n++;
    from = i + 1;
    i = text.indexOf(delim, from);
  }
  if (n < max) { f.starts[n] = from; f.ends[n] = end; }
  f.text = text;
  f.n = n + 1;
}

/** RFC 4180 fields of a line that holds quotes ("a,b" and "" escapes). Null when a quote is unbalanced. */
export function splitQuoted(line: string, delim: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return null;
        value += line.slice(j, q);
        if (line[q + 1] === '"') { value += '"'; j = q + 2; continue; }
        j = q + 1;
        break;
      }
      if (j < line.length && line[j] !== delim) return null;
      out.push(value);
      i = j + 1;
    } else {
      const d = line.indexOf(delim, i);
      const end = d < 0 ? line.length : d;
      out.push(line.slice(i, end));
      i = end + 1;
    }
    if (i > line.length) break;
  }
  return out;
}

/** Quoted fields joined with NUL, so the positional parser reads them like any other line. */
function splitQuotedPositions(line: string, delim: string, f: Fields): boolean {
  const parts = splitQuoted(line, delim);
  if (!parts) return false;
  const joined = parts.join('\u0000');
  splitPositions(joined, 0, joined.length, '\u0000', f);
  return true;
}

/** RFC 4180 quotes open a field: only then is the slower quote-aware split needed. */
function hasQuotedField(f: Fields): boolean {
  const n = f.n < f.starts.length ? f.n : f.starts.length;
  const t = f.text;
  for (let k = 0; k < n; k++) if (t.charCodeAt(f.starts[k]) === 34) return true;
  return false;
}

/** Zeek writes "-" for an unset field and "(empty)" for an empty container; exporters write "" or "-". */
function absent(t: string, s: number, e: number): boolean {
  if (e === s) return true;
  if (e - s === 1) return t.charCodeAt(s) === 45;
  return e - s === 7 && t.startsWith('(empty)', s);
}

/**
 * A parser for delimiter-separated flows with a header (CSV, nfdump CSV, Zeek TSV).
 * Every line must have as many fields as the header; src, dst, proto and dport are
 * required (dport may be empty for ICMP and other transports); a field that is
 * present but unreadable makes the line bad rather than silently wrong.
 */
export function columnarParser(map: ColumnMap, delimiter: string, quotes: boolean): LineParser {
  const f: Fields = { text: '', starts: new Int32Array(map.width), ends: new Int32Array(map.width), n: 0 };
  const ix = map.index;
  const scratch: number[] = [];
  return (text, start, end, r) => {
    splitPositions(text, start, end, delimiter, f);
    if (quotes && hasQuotedField(f) && !splitQuotedPositions(text.slice(start, end), delimiter, f)) return 'unbalanced quotes';
    if (f.n !== map.width) return `${f.n} fields; the header has ${map.width}`;
    resetRecord(r);
    return readAddresses(f, ix.src, ix.dst, r) ?? readService(f, ix.proto, ix.dport, ix.sport, r) ?? readCounters(f, map, r) ?? readTimes(f, map, r) ?? readOps(f, map.ops, r, scratch);
  };
}

function readAddresses(f: Fields, src: number, dst: number, r: FlowRecord): string | null {
  const t = f.text;
  if (!setAddress(r, 'src', t, f.starts[src], f.ends[src])) return 'source is not an IP address';
  if (!setAddress(r, 'dst', t, f.starts[dst], f.ends[dst])) return 'destination is not an IP address';
  if ((r.srcV4 < 0) !== (r.dstV4 < 0)) return 'source and destination are of different address families';
  return null;
}

function readService(f: Fields, proto: number, dport: number, sport: number, r: FlowRecord): string | null {
  const t = f.text;
  const transport = absent(t, f.starts[proto], f.ends[proto]) ? -1 : transportAt(t, f.starts[proto], f.ends[proto]);
  if (transport < 0) return 'protocol is missing or unknown';
  r.transport = transport;
  if (absent(t, f.starts[dport], f.ends[dport])) {
    if (transport <= 1) return 'destination port is missing';
    r.dport = 0;
  } else {
    r.dport = parsePort(t, f.starts[dport], f.ends[dport]);
    if (r.dport < 0) return 'destination port is not a number 0-65535';
  }
  if (sport >= 0 && !absent(t, f.starts[sport], f.ends[sport])) {
    r.sport = parsePort(t, f.starts[sport], f.ends[sport]);
    if (r.sport < 0) return 'source port is not a number 0-65535';
  }
  return null;
}

function counterAt(f: Fields, i: number): number {
  if (i < 0 || absent(f.text, f.starts[i], f.ends[i])) return 0;
  return parseCount(f.text, f.starts[i], f.ends[i]);
}

function readCounters(f: Fields, map: ColumnMap, r: FlowRecord): string | null {
  const ix = map.index;
  const p1 = counterAt(f, ix.packets);
  const p2 = counterAt(f, ix.packets2);
  const b1 = counterAt(f, ix.bytes);
  const b2 = counterAt(f, ix.bytes2);
  if (p1 < 0 || p2 < 0) return 'packet count is not a number';
  if (b1 < 0 || b2 < 0) return 'byte count is not a number';
  r.packets = p1 + p2;
  r.bytes = b1 + b2;
  if (ix.count >= 0 && !absent(f.text, f.starts[ix.count], f.ends[ix.count])) {
    r.count = parseCount(f.text, f.starts[ix.count], f.ends[ix.count]);
    if (r.count < 1) return 'flow count is not a positive number';
  }
  return null;
}

function timeField(f: Fields, i: number): number | undefined {
  if (i < 0 || absent(f.text, f.starts[i], f.ends[i])) return undefined;
  return timeAt(f.text, f.starts[i], f.ends[i]);
}

function readTimes(f: Fields, map: ColumnMap, r: FlowRecord): string | null {
  const first = timeField(f, map.index.first);
  const last = timeField(f, map.index.last);
  if (first !== undefined && Number.isNaN(first)) return 'first-seen time is not a time';
  if (last !== undefined && Number.isNaN(last)) return 'last-seen time is not a time';
  r.first = first ?? NaN;
  r.last = last ?? first ?? NaN;
  const d = map.index.duration;
  if (last === undefined && first !== undefined && d >= 0 && !absent(f.text, f.starts[d], f.ends[d])) {
    const seconds = Number(f.text.slice(f.starts[d], f.ends[d]));
    if (!Number.isFinite(seconds) || seconds < 0) return 'duration is not a number of seconds';
    r.last = first + Math.round(seconds * 1000);
  }
  if (r.last < r.first) return 'last-seen time is before first-seen time';
  return null;
}

function readOps(f: Fields, cols: number[], r: FlowRecord, scratch: number[]): string | null {
  if (scratch.length !== 0) scratch.length = 0;
  for (const i of cols) {
    if (absent(f.text, f.starts[i], f.ends[i])) continue;
    const mark = scratch.length;
    if (opsAt(f.text, f.starts[i], f.ends[i], scratch)) continue;
    scratch.length = mark;
    const ops = parseOps(f.text.slice(f.starts[i], f.ends[i]));
    if (ops === null) return 'operation codes are not numbers 0-255';
    scratch.push(...ops);
  }
  // the aggregator copies the codes, so one array serves every line
  if (scratch.length > 0) r.ops = scratch;
  return null;
}
