import { CST } from 'yaml';
import { escapePointerSegment, type SourceMap } from '../diagnostics/sourceMap.js';
import { coreScalar } from './coreScalar.js';
import { containsNewline, cstEnd, cstProps, emptyScalarPosition, NO_PROPS, type Props } from './cstProps.js';
import { isNeedsReference, needsReference } from './needsReference.js';
import type { LoadLimits } from './loadLimits.js';
import { setOwn } from './setOwn.js';

/**
 * The loader's second path, for what scanSimpleYaml leaves (anchors, multi-line scalars and
 * flow collections, document markers, tabs...): the yaml package's CST straight to plain data
 * and the source map, without composing a Document (the Composer and toData were 40 % of the
 * reference load time of a 3.8 MB plant). It produces exactly what composeDocuments + toData
 * produce, or nothing:
 *
 * - the Composer's logic is ported step by step (resolve-block-map.js, resolve-block-seq.js,
 *   resolve-flow-collection.js, compose-node.js, compose-doc.js; cstProps.ts for the rest),
 *   keeping every offset it computes, so every range in the source map is the Composer's;
 * - wherever the Composer would report an error or a warning, and wherever toData or
 *   loadPolicy would report a diagnostic (duplicate key, non-scalar key, undefined or
 *   recursive alias, node and depth limits after alias expansion, not exactly one document,
 *   a top level that is not a mapping), it gives up (`needsReference`) and the reference
 *   path runs instead: errors are rare, and their messages and positions stay the reference's;
 * - toData's conversion (null-prototype objects, aliases expanded once per place with the
 *   anchors defined before them, node and depth budgets) is done in the same pass, in the
 *   same order.
 *
 * Scalars are resolved by yaml's own CST.resolveAsScalar (quotes, escapes, folding, block
 * scalars) and plain ones typed by the YAML 1.2 core schema (coreScalar.ts).
 */

/** An anchored empty value (`a: &x`): the Composer makes a scalar node that has no token. */
const EMPTY_VALUE: unique symbol = Symbol('empty value');
type AnchorTarget = CST.Token | typeof EMPTY_VALUE;

interface State {
  limits: LoadLimits;
  sourceMap: SourceMap;
  anchors: Map<string, AnchorTarget>;
  /** Collections being converted (ancestors of the current node): an alias to one is recursive. */
  active: Set<CST.Token>;
  /** Each alias resolved once, at its own place in the document (as toData). */
  resolved: Map<CST.Token, AnchorTarget | undefined>;
  /** > 0 while expanding an alias: anchors inside the copy do not register. */
  inAlias: number;
  nodes: number;
  /** The range of the node composed last, as the Composer's node.range: start, value end, node end. */
  r0: number;
  r1: number;
  r2: number;
}

export interface CstToDataOptions {
  limits: LoadLimits;
  /** Receives the entries of the converted document (left partly filled when the result is undefined). */
  sourceMap: SourceMap;
}

function newState(options: CstToDataOptions): State {
  return { ...options, anchors: new Map(), active: new Set(), resolved: new Map(), inAlias: 0, nodes: 0, r0: 0, r1: 0, r2: 0 };
}

function setRange(st: State, r0: number, r1: number, r2: number): void {
  st.r0 = r0;
  st.r1 = r1;
  st.r2 = r2;
}

function isBlock(token: CST.Token | null | undefined): boolean {
  return !!token && (token.type === 'block-map' || token.type === 'block-seq');
}

function countNode(st: State): void {
  if (++st.nodes > st.limits.maxNodes) needsReference();
}

/** compose-node.js: an anchor name may not be empty. Returns the name, or '' for none. */
function anchorName(props: Props): string {
  if (!props.anchor) return '';
  const name = props.anchor.source.substring(1);
  if (name === '') needsReference();
  return name;
}

function register(st: State, name: string, target: AnchorTarget): void {
  if (name !== '' && st.inAlias === 0) st.anchors.set(name, target);
}

/** Plain characters that may not start a plain scalar (resolve-flow-scalar.js plainValue). */
function badPlainStart(source: string): boolean {
  const c = source[0];
  return c === '\t' || c === ',' || c === '%' || c === '|' || c === '>' || c === '@' || c === '`';
}

const reportToReference = (): never => needsReference();

/** The text of a scalar token (folded, unescaped), with its range in the registers. */
function scalarText(st: State, token: CST.FlowScalar | CST.BlockScalar): string {
  if (token.type === 'scalar' && !token.source.includes('\n')) {
    if (badPlainStart(token.source)) needsReference();
    const valueEnd = token.offset + token.source.length;
    setRange(st, token.offset, valueEnd, cstEnd(token.end, valueEnd, true));
    return token.source;
  }
  const resolved = CST.resolveAsScalar(token, true, reportToReference);
  if (!resolved) return needsReference();
  setRange(st, resolved.range[0], resolved.range[1], resolved.range[2]);
  return resolved.value;
}

