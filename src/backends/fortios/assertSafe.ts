import type { FortiosView } from './toView.js';

/**
 * Defence in depth before and after templating. Every string in the view must be
 * printable ASCII without the characters that change FortiOS CLI tokenisation or
 * behaviour: `"` and `\` (quoting), `?` (inline help), `'` and backtick. A newline
 * inside a quoted string is the injection path (vendors.md 2.1), so none may exist.
 */
const SAFE_VALUE = /^[\x20-\x7e]*$/;
const UNSAFE_CHARS = /["'`\\?]/;

export function unsafeViewValue(view: FortiosView): string | undefined {
  const stack: unknown[] = [view];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!SAFE_VALUE.test(v) || UNSAFE_CHARS.test(v)) return v;
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (v !== null && typeof v === 'object') {
      stack.push(...Object.values(v));
    }
  }
  return undefined;
}

/** The rendered text: LF only, printable ASCII, no `?`, balanced quotes on every line, final newline. */
export function unsafeOutputLine(text: string): number | undefined {
  if (!text.endsWith('\n')) return 0;
  const lines = text.slice(0, -1).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!SAFE_VALUE.test(line) || line.includes('?') || line.includes('\\') || (line.split('"').length - 1) % 2 !== 0) return i + 1;
  }
  return undefined;
}
