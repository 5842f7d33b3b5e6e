import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { SourcePosition, SourceRange } from '../diagnostics/diagnostic.js';
import { splitPointer } from '../diagnostics/sourceMap.js';

/** Maps a JSON pointer into the parsed catalogue to a source range (closest existing ancestor). */
export type LocateFn = (pointer: string, options?: { key?: boolean }) => SourceRange | undefined;

export interface ParsedCatalogText {
  /** The document as plain data; absent when the text could not be parsed. */
  doc?: unknown;
  locate: LocateFn;
  /** YAML errors with their position, for OTPC601. */
  errors: { message: string; range?: SourceRange }[];
}

/** YAML aliases allowed in one catalogue (alias bombs are rejected). */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses one catalogue file. Keeps the YAML node tree only inside `locate`, so
 * positions stay in a side table and never enter the data (STYLE 3).
 */
export function parseCatalogText(text: string): ParsedCatalogText {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const locate: LocateFn = (pointer, options) => {
    const node = findNode(document.contents as Node | null, splitPointer(pointer), options?.key ?? false);
    const range = node?.range;
    return range ? { start: position(range[0]), end: position(range[1]) } : undefined;
  };
  if (document.errors.length > 0) {
    const errors = document.errors.map((e) => ({
      message: e.code === 'MULTIPLE_DOCS' ? 'more than one YAML document in the file (one catalogue per file)' : e.message,
      range: { start: position(e.pos[0]), end: position(e.pos[1]) },
    }));
    return { locate, errors };
  }
  try {
    return { doc: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), locate, errors: [] };
  } catch (e) {
    return { locate, errors: [{ message: e instanceof Error ? e.message : String(e) }] };
  }
}

/** Walks the YAML tree; returns the deepest node reached (closest existing ancestor). */
function findNode(root: Node | null, segments: string[], key: boolean): Node | undefined {
  let node: Node | null | undefined = root;
  let last: Node | undefined = root ?? undefined;
  for (const [i, segment] of segments.entries()) {
    const isLast = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return last;
      const keyNode = pair.key as Node;
      const value = pair.value as Node | null;
      if (isLast && (key || !value)) return keyNode;
      node = value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!/^\d+$/.test(segment) || !item) return last;
      node = item;
    } else {
      return last;
    }
    if (node?.range) last = node;
  }
  return last;
}
