import { CST } from 'yaml';
import { needsReference } from './needsReference.js';

const NL = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HASH = 0x23;
const DASH = 0x2d;

function skipSpaces(text: string, at: number, end: number): number {
  let i = at;
  while (i < end && text.charCodeAt(i) === SP) i++;
  return i;
}

/** The indentation of the first line with text at or after `from` (-1: none before the end). */
function bodyIndent(text: string, from: number): number {
  let indent = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SP) indent++;
    else if (c === NL) indent = 0;
    else if (c !== CR) return indent;
  }
  return -1;
}

/**
 * The last line break of the body: every following line that is blank or indented at least
 * `first` columns continues it (Lexer.continueScalar).
 */
function bodyEnd(text: string, next: number, first: number): number {
  let nl = next - 1;
  while (nl < text.length) {
    const line = nl + 1;
    const at = skipSpaces(text, line, text.length);
    const c = text.charCodeAt(at);
    if (!(c === NL || c === CR || at - line >= first)) break;
    const found = text.indexOf('\n', line);
    nl = found < 0 ? text.length : found;
  }
  return nl;
}

/** Trailing lines of spaces no deeper than the first line are not part of the body. */
function trimTrailingLines(text: string, start: number, nl: number, first: number): number {
  let end = nl;
  for (;;) {
    let k = end - 1;
    if (text.charCodeAt(k) === CR) k--;
    const lastChar = k;
    while (text.charCodeAt(k) === SP) k--;
    if (text.charCodeAt(k) === NL && k >= start && k + 1 + first > lastChar) end = k;
    else return end;
  }
}

/**
 * A literal or folded block scalar (YAML 1.2.2 section 8.1) whose header (`|`, `|-`, `>` or
 * `>-`, then optionally spaces and a comment) is at `p` on the line ending at `le`, the next
 * line starting at `next`, in a block collection at column `indent`. Its body is found as
 * yaml's Lexer.parseBlockScalar finds it: from the first line with text (which must be deeper
 * than `indent`), every line indented at least as much and the blank lines between them, not
 * the blank lines after them. Its value comes from yaml's own resolveBlockScalar, on the same
 * tokens the Parser would give it. Returns the value and the offset after the body (the
 * scalar's range ends there). Keep ("+") and indentation indicators, text after the header,
 * and an empty body are left to the reference path (`needsReference`).
 */
export function scanBlockScalar(text: string, p: number, le: number, next: number, indent: number): { value: string; end: number } {
  let h = p + 1;
  if (h < le && text.charCodeAt(h) === DASH) h++;
  const rest = skipSpaces(text, h, le);
  if (rest !== le && !(text.charCodeAt(rest) === HASH && rest > h)) needsReference();
  const first = bodyIndent(text, next);
  if (first <= indent) needsReference();
  const end = Math.min(trimTrailingLines(text, next, bodyEnd(text, next, first), first) + 1, text.length);
  const props: CST.SourceToken[] = [{ type: 'block-scalar-header', offset: p, indent: 0, source: text.slice(p, h) }];
  if (rest > h) props.push({ type: 'space', offset: h, indent: 0, source: text.slice(h, rest) });
  if (rest < le) props.push({ type: 'comment', offset: rest, indent: 0, source: text.slice(rest, le) });
  if (next > le) props.push({ type: 'newline', offset: le, indent: 0, source: text.slice(le, next) });
  const token: CST.BlockScalar = { type: 'block-scalar', offset: p, indent, props, source: text.slice(next, end) };
  const resolved = CST.resolveAsScalar(token, true, needsReference) as { value: string; range: [number, number, number] };
  if (resolved.range[1] !== end) needsReference();
  return { value: resolved.value, end };
}
