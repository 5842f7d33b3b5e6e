import { LineCounter, parseDocument } from 'yaml';
import type { SourcePosition, SourceRange } from '../diagnostics/diagnostic.js';
import { splitPointer } from '../diagnostics/sourceMap.js';

/** 1-based line and column (UTF-16 code units) of a character offset. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return { line, col: Math.min(offset, text.length) - lineStart + 1 };
}

/**
 * Locates JSON pointers in a JSON text. JSON is YAML 1.2, so the yaml package
 * gives node ranges; the text is parsed only when a first location is asked for
 * (only files with problems pay for it). A missing path resolves to the closest
 * existing ancestor, as the policy source map does.
 */
export function jsonLocator(text: string): (pointer: string) => SourceRange {
  let doc: ReturnType<typeof parseDocument> | undefined;
  const lines = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const p = lines.linePos(offset);
    return { line: p.line, col: p.col };
  };
  return (pointer) => {
    doc ??= parseDocument(text, { lineCounter: lines, uniqueKeys: false });
    const path: (string | number)[] = splitPointer(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return { start: at(range[0]), end: at(range[1]) };
    }
    return { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };
  };
}
