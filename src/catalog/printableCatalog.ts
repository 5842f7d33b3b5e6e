import type { CatalogKind, Catalogs } from './types.js';

/** The entry type of one catalogue kind (Requirement for 'requirements', ...). */
export type CatalogEntry<K extends CatalogKind> = Catalogs[K] extends Map<string, infer V> ? V : never;

/**
 * The entries of one catalogue as plain JSON-able objects in catalogue order
 * (`otpc catalog <kind> --format json`). Keys are already camelCase and in a
 * canonical order, so JSON.stringify gives byte-identical output for equal data.
 */
export function printableCatalog<K extends CatalogKind>(catalogs: Catalogs, kind: K): CatalogEntry<K>[] {
  const map = catalogs[kind] as unknown as Map<string, CatalogEntry<K>>;
  return [...map.values()].map((entry) => structuredClone(entry));
}
