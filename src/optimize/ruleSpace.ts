import type { IpRange } from '../model/types.js';
import type { EvalIndex } from '../rules/evaluate.js';
import { ANY } from '../rules/types.js';
import type { Rule } from '../rules/types.js';

/**
 * The packets a rule matches, as a box of three interval sets (source address,
 * destination address, service), between one ordered pair of zones. This is the
 * algebra behind every optimiser pass and the shadowed/redundant-rule analysis:
 * the optimiser may only rewrite what it can prove equal here, and evaluate.ts
 * (the spec evaluator) decides packets with exactly these sets.
 *
 * Both address families live on one axis (IPv4 at 0..2^32-1, IPv6 above it), and
 * all services on another (TCP ports, then UDP ports, then ICMP, then any other IP
 * protocol), so "any" is one interval and a rule on ANY service also covers ICMP,
 * as in the evaluator.
 */
export interface Span { lo: bigint; hi: bigint }
/** Sorted, disjoint, non-adjacent spans. */
export type SpanSet = readonly Span[];

export interface Box { src: SpanSet; dst: SpanSet; svc: SpanSet }

const V6_BASE = 1n << 32n;
const UDP_BASE = 65536n;
/** After TCP (0..65535) and UDP (65536..131071): ICMP at 131072, any other IP protocol at 131073. */
const OTHER = 131073n;

export const ALL_ADDRESSES: SpanSet = [{ lo: 0n, hi: V6_BASE + (1n << 128n) - 1n }];
export const ALL_SERVICES: SpanSet = [{ lo: 0n, hi: OTHER }];
export const EMPTY: SpanSet = [];

/** Sort and merge overlapping or adjacent spans. */
export function normalize(spans: readonly Span[]): SpanSet {
  const sorted = [...spans].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Span[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && s.lo <= prev.hi + 1n) {
      if (s.hi > prev.hi) out[out.length - 1] = { lo: prev.lo, hi: s.hi };
    } else {
      out.push({ lo: s.lo, hi: s.hi });
    }
  }
  return out;
}

export function addressSpan(r: IpRange): Span {
  const base = r.family === 6 ? V6_BASE : 0n;
  return { lo: base + r.first, hi: base + r.last };
}

export function serviceSpan(transport: string, lo: number, hi: number): Span {
  const base = transport === 'udp' ? UDP_BASE : 0n;
  return { lo: base + BigInt(lo), hi: base + BigInt(hi) };
}

export function union(a: SpanSet, b: SpanSet): SpanSet {
  return normalize([...a, ...b]);
}

export function intersect(a: SpanSet, b: SpanSet): SpanSet {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = a[i].lo > b[j].lo ? a[i].lo : b[j].lo;
    const hi = a[i].hi < b[j].hi ? a[i].hi : b[j].hi;
    if (lo <= hi) out.push({ lo, hi });
    if (a[i].hi < b[j].hi) i++;
    else j++;
  }
  return out;
}

export function subtract(a: SpanSet, b: SpanSet): SpanSet {
  const out: Span[] = [];
  let j = 0;
  for (const s of a) {
    let lo = s.lo;
    while (j < b.length && b[j].hi < lo) j++;
    let k = j;
    while (k < b.length && b[k].lo <= s.hi && lo <= s.hi) {
      if (b[k].lo > lo) out.push({ lo, hi: b[k].lo - 1n });
      lo = b[k].hi + 1n;
      k++;
    }
    if (lo <= s.hi) out.push({ lo, hi: s.hi });
  }
  return out;
}

export function overlaps(a: SpanSet, b: SpanSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i].lo <= b[j].hi && b[j].lo <= a[i].hi) return true;
    if (a[i].hi < b[j].hi) i++;
    else j++;
  }
  return false;
}

/** a ⊆ b. */
export function isSubset(a: SpanSet, b: SpanSet): boolean {
  let j = 0;
  for (const s of a) {
    while (j < b.length && b[j].hi < s.lo) j++;
    if (j >= b.length || b[j].lo > s.lo || b[j].hi < s.hi) return false;
  }
  return true;
}

export function sameSet(a: SpanSet, b: SpanSet): boolean {
  return a.length === b.length && a.every((s, i) => s.lo === b[i].lo && s.hi === b[i].hi);
}

/** Canonical text of a set (bucket keys). */
export function setKey(s: SpanSet): string {
  return s.map((x) => (x.lo === x.hi ? x.lo.toString(36) : `${x.lo.toString(36)}-${x.hi.toString(36)}`)).join(',');
}

export function boxIsEmpty(b: Box): boolean {
  return b.src.length === 0 || b.dst.length === 0 || b.svc.length === 0;
}

export function boxOverlaps(a: Box, b: Box): boolean {
  return overlaps(a.svc, b.svc) && overlaps(a.dst, b.dst) && overlaps(a.src, b.src);
}

/** inner ⊆ outer (an empty box is inside every box). */
export function boxContains(outer: Box, inner: Box): boolean {
  if (boxIsEmpty(inner)) return true;
  return isSubset(inner.svc, outer.svc) && isSubset(inner.dst, outer.dst) && isSubset(inner.src, outer.src);
}