/** composeEmptyNode: an empty value, null, placed after its indicator. */
function emptyNode(st: State, offset: number, before: readonly CST.SourceToken[] | undefined, props: Props): null {
  countNode(st);
  if (props.tag) needsReference();
  const at = emptyScalarPosition(offset, before);
  setRange(st, at, at, props.comment ? props.end : at);
  register(st, anchorName(props), EMPTY_VALUE);
  return null;
}

/** A mapping key: toData keeps the scalar's text whatever its type; any other key is an error. */
function keyText(st: State, key: CST.Token, props: Props): string {
  if (props.tag) needsReference();
  anchorName(props);
  if (key.type === 'scalar' || key.type === 'single-quoted-scalar' || key.type === 'double-quoted-scalar' || key.type === 'block-scalar') {
    return scalarText(st, key);
  }
  return needsReference();
}

function emptyKey(st: State, offset: number, before: readonly CST.SourceToken[] | undefined, props: Props): string {
  if (props.tag) needsReference();
  anchorName(props);
  const at = emptyScalarPosition(offset, before);
  setRange(st, at, at, props.comment ? props.end : at);
  return '';
}

function pointerTo(base: string, key: string): string {
  return `${base}/${escapePointerSegment(key)}`;
}

/** composeNode + toData's convert for one value token; its range is left in the registers. */
function node(st: State, token: CST.Token, props: Props, pointer: string, depth: number): unknown {
  countNode(st);
  if (props.tag) needsReference();
  switch (token.type) {
    case 'alias':
      return alias(st, token, props, pointer, depth);
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar': {
      const text = scalarText(st, token);
      register(st, anchorName(props), token);
      return token.type === 'scalar' ? coreScalar(text) : text;
    }
    case 'block-map':
    case 'block-seq':
    case 'flow-collection':
      return collection(st, token, props, pointer, depth);
    default:
      return needsReference();
  }
}

function collection(st: State, token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection, props: Props, pointer: string, depth: number): unknown {
  // compose-collection.js: the props of a block sequence must end with a line break
  const nl = props.newlineAfterProp;
  if (token.type === 'block-seq' && props.anchor && (!nl || nl.offset < props.anchor.offset)) needsReference();
  register(st, anchorName(props), token);
  if (depth + 1 > st.limits.maxDepth) needsReference();
  st.active.add(token);
  const value = token.type === 'block-map' ? blockMap(st, token, pointer, depth + 1)
    : token.type === 'block-seq' ? blockSeq(st, token, pointer, depth + 1)
      : flowCollection(st, token, pointer, depth + 1);
  st.active.delete(token);
  return value;
}

/** composeAlias + toData's convertAlias: the anchored node converted again at this place. */
function alias(st: State, token: CST.FlowScalar, props: Props, pointer: string, depth: number): unknown {
  const name = token.source.substring(1);
  if (props.anchor || name === '' || name.endsWith(':')) needsReference();
  const valueEnd = token.offset + token.source.length;
  const end = cstEnd(token.end, valueEnd, true);
  if (st.inAlias === 0) st.resolved.set(token, st.anchors.get(name));
  const target = st.resolved.get(token);
  if (!target) return needsReference();
  let value: unknown = null;
  if (target === EMPTY_VALUE) countNode(st);
  else {
    if (st.active.has(target)) needsReference();
    st.inAlias++;
    value = node(st, target, NO_PROPS, pointer, depth);
    st.inAlias--;
  }
  setRange(st, token.offset, valueEnd, end);
  return value;
}

/** resolve-block-map.js + toData's convertMap. */
function blockMap(st: State, bm: CST.BlockMap, pointer: string, depth: number): Record<string, unknown> {
  const obj = Object.create(null) as Record<string, unknown>;
  let offset = bm.offset;
  let commentEnd: number | null = null;
  for (const item of bm.items) {
    const { start, key, sep, value } = item;
    const keyProps = cstProps(start, false, 'explicit-key-ind', key ?? sep?.[0], offset, bm.indent, true);
    const implicitKey = !keyProps.found;
    if (implicitKey) {
      if (key && (key.type === 'block-seq' || ('indent' in key && key.indent !== bm.indent))) needsReference();
      if (!keyProps.anchor && !keyProps.tag && !sep) {
        commentEnd = keyProps.end;
        continue;
      }
      if (keyProps.newlineAfterProp || containsNewline(key)) needsReference();
    } else if (keyProps.found?.indent !== bm.indent) needsReference();
    const name = key ? keyText(st, key, keyProps) : emptyKey(st, keyProps.end, start, keyProps);
    const k0 = st.r0;
    const k1 = st.r1;
    const valueProps = cstProps(sep, false, 'map-value-ind', value, st.r2, bm.indent, !key || key.type === 'block-scalar');
    offset = valueProps.end;
    if (valueProps.found) {
      if (implicitKey && ((value?.type === 'block-map' && !valueProps.hasNewline) || keyProps.start < valueProps.found.offset - 1024)) needsReference();
    } else if (implicitKey) needsReference();
    const ptr = pointerTo(pointer, name);
    if (name in obj) needsReference();
    if (valueProps.found) {
      setOwn(obj, name, value ? node(st, value, valueProps, ptr, depth) : emptyNode(st, offset, sep, valueProps));
      st.sourceMap.setOffsets(ptr, st.r0, st.r1, k0, k1);
      offset = st.r2;
    } else {
      setOwn(obj, name, null);
      st.sourceMap.setOffsets(ptr, k1, k1, k0, k1);
    }
  }
  if (commentEnd && commentEnd < offset) needsReference();
  setRange(st, bm.offset, offset, commentEnd ?? offset);
  return obj;
}

