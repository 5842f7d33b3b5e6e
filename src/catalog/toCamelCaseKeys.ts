/**
 * Converts the kebab-case keys of a catalogue entry to the camelCase of
 * src/catalog/types.ts ("payload-offset" → "payloadOffset"), recursively.
 * The keys inside a precondition's `args` are predicate argument names and are
 * kept as written. Keys come out in a canonical order (`id` first, then ascending),
 * so output does not depend on the key order of the YAML file.
 */
export function toCamelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCamelCaseKeys);
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value).map(([key, v]): [string, unknown] => [camel(key), key === 'args' ? copyPlain(v) : toCamelCaseKeys(v)]);
  entries.sort(([a], [b]) => (a === b ? 0 : a === 'id' ? -1 : b === 'id' ? 1 : a < b ? -1 : 1));
  return Object.fromEntries(entries);
}

function camel(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function copyPlain(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value).sort();
  return Object.fromEntries(keys.map((k) => [k, value[k]]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
