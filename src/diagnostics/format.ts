import pc from 'picocolors';
import { codeInfo } from './codes.js';
import type { Diagnostic, SourceRange } from './diagnostic.js';
import type { SourceMap } from './sourceMap.js';

export interface FormatOptions {
  /** ANSI colours; off unless the CLI asks (it decides from the terminal and NO_COLOR). */
  color?: boolean;
  /** Print the source line with a caret under the range (needs `text`). */
  codeFrame?: boolean;
  /** The policy text the positions refer to. */
  text?: string;
}

/** Longest part of a source line printed in a code frame. */
const FRAME_WIDTH = 120;

function rangeOf(d: Diagnostic, sourceMap?: SourceMap): SourceRange | undefined {
  if (d.range) return d.range;
  return d.pointer !== undefined ? sourceMap?.locate(d.pointer) : undefined;
}

function sourceLine(text: string, line: number): string | undefined {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const nl = body.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = body.indexOf('\n', start);
  return body.slice(start, end < 0 ? body.length : end).replace(/\r$/, '');
}

/** One source line and a caret line under the range, windowed around long lines. */
function codeFrame(text: string, range: SourceRange, c: ReturnType<typeof pc.createColors>): string[] {
  const full = sourceLine(text, range.start.line);
  if (full === undefined) return [];
  const col = Math.min(range.start.col - 1, full.length);
  const endCol = range.end.line === range.start.line ? Math.max(range.end.col - 1, col + 1) : full.length;
  const from = full.length > FRAME_WIDTH ? Math.max(0, Math.min(col - 20, full.length - FRAME_WIDTH)) : 0;
  const to = Math.min(full.length, from + FRAME_WIDTH);
  const shown = `${from > 0 ? '…' : ''}${full.slice(from, to)}${to < full.length ? '…' : ''}`;
  // keep tabs in the caret line so the caret lines up under tab-indented text
  const pad = `${from > 0 ? ' ' : ''}${full.slice(from, col).replace(/[^\t]/g, ' ')}`;
  const carets = '^'.repeat(Math.max(1, Math.min(endCol, to) - col));
  const gutter = String(range.start.line);
  return [`  ${c.dim(`${gutter} |`)} ${shown}`, `  ${' '.repeat(gutter.length)} ${c.dim('|')} ${pad}${c.red(carets)}`];
}

/**
 * One diagnostic is one line: messages quote policy text (names, descriptions, accept
 * reasons), which may hold line breaks (a folded scalar with CR line endings, "\n" in
 * a quoted string) or terminal escapes ("\e"). Printed raw, a line break would start a
 * line that reads as another diagnostic to people and CI log parsers, and an escape
 * could rewrite the terminal. Breaks become spaces, other control characters "?".
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\n\r\u0085\u2028\u2029]/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

/**
 * `FILE:LINE:COL: error OTPC301: message`, then an indented `hint:` line (the
 * codes table's hint unless the diagnostic has its own), then optionally a
 * one-line code frame. The format is a contract (DESIGN "Command line").
 */
export function formatDiagnostic(d: Diagnostic, sourceMap?: SourceMap, options: FormatOptions = {}): string {
  const c = pc.createColors(options.color === true);
  const range = rangeOf(d, sourceMap);
  const where = range ? `${d.file}:${range.start.line}:${range.start.col}` : d.file;
  const sev = d.severity === 'error' ? c.red(d.severity) : d.severity === 'warning' ? c.yellow(d.severity) : c.cyan(d.severity);
  const lines = [`${c.bold(oneLine(where))}: ${sev} ${c.dim(d.code)}: ${oneLine(d.message)}`];
  const hint = d.hint ?? codeInfo(d.code)?.hint;
  if (hint) lines.push(`  ${c.dim('hint:')} ${oneLine(hint)}`);
  if (options.codeFrame && options.text !== undefined && range) lines.push(...codeFrame(options.text, range, c));
  return lines.join('\n');
}

/** Fills `range` from `pointer` (closest existing ancestor) where it is missing. */
export function resolveDiagnostics(diags: readonly Diagnostic[], sourceMap: SourceMap): Diagnostic[] {
  return diags.map((d) => {
    if (d.range || d.pointer === undefined) return d;
    const range = sourceMap.locate(d.pointer);
    return range ? { ...d, range } : d;
  });
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order: file, line, column, code, message (plain `<`, no locale). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) ||
    cmp(a.range?.start.line ?? 0, b.range?.start.line ?? 0) ||
    cmp(a.range?.start.col ?? 0, b.range?.start.col ?? 0) ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message) ||
    cmp(a.pointer ?? '', b.pointer ?? '')
  );
}

function identity(d: Diagnostic): string {
  const at = d.range ? `${d.range.start.line}:${d.range.start.col}` : (d.pointer ?? '');
  return `${d.file}\u0000${at}\u0000${d.code}\u0000${d.severity}\u0000${d.message}`;
}

/** Sorted, with identical diagnostics (same file, place, code, severity, message) kept once, as Spectral does. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...diags].sort(compareDiagnostics)) {
    const key = identity(d);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
