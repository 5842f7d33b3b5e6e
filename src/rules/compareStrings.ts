/**
 * Locale-independent string order (code unit order). `localeCompare` is not used:
 * its result depends on ICU data and the locale, and artifacts must be byte-identical
 * on every machine (architecture.md "Determinism").
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted copy without duplicates. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}