/** resolve-block-seq.js + toData's convertSeq. */
function blockSeq(st: State, bs: CST.BlockSequence, pointer: string, depth: number): unknown[] {
  const out: unknown[] = [];
  let offset = bs.offset;
  let commentEnd: number | null = null;
  for (const { start, value } of bs.items) {
    const props = cstProps(start, false, 'seq-item-ind', value, offset, bs.indent, true);
    if (!props.found) {
      if (props.anchor || props.tag || value) needsReference();
      commentEnd = props.end;
      continue;
    }
    const ptr = `${pointer}/${out.length}`;
    out.push(value ? node(st, value, props, ptr, depth) : emptyNode(st, props.end, start, props));
    st.sourceMap.setOffsets(ptr, st.r0, st.r1, -1, -1);
    offset = st.r2;
  }
  setRange(st, bs.offset, offset, commentEnd ?? offset);
  return out;
}

/** resolve-flow-collection.js: a comment after the previous item's comma belongs to that item. */
function trimPreviousItemComment(start: readonly CST.SourceToken[], comment: string): string {
  for (const t of start) {
    if (t.type === 'comma' || t.type === 'space') continue;
    if (t.type === 'comment') {
      const previous = t.source.substring(1);
      return previous ? comment.substring(previous.length + 1) : comment;
    }
    break;
  }
  return comment;
}

/** An item with nothing but separators and comments (after the last comma). */
function isEmptyItem(item: CST.CollectionItem, props: Props): boolean {
  return !props.found && !props.anchor && !props.tag && !item.sep && !item.value;
}

/** The props of a flow collection item, with the Composer's checks on empty items and commas. */
function flowItemProps(fc: CST.FlowCollection, i: number, offset: number, isMap: boolean): Props {
  const { start, key, sep } = fc.items[i];
  const props = cstProps(start, true, 'explicit-key-ind', key ?? sep?.[0], offset, fc.indent, false);
  if (isEmptyItem(fc.items[i], props)) {
    if ((i === 0 && props.comma) || i < fc.items.length - 1) needsReference();
    return props;
  }
  if (!props.found && !isMap && containsNewline(key)) needsReference();
  if (i === 0) {
    if (props.comma) needsReference();
  } else {
    if (!props.comma) needsReference();
    if (props.comment) props.comment = trimPreviousItemComment(start, props.comment);
  }
  return props;
}

/** resolve-flow-collection.js + toData's convertMap / convertSeq. */
function flowCollection(st: State, fc: CST.FlowCollection, pointer: string, depth: number): unknown {
  const isMap = fc.start.source === '{';
  const map = Object.create(null) as Record<string, unknown>;
  const seq: unknown[] = [];
  let offset = fc.offset + fc.start.source.length;
  for (let i = 0; i < fc.items.length; ++i) {
    const props = flowItemProps(fc, i, offset, isMap);
    if (isEmptyItem(fc.items[i], props)) {
      offset = props.end;
      continue;
    }
    const { sep, value } = fc.items[i];
    if (!isMap && !sep && !props.found) {
      const ptr = `${pointer}/${seq.length}`;
      seq.push(value ? node(st, value, props, ptr, depth) : emptyNode(st, props.end, sep, props));
      if (isBlock(value)) needsReference();
      st.sourceMap.setOffsets(ptr, st.r0, st.r1, -1, -1);
      offset = st.r2;
      continue;
    }
    offset = flowPair(st, fc, i, props, isMap ? map : seq, pointer, depth);
  }
  const close = fc.end[0];
  if (close?.source !== (isMap ? '}' : ']')) needsReference();
  const closed = close.offset + close.source.length;
  setRange(st, fc.offset, closed, cstEnd(fc.end, closed, true, 1));
  return isMap ? map : seq;
}

