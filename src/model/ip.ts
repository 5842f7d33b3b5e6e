import { IPv4, IPv6, Validator } from 'ip-num';
import type { IpRange } from './types.js';

/**
 * Address arithmetic on [first, last] bigint ranges. Parsing and validation use
 * ip-num (strict dotted-quad / RFC 4291 text); everything downstream works on
 * ranges so IPv4 and IPv6, hosts, subnets and ranges are handled alike.
 */

export const FAMILY_BITS = { 4: 32, 6: 128 } as const;

export interface ParsedNet extends IpRange {
  prefix: number;
  text: string;
}

export type ParseResult = { ok: true; net: ParsedNet } | { ok: false; error: string; kind: 'address' | 'network' };

function maxValue(family: 4 | 6): bigint {
  return (1n << BigInt(FAMILY_BITS[family])) - 1n;
}

/** Parse "10.0.0.1", "2001:db8::1", "10.0.0.0/24" or "2001:db8::/32". Host bits must be zero. */
export function parseNet(input: string): ParseResult {
  const text = input;
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const family: 4 | 6 = addr.includes(':') ? 6 : 4;
  const valid = family === 4 ? Validator.isValidIPv4String(addr)[0] : Validator.isValidIPv6String(addr)[0];
  if (!valid || /\s/.test(text) || (family === 4 && /(^|\.)0\d/.test(addr))) {
    return { ok: false, error: `"${input}" is not a valid IPv${family} address`, kind: 'address' };
  }
  const value = family === 4 ? IPv4.fromString(addr).value : IPv6.fromString(addr).value;
  const bits = FAMILY_BITS[family];
  let prefix: number = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) {
      return { ok: false, error: `"${input}" has an invalid prefix length (0-${bits})`, kind: 'network' };
    }
    prefix = Number(p);
  }
  const size = 1n << BigInt(bits - prefix);
  if (value % size !== 0n) {
    const net = formatAddress(family, value - (value % size));
    return { ok: false, error: `"${input}" has host bits set; the network is ${net}/${prefix}`, kind: 'network' };
  }
  const first = value;
  const last = value + size - 1n;
  return { ok: true, net: { family, first, last, prefix, text: formatNet(family, first, prefix) } };
}

/** Canonical text of an address: dotted quad, or RFC 5952 compressed lower-case IPv6. */
export function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952 4.2.3: compress the longest run of two or more zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

export function formatNet(family: 4 | 6, first: bigint, prefix: number): string {
  const a = formatAddress(family, first);
  return prefix === FAMILY_BITS[family] ? a : `${a}/${prefix}`;
}

export function rangeSize(r: IpRange): bigint {
  return r.last - r.first + 1n;
}

export function containsRange(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

export function overlaps(a: IpRange, b: IpRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

export function containsAddress(r: IpRange, family: 4 | 6, value: bigint): boolean {
  return r.family === family && r.first <= value && value <= r.last;
}

export function compareRanges(a: IpRange, b: IpRange): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.first !== b.first) return a.first < b.first ? -1 : 1;
  if (a.last !== b.last) return a.last < b.last ? -1 : 1;
  return 0;
}

/** Sort, then merge overlapping and adjacent ranges of the same family. */
export function mergeRanges(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort(compareRanges);
  const out: IpRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.family === r.family && r.first <= prev.last + 1n) {
      if (r.last > prev.last) out[out.length - 1] = { ...prev, last: r.last };
    } else {
      out.push({ family: r.family, first: r.first, last: r.last });
    }
  }
  return out;
}

/** Decompose a range into the fewest CIDR blocks (classic IOS ACLs need prefixes, vendors.md section 1). */
export function rangeToCidrs(r: IpRange): { first: bigint; prefix: number }[] {
  const bits = FAMILY_BITS[r.family];
  const out: { first: bigint; prefix: number }[] = [];
  let cur = r.first;
  const max = maxValue(r.family);
  while (cur <= r.last) {
    let size = 1n;
    let prefix: number = bits;
    // grow the block while it stays aligned and inside the range
    while (prefix > 0) {
      const next = size << 1n;
      if (cur % next !== 0n || cur + next - 1n > r.last) break;
      size = next;
      prefix--;
    }
    out.push({ first: cur, prefix });
    if (cur + size - 1n >= max) break;
    cur += size;
  }
  return out;
}

/** True when the range is exactly one CIDR block. */
export function isCidr(r: IpRange): { prefix: number } | null {
  const blocks = rangeToCidrs(r);
  return blocks.length === 1 ? { prefix: blocks[0].prefix } : null;
}

export function parseHost(text: string): { family: 4 | 6; value: bigint } | null {
  const r = parseNet(text);
  if (!r.ok || r.net.first !== r.net.last) return null;
  return { family: r.net.family, value: r.net.first };
}