export function sameBox(a: Box, b: Box): boolean {
  return sameSet(a.src, b.src) && sameSet(a.dst, b.dst) && sameSet(a.svc, b.svc);
}

/** a \ b as at most three disjoint boxes. */
export function boxMinus(a: Box, b: Box): Box[] {
  if (!boxOverlaps(a, b)) return [a];
  const out: Box[] = [];
  const srcOut = subtract(a.src, b.src);
  if (srcOut.length > 0) out.push({ src: srcOut, dst: a.dst, svc: a.svc });
  const src = intersect(a.src, b.src);
  const dstOut = subtract(a.dst, b.dst);
  if (dstOut.length > 0) out.push({ src, dst: dstOut, svc: a.svc });
  const svcOut = subtract(a.svc, b.svc);
  if (svcOut.length > 0) out.push({ src, dst: intersect(a.dst, b.dst), svc: svcOut });
  return out;
}

/**
 * What is left of `box` after removing every box of `cover`: [] when covered. Undefined
 * when the remainder grows past `cap` pieces or the work past `budget` piece
 * subtractions (the question is then left open rather than answered slowly; callers
 * report nothing in that case). Real rule sets stay far below both: a rule overlaps few
 * others, and each overlap cuts a piece into at most three.
 */
export function remainder(box: Box, cover: readonly Box[], cap = 4096, budget = 50_000): Box[] | undefined {
  let left: Box[] = boxIsEmpty(box) ? [] : [box];
  let work = 0;
  for (const c of cover) {
    if (left.length === 0) return left;
    work += left.length;
    left = left.flatMap((piece) => boxMinus(piece, c));
    if (left.length > cap || work > budget) return undefined;
  }
  return left;
}

const FAMILIES: SpanSet[] = [[{ lo: 0n, hi: V6_BASE - 1n }], [{ lo: V6_BASE, hi: ALL_ADDRESSES[0].hi }]];

/**
 * A box split by address family: a packet's source and destination are of one family,
 * so a rule with an IPv4 source and an IPv6 destination object matches no packet
 * between those two. The parts (at most one per family, empty ones left out) are the
 * rule's exact packet set; comparisons between rules go through them.
 */
export function familyParts(b: Box): Box[] {
  return FAMILIES.map((f) => ({ src: intersect(b.src, f), dst: intersect(b.dst, f), svc: b.svc })).filter((p) => !boxIsEmpty(p));
}

export function partsOverlap(a: readonly Box[], b: readonly Box[]): boolean {
  return a.some((x) => b.some((y) => boxOverlaps(x, y)));
}

/** Every packet of `inner` is in `outer` (parts of one family only meet parts of the same family). */
export function partsContain(outer: readonly Box[], inner: readonly Box[]): boolean {
  return inner.every((i) => outer.some((o) => boxContains(o, i)));
}

export function sameParts(a: readonly Box[], b: readonly Box[]): boolean {
  return a.length === b.length && a.every((x, i) => sameBox(x, b[i]));
}

/** What is left of the parts after removing every cover part; [] when covered, undefined past the cap. */
export function partsRemainder(parts: readonly Box[], cover: readonly Box[], cap = 4096): Box[] | undefined {
  const out: Box[] = [];
  for (const p of parts) {
    const left = remainder(p, cover, cap);
    if (left === undefined) return undefined;
    out.push(...left);
  }
  return out;
}

/** Address spans of a rule side (object and group references, or ANY). */
export function sideSpans(refs: readonly string[], idx: EvalIndex): SpanSet {
  if (refs.includes(ANY)) return ALL_ADDRESSES;
  return normalize(refs.flatMap((r) => (idx.addr.get(r) ?? []).map(addressSpan)));
}

export function serviceSpans(refs: readonly string[], idx: EvalIndex): SpanSet {
  if (refs.includes(ANY)) return ALL_SERVICES;
  return normalize(refs.flatMap((r) => (idx.svc.get(r) ?? []).map((s) => serviceSpan(s.transport, s.lo, s.hi))));
}

export function ruleBox(rule: Pick<Rule, 'src' | 'dst' | 'services'>, idx: EvalIndex): Box {
  return { src: sideSpans(rule.src, idx), dst: sideSpans(rule.dst, idx), svc: serviceSpans(rule.services, idx) };
}

/** Zone pair a rule applies to; the catch-all applies to every pair ("*"). */
export function zoneKey(rule: Rule): string {
  return rule.kind === 'final' ? '*' : `${rule.fromZone ?? ''}>${rule.toZone ?? ''}`;
}

/**
 * Everything about a rule that decides a packet it matches besides the match itself:
 * two rules with equal keys give every packet the same verdict, operation filter and
 * rate limit, so moving a packet from one to the other changes nothing the plant sees.
 */
export function decisionKey(rule: Rule): string {
  return JSON.stringify([rule.kind, rule.action, rule.log, rule.readOnly ?? null, rule.rateLimit ?? null]);
}
