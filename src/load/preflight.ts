import type { CST } from 'yaml';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { loadDiagnostic } from './loadDiagnostic.js';
import { MAX_LOAD_DIAGNOSTICS_PER_CODE, type LoadLimits } from './loadLimits.js';

export interface PreflightResult {
  diagnostics: Diagnostic[];
  /** Nesting or node count is over the limit: the document must not be composed or converted. */
  unsafe: boolean;
  /** Alias count is over the limit: the document may be composed but aliases must not be expanded. */
  tooManyAliases: boolean;
}

interface Frame {
  token: CST.Token;
  depth: number;
}

interface State extends PreflightResult {
  nodes: number;
  aliases: number;
  tags: number;
}

const TAG_HINT = 'Delete the tag: otpc reads the value as written without it (10.20.1.11 stays text, 5 a number) and checks the rest of the policy.';
const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);
const SCALARS = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar']);

function scanTags(tokens: readonly CST.Token[] | undefined, st: State, file: string, pos: (o: number) => SourcePosition): void {
  for (const t of tokens ?? []) {
    if (t.type !== 'tag' || st.tags++ >= MAX_LOAD_DIAGNOSTICS_PER_CODE) continue;
    const message = `explicit tag "${t.source.slice(0, 40)}" is not allowed; policy files use plain YAML 1.2 values (the value is read as if it had no tag)`;
    const d = loadDiagnostic('OTPC105', file, pos(t.offset), message, pos(t.offset + t.source.length));
    d.hint = TAG_HINT;
    st.diagnostics.push(d);
  }
}

function pushItems(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection, depth: number, stack: Frame[], st: State, file: string, pos: (o: number) => SourcePosition): void {
  // pushed in reverse so that they are popped (and reported) in document order
  for (let i = token.items.length - 1; i >= 0; i--) {
    const item = token.items[i] as CST.CollectionItem;
    if (item.value) stack.push({ token: item.value, depth });
    if (item.key) stack.push({ token: item.key, depth });
  }
  for (const item of token.items as CST.CollectionItem[]) {
    scanTags(item.start, st, file, pos);
    scanTags(item.sep, st, file, pos);
  }
}

/**
 * Checks the concrete syntax tree before anything is composed or expanded:
 * nesting depth, node count, alias count and explicit tags. Iterative, so a
 * hostile 100,000-deep "[[[[..." cannot exhaust the stack, and alias bombs are
 * rejected by counting `*alias` tokens, never by expanding them.
 */
export function preflight(tokens: readonly CST.Token[], file: string, limits: LoadLimits, pos: (o: number) => SourcePosition): PreflightResult {
  const st: State = { diagnostics: [], unsafe: false, tooManyAliases: false, nodes: 0, aliases: 0, tags: 0 };
  const stack: Frame[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const doc = tokens[i];
    if (doc.type !== 'document') continue;
    if (doc.value) stack.push({ token: doc.value, depth: 0 });
  }
  for (const doc of tokens) if (doc.type === 'document') scanTags(doc.start, st, file, pos);
  let deepReports = 0;
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as Frame;
    if (COLLECTIONS.has(token.type)) {
      st.nodes++;
      const coll = token as CST.BlockMap | CST.BlockSequence | CST.FlowCollection;
      if (depth + 1 > limits.maxDepth) {
        st.unsafe = true;
        if (deepReports++ < MAX_LOAD_DIAGNOSTICS_PER_CODE) {
          const message = `the document is nested more than ${limits.maxDepth} levels deep`;
          st.diagnostics.push(loadDiagnostic('OTPC108', file, pos(coll.offset), message));
        }
        continue;
      }
      pushItems(coll, depth + 1, stack, st, file, pos);
    } else if (SCALARS.has(token.type)) {
      st.nodes++;
      if (token.type === 'block-scalar') scanTags(token.props, st, file, pos);
    } else if (token.type === 'alias') {
      st.nodes++;
      if (++st.aliases === limits.maxAliases + 1) {
        st.tooManyAliases = true;
        const message = `the document uses more than ${limits.maxAliases} aliases (this is alias number ${st.aliases}, ${token.source.slice(0, 40)}); alias bombs are rejected`;
        st.diagnostics.push(loadDiagnostic('OTPC106', file, pos(token.offset), message, pos(token.offset + token.source.length)));
      }
    }
    if (st.nodes > limits.maxNodes) {
      st.unsafe = true;
      const message = `the document has more than ${limits.maxNodes} YAML nodes`;
      st.diagnostics.push(loadDiagnostic('OTPC111', file, pos(token.offset), message));
      break;
    }
  }
  return { diagnostics: st.diagnostics, unsafe: st.unsafe, tooManyAliases: st.tooManyAliases };
}
