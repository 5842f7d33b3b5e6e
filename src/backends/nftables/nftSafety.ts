/**
 * Defence in depth after templating: LF only, printable ASCII, a final newline, and on
 * every line an even number of `"` with no `\` (nft has no escape inside quotes) and
 * no `$` inside a quoted string (nft expands it in log prefixes). A newline inside a
 * quoted comment is accepted by nft and kept verbatim (vendors.md 0.4), so a line
 * with an odd number of quotes would be exactly that injection.
 */
export function unsafeOutputLine(text: string): number | undefined {
  if (!text.endsWith('\n')) return 0;
  const lines = text.slice(0, -1).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!/^[\x20-\x7e]*$/.test(line) || line.includes('\\')) return i + 1;
    const pieces = line.split('"');
    if (pieces.length % 2 === 0) return i + 1;
    if (pieces.some((p, k) => k % 2 === 1 && p.includes('$'))) return i + 1;
  }
  return undefined;
}
