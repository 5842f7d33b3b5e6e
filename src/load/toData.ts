import { isAlias, isMap, isScalar, isSeq, type Alias, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer, type OffsetRange, type SourceMap } from '../diagnostics/sourceMap.js';
import { coreScalar } from './coreScalar.js';
import { loadDiagnostic } from './loadDiagnostic.js';
import type { LoadLimits } from './loadLimits.js';
import { setOwn } from './setOwn.js';

export interface ToDataOptions {
  file: string;
  limits: LoadLimits;
  sourceMap: SourceMap;
  /** False when the alias limit was hit: aliases become null instead of being expanded. */
  expandAliases: boolean;
}

interface State extends ToDataOptions {
  diagnostics: Diagnostic[];
  anchors: Map<string, Node>;
  /** Nodes being converted (ancestors of the current one): an alias to one of them is recursive. */
  active: Set<Node>;
  /** > 0 while expanding an alias: anchors inside the copy must not re-register. */
  inAlias: number;
  /** Each alias resolved once, at its own place in the document (anchors may be redefined later). */
  resolved: Map<Node, Node | undefined>;
  nodes: number;
  stopped: boolean;
}

const DUPLICATE_HINT = (line: number): string =>
  `Each key may appear once per mapping; otpc reads the first one (line ${line}) and ignores this one: merge the two or delete one.`;

/**
 * An explicitly tagged scalar (`!ip 10.0.0.1`, `!!str 5`, `!!binary ...`; OTPC105, reported by
 * preflight) is read as if it had no tag: a plain scalar by the YAML 1.2 core schema, a quoted
 * or block scalar as its text. Tags on mappings and sequences are ignored the same way. So the
 * value is what the user would get by deleting the tag, and the rest of the policy is checked.
 */
function untagged(node: Scalar): unknown {
  const text = node.source ?? (typeof node.value === 'string' ? node.value : '');
  return node.type === 'PLAIN' || node.type === undefined ? coreScalar(text) : text;
}

function rangeOf(node: Node | null | undefined, fallback: OffsetRange): OffsetRange {
  const r = node?.range;
  return r ? [r[0], r[1]] : fallback;
}

function report(st: State, code: Code, at: OffsetRange, message: string, hint?: string): void {
  const map = st.sourceMap;
  const d = loadDiagnostic(code, st.file, map.position(at[0]), message, map.position(at[1]));
  if (hint) d.hint = hint;
  st.diagnostics.push(d);
}

/** The text of a scalar key: YAML 1.2 `1: x` or `null: x` keep their source text as the key. */
function keyText(key: Scalar): string {
  if (typeof key.value === 'string') return key.value;
  return key.source ?? String(key.value);
}

function convertMap(map: YAMLMap, pointer: string, depth: number, st: State): Record<string, unknown> {
  const obj = Object.create(null) as Record<string, unknown>;
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    const keyRange = rangeOf(keyNode, rangeOf(map, [0, 0]));
    if (keyNode !== null && !isScalar(keyNode)) {
      report(st, 'OTPC103', keyRange, `mapping keys must be plain text, not ${isAlias(keyNode) ? 'an alias' : 'a mapping or sequence'}`);
      continue;
    }
    const key = keyNode === null ? '' : keyText(keyNode);
    const ptr = joinPointer(pointer, key);
    if (Object.prototype.hasOwnProperty.call(obj, key)) {
      const first = st.sourceMap.get(ptr)?.key ?? keyRange;
      // recoverable: the first occurrence is kept and the rest of the policy is still validated
      const line = st.sourceMap.position(first[0]).line;
      report(st, 'OTPC104', keyRange, `duplicate key "${key.slice(0, 60)}" (first defined on line ${line}); this occurrence is ignored`, DUPLICATE_HINT(line));
      continue;
    }
    const valueNode = pair.value as Node | null;
    setOwn(obj, key, convert(valueNode, ptr, depth, st));
    st.sourceMap.set(ptr, rangeOf(valueNode, [keyRange[1], keyRange[1]]), keyRange);
  }
  return obj;
}

function convertSeq(seq: YAMLSeq, pointer: string, depth: number, st: State): unknown[] {
  const out: unknown[] = [];
  seq.items.forEach((item, i) => {
    const ptr = joinPointer(pointer, i);
    out.push(convert(item as Node | null, ptr, depth, st));
    st.sourceMap.set(ptr, rangeOf(item as Node | null, rangeOf(seq, [0, 0])));
  });
  return out;
}

function convertAlias(alias: Alias, pointer: string, depth: number, st: State): unknown {
  if (!st.expandAliases) return null;
  const at = rangeOf(alias, [0, 0]);
  if (st.inAlias === 0) st.resolved.set(alias, st.anchors.get(alias.source));
  const target = st.resolved.get(alias);
  if (!target) {
    report(st, 'OTPC103', at, `alias *${alias.source.slice(0, 40)} refers to no anchor defined before it`, 'Define the anchor (&name) before the alias (*name), or write the value out.');
    return null;
  }
  if (st.active.has(target)) {
    report(st, 'OTPC106', at, `alias *${alias.source.slice(0, 40)} is recursive: it refers to a node that contains it`);
    return null;
  }
  st.inAlias++;
  const value = convert(target, pointer, depth, st);
  st.inAlias--;
  return value;
}

function convert(node: Node | null, pointer: string, depth: number, st: State): unknown {
  if (node === null || node === undefined || st.stopped) return null;
  if (++st.nodes > st.limits.maxNodes) {
    st.stopped = true;
    report(st, 'OTPC111', rangeOf(node, [0, 0]), `the document has more than ${st.limits.maxNodes} YAML nodes once aliases are expanded`);
    return null;
  }
  if (isAlias(node)) return convertAlias(node, pointer, depth, st);
  const anchor = (node as Scalar).anchor;
  if (anchor && st.inAlias === 0) st.anchors.set(anchor, node);
  if (isScalar(node)) {
    if (node.tag) return untagged(node);
    const v = node.value;
    return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
  }
  if (depth + 1 > st.limits.maxDepth) {
    st.stopped = true;
    report(st, 'OTPC108', rangeOf(node, [0, 0]), `the document is nested more than ${st.limits.maxDepth} levels deep once aliases are expanded`);
    return null;
  }
  st.active.add(node);
  const value = isMap(node) ? convertMap(node, pointer, depth + 1, st) : isSeq(node) ? convertSeq(node, pointer, depth + 1, st) : null;
  st.active.delete(node);
  return value;
}

/**
 * Converts the composed YAML tree into plain data and fills the source map.
 * Mappings become null-prototype objects whose keys are defined as ordinary
 * data properties, so "__proto__", "constructor" or "prototype" in a policy
 * can never reach a prototype. Duplicate keys are reported at the second
 * occurrence (the first one is kept), tagged scalars read as if untagged,
 * aliases expanded with a recursion guard and a node budget.
 */
export function toData(root: Node | null, options: ToDataOptions): { data: unknown; diagnostics: Diagnostic[] } {
  const st: State = { ...options, diagnostics: [], anchors: new Map(), active: new Set(), inAlias: 0, resolved: new Map(), nodes: 0, stopped: false };
  const data = convert(root, '', 0, st);
  if (root) st.sourceMap.set('', rangeOf(root, [0, 0]));
  return { data, diagnostics: st.diagnostics };
}
