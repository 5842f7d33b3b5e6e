import type { AddressBook } from './addressBook.js';
import type { Addr, ObservedFlow } from './types.js';

/** An observed flow placed on the policy: zones and assets of both ends. */
export interface ClassifiedFlow {
  flow: ObservedFlow;
  /** The asset's zone, else the zone whose network holds the address; undefined outside every zone network. */
  srcZone?: string;
  dstZone?: string;
  srcAsset?: string;
  dstAsset?: string;
  /** An end is non-unicast (broadcast, multicast, unspecified): the flow stays on its segment. */
  local: boolean;
  /** The address can belong to a device (unicast). */
  srcDevice: boolean;
  dstDevice: boolean;
}

/**
 * Addresses that act as unicast somewhere in the file: every source, and every
 * destination of a non-UDP flow. A directed broadcast never sends and never holds a
 * TCP connection; a zone network need not be the L3 subnet (a policy may carve a
 * flat /24 into blocks), so a zone network's last address that does either is a device.
 */
function unicastEvidence(flows: readonly ObservedFlow[]): Set<Addr> {
  const out = new Set<Addr>();
  for (const f of flows) {
    out.add(f.src);
    if (f.transport !== 'udp') out.add(f.dst);
  }
  return out;
}

export function classifyFlows(flows: readonly ObservedFlow[], book: AddressBook): ClassifiedFlow[] {
  const unicast = unicastEvidence(flows);
  const device = (a: Addr) => !book.isSpecial(a) && !(book.isZoneLast(a) && !unicast.has(a));
  const out: ClassifiedFlow[] = new Array(flows.length);
  for (let i = 0; i < flows.length; i++) {
    const flow = flows[i];
    const srcDevice = device(flow.src);
    const dstDevice = device(flow.dst);
    const c: ClassifiedFlow = { flow, local: !srcDevice || !dstDevice, srcDevice, dstDevice };
    const sz = book.zoneOf(flow.src);
    const dz = book.zoneOf(flow.dst);
    const sa = book.assetOf(flow.src);
    const da = book.assetOf(flow.dst);
    if (sz !== undefined) c.srcZone = sz;
    if (dz !== undefined) c.dstZone = dz;
    if (sa !== undefined) c.srcAsset = sa;
    if (da !== undefined) c.dstAsset = da;
    out[i] = c;
  }
  return out;
}

/** Both ends in the same zone: no conduit is needed and no enforcement point is crossed. */
export function isIntraZone(c: ClassifiedFlow): boolean {
  return c.srcZone !== undefined && c.srcZone === c.dstZone;
}

/** Sort order of flows in every report: source, destination (family, then value), transport, port. */
export function compareFlows(a: ObservedFlow, b: ObservedFlow): number {
  return compareAddr(a.src, b.src) || compareAddr(a.dst, b.dst) || (a.transport < b.transport ? -1 : a.transport > b.transport ? 1 : 0) || a.dport - b.dport;
}

export function compareAddr(a: ObservedFlow['src'], b: ObservedFlow['src']): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.family === 4) return a.v4 - b.v4;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** Transport rank in compareFlows' (string) order: icmp < other < tcp < udp. */
const TRANSPORT_RANK: Record<string, number> = { icmp: 0, other: 1, tcp: 2, udp: 3 };

/**
 * Sorts items by their flow in compareFlows order, fast for large lists: IPv4 flows by
 * two exact numeric keys (src and the top 20 bits of dst; the low 12 bits of dst,
 * transport and port) compared on typed arrays, IPv6 flows (after them) with compareFlows.
 */
export function sortByFlow<T>(items: readonly T[], flowOf: (item: T) => ObservedFlow): T[] {
  const v4: number[] = [];
  const v6: T[] = [];
  items.forEach((item, i) => (flowOf(item).src.family === 4 ? v4.push(i) : v6.push(item)));
  const k1 = new Float64Array(items.length);
  const k2 = new Float64Array(items.length);
  for (const i of v4) {
    const f = flowOf(items[i]);
    k1[i] = f.src.v4 * 1048576 + Math.floor(f.dst.v4 / 4096);
    k2[i] = (f.dst.v4 % 4096) * 262144 + TRANSPORT_RANK[f.transport] * 65536 + f.dport;
  }
  const order = Uint32Array.from(v4).sort((a, b) => k1[a] - k1[b] || k2[a] - k2[b]);
  const out: T[] = new Array(order.length);
  for (let j = 0; j < order.length; j++) out[j] = items[order[j]];
  return out.concat(v6.sort((a, b) => compareFlows(flowOf(a), flowOf(b))));
}
