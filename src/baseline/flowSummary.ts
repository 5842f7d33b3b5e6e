import type { ClassifiedFlow } from './classifyFlows.js';
import type { FlowTransport } from './types.js';

/** Label of the side of a flow that lies outside every zone network. */
export const OUTSIDE = '(outside)';

/** One observed flow key as the reports show it. */
export interface FlowSummary {
  src: string;
  dst: string;
  proto: FlowTransport;
  dport: number;
  srcZone: string | null;
  dstZone: string | null;
  srcAsset: string | null;
  dstAsset: string | null;
  /** Flow records (connections). */
  count: number;
  packets: number;
  bytes: number;
  /** ms since the epoch; NaN when the flow file has no times. */
  first: number;
  last: number;
  ops?: number[];
}

export function flowSummary(c: ClassifiedFlow): FlowSummary {
  const f = c.flow;
  const s: FlowSummary = {
    src: f.src.text, dst: f.dst.text, proto: f.transport, dport: f.dport,
    srcZone: c.srcZone ?? null, dstZone: c.dstZone ?? null, srcAsset: c.srcAsset ?? null, dstAsset: c.dstAsset ?? null,
    count: f.count, packets: f.packets, bytes: f.bytes, first: f.first, last: f.last,
  };
  if (f.ops) s.ops = f.ops;
  return s;
}

/** "tcp/502", "udp/20000", "icmp", "other". */
export function serviceLabel(proto: FlowTransport, dport: number): string {
  return proto === 'tcp' || proto === 'udp' ? `${proto}/${dport}` : proto;
}

/** "a|b" with a < b; a side outside every zone network is OUTSIDE. */
export function boundaryLabel(a: string | undefined | null, b: string | undefined | null): string {
  const x = a ?? OUTSIDE;
  const y = b ?? OUTSIDE;
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}

/** ISO 8601 UTC, whole seconds without a fraction; null for NaN. */
export function isoTime(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

export function minTime(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b);
}

export function maxTime(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b);
}