/**
 * One key: value pair of a flow collection: an entry of a flow mapping, or in a flow
 * sequence a single-pair mapping of its own (`[a: 1]`). Returns the offset after it.
 */
function flowPair(st: State, fc: CST.FlowCollection, i: number, props: Props, into: Record<string, unknown> | unknown[], pointer: string, depth: number): number {
  const { start, key, sep, value } = fc.items[i];
  const name = key ? keyText(st, key, props) : emptyKey(st, props.end, start, props);
  if (isBlock(key)) needsReference();
  const k0 = st.r0;
  const k1 = st.r1;
  const valueProps = cstProps(sep, true, 'map-value-ind', value, st.r2, fc.indent, false);
  const inSeq = Array.isArray(into);
  if (valueProps.found) {
    if (inSeq && !props.found) {
      for (const t of sep ?? []) {
        if (t === valueProps.found) break;
        if (t.type === 'newline') needsReference();
      }
      if (props.start < valueProps.found.offset - 1024) needsReference();
    }
  } else if (value) needsReference();
  let obj: Record<string, unknown>;
  let base = pointer;
  let childDepth = depth;
  if (inSeq) {
    countNode(st);
    if (depth + 1 > st.limits.maxDepth) needsReference();
    base = `${pointer}/${into.length}`;
    childDepth = depth + 1;
    obj = Object.create(null) as Record<string, unknown>;
    into.push(obj);
  } else obj = into;
  const ptr = pointerTo(base, name);
  if (name in obj) needsReference();
  const hasValue = !!value || !!valueProps.found;
  const v = value ? node(st, value, valueProps, ptr, childDepth) : valueProps.found ? emptyNode(st, valueProps.end, sep, valueProps) : null;
  if (hasValue && isBlock(value)) needsReference();
  const v0 = hasValue ? st.r0 : k1;
  const v1 = hasValue ? st.r1 : k1;
  setOwn(obj, name, v);
  st.sourceMap.setOffsets(ptr, v0, v1, k0, k1);
  if (inSeq) st.sourceMap.setOffsets(base, k0, v1, -1, -1);
  return hasValue ? st.r2 : valueProps.end;
}

/** An empty document (a separator or comments only): composes to a null scalar with no source. */
function isEmptyDocument(doc: CST.Document): boolean {
  return !doc.value || (doc.value.type === 'scalar' && doc.value.source === '');
}

/** compose-doc.js; the content document is converted into data, an empty one only checked. */
function document(st: State, doc: CST.Document, pointer: string): unknown {
  const props = cstProps(doc.start, false, 'doc-start', doc.value ?? doc.end?.[0], doc.offset, 0, true);
  if (props.found && isBlock(doc.value) && !props.hasNewline) needsReference();
  const data = doc.value ? node(st, doc.value, props, pointer, 0) : emptyNode(st, props.end, doc.start, props);
  cstEnd(doc.end, st.r2, false);
  return data;
}

/** The stream level of Composer.next: documents, document ends, nothing else. */
function documents(tokens: readonly CST.Token[]): CST.Document[] {
  const docs: CST.Document[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'document':
        docs.push(token);
        break;
      case 'doc-end':
        if (docs.length === 0) needsReference();
        cstEnd(token.end, token.offset + token.source.length, true);
        break;
      case 'byte-order-mark':
      case 'space':
      case 'comment':
      case 'newline':
        break;
      default:
        needsReference(); // directives, errors
    }
  }
  return docs;
}

function convert(tokens: readonly CST.Token[], options: CstToDataOptions): unknown {
  const docs = documents(tokens);
  const content = docs.filter((d) => !isEmptyDocument(d));
  // none, several, or a top level that is not a mapping: loadPolicy reports it
  if (content.length !== 1) return needsReference();
  const root = content[0].value;
  if (!root || !(root.type === 'block-map' || (root.type === 'flow-collection' && root.start.source === '{'))) return needsReference();
  let data: unknown = null;
  for (const doc of docs) {
    if (doc !== content[0]) {
      document(newState(options), doc, '');
      continue;
    }
    const st = newState(options);
    data = document(st, doc, '');
    options.sourceMap.setOffsets('', st.r0, st.r1, -1, -1);
  }
  return data;
}

/**
 * The policy document as plain data, with its source map entries, when the Composer and
 * toData would find nothing to report; undefined when the reference path must run.
 */
export function cstToData(tokens: readonly CST.Token[], options: CstToDataOptions): { data: unknown } | undefined {
  try {
    return { data: convert(tokens, options) };
  } catch (e) {
    // a stack overflow is the reference path's to report, in its own way
    if (isNeedsReference(e) || e instanceof RangeError) return undefined;
    throw e;
  }
}
