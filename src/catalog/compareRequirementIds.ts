/**
 * Natural order of IEC 62443-3-3 requirement ids: FR, then SR number, then RE
 * number, the base SR before its REs ("SR 1.2" < "SR 1.2 RE 1" < "SR 1.10").
 * Ids that do not have the canonical form sort after all canonical ids, by `<`.
 */
export function compareRequirementIds(a: string, b: string): number {
  const ka = requirementSortKey(a);
  const kb = requirementSortKey(b);
  if (ka && kb) {
    for (let i = 0; i < 3; i++) {
      const d = (ka[i] ?? 0) - (kb[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  }
  if (ka) return -1;
  if (kb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** [FR number, SR number, RE number (0 for the base SR)] of a canonical id, or undefined. */
export function requirementSortKey(id: string): [number, number, number] | undefined {
  const m = /^SR (\d+)\.(\d+)(?: RE (\d+))?$/.exec(id);
  return m ? [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])] : undefined;
}
