/**
 * Observed traffic (issue 6, DESIGN "checks against observed traffic"): flow records
 * read from a passive-discovery baseline, aggregated by (source, destination,
 * transport, destination port) after orientation. Pure data shared by the readers,
 * discovery, simulation and the rollout plan.
 */

export type FlowFormat = 'csv' | 'zeek-tsv' | 'zeek-json';

/** Transports a flow can have; only tcp and udp can match a conduit service. */
export type FlowTransport = 'tcp' | 'udp' | 'icmp' | 'other';
export const TRANSPORTS: readonly FlowTransport[] = ['tcp', 'udp', 'icmp', 'other'];
export const TCP = 0;
export const UDP = 1;
export const ICMP = 2;
export const OTHER = 3;

/** One observed address, interned: every flow with this address shares the object. */
export interface Addr {
  /** Canonical text (dotted quad, RFC 5952 IPv6). */
  text: string;
  family: 4 | 6;
  /** IPv4 value as an unsigned number (the hot path); -1 for IPv6. */
  v4: number;
  /** The value as a bigint (both families): for the spec evaluator and IPv6. */
  value: bigint;
}

/** The flows sharing one (src, dst, transport, dport) key, after orientation. */
export interface ObservedFlow {
  src: Addr;
  dst: Addr;
  transport: FlowTransport;
  /** Destination port (ICMP: the type, as Zeek records it; 0 when the source gives none). */
  dport: number;
  /** Flow records (connections) aggregated into this key. */
  count: number;
  packets: number;
  bytes: number;
  /** First and last time seen, ms since the epoch; NaN when the source has no times. */
  first: number;
  last: number;
  /** Operation codes observed (Modbus/DNP3 function codes, ...), ascending; absent when none were recorded. */
  ops?: number[];
}

export interface ReadStats {
  format: FlowFormat;
  /** Physical lines read, header and comments included. */
  lines: number;
  /** Flow records used. */
  records: number;
  /** Records whose direction was swapped by the service-port rule. */
  reoriented: number;
  /** Total number of lines that could not be read. */
  badLineCount: number;
  /** The first bad line numbers (1-based), at most MAX_BAD_LINES_KEPT. */
  badLines: number[];
  /** Why the first bad line was rejected (for the diagnostic). */
  badLineReasons: { line: number; reason: string }[];
}

export interface FlowSet {
  flows: ObservedFlow[];
  stats: ReadStats;
}

export const MAX_BAD_LINES_KEPT = 1000;
