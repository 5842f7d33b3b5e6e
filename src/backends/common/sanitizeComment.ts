/**
 * Free text (comments, remarks, descriptions) on its way to a line-oriented vendor CLI.
 * A newline in a Cisco remark or a FortiOS comment becomes a new command when pasted;
 * `?` triggers inline help on Cisco and Fortinet CLIs; quotes and backslashes change
 * tokenisation (vendors.md sections 0.4 and 3). So the text is NFKD-normalised,
 * reduced to printable ASCII 0x20-0x7E, stripped of quote characters, backslash,
 * backtick and `?`, whitespace is collapsed, and it is cut to the vendor's byte limit
 * at a word boundary where possible. The full text stays in trace.json.
 */
const DROP = /["'`\\?]/g;

export function sanitizeComment(text: string, maxBytes: number, extraDrop?: RegExp): string {
  let s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  s = s.replace(/[\r\n\t\v\f\u0085\u2028\u2029]/g, ' ');
  s = s.replace(/[^\x20-\x7e]/g, '');
  s = s.replace(DROP, '');
  if (extraDrop) s = s.replace(extraDrop, '');
  s = s.replace(/ {2,}/g, ' ').trim();
  if (s.length <= maxBytes) return s;
  const cut = s.slice(0, maxBytes);
  const space = cut.lastIndexOf(' ');
  return (space > maxBytes * 0.6 ? cut.slice(0, space) : cut).trimEnd();
}
