import { sortedUnique } from '../rules/compareStrings.js';
import { ANY } from '../rules/types.js';

/** References of both lists, sorted; ANY absorbs everything. Equal dimensions keep both names (same packets). */
export function unionRefs(a: readonly string[], b: readonly string[]): string[] {
  return a.includes(ANY) || b.includes(ANY) ? [ANY] : sortedUnique([...a, ...b]);
}
