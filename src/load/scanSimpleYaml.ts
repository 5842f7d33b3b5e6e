import { CST } from 'yaml';
import { SourceMap } from '../diagnostics/sourceMap.js';
import { coreScalar } from './coreScalar.js';
import { scanBlockScalar } from './scanBlockScalar.js';
import { isNeedsReference, needsReference } from './needsReference.js';
import type { LoadLimits } from './loadLimits.js';
import { setOwn } from './setOwn.js';

/**
 * The loader's fastest path: one pass over the text, for the plain block style that
 * generated and most hand-written policies use, straight to the data and source map the
 * reference path (yaml's Lexer, Parser and Composer, then toData) produces for them. At
 * 3.8 MB the yaml Lexer and Parser alone take over a second, building 1.3 million CST
 * tokens; this pass builds none.
 *
 * The subset, everything else makes it give up (`needsReference`) so that cstToData or the
 * reference path answers:
 * - one document, no `---`/`...`/directives, no tabs or byte-order marks anywhere (LF or CRLF);
 * - a block mapping at column 0 as the top level; nested block mappings and sequences
 *   (a sequence may sit at its key's column), `- key: value` compact mappings in sequences;
 * - keys: plain or quoted scalars on one line, `:` directly after them; every key has a
 *   value on its line or a nested collection on the following lines (no empty values);
 * - values: plain or quoted scalars on one line, one-line flow collections of those, and
 *   block scalars with a plain header (`|`, `|-`, `>`, `>-`; no "+", no indentation digit);
 * - comments at the end of lines (after a space) and on lines of their own, blank lines;
 * - no anchors, aliases, tags, block scalars, explicit keys or duplicate keys.
 *
 * Positions: a value's range is [start, end) of its text (a collection: from its first
 * key or "-" to the end of its last value's line). What needs care is where yaml's Parser
 * (yaml/dist/parse/parser.js) puts comment and blank lines, because a collection's end
 * ("range[2]" in the Composer) moves with them and its parent's range ends there:
 * - a comment line indented deeper than the innermost collection, after a one-line value
 *   (not a block scalar) and only blank lines, belongs to that value
 *   (Parser.atIndentedComment): the value ends after it;
 * - other comment and blank lines wait for the next line; when that line closes a
 *   collection they move out to its parent, unless one of the comments is at or right of
 *   the collection's column (and the column is not 0): then they stay, and the collection
 *   ends after them (the trailing-item rule at the end of Parser.pop()).
 * test/load/fastPath.test.ts checks all of this against the reference on every YAML file
 * in the repository and on random documents.
 */

const CR = 0x0d;
const SP = 0x20;
const HASH = 0x23;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COMMA = 0x2c;
const DASH = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const QMARK = 0x3f;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const PIPE = 0x7c;
const GT = 0x3e;

/** Characters that start other syntax, or that a plain scalar may not start with (resolve-flow-scalar.js plainValue). */
const NOT_PLAIN_START = new Uint8Array(128);
for (const c of '#{}[]*"\'|>!&%@`,') NOT_PLAIN_START[c.charCodeAt(0)] = 1;
const FLOW_INDICATOR = new Uint8Array(128);
for (const c of ',[]{}') FLOW_INDICATOR[c.charCodeAt(0)] = 1;

interface Collection {
  seq: boolean;
  indent: number;
  /** Nesting level: the top-level mapping is 1 (as toData and preflight count). */
  level: number;
  map: Record<string, unknown>;
  items: unknown[];
  /** Its entry in the source map (a tree slot: no pointer strings are built while scanning). */
  slot: number;
  start: number;
  /** The Composer's `offset`: where the last value's node ends (range[2]). */
  end: number;
  /** The key range of this collection in its parent mapping; -1: a sequence item or the top level. */
  keyStart: number;
  keyEnd: number;
}

class Scanner {
  private readonly n: number;
  private readonly stack: Collection[] = [];
  private nodes = 0;
  /** After `key:` at the end of a line: the nested collection follows. */
  private awaiting = false;
  private awaitName = '';
  private awaitKeyStart = 0;
  private awaitKeyEnd = 0;
  /** The last value is on one line (a block scalar has no end tokens a comment could join). */
  private lastInline = false;
  /** Where the next line starts: after a block scalar, after its body. */
  private resume = 0;
  /** Comment and blank lines waiting for the next line: the rightmost comment column (-1: no comment yet), and their end. */
  private pendingColumn = -1;
  private pendingEnd = 0;
  /** Registers: the range of the value read last, the text of the scalar read last, where a flow collection ended. */
  private r0 = 0;
  private r1 = 0;
  private str = '';

