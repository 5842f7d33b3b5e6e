import { joinPointer } from '../diagnostics/sourceMap.js';

/**
 * Defensive readers over the loaded document. Semantic checks also run on
 * documents that failed the schema (to report every problem at once), so they
 * read through these and skip values of the wrong type: the schema already
 * reported those, and a second, derived error would only be noise.
 */

export type Raw = Record<string, unknown>;

export function asRecord(value: unknown): Raw | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function has(obj: Raw | undefined, key: string): boolean {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key);
}

/**
 * The own entries of a mapping in document order (the loader builds objects key
 * by key), with their pointers. Document order makes "the second occurrence"
 * (duplicate address, shared interface) the later one in the file; the final
 * diagnostics are sorted anyway.
 */
export function entriesOf(value: unknown, pointer: string): { key: string; value: unknown; pointer: string }[] {
  const obj = asRecord(value);
  if (!obj) return [];
  return Object.keys(obj).map((key) => ({ key, value: obj[key], pointer: joinPointer(pointer, key) }));
}

/** The string items of a list, with their pointers (non-strings skipped). */
export function stringItems(value: unknown, pointer: string): { value: string; pointer: string }[] {
  if (!Array.isArray(value)) return [];
  const out: { value: string; pointer: string }[] = [];
  value.forEach((v, i) => {
    if (typeof v === 'string') out.push({ value: v, pointer: joinPointer(pointer, i) });
  });
  return out;
}

/** A value that may be one string or a list of strings ("address or list"). */
export function oneOrMany(value: unknown, pointer: string): { value: string; pointer: string }[] {
  return typeof value === 'string' ? [{ value, pointer }] : stringItems(value, pointer);
}
