import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRequirementIds } from '../../src/catalog/compareRequirementIds.js';

const id = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 0, max: 4 }))
  .map(([x, n, re]) => (re ? `SR ${x}.${n} RE ${re}` : `SR ${x}.${n}`));

describe('compareRequirementIds', () => {
  it.each([
    ['SR 1.2', 'SR 1.10'],
    ['SR 1.1', 'SR 1.1 RE 1'],
    ['SR 1.1 RE 3', 'SR 1.2'],
    ['SR 1.13 RE 1', 'SR 2.1'],
    ['SR 2.1 RE 2', 'SR 2.1 RE 10'],
    ['SR 7.8', 'custom-id'],
  ])('%s sorts before %s', (a, b) => {
    expect(compareRequirementIds(a, b)).toBeLessThan(0);
    expect(compareRequirementIds(b, a)).toBeGreaterThan(0);
  });

  it('gives the same order whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 30 }), (ids) => {
        const a = [...ids].sort(compareRequirementIds);
        const b = [...ids].reverse().sort(compareRequirementIds);
        expect(a).toEqual(b);
        for (let i = 1; i < a.length; i++) expect(compareRequirementIds(a[i - 1]!, a[i]!)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('is zero only for equal ids', () => {
    fc.assert(fc.property(id, id, (a, b) => (compareRequirementIds(a, b) === 0) === (a === b)));
  });
});
