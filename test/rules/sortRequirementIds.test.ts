import { describe, expect, it } from 'vitest';
import { sortRequirementIds } from '../../src/rules/sortRequirementIds.js';
import { compareStrings, sortedUnique } from '../../src/rules/compareStrings.js';

describe('sortRequirementIds', () => {
  it.each([
    [['SR 1.10', 'SR 1.2'], ['SR 1.2', 'SR 1.10']],
    [['SR 5.2 RE 1', 'SR 5.2'], ['SR 5.2', 'SR 5.2 RE 1']],
    [['SR 5.3', 'SR 5.2 RE 1'], ['SR 5.2 RE 1', 'SR 5.3']],
    [['SR 5.2 RE 10', 'SR 5.2 RE 2'], ['SR 5.2 RE 2', 'SR 5.2 RE 10']],
    [['SR 4.1 RE 1', 'SR 3.1'], ['SR 3.1', 'SR 4.1 RE 1']],
    [['SR 7.7', 'SR 5.2 RE 1', 'SR 1.10', 'SR 5.2', 'SR 1.2', 'SR 5.2'], ['SR 1.2', 'SR 1.10', 'SR 5.2', 'SR 5.2 RE 1', 'SR 7.7']],
  ])('%j -> %j (natural order, de-duplicated)', (input, want) => {
    expect(sortRequirementIds(input)).toEqual(want);
  });
});

describe('compareStrings', () => {
  it('orders by code unit, not locale', () => {
    expect(['b', 'B', 'a', 'A', '-x', '0'].sort(compareStrings)).toEqual(['-x', '0', 'A', 'B', 'a', 'b']);
    expect(sortedUnique(['z', 'a', 'z'])).toEqual(['a', 'z']);
  });
});
