import type { SourcePosition, SourceRange } from './diagnostic.js';

/**
 * Positions of the policy document, kept in a side table keyed by RFC 6901 JSON
 * pointer (STYLE 3: never injected into the data, as Aerleon warns against).
 * Offsets are stored as numbers and turned into 1-based line:column only when a
 * diagnostic is printed, so building the table for ~100k nodes stays cheap.
 */

/** [start, end) character offsets in the (BOM-stripped) text. */
export type OffsetRange = readonly [number, number];

export interface SourceEntry {
  value: OffsetRange;
  /** For mapping entries: the key's own range. */
  key?: OffsetRange;
}

export type LocatePreference = 'key' | 'value';

/** Escape one reference token (RFC 6901 section 3: "~" -> "~0", "/" -> "~1"). */
export function escapePointerSegment(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Append one segment to a pointer: joinPointer('/zones', 'a/b') === '/zones/a~1b'. */
export function joinPointer(base: string, segment: string | number): string {
  return `${base}/${escapePointerSegment(String(segment))}`;
}

/** Split a pointer into unescaped segments ('' -> []). */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer of the parent node ('' for the root and its children). */
export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

/** Grow a typed array to hold at least `n` elements (doubling). */
function ensure(a: Int32Array, n: number): Int32Array {
  if (n <= a.length) return a;
  const grown = new Int32Array(Math.max(n, a.length * 2));
  grown.set(a);
  return grown;
}

const CANONICAL_INDEX = /^(?:0|[1-9][0-9]*)$/;
/** A reference token as escapePointerSegment writes it: every "~" followed by 0 or 1. */
const CANONICAL_TOKEN = /^(?:[^~]|~[01])*$/;

export class SourceMap {
  /** pointer -> slot, for entries added by pointer (set, setOffsets). */
  private readonly slots = new Map<string, number>();
  /** slot i holds [valueStart, valueEnd, keyStart, keyEnd] at 4i (keyStart -1: no key). */
  private offsets: Int32Array = new Int32Array(1024);
  private count = 0;
  /**
   * Entries added as a tree (addRoot, addChild): no pointer string is built while loading;
   * a pointer is resolved by walking from the root, through child indexes built on first use.
   * parent / first child / next sibling per slot, -1 for none.
   */
  private treeRoot = -1;
  private parents: Int32Array = new Int32Array(0);
  private firstChild: Int32Array = new Int32Array(0);
  private lastChild: Int32Array = new Int32Array(0);
  private nextSibling: Int32Array = new Int32Array(0);
  private segments: (string | number)[] = [];
  private readonly childIndex = new Map<number, Map<string, number> | number[]>();

  /** @param lineStarts offsets at which each line starts (yaml's LineCounter.lineStarts), ascending. */
  constructor(private readonly lineStarts: readonly number[] = [0]) {}

  private newSlot(): number {
    const slot = this.count++;
    this.offsets = ensure(this.offsets, slot * 4 + 4);
    return slot;
  }

  set(pointer: string, value: OffsetRange, key?: OffsetRange): void {
    if (key) this.setOffsets(pointer, value[0], value[1], key[0], key[1]);
    else this.setOffsets(pointer, value[0], value[1], -1, -1);
  }

  /** As `set`, from plain offsets (keyStart -1: no key): the loader's fast path allocates no range arrays. */
  setOffsets(pointer: string, valueStart: number, valueEnd: number, keyStart: number, keyEnd: number): void {
    let slot = this.slots.get(pointer);
    if (slot === undefined) {
      slot = this.newSlot();
      this.slots.set(pointer, slot);
    }
    this.setSlot(slot, valueStart, valueEnd, keyStart, keyEnd);
  }

  /** The offsets of an entry added with addRoot or addChild. */
  setSlot(slot: number, valueStart: number, valueEnd: number, keyStart: number, keyEnd: number): void {
    const o = this.offsets;
    const i = slot * 4;
    o[i] = valueStart;
    o[i + 1] = valueEnd;
    o[i + 2] = keyStart;
    o[i + 3] = keyEnd;
  }

  private addTreeSlot(parent: number, segment: string | number): number {
    const slot = this.newSlot();
    const n = slot + 1;
    this.parents = ensure(this.parents, n);
    this.firstChild = ensure(this.firstChild, n);
    this.lastChild = ensure(this.lastChild, n);
    this.nextSibling = ensure(this.nextSibling, n);
    this.parents[slot] = parent;
    this.firstChild[slot] = -1;
    this.lastChild[slot] = -1;
    this.nextSibling[slot] = -1;
    this.segments[slot] = segment;
    if (parent >= 0) {
      const last = this.lastChild[parent];
      if (last < 0) this.firstChild[parent] = slot;
      else this.nextSibling[last] = slot;
      this.lastChild[parent] = slot;
    }
    return slot;
  }

  /** The entry of pointer "" as the root of a tree of entries; returns its slot (offsets: setSlot). */
  addRoot(): number {
    this.treeRoot = this.addTreeSlot(-1, '');
    return this.treeRoot;
  }

  /**
   * The entry of a mapping key (a string) or sequence index (a number) under `parent`:
   * the entry whose pointer is joinPointer(pointer of parent, segment). Returns its slot.
   * A parent's children are all keys or all indexes, indexes added in order from 0.
   */
  addChild(parent: number, segment: string | number): number {
    return this.addTreeSlot(parent, segment);
  }

  /** The children of a tree slot by key (a mapping) or by index (a sequence), built on first use. */
  private childrenOf(slot: number): Map<string, number> | number[] {
    let index = this.childIndex.get(slot);
    if (index) return index;
    const first = this.firstChild[slot];
    if (first >= 0 && typeof this.segments[first] === 'number') {
      const items: number[] = [];
      for (let c = first; c >= 0; c = this.nextSibling[c]) items.push(c);
      index = items;
    } else {
      const keys = new Map<string, number>();
      for (let c = first; c >= 0; c = this.nextSibling[c]) keys.set(this.segments[c] as string, c);
      index = keys;
    }
    this.childIndex.set(slot, index);
    return index;
  }

  /** A child slot by its escaped reference token, -1 when there is none. */
  private child(slot: number, token: string): number {
    const children = this.childrenOf(slot);
    if (Array.isArray(children)) return CANONICAL_INDEX.test(token) && Number(token) < children.length ? children[Number(token)] : -1;
    if (!CANONICAL_TOKEN.test(token)) return -1;
    return children.get(token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token) ?? -1;
  }

  /** The tree slot of a pointer, -1 when there is none (exactly the pointers joinPointer builds). */
  private walk(pointer: string): number {
    if (this.treeRoot < 0) return -1;
    if (pointer === '') return this.treeRoot;
    if (pointer[0] !== '/') return -1;
    let slot = this.treeRoot;
    for (let at = 1; ; ) {
      const end = pointer.indexOf('/', at);
      slot = this.child(slot, pointer.slice(at, end < 0 ? pointer.length : end));
      if (slot < 0 || end < 0) return slot;
      at = end + 1;
    }
  }

  private slotOf(pointer: string): number {
    const slot = this.slots.get(pointer);
    return slot === undefined ? this.walk(pointer) : slot;
  }

  has(pointer: string): boolean {
    return this.slotOf(pointer) >= 0;
  }

  get(pointer: string): SourceEntry | undefined {
    const slot = this.slotOf(pointer);
    if (slot < 0) return undefined;
    const o = this.offsets;
    const i = slot * 4;
    const value: OffsetRange = [o[i], o[i + 1]];
    return o[i + 2] < 0 ? { value } : { value, key: [o[i + 2], o[i + 3]] };
  }

  get size(): number {
    return this.count;
  }

  /** Every pointer with an entry, in the order the entries were added (for tests and tools). */
  pointers(): string[] {
    const bySlot: string[] = new Array<string>(this.count);
    for (const [pointer, slot] of this.slots) bySlot[slot] = pointer;
    for (let slot = 0; slot < this.segments.length; slot++) {
      const segment = this.segments[slot];
      if (segment === undefined) continue;
      const parent = this.parents[slot];
      bySlot[slot] = parent < 0 ? '' : joinPointer(bySlot[parent], segment);
    }
    return bySlot;
  }

  /** 1-based line and column (UTF-16 code units) of a character offset. */
  position(offset: number): SourcePosition {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts.length > 0 ? starts[lo] : 0;
    return { line: lo + 1, col: offset - lineStart + 1 };
  }

  range(offsets: OffsetRange): SourceRange {
    return { start: this.position(offsets[0]), end: this.position(Math.max(offsets[0], offsets[1])) };
  }

  /**
   * The range of the node at `pointer`; when the path does not exist (a missing
   * required key, a pointer into a value of the wrong type) the range of the
   * closest existing ancestor, as Spectral does.
   */
  locate(pointer: string, prefer: LocatePreference = 'value'): SourceRange | undefined {
    let p = pointer;
    for (;;) {
      const entry = this.get(p);
      if (entry) return this.range(prefer === 'key' && entry.key ? entry.key : entry.value);
      if (p === '') return undefined;
      p = parentPointer(p);
    }
  }
}
