import type { LineParser } from './columnarParser.js';
import { BY_NAME, OPS_COLUMNS } from './flowColumns.js';
import type { ColumnRole } from './flowColumns.js';
import type { FlowRecord } from './flowRecord.js';
import { resetRecord, setAddress, transportAt } from './flowRecord.js';
import { parseOps, parseTime } from './parseFields.js';

type Values = Partial<Record<ColumnRole, unknown>> & { ops?: unknown[] };

/** What a top-level key is: a role, an operations column, or nothing otpc reads. */
type KeyKind = ColumnRole | 'ops' | null;

/**
 * Top-level keys seen so far and what they are: every line of a conn.log repeats the same
 * keys, so the lower-casing and lookups run once per key, not once per line. Bounded: a
 * file with ever new keys stops adding to it (and is read the slow way).
 */
const KEY_KINDS = new Map<string, KeyKind>();
const KEY_KINDS_MAX = 1024;

function kindOf(name: string): KeyKind {
  const role = BY_NAME.get(name);
  if (role !== undefined) return role;
  return OPS_COLUMNS.includes(name) ? 'ops' : null;
}

/** Flattens {"id": {"orig_h": ...}} (nested exports) to "id.orig_h" keys; Zeek's own JSON is flat. */
function collect(obj: Record<string, unknown>, prefix: string, out: Values): void {
  for (const key in obj) {
    const value = obj[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      collect(value as Record<string, unknown>, `${prefix}${key}.`.toLowerCase(), out);
      continue;
    }
    let kind = prefix === '' ? KEY_KINDS.get(key) : undefined;
    if (kind === undefined) {
      kind = kindOf(`${prefix}${key}`.toLowerCase());
      if (prefix === '' && KEY_KINDS.size < KEY_KINDS_MAX) KEY_KINDS.set(key, kind);
    }
    if (kind === null) continue;
    if (kind === 'ops') (out.ops ??= []).push(value);
    else if (out[kind] === undefined) out[kind] = value;
  }
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v !== '' && v !== '-' ? v : undefined;
}

function count(v: unknown): number {
  if (v === undefined || v === null || v === '-') return 0;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : -1;
}

function time(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '-') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.round(v * 1000) : NaN;
  return typeof v === 'string' ? parseTime(v) : NaN;
}

function readEndpoints(v: Values, r: FlowRecord): string | null {
  const src = text(v.src);
  const dst = text(v.dst);
  if (src === undefined || !setAddress(r, 'src', src, 0, src.length)) return 'source is not an IP address';
  if (dst === undefined || !setAddress(r, 'dst', dst, 0, dst.length)) return 'destination is not an IP address';
  if ((r.srcV4 < 0) !== (r.dstV4 < 0)) return 'source and destination are of different address families';
  const proto = text(v.proto);
  r.transport = proto === undefined ? -1 : transportAt(proto, 0, proto.length);
  if (r.transport < 0) return 'protocol is missing or unknown';
  const dport = v.dport;
  if (typeof dport === 'number' && Number.isInteger(dport) && dport >= 0 && dport <= 65535) r.dport = dport;
  else if (dport === undefined || dport === null || dport === '-') { if (r.transport <= 1) return 'destination port is missing'; }
  else return 'destination port is not a number 0-65535';
  const sport = v.sport;
  if (typeof sport === 'number' && Number.isInteger(sport) && sport >= 0 && sport <= 65535) r.sport = sport;
  else if (sport !== undefined && sport !== null && sport !== '-') return 'source port is not a number 0-65535';
  return null;
}

function readRest(v: Values, r: FlowRecord): string | null {
  const p = count(v.packets);
  const p2 = count(v.packets2);
  const b = count(v.bytes);
  const b2 = count(v.bytes2);
  if (p < 0 || p2 < 0 || b < 0 || b2 < 0) return 'packet or byte count is not a number';
  r.packets = p + p2;
  r.bytes = b + b2;
  const first = time(v.first);
  const last = time(v.last);
  if (first !== undefined && Number.isNaN(first)) return 'first-seen time is not a time';
  if (last !== undefined && Number.isNaN(last)) return 'last-seen time is not a time';
  r.first = first ?? NaN;
  r.last = last ?? first ?? NaN;
  if (last === undefined && first !== undefined && typeof v.duration === 'number' && v.duration >= 0) r.last = first + Math.round(v.duration * 1000);
  for (const o of v.ops ?? []) {
    const ops = Array.isArray(o) ? parseOps(o.map(String).join(',')) : typeof o === 'number' ? parseOps(String(o)) : typeof o === 'string' ? parseOps(o) : [];
    if (ops === null) return 'operation codes are not numbers 0-255';
    if (ops.length > 0) r.ops = r.ops ? [...r.ops, ...ops] : ops;
  }
  return null;
}

/** Zeek conn.log as JSON lines (LogAscii::use_json), flat "id.orig_h" keys or nested "id": {...}. */
export const zeekJsonParser: LineParser = (text, start, end, r) => {
  let obj: unknown;
  try {
    obj = JSON.parse(text.slice(start, end));
  } catch {
    return 'not a JSON object';
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return 'not a JSON object';
  resetRecord(r);
  const v: Values = {};
  collect(obj as Record<string, unknown>, '', v);
  return readEndpoints(v, r) ?? readRest(v, r);
};