  constructor(private readonly text: string, private readonly limits: LoadLimits, private readonly sourceMap: SourceMap, private readonly lineStarts: number[]) {
    this.n = text.length;
  }

  scan(): unknown {
    const { text, n } = this;
    if (text.includes('\t') || text.includes('\uFEFF')) needsReference();
    let pos = 0;
    while (pos < n) {
      let le = text.indexOf('\n', pos);
      let next: number;
      if (le < 0) next = le = n;
      else {
        next = le + 1;
        this.lineStarts.push(next);
        // CRLF: the lexer's newline token is "\r\n", lines and comments end before the CR
        // (decodeInput has turned every lone CR into LF)
        if (le > pos && text.charCodeAt(le - 1) === CR) le--;
      }
      let cs = pos;
      while (cs < le && text.charCodeAt(cs) === SP) cs++;
      this.resume = next;
      if (cs === le) this.blankLine(next);
      else if (text.charCodeAt(cs) === HASH) this.commentLine(cs - pos, next);
      else this.contentLine(pos, cs, le, next);
      pos = this.resume;
    }
    if (this.stack.length === 0 || this.awaiting) needsReference();
    const root = this.stack[0].map;
    while (this.stack.length > 0) this.close();
    return root;
  }

  private count(): void {
    if (++this.nodes > this.limits.maxNodes) needsReference();
  }

  private top(): Collection {
    return this.stack[this.stack.length - 1];
  }

  private blankLine(next: number): void {
    if (!this.awaiting && this.pendingColumn >= 0) this.pendingEnd = next;
  }

  private commentLine(column: number, next: number): void {
    // before the document, and between `key:` and its nested collection, comments change no range
    if (this.stack.length === 0 || this.awaiting) return;
    const top = this.top();
    if (this.pendingColumn < 0 && column > top.indent && this.lastInline) {
      top.end = next; // Parser.atIndentedComment: the comment joins the last value's end
      return;
    }
    if (column > this.pendingColumn) this.pendingColumn = column;
    this.pendingEnd = next;
  }

  /** Closes the innermost collection: its source map entry, and where its parent's last value now ends. */
  private close(): void {
    const coll = this.stack.pop() as Collection;
    let end = coll.end;
    if (this.pendingColumn >= 0 && coll.indent !== 0 && this.pendingColumn >= coll.indent) {
      end = this.pendingEnd; // the comment lines stay in this collection
      this.pendingColumn = -1;
    }
    this.sourceMap.setSlot(coll.slot, coll.start, coll.end, coll.keyStart, coll.keyEnd);
    if (this.stack.length > 0) this.top().end = end;
  }

  /** A block collection starting at `start`, under `parent` (-1: the top level) at `segment`. */
  private open(seq: boolean, indent: number, start: number, parent: number, segment: string | number, keyStart: number, keyEnd: number, level: number): Collection {
    if (level > this.limits.maxDepth) needsReference();
    this.count();
    const slot = parent < 0 ? this.sourceMap.addRoot() : this.sourceMap.addChild(parent, segment);
    const map = seq ? (null as unknown as Record<string, unknown>) : (Object.create(null) as Record<string, unknown>);
    const coll: Collection = { seq, indent, level, map, items: seq ? [] : (null as unknown as unknown[]), slot, start, end: start, keyStart, keyEnd };
    this.stack.push(coll);
    return coll;
  }

