import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { loadDiagnostic } from './loadDiagnostic.js';
import { firstInvalidUtf8 } from './firstInvalidUtf8.js';
import { MAX_LOAD_DIAGNOSTICS_PER_CODE, type LoadLimits } from './loadLimits.js';

export interface DecodedInput {
  /** The text with a leading BOM removed; absent when the input cannot be used. */
  text?: string;
  diagnostics: Diagnostic[];
}

const BOM = '\uFEFF';
/** C0 controls except TAB, LF, CR, plus DEL: not printable in YAML 1.2 (section 5.1). */
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'BS', 0x0b: 'VT', 0x0c: 'FF', 0x1b: 'ESC', 0x7f: 'DEL' };

/** 1-based line and column (UTF-16 units) of an offset in a text, counting LF as the line break. */
export function textPosition(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}

function byteLength(input: string | Uint8Array): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
}

/** Decode UTF-8 strictly; on failure report the first bad byte with its line and column. */
function decodeBytes(bytes: Uint8Array, file: string): DecodedInput {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), diagnostics: [] };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    let lineStart = bad;
    while (lineStart > 0 && bytes[lineStart - 1] !== 0x0a) lineStart--;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    let prefix = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(lineStart, bad));
    if (lineStart === 0 && prefix.startsWith(BOM)) prefix = prefix.slice(1);
    const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const why = utf16 ? ' (the file looks like UTF-16; save it as UTF-8)' : '';
    const message = `invalid UTF-8: byte 0x${hex} at byte offset ${bad} is not part of a valid UTF-8 sequence${why}`;
    return { diagnostics: [loadDiagnostic('OTPC102', file, { line, col: prefix.length + 1 }, message)] };
  }
}

function controlCharacters(text: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const m of text.matchAll(CONTROL)) {
    const at = m.index ?? 0;
    for (let i = text.indexOf('\n', scanned); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = at;
    const code = m[0].charCodeAt(0);
    const name = CONTROL_NAMES[code] ? ` (${CONTROL_NAMES[code]})` : '';
    const u = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    out.push(loadDiagnostic('OTPC102', file, { line, col: at - lineStart + 1 }, `control character ${u}${name} is not allowed in a policy file`));
    if (out.length >= MAX_LOAD_DIAGNOSTICS_PER_CODE) break;
  }
  return out;
}

/**
 * Turn raw input into text: size limit, strict UTF-8, no control characters.
 * A leading BOM is removed so that columns on line 1 count from the first
 * visible character, as editors show them.
 */
export function decodeInput(input: string | Uint8Array, file: string, limits: LoadLimits): DecodedInput {
  const start = { line: 1, col: 1 };
  const size = typeof input === 'string' && input.length > limits.maxBytes ? input.length : byteLength(input);
  if (size > limits.maxBytes) {
    const message = `the input is ${formatSize(size)}; the limit is ${formatSize(limits.maxBytes)}`;
    return { diagnostics: [loadDiagnostic('OTPC107', file, start, message)] };
  }
  const decoded = typeof input === 'string' ? { text: input, diagnostics: [] } : decodeBytes(input, file);
  if (decoded.text === undefined) return decoded;
  const unmarked = decoded.text.startsWith(BOM) ? decoded.text.slice(1) : decoded.text;
  // A lone CR is a line break in YAML 1.2 (section 5.4, b-break) and in editors, but the yaml
  // package reads it as ordinary text: a classic-Mac (CR-only) file became one comment line and
  // was reported as "no YAML content". CR -> LF keeps every offset, line and column.
  const text = unmarked.includes('\r') ? unmarked.replace(/\r(?!\n)/g, '\n') : unmarked;
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const message = 'the text contains an unpaired UTF-16 surrogate and cannot be encoded as UTF-8';
    return { diagnostics: [loadDiagnostic('OTPC102', file, textPosition(text, lone.index), message)] };
  }
  const controls = controlCharacters(text, file);
  if (controls.length > 0) return { diagnostics: controls };
  return { text, diagnostics: [] };
}
