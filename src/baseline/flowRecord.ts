import { parseHost } from '../model/ip.js';
import { formatAddress } from '../model/ip.js';
import { isoTimeAt, parseIPv4, parseTime, parseTransport } from './parseFields.js';

/**
 * One flow record as a reader produces it, before orientation and aggregation.
 * The readers fill one reusable object per line (no allocation in the hot path).
 */
export interface FlowRecord {
  /** IPv4 as an unsigned number, or -1 when the address is IPv6 (then `src6` holds it). */
  srcV4: number;
  dstV4: number;
  /** Canonical IPv6 text and value (only when the address is IPv6). */
  src6: string;
  dst6: string;
  src6v: bigint;
  dst6v: bigint;
  /** TCP 0, UDP 1, ICMP 2, other 3. */
  transport: number;
  sport: number;
  dport: number;
  count: number;
  packets: number;
  bytes: number;
  first: number;
  last: number;
  ops: number[] | null;
}

export function emptyRecord(): FlowRecord {
  return { srcV4: -1, dstV4: -1, src6: '', dst6: '', src6v: 0n, dst6v: 0n, transport: 0, sport: -1, dport: 0, count: 1, packets: 0, bytes: 0, first: NaN, last: NaN, ops: null };
}

export function resetRecord(r: FlowRecord): void {
  r.srcV4 = -1; r.dstV4 = -1; r.src6 = ''; r.dst6 = ''; r.sport = -1; r.dport = 0;
  r.count = 1; r.packets = 0; r.bytes = 0; r.first = NaN; r.last = NaN; r.ops = null;
}

/**
 * Sets the source or destination address of `r` from text[start, end): IPv4 on the
 * fast path, IPv6 through the policy's own parser (src/model/ip.ts) so both agree
 * on what an address is. Returns false when the text is not a host address.
 */
export function setAddress(r: FlowRecord, which: 'src' | 'dst', text: string, start: number, end: number): boolean {
  const v4 = parseIPv4(text, start, end);
  if (v4 >= 0) {
    if (which === 'src') r.srcV4 = v4;
    else r.dstV4 = v4;
    return true;
  }
  const raw = text.slice(start, end);
  if (!raw.includes(':')) return false;
  const host = parseHost(raw.replace(/%.*$/, ''));
  if (!host || host.family !== 6) return false;
  const canonical = formatAddress(6, host.value);
  if (which === 'src') { r.src6 = canonical; r.src6v = host.value; } else { r.dst6 = canonical; r.dst6v = host.value; }
  return true;
}

/** Transport from text[start, end): TCP/UDP without allocating, anything else through parseTransport. */
export function transportAt(text: string, start: number, end: number): number {
  if (end - start === 3) {
    const a = text.charCodeAt(start) | 32;
    const b = text.charCodeAt(start + 1) | 32;
    const c = text.charCodeAt(start + 2) | 32;
    if (a === 116 && b === 99 && c === 112) return 0;
    if (a === 117 && b === 100 && c === 112) return 1;
  } else if (end - start === 1 && text.charCodeAt(start) === 54) {
    return 0;
  } else if (end - start === 2 && text.charCodeAt(start) === 49 && text.charCodeAt(start + 1) === 55) {
    return 1;
  }
  return parseTransport(text.slice(start, end));
}

const SCALE = [1, 100, 10, 1, 0.1, 0.01, 0.001, 1e-4, 1e-5, 1e-6];

/**
 * A time in text[start, end) as ms, without allocating for epoch seconds with an optional
 * fraction or for "YYYY-MM-DD[T ]HH:MM:SS[.fff][Z]" (isoTimeAt); anything else through parseTime.
 */
export function timeAt(text: string, start: number, end: number): number {
  let sec = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    sec = sec * 10 + c;
  }
  if (i === end && i > start && end - start <= 12) return sec * 1000;
  if (i < end && i > start && i - start <= 12 && end - i <= 10 && text.charCodeAt(i) === 46) {
    let frac = 0;
    let j = i + 1;
    for (; j < end; j++) {
      const c = text.charCodeAt(j) - 48;
      if (c < 0 || c > 9) break;
      frac = frac * 10 + c;
    }
    if (j === end) return sec * 1000 + Math.round(frac * SCALE[end - i - 1]);
  } else if (i - start === 4) {
    const iso = isoTimeAt(text, start, end);
    if (iso === iso) return iso;
  }
  return parseTime(text.slice(start, end));
}
