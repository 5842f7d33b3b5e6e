import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxContains, boxMinus, boxOverlaps, intersect, isSubset, normalize, overlaps, remainder, subtract, union } from '../../src/optimize/ruleSpace.js';
import type { Box, SpanSet } from '../../src/optimize/ruleSpace.js';

/** Interval-set algebra of the optimiser and the rule analysis, against a brute-force model on 0..31. */
const S = (...xs: [number, number][]): SpanSet => normalize(xs.map(([lo, hi]) => ({ lo: BigInt(lo), hi: BigInt(hi) })));
const points = (s: SpanSet) => new Set(s.flatMap((x) => Array.from({ length: Number(x.hi - x.lo) + 1 }, (_, i) => Number(x.lo) + i)));
const setArb = fc.array(fc.tuple(fc.nat(31), fc.nat(4)), { maxLength: 4 }).map((xs) => S(...xs.map(([a, w]) => [a, Math.min(31, a + w)] as [number, number])));

describe('interval sets', () => {
  it.each<[string, SpanSet, SpanSet, SpanSet]>([
    ['touching spans merge', S([1, 2], [3, 4]), S(), S([1, 4])],
    ['overlapping spans merge', S([1, 5], [3, 8]), S(), S([1, 8])],
    ['gaps stay', S([1, 2], [4, 5]), S(), S([1, 2], [4, 5])],
  ])('normalize: %s', (_n, a, _b, want) => {
    expect(a).toEqual(want);
  });

  it.each<[string, SpanSet, SpanSet, SpanSet]>([
    ['hole in the middle', S([0, 10]), S([3, 4]), S([0, 2], [5, 10])],
    ['both ends', S([0, 10]), S([0, 1], [9, 12]), S([2, 8])],
    ['nothing left', S([2, 3]), S([0, 10]), S()],
    ['disjoint', S([2, 3]), S([5, 6]), S([2, 3])],
  ])('subtract: %s', (_n, a, b, want) => {
    expect(subtract(a, b)).toEqual(want);
  });

  it('union, intersect, subtract, overlaps and isSubset agree with sets of points', () => {
    fc.assert(fc.property(setArb, setArb, (a, b) => {
      const pa = points(a);
      const pb = points(b);
      expect(points(union(a, b))).toEqual(new Set([...pa, ...pb]));
      expect(points(intersect(a, b))).toEqual(new Set([...pa].filter((x) => pb.has(x))));
      expect(points(subtract(a, b))).toEqual(new Set([...pa].filter((x) => !pb.has(x))));
      expect(overlaps(a, b)).toBe([...pa].some((x) => pb.has(x)));
      expect(isSubset(a, b)).toBe([...pa].every((x) => pb.has(x)));
    }), { numRuns: 300 });
  });
});

describe('boxes', () => {
  const boxArb = fc.record({ src: setArb, dst: setArb, svc: setArb });
  const pts = (b: Box) => [...points(b.src)].flatMap((s) => [...points(b.dst)].flatMap((d) => [...points(b.svc)].map((v) => `${s},${d},${v}`)));

  it('boxMinus leaves exactly the points of a not in b, in disjoint pieces', () => {
    fc.assert(fc.property(boxArb, boxArb, (a, b) => {
      const inB = new Set(pts(b));
      const pieces = boxMinus(a, b).flatMap(pts);
      expect(pieces.length).toBe(new Set(pieces).size);
      expect(new Set(pieces)).toEqual(new Set(pts(a).filter((p) => !inB.has(p))));
      expect(boxOverlaps(a, b)).toBe(pts(a).some((p) => inB.has(p)));
      expect(boxContains(b, a)).toBe(pts(a).every((p) => inB.has(p)));
    }), { numRuns: 200 });
  });

  it('remainder: covered by several boxes together, or by none alone', () => {
    const a: Box = { src: S([0, 9]), dst: S([0, 0]), svc: S([5, 5]) };
    const left: Box = { src: S([0, 4]), dst: S([0, 0]), svc: S([0, 9]) };
    const right: Box = { src: S([5, 9]), dst: S([0, 3]), svc: S([5, 5]) };
    expect(remainder(a, [left, right])).toEqual([]);
    expect(remainder(a, [left])).toEqual([{ src: S([5, 9]), dst: S([0, 0]), svc: S([5, 5]) }]);
    expect(remainder(a, [left, right], 0)).toBeUndefined();
  });
});
