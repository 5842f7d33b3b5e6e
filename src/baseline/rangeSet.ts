import { mergeRanges } from '../model/ip.js';
import type { IpRange } from '../model/types.js';
import type { Addr } from './types.js';

/**
 * A set of addresses for the hot path: IPv4 ranges as numbers in one sorted
 * Float64Array [first0, last0, first1, last1, ...] (binary search), IPv6 ranges
 * as bigints (rare in OT), or "any".
 */
export interface RangeSet {
  any: boolean;
  v4: Float64Array;
  v6: IpRange[];
}

export function rangeSet(ranges: readonly IpRange[], any = false): RangeSet {
  const merged = mergeRanges(ranges);
  const four = merged.filter((r) => r.family === 4);
  const v4 = new Float64Array(four.length * 2);
  four.forEach((r, i) => { v4[i * 2] = Number(r.first); v4[i * 2 + 1] = Number(r.last); });
  return { any, v4, v6: merged.filter((r) => r.family === 6) };
}

/** Index of the IPv4 range holding v, or -1 (ranges sorted and disjoint). */
export function findV4(v4: Float64Array, v: number): number {
  let lo = 0;
  let hi = (v4.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (v < v4[mid * 2]) hi = mid - 1;
    else if (v > v4[mid * 2 + 1]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function inRangeSet(set: RangeSet, a: Addr): boolean {
  if (set.any) return true;
  if (a.family === 4) return findV4(set.v4, a.v4) >= 0;
  for (const r of set.v6) if (r.first <= a.value && a.value <= r.last) return true;
  return false;
}
