/**
 * Field parsers that work on a slice of a line without allocating a substring:
 * the readers call them millions of times (issue 6: >= 1,000,000 flows/s).
 * Each returns a sentinel (-1 / NaN) for "not a valid value".
 */

/** Dotted-quad IPv4 in text[start, end) as an unsigned number; -1 if not strict dotted quad (no leading zeros). */
export function parseIPv4(text: string, start: number, end: number): number {
  let value = 0;
  let octet = -1;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1;
      octet = digits === 0 ? c - 48 : octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      digits = 0;
      octet = -1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

export function formatIPv4(v: number): string {
  return `${Math.floor(v / 16777216)}.${Math.floor(v / 65536) % 256}.${Math.floor(v / 256) % 256}.${v % 256}`;
}

/** Non-negative decimal integer in text[start, end); -1 when empty or not a number. At most 15 digits. */
export function parseUint(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** A port 0-65535 in text[start, end); -1 otherwise. */
export function parsePort(text: string, start: number, end: number): number {
  const v = parseUint(text, start, end);
  return v > 65535 ? -1 : v;
}

/**
 * A counter that may be written as a decimal (nfdump prints "1.2 M" only in its
 * human-readable mode, never in CSV); -1 otherwise.
 */
export function parseCount(text: string, start: number, end: number): number {
  const v = parseUint(text, start, end);
  if (v >= 0) return v;
  const f = Number(text.slice(start, end));
  return Number.isFinite(f) && f >= 0 ? Math.round(f) : -1;
}

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Two or four decimal digits at text[i...]; -1 when one is not a digit. */
function digits2(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysInMonth(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The fast path of parseTime, without allocating: exactly "YYYY-MM-DD[T ]HH:MM:SS[.f...][Z]"
 * in text[start, end) (what tshark, scripts/pcap-to-flows.sh and nfdump write) with every
 * field in its calendar range, as ms since the epoch (fraction truncated to ms, no zone = UTC).
 * NaN for anything else (an offset, hour 24, 30 February, ...): the caller then uses
 * parseTime, which decides those exactly as before.
 */
export function isoTimeAt(text: string, start: number, end: number): number {
  if (end - start < 19 || text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45 ||
    text.charCodeAt(start + 13) !== 58 || text.charCodeAt(start + 16) !== 58) return NaN;
  const sep = text.charCodeAt(start + 10);
  if (sep !== 84 && sep !== 32) return NaN;
  const hi = digits2(text, start);
  const lo = digits2(text, start + 2);
  const mo = digits2(text, start + 5);
  const d = digits2(text, start + 8);
  const h = digits2(text, start + 11);
  const mi = digits2(text, start + 14);
  const sec = digits2(text, start + 17);
  if (hi < 0 || lo < 0 || d < 1 || mo < 1 || mo > 12 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return NaN;
  const y = hi * 100 + lo;
  if (d > daysInMonth(y, mo)) return NaN;
  let i = start + 19;
  let ms = 0;
  if (i < end && text.charCodeAt(i) === 46) {
    const from = ++i;
    for (; i < end; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (i - from < 3) ms = ms * 10 + c;
    }
    const n = i - from;
    if (n === 0) return NaN;
    if (n === 1) ms *= 100;
    else if (n === 2) ms *= 10;
  }
  if (i < end && text.charCodeAt(i) === 90) i++;
  if (i !== end) return NaN;
  return daysFromCivil(y, mo, d) * 86400000 + h * 3600000 + mi * 60000 + sec * 1000 + ms;
}

/**
 * A time: epoch seconds ("1693562400.123456", Zeek and most exporters) or
 * "YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|+hh:mm]" (nfdump CSV, ISO 8601). A time without
 * a zone is read as UTC (nfdump prints local time; the report says times are as given).
 * Returns ms since the epoch, NaN when unreadable.
 */
export function parseTime(text: string): number {
  const c = text.charCodeAt(0);
  if (text.length > 0 && c >= 48 && c <= 57 && text.length <= 20 && !text.includes('-') && !text.includes(':')) {
    const s = Number(text);
    return Number.isFinite(s) ? Math.round(s * 1000) : NaN;
  }
  const fast = isoTimeAt(text, 0, text.length);
  return fast === fast ? fast : parseTimeGeneral(text);
}

/** The general ISO 8601 reading of parseTime (offsets, and what Date.parse makes of hour 24 or 31 April). Exported for the tests. */
export function parseTimeGeneral(text: string): number {
  const m = ISO_LIKE.exec(text);
  if (!m) return NaN;
  const zone = m[8] === undefined || m[8] === 'Z' ? 'Z' : m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8];
  const frac = m[7] ? m[7].slice(0, 4).padEnd(4, '0') : '.000';
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${frac}${zone}`);
  return Number.isFinite(ms) ? ms : NaN;
}

const PROTO_NAMES: Record<string, number> = { tcp: 0, udp: 1, icmp: 2, icmp6: 2, icmpv6: 2, 'ipv6-icmp': 2 };
const PROTO_NUMBERS: Record<string, number> = { 6: 0, 17: 1, 1: 2, 58: 2 };

/** Transport code (TCP 0, UDP 1, ICMP 2, other 3) from a name or an IANA protocol number; -1 if empty. */
export function parseTransport(text: string): number {
  if (text.length === 0) return -1;
  const lower = text.toLowerCase();
  const named = PROTO_NAMES[lower];
  if (named !== undefined) return named;
  if (/^\d{1,3}$/.test(text)) return PROTO_NUMBERS[text] ?? (Number(text) <= 255 ? 3 : -1);
  return /^[a-z][a-z0-9_-]{0,23}$/.test(lower) ? 3 : -1;
}

/**
 * A list of operation codes: "3;16", "3 16", "3,16", "[3, 16]", "0x04|0x05".
 * Returns null when a token is not a code 0-255 (the line is bad), [] when empty.
 */
export function parseOps(text: string): number[] | null {
  const body = text.replace(/^\s*\[|\]\s*$/g, '').trim();
  if (body === '') return [];
  const out: number[] = [];
  for (const token of body.split(/[\s,;|]+/)) {
    if (token === '') continue;
    const v = /^0x[0-9a-f]{1,2}$/i.test(token) ? parseInt(token.slice(2), 16) : /^\d{1,3}$/.test(token) ? Number(token) : -1;
    if (v < 0 || v > 255) return null;
    out.push(v);
  }
  return out;
}

/**
 * Operation codes in text[start, end) appended to `out` without allocating: decimal codes
 * separated by ";", ",", "|" or spaces. Returns false when the text needs the full parser
 * (hex, brackets) or is not a list of codes; the caller then uses parseOps.
 */
export function opsAt(text: string, start: number, end: number, out: number[]): boolean {
  let v = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      v = v < 0 ? c - 48 : v * 10 + (c - 48);
      if (v > 255) return false;
    } else if (c === 59 || c === 44 || c === 124 || c === 32) {
      if (v >= 0) out.push(v);
      v = -1;
    } else {
      return false;
    }
  }
  if (v >= 0) out.push(v);
  return true;
}