  private isSeqItem(at: number, le: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === le || this.text.charCodeAt(at + 1) === SP);
  }

  private contentLine(ls: number, cs: number, le: number, next: number): void {
    const column = cs - ls;
    if (column === 0 && this.isDocumentMarker(cs, le)) needsReference();
    if (this.stack.length === 0) {
      if (column !== 0) needsReference();
      this.mapLine(this.open(false, 0, cs, -1, '', -1, -1, 1), cs, le, next);
      return;
    }
    if (this.awaiting) {
      this.nested(ls, cs, le, next);
      return;
    }
    let top = this.top();
    if (column > top.indent) needsReference(); // a continuation line, or an error
    if (this.pendingColumn >= 0 && column > 0) this.pendingEnd = cs; // the line's indentation joins them
    while (top.indent > column) {
      this.close();
      top = this.top();
    }
    const item = this.isSeqItem(cs, le);
    if (top.seq && top.indent === column && !item) {
      // a key at the column of a sequence: the sequence was the value of the mapping at that column
      const parent = this.stack[this.stack.length - 2];
      if (!parent || parent.seq || parent.indent !== column) needsReference();
      this.close();
      top = parent;
    }
    if (top.indent !== column || top.seq !== item) needsReference();
    this.pendingColumn = -1;
    if (item) this.seqLine(top, ls, cs, le, next);
    else this.mapLine(top, cs, le, next);
  }

  /** The first line of the collection nested under `key:`. */
  private nested(ls: number, cs: number, le: number, next: number): void {
    const top = this.top();
    const column = cs - ls;
    const item = this.isSeqItem(cs, le);
    if (!(column > top.indent || (column === top.indent && item))) needsReference(); // an empty value
    this.awaiting = false;
    const coll = this.open(item, column, cs, top.slot, this.awaitName, this.awaitKeyStart, this.awaitKeyEnd, top.level + 1);
    setOwn(top.map, this.awaitName, item ? coll.items : coll.map);
    this.pendingColumn = -1;
    if (item) this.seqLine(coll, ls, cs, le, next);
    else this.mapLine(coll, cs, le, next);
  }

  private isDocumentMarker(cs: number, le: number): boolean {
    const c = this.text.charCodeAt(cs);
    if (c !== DASH && c !== DOT) return false;
    const marker = this.text.startsWith('---', cs) || this.text.startsWith('...', cs);
    return marker && (cs + 3 >= le || this.text.charCodeAt(cs + 3) === SP);
  }

  /** `key: value`, `key:` or `key: # comment` at `cs`. */
  private mapLine(coll: Collection, cs: number, le: number, next: number): void {
    const colon = this.key(cs, le, false);
    if (colon - cs > 1000) needsReference(); // KEY_OVER_1024_CHARS, with a margin
    this.count();
    const name = this.str;
    if (name in coll.map) needsReference(); // a duplicate key: the reference reports it
    const p = this.skipSpaces(colon + 1, le);
    if (p === le || this.text.charCodeAt(p) === HASH) {
      this.awaiting = true;
      this.awaitName = name;
      this.awaitKeyStart = cs;
      this.awaitKeyEnd = colon;
      return;
    }
    const slot = this.sourceMap.addChild(coll.slot, name);
    setOwn(coll.map, name, this.value(p, le, next, slot, coll));
    this.sourceMap.setSlot(slot, this.r0, this.r1, cs, colon);
    coll.end = this.resume;
  }

  /** `- value` or `- key: value...` at `cs`. */
  private seqLine(seq: Collection, ls: number, cs: number, le: number, next: number): void {
    const p = this.skipSpaces(cs + 1, le);
    if (p === le || this.text.charCodeAt(p) === HASH || this.isSeqItem(p, le)) needsReference(); // empty or nested item
    if (this.isKey(p, le)) {
      const map = this.open(false, p - ls, p, seq.slot, seq.items.length, -1, -1, seq.level + 1);
      seq.items.push(map.map);
      this.mapLine(map, p, le, next);
      return;
    }
    const slot = this.sourceMap.addChild(seq.slot, seq.items.length);
    seq.items.push(this.value(p, le, next, slot, seq));
    this.sourceMap.setSlot(slot, this.r0, this.r1, -1, -1);
    seq.end = this.resume;
  }

  private skipSpaces(at: number, le: number): number {
    let i = at;
    while (i < le && this.text.charCodeAt(i) === SP) i++;
    return i;
  }

  /** The value of a `key:` or `- ` in `coll`: a block scalar, or a value on its line. */
  private value(p: number, le: number, next: number, slot: number, coll: Collection): unknown {
    const c = this.text.charCodeAt(p);
    if (c === PIPE || c === GT) {
      this.lastInline = false;
      this.count();
      return this.blockScalar(p, le, next, coll.indent);
    }
    this.lastInline = true;
    return this.inlineValue(p, le, slot, coll.level);
  }

  /** A block scalar at `p` (scanBlockScalar); the lines of its body count as lines. */
  private blockScalar(p: number, le: number, next: number, indent: number): string {
    const { value, end } = scanBlockScalar(this.text, p, le, next, indent);
    for (let k = this.text.indexOf('\n', next); k >= 0 && k < end; k = this.text.indexOf('\n', k + 1)) this.lineStarts.push(k + 1);
    this.r0 = p;
    this.r1 = end;
    this.resume = end;
    return value;
  }

  /** A scalar value, or a flow collection, and nothing but a comment after it on the line. */
  private inlineValue(p: number, le: number, slot: number, level: number): unknown {
    const value = this.flowValue(p, le, slot, level, false);
    const rest = this.skipSpaces(this.r1, le);
    if (rest !== le && !(this.text.charCodeAt(rest) === HASH && rest > this.r1)) needsReference();
    return value;
  }

  /** A scalar or flow collection at `p`, whose source map entry is `slot`; its range is left in r0, r1. */
  private flowValue(p: number, le: number, slot: number, level: number, inFlow: boolean): unknown {
    const c = this.text.charCodeAt(p);
    if (c === LBRACKET || c === LBRACE) {
      const value = this.flow(p, le, slot, level + 1);
      this.r0 = p;
      return value;
    }
    this.count();
    if (c === DQUOTE || c === SQUOTE) {
      const end = this.quoted(p, le);
      this.r0 = p;
      this.r1 = end;
      return this.str;
    }
    if (!this.plainStart(p, le, inFlow)) needsReference();
    const end = this.plain(p, le, inFlow);
    this.r0 = p;
    this.r1 = end;
    return coreScalar(this.text.slice(p, end));
  }

  /** A one-line flow collection at `p`: its value, with r1 after its closing bracket. */
  private flow(p: number, le: number, slot: number, level: number): unknown {
    if (level > this.limits.maxDepth) needsReference();
    this.count();
    const isMap = this.text.charCodeAt(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const map = isMap ? (Object.create(null) as Record<string, unknown>) : undefined;
    const items: unknown[] = [];
    let q = this.skipSpaces(p + 1, le);
    if (q < le && this.text.charCodeAt(q) === close) {
      this.r1 = q + 1;
      return map ?? items;
    }
    for (;;) {
      if (q >= le) needsReference();
      if (map) q = this.flowPair(map, q, le, slot, level);
      else {
        const item = this.sourceMap.addChild(slot, items.length);
        items.push(this.flowValue(q, le, item, level, true));
        this.sourceMap.setSlot(item, this.r0, this.r1, -1, -1);
        q = this.r1;
      }
      q = this.skipSpaces(q, le);
      const c = q < le ? this.text.charCodeAt(q) : -1;
      if (c === close) {
        this.r1 = q + 1;
        return map ?? items;
      }
      if (c !== COMMA) needsReference();
      q = this.skipSpaces(q + 1, le);
      if (q < le && (this.text.charCodeAt(q) === close || this.text.charCodeAt(q) === COMMA)) needsReference();
    }
  }

  /** `key: value` in a flow mapping; returns where the value ends. */
  private flowPair(map: Record<string, unknown>, q: number, le: number, parent: number, level: number): number {
    const colon = this.key(q, le, true);
    if (colon + 1 >= le || this.text.charCodeAt(colon + 1) !== SP) needsReference();
    this.count();
    const name = this.str;
    if (name in map) needsReference();
    const slot = this.sourceMap.addChild(parent, name);
    setOwn(map, name, this.flowValue(this.skipSpaces(colon + 1, le), le, slot, level, true));
    this.sourceMap.setSlot(slot, this.r0, this.r1, q, colon);
    return this.r1;
  }

  /** Whether a key (a scalar and `: ` or `:` at the line end) starts at `p`. */
  private isKey(p: number, le: number): boolean {
    const c = this.text.charCodeAt(p);
    let end: number;
    if (c === DQUOTE || c === SQUOTE) end = this.quoted(p, le);
    else if (this.plainStart(p, le, false)) end = this.plain(p, le, false);
    else return false;
    return end < le && this.text.charCodeAt(end) === COLON && (end + 1 === le || this.text.charCodeAt(end + 1) === SP);
  }

  /** A key at `p` followed directly by `:` and a space or the line end; returns the colon's offset, the key in `str`. */
  private key(p: number, le: number, inFlow: boolean): number {
    const c = this.text.charCodeAt(p);
    let end: number;
    if (c === DQUOTE || c === SQUOTE) end = this.quoted(p, le);
    else {
      if (!this.plainStart(p, le, inFlow)) needsReference();
      end = this.plain(p, le, inFlow);
      this.str = this.text.slice(p, end);
    }
    if (end >= le || this.text.charCodeAt(end) !== COLON) needsReference();
    if (end + 1 < le && this.text.charCodeAt(end + 1) !== SP) needsReference();
    return end;
  }

  /** Lexer.parseDocument / parseFlowCollection: what starts a plain scalar rather than other syntax. */
  private plainStart(p: number, le: number, inFlow: boolean): boolean {
    const c = this.text.charCodeAt(p);
    if (c < 128 && NOT_PLAIN_START[c]) return false;
    if (c === DASH || c === QMARK || c === COLON) {
      if (p + 1 >= le) return false;
      const next = this.text.charCodeAt(p + 1);
      if (next === SP || (inFlow && next < 128 && FLOW_INDICATOR[next])) return false;
    }
    return true;
  }

  /**
   * Lexer.parsePlainScalar on one line: ends before ": " (or ":" at the line end, or before
   * a flow indicator in a flow collection), before " #", and in a flow collection at a flow
   * indicator. Returns the end of its text, trailing spaces excluded.
   */
  private plain(p: number, le: number, inFlow: boolean): number {
    const text = this.text;
    let end = p;
    for (let i = p; i < le; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) {
        const next = i + 1 < le ? text.charCodeAt(i + 1) : SP;
        if (next === SP || (inFlow && next < 128 && FLOW_INDICATOR[next])) break;
      } else if (c === SP) {
        const next = i + 1 < le ? text.charCodeAt(i + 1) : SP;
        if (next === HASH || (inFlow && next < 128 && FLOW_INDICATOR[next])) break;
        continue;
      } else if (inFlow && c < 128 && FLOW_INDICATOR[c]) break;
      end = i + 1;
    }
    return end;
  }

  /**
   * A quoted scalar closed on its own line (Lexer.parseQuotedScalar finds the same closing
   * quote); its value in `str`, resolved by yaml's own resolveFlowScalar when it has escapes.
   * Returns the offset after the closing quote.
   */
  private quoted(p: number, le: number): number {
    const text = this.text;
    const quote = text.charCodeAt(p);
    let close: number;
    if (quote === SQUOTE) {
      close = text.indexOf("'", p + 1);
      while (close !== -1 && text.charCodeAt(close + 1) === SQUOTE) close = text.indexOf("'", close + 2);
    } else {
      close = text.indexOf('"', p + 1);
      while (close !== -1) {
        let backslashes = 0;
        while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
        close = text.indexOf('"', close + 1);
      }
    }
    if (close < 0 || close >= le) needsReference(); // unclosed, or over several lines
    const inner = text.slice(p + 1, close);
    if (quote === SQUOTE) this.str = inner.includes("''") ? inner.replace(/''/g, "'") : inner;
    else if (!inner.includes('\\')) this.str = inner;
    else {
      const token = { type: 'double-quoted-scalar' as const, offset: p, indent: 0, source: text.slice(p, close + 1) };
      this.str = (CST.resolveAsScalar(token, true, needsReference) as { value: string }).value;
    }
    return close + 1;
  }
}

/**
 * The policy document and its source map when the text is in the plain block subset
 * described above; undefined when yaml's Parser must read it (anything else, any error).
 */
export function scanSimpleYaml(text: string, limits: LoadLimits): { data: unknown; sourceMap: SourceMap } | undefined {
  const lineStarts = [0];
  const sourceMap = new SourceMap(lineStarts);
  try {
    const data = new Scanner(text, limits, sourceMap, lineStarts).scan();
    return { data, sourceMap };
  } catch (e) {
    if (isNeedsReference(e) || e instanceof RangeError) return undefined;
    throw e;
  }
}
