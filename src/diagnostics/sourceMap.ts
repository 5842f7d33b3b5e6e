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

export class SourceMap {
  /** pointer -> slot; slot i holds [valueStart, valueEnd, keyStart, keyEnd] at 4i (keyStart -1: no key). */
  private readonly slots = new Map<string, number>();
  private offsets: Int32Array = new Int32Array(1024);

  /** @param lineStarts offsets at which each line starts (yaml's LineCounter.lineStarts), ascending. */
  constructor(private readonly lineStarts: readonly number[] = [0]) {}

  set(pointer: string, value: OffsetRange, key?: OffsetRange): void {
    let slot = this.slots.get(pointer);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(pointer, slot);
      if (slot * 4 + 4 > this.offsets.length) {
        const grown = new Int32Array(this.offsets.length * 2);
        grown.set(this.offsets);
        this.offsets = grown;
      }
    }
    const o = this.offsets;
    const i = slot * 4;
    o[i] = value[0];
    o[i + 1] = value[1];
    o[i + 2] = key ? key[0] : -1;
    o[i + 3] = key ? key[1] : -1;
  }

  has(pointer: string): boolean {
    return this.slots.has(pointer);
  }

  get(pointer: string): SourceEntry | undefined {
    const slot = this.slots.get(pointer);
    if (slot === undefined) return undefined;
    const o = this.offsets;
    const i = slot * 4;
    const value: OffsetRange = [o[i], o[i + 1]];
    return o[i + 2] < 0 ? { value } : { value, key: [o[i + 2], o[i + 3]] };
  }

  get size(): number {
    return this.slots.size;
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
