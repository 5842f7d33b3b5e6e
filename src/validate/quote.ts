/** Longest value quoted in a message; a 10,000-character id must not flood the terminal. */
const MAX_QUOTED = 60;

/** A value as shown in a message: strings in double quotes (shortened), others as YAML would write them. */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    const escaped = JSON.stringify(value.length > MAX_QUOTED ? value.slice(0, MAX_QUOTED) : value);
    return value.length > MAX_QUOTED ? `${escaped.slice(0, -1)}…" (${value.length} characters)` : escaped;
  }
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** The kind of a YAML value, for "expected X, got Y" messages. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return `the text ${quote(value)}`;
}
