/**
 * Sets an own data property on a null-prototype object, also for the key "__proto__":
 * plain assignment already does that on such an object, defineProperty makes it explicit
 * where it matters (no prototype pollution from a policy key, issue 9). Used by every path
 * that turns YAML into data (toData, cstToData, scanSimpleYaml), so they build the same objects.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
