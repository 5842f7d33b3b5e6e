import type { CST } from 'yaml';
import { needsReference } from './needsReference.js';

/*
 * Ports of yaml 2.9's compose/resolve-props.js, resolve-end.js, util-empty-scalar-position.js
 * and util-contains-newline.js for cstToData, minus comment decoration. Wherever the Composer
 * calls its onError (an error or a warning), these call needsReference() instead.
 */

/** What the Composer's resolveProps returns, as far as values and ranges depend on it. */
export interface Props {
  comma: CST.SourceToken | null;
  found: CST.SourceToken | null;
  /** The comment text the Composer would attach; only its emptiness changes a range. */
  comment: string;
  hasNewline: boolean;
  anchor: CST.SourceToken | null;
  tag: CST.SourceToken | null;
  newlineAfterProp: CST.SourceToken | null;
  end: number;
  start: number;
}

/** The indicator a props run may hold (resolveProps' `indicator`). */
export type Indicator = 'doc-start' | 'explicit-key-ind' | 'map-value-ind' | 'seq-item-ind';

const EMPTY: readonly CST.SourceToken[] = [];

/** Props of an expanded alias target: its own props were checked where it was anchored. */
export const NO_PROPS: Readonly<Props> = Object.freeze({
  comma: null, found: null, comment: '', hasNewline: false, anchor: null, tag: null, newlineAfterProp: null, end: 0, start: 0,
});

function spaceRequired(next: CST.Token | null | undefined): boolean {
  return !!next && next.type !== 'space' && next.type !== 'newline' && next.type !== 'comma' && (next.type !== 'scalar' || next.source !== '');
}

function tabIsIndent(tab: CST.SourceToken | null, atNewline: boolean, parentIndent: number, next: CST.Token | null | undefined): boolean {
  return !!tab && ((atNewline && tab.indent <= parentIndent) || next?.type === 'block-map' || next?.type === 'block-seq');
}

/**
 * Port of resolveProps (yaml/dist/compose/resolve-props.js): the separators, comments,
 * anchor, tag and indicator before a node. `flow` is true inside a flow collection.
 */
export function cstProps(
  tokens: readonly CST.SourceToken[] | undefined,
  flow: boolean,
  indicator: Indicator,
  next: CST.Token | null | undefined,
  offset: number,
  parentIndent: number,
  startOnNewline: boolean,
): Props {
  const list = tokens ?? EMPTY;
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let comment = '';
  let commentSep = '';
  let hasNewline = false;
  let reqSpace = false;
  let tab: CST.SourceToken | null = null;
  let anchor: CST.SourceToken | null = null;
  let tag: CST.SourceToken | null = null;
  let newlineAfterProp: CST.SourceToken | null = null;
  let comma: CST.SourceToken | null = null;
  let found: CST.SourceToken | null = null;
  let start = -1;
  for (let i = 0; i < list.length; i++) {
    const token = list[i];
    if (reqSpace) {
      if (token.type !== 'space' && token.type !== 'newline' && token.type !== 'comma') needsReference();
      reqSpace = false;
    }
    if (tab) {
      if (atNewline && token.type !== 'comment' && token.type !== 'newline') needsReference();
      tab = null;
    }
    switch (token.type) {
      case 'space':
        // at the document level a tab before a flow collection is white space, not indentation
        if (!flow && (indicator !== 'doc-start' || next?.type !== 'flow-collection') && token.source.includes('\t')) tab = token;
        hasSpace = true;
        break;
      case 'comment': {
        if (!hasSpace) needsReference();
        const cb = token.source.substring(1) || ' ';
        comment = comment ? comment + commentSep + cb : cb;
        commentSep = '';
        atNewline = false;
        break;
      }
      case 'newline':
        if (!atNewline) commentSep += token.source;
        else if (comment) comment += token.source;
        atNewline = true;
        hasNewline = true;
        if (anchor || tag) newlineAfterProp = token;
        hasSpace = true;
        break;
      case 'anchor':
        if (anchor || token.source.endsWith(':')) needsReference();
        anchor = token;
        if (start < 0) start = token.offset;
        atNewline = false;
        hasSpace = false;
        reqSpace = true;
        break;
      case 'tag':
        if (tag) needsReference();
        tag = token;
        if (start < 0) start = token.offset;
        atNewline = false;
        hasSpace = false;
        reqSpace = true;
        break;
      case indicator:
        if (anchor || tag || found) needsReference();
        found = token;
        atNewline = indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
        hasSpace = false;
        break;
      case 'comma':
        if (!flow || comma) needsReference();
        comma = token;
        atNewline = false;
        hasSpace = false;
        break;
      default:
        needsReference();
    }
  }
  const last = list.length > 0 ? list[list.length - 1] : undefined;
  const end = last ? last.offset + last.source.length : offset;
  if (reqSpace && spaceRequired(next)) needsReference();
  if (tabIsIndent(tab, atNewline, parentIndent, next)) needsReference();
  return { comma, found, comment, hasNewline, anchor, tag, newlineAfterProp, end, start: start < 0 ? end : start };
}

/**
 * Port of resolveEnd (yaml/dist/compose/resolve-end.js): the spaces, comments and line
 * break after a node, from `end[from]` on. Returns the offset after them (a node's range[2]).
 */
export function cstEnd(end: readonly CST.SourceToken[] | undefined, offset: number, reqSpace: boolean, from = 0): number {
  if (!end) return offset;
  let hasSpace = false;
  let at = offset;
  for (let i = from; i < end.length; i++) {
    const token = end[i];
    switch (token.type) {
      case 'space':
      case 'newline':
        hasSpace = true;
        break;
      case 'comment':
        if (reqSpace && !hasSpace) needsReference();
        break;
      default:
        needsReference();
    }
    at += token.source.length;
  }
  return at;
}

/** Port of emptyScalarPosition: an empty value sits after the indicator and its spaces. */
export function emptyScalarPosition(offset: number, before: readonly CST.SourceToken[] | undefined): number {
  if (!before) return offset;
  let at = offset;
  for (let i = before.length - 1; i >= 0; --i) {
    const type = before[i].type;
    if (type === 'space' || type === 'comment' || type === 'newline') {
      at -= before[i].source.length;
      continue;
    }
    for (let k = i + 1; k < before.length && before[k].type === 'space'; k++) at += before[k].source.length;
    break;
  }
  return at;
}

function hasNewlineToken(tokens: readonly CST.SourceToken[] | undefined): boolean {
  if (tokens) for (let i = 0; i < tokens.length; i++) if (tokens[i].type === 'newline') return true;
  return false;
}

/** Port of containsNewline: an implicit key must sit on one line. */
export function containsNewline(key: CST.Token | null | undefined): boolean {
  if (!key) return false;
  switch (key.type) {
    case 'alias':
    case 'scalar':
    case 'double-quoted-scalar':
    case 'single-quoted-scalar':
      return key.source.includes('\n') || hasNewlineToken(key.end);
    case 'flow-collection':
      for (const it of key.items) {
        if (hasNewlineToken(it.start) || hasNewlineToken(it.sep)) return true;
        if (containsNewline(it.key) || containsNewline(it.value)) return true;
      }
      return false;
    default:
      return true;
  }
}
