/**
 * The SARIF artifact URI of a file given on the command line (SARIF 2.1.0
 * section 3.4.3: a URI reference; GitHub code scanning wants it relative to the
 * repository root, with uriBaseId %SRCROOT%). Backslashes become "/", and each
 * path segment is percent-encoded so spaces, "#" or "%" in names stay valid.
 */
export function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  const path = file.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(path);
  const encode = (p: string) => p.split('/').map((s, i) => (drive && i === 0 ? s : encodeURIComponent(s))).join('/');
  if (path.startsWith('/')) return { uri: `file://${encode(path)}` };
  if (drive) return { uri: `file:///${encode(path)}` };
  return { uri: encode(path.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}
