import { formatAddress } from '../model/ip.js';
import type { FlowRecord } from './flowRecord.js';
import { formatIPv4 } from './parseFields.js';
import { TRANSPORTS } from './types.js';
import type { Addr, ObservedFlow } from './types.js';

/** Mixes the three 32-bit key words (multiplicative hashing; linear probing needs the low bits well spread). */
function hash(s: number, d: number, tp: number): number {
  const h = Math.imul(s, 0x9e3779b1) ^ Math.imul(d ^ (d >>> 15), 0x85ebca77) ^ Math.imul(tp, 0xc2b2ae3d);
  return h ^ (h >>> 16);
}

/**
 * Aggregates flow records by (src, dst, transport, dport). IPv4 keys live in an
 * open-addressing hash table over Int32Arrays (no string or object per record: the
 * hot path of a multi-million-line baseline); IPv6 keys in a Map. Memory grows with
 * the number of distinct keys, never with the number of records.
 */
export class FlowTable {
  private slots = new Int32Array(1 << 12);
  private keys = new Int32Array(3 << 12);
  private mask = (1 << 12) - 1;
  private size = 0;
  private src = new Int32Array(1024);
  private dst = new Int32Array(1024);
  private tp = new Int32Array(1024);
  private num = new Float64Array(1024 * 5);
  private readonly v6 = new Map<string, number>();
  private readonly v6addr = new Map<number, [string, bigint, string, bigint]>();
  private readonly ops = new Map<number, Set<number>>();

  get distinct(): number {
    return this.size;
  }

  add(r: FlowRecord): void {
    const tp = (r.transport << 16) | r.dport;
    const e = r.srcV4 >= 0 ? this.entryV4(r.srcV4 | 0, r.dstV4 | 0, tp) : this.entryV6(r, tp);
    const n = this.num;
    const o = e * 5;
    n[o] += r.count;
    n[o + 1] += r.packets;
    n[o + 2] += r.bytes;
    if (r.first === r.first && !(r.first >= n[o + 3])) n[o + 3] = r.first;
    if (r.last === r.last && !(r.last <= n[o + 4])) n[o + 4] = r.last;
    if (r.ops !== null) {
      let set = this.ops.get(e);
      if (!set) this.ops.set(e, (set = new Set()));
      for (const op of r.ops) set.add(op);
    }
  }

  private entryV4(s: number, d: number, tp: number): number {
    let i = hash(s, d, tp) & this.mask;
    for (;;) {
      const slot = this.slots[i];
      if (slot === 0) break;
      const k = i * 3;
      if (this.keys[k] === s && this.keys[k + 1] === d && this.keys[k + 2] === tp) return slot - 1;
      i = (i + 1) & this.mask;
    }
    const e = this.newEntry(s, d, tp);
    this.slots[i] = e + 1;
    const k = i * 3;
    this.keys[k] = s; this.keys[k + 1] = d; this.keys[k + 2] = tp;
    if (this.size * 2 > this.mask) this.rehash();
    return e;
  }

  private entryV6(r: FlowRecord, tp: number): number {
    const key = `${r.src6}|${r.dst6}|${tp}`;
    const known = this.v6.get(key);
    if (known !== undefined) return known;
    const e = this.newEntry(0, 0, tp);
    this.v6.set(key, e);
    this.v6addr.set(e, [r.src6, r.src6v, r.dst6, r.dst6v]);
    return e;
  }

  private newEntry(s: number, d: number, tp: number): number {
    if (this.size === this.src.length) this.growEntries();
    const e = this.size++;
    this.src[e] = s; this.dst[e] = d; this.tp[e] = tp;
    const o = e * 5;
    this.num[o] = 0; this.num[o + 1] = 0; this.num[o + 2] = 0;
    this.num[o + 3] = Infinity; this.num[o + 4] = -Infinity;
    return e;
  }

  private growEntries(): void {
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.src = grow(this.src, (n) => new Int32Array(n));
    this.dst = grow(this.dst, (n) => new Int32Array(n));
    this.tp = grow(this.tp, (n) => new Int32Array(n));
    this.num = grow(this.num, (n) => new Float64Array(n));
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    const oldSlots = this.slots;
    const oldKeys = this.keys;
    this.slots = new Int32Array(cap);
    this.keys = new Int32Array(cap * 3);
    this.mask = cap - 1;
    for (let i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] === 0) continue;
      const s = oldKeys[i * 3];
      const d = oldKeys[i * 3 + 1];
      const tp = oldKeys[i * 3 + 2];
      let j = hash(s, d, tp) & this.mask;
      while (this.slots[j] !== 0) j = (j + 1) & this.mask;
      this.slots[j] = oldSlots[i];
      this.keys[j * 3] = s; this.keys[j * 3 + 1] = d; this.keys[j * 3 + 2] = tp;
    }
  }

  /** The aggregated flows, one per key, with interned addresses (in first-seen order). */
  flows(): ObservedFlow[] {
    const v4 = new Map<number, Addr>();
    const v6 = new Map<string, Addr>();
    const addr4 = (i32: number): Addr => {
      const v = i32 >>> 0;
      let a = v4.get(v);
      if (!a) v4.set(v, (a = { text: formatIPv4(v), family: 4, v4: v, value: BigInt(v) }));
      return a;
    };
    const addr6 = (text: string, value: bigint): Addr => {
      let a = v6.get(text);
      if (!a) v6.set(text, (a = { text: formatAddress(6, value), family: 6, v4: -1, value }));
      return a;
    };
    const out: ObservedFlow[] = new Array(this.size);
    for (let e = 0; e < this.size; e++) {
      const six = this.v6addr.get(e);
      const o = e * 5;
      const flow: ObservedFlow = {
        src: six ? addr6(six[0], six[1]) : addr4(this.src[e]),
        dst: six ? addr6(six[2], six[3]) : addr4(this.dst[e]),
        transport: TRANSPORTS[this.tp[e] >>> 16],
        dport: this.tp[e] & 0xffff,
        count: this.num[o],
        packets: this.num[o + 1],
        bytes: this.num[o + 2],
        first: Number.isFinite(this.num[o + 3]) ? this.num[o + 3] : NaN,
        last: Number.isFinite(this.num[o + 4]) ? this.num[o + 4] : NaN,
      };
      const ops = this.ops.get(e);
      if (ops) flow.ops = [...ops].sort((a, b) => a - b);
      out[e] = flow;
    }
    return out;
  }
}
