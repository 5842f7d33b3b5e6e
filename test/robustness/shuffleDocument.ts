import { mulberry32 } from '../../bench/prng.js';

/**
 * Permutes a policy document without changing its meaning: the keys of every
 * mapping, and the items of every list whose order has no meaning.
 *
 * In format v1 no list has a meaningful order: the model sorts networks,
 * addresses, capabilities, conduit zone pairs, flows (by their canonical key),
 * flow endpoints, waivers and service lists (src/model/buildModel.ts), and rule
 * numbers come from the sorted order, not from the YAML list. The classification
 * is still explicit so that a list added to the format later is noticed:
 * `unclassifiedLists` names every list that is neither here nor in ORDERED_LISTS,
 * and the property test fails on it.
 */

/** A seeded random number in [0, 1). */
export type Rng = () => number;

/** mulberry32 (bench/prng.js): the same seed gives the same sequence. */
export function seededRng(seed: number): Rng {
  return mulberry32(seed);
}

const SEG = '[^/]+';
const pattern = (p: string) => new RegExp(`^${p.replace(/\*/g, SEG)}$`);

/** JSON pointers of lists whose order carries no meaning (docs/architecture.md policy format). */
export const UNORDERED_LISTS: readonly RegExp[] = [
  '/zones/*/networks',
  '/assets/*/addresses',
  '/assets/*/capabilities',
  '/conduits/*/zones',
  '/conduits/*/flows',
  '/conduits/*/flows/*/from',
  '/conduits/*/flows/*/to',
  '/waivers',
  '/services/syslog',
  '/services/ntp',
  '/services/backup',
  '/services/ids/addresses',
  '/services/ids/monitors',
].map(pattern);

/** Lists whose order matters: none in format v1 (kept so that the classification is explicit). */
export const ORDERED_LISTS: readonly RegExp[] = [];

const isUnordered = (pointer: string) => UNORDERED_LISTS.some((r) => r.test(pointer));

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const child = (pointer: string, key: string | number) => `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** A deep copy with map keys permuted everywhere and unordered lists permuted. */
export function shuffleDocument(doc: unknown, rng: Rng, pointer = ''): unknown {
  if (Array.isArray(doc)) {
    const items = doc.map((v, i) => shuffleDocument(v, rng, child(pointer, i)));
    return isUnordered(pointer) ? shuffled(items, rng) : items;
  }
  if (doc !== null && typeof doc === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of shuffled(Object.keys(doc), rng)) out[key] = shuffleDocument((doc as Record<string, unknown>)[key], rng, child(pointer, key));
    return out;
  }
  return doc;
}

/** Pointers of lists in `doc` that are neither known unordered nor known ordered. */
export function unclassifiedLists(doc: unknown, pointer = ''): string[] {
  if (Array.isArray(doc)) {
    const own = isUnordered(pointer) || ORDERED_LISTS.some((r) => r.test(pointer)) ? [] : [pointer];
    return [...own, ...doc.flatMap((v, i) => unclassifiedLists(v, child(pointer, i)))];
  }
  if (doc !== null && typeof doc === 'object') {
    return Object.entries(doc).flatMap(([k, v]) => unclassifiedLists(v, child(pointer, k)));
  }
  return [];
}
