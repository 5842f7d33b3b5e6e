import type { IpRange, RateLimit, SLVector, Transport } from '../model/types.js';

/**
 * The vendor-neutral rule IR: pure data, one EnforcementIR per enforcement point.
 * Backends render it; the spec evaluator (evaluate.ts) decides packets with it;
 * the optimiser rewrites it without changing which packets are allowed.
 *
 * References: rule src/dst hold address object or group ids, or ANY;
 * rule services hold service object or group ids, or ANY.
 */
export const ANY = 'any';

export interface AddressObject {
  /** IR id, unique per enforcement point: "asset:<id>", "zone:<id>", "svc:<name>", "net:<name>" (optimiser). */
  id: string;
  /** Vendor-neutral base name the backend turns into a vendor name (prefix + validation). */
  name: string;
  /** What the object stands for (for an optimiser-merged object: its own name). */
  source: { kind: 'asset' | 'zone' | 'service' | 'merged'; id: string };
  /** Optimiser-merged objects only: names of the objects merged into it, sorted. */
  members?: string[];
  /** Sorted by family then first address; non-overlapping. May mix IPv4 and IPv6. */
  ranges: IpRange[];
  /** JSON pointer of the asset/zone that produced it (for located vendor-name errors). */
  pointer: string;
}

export interface AddressGroup {
  id: string;
  name: string;
  /** Address object ids, sorted. */
  members: string[];
  pointer: string;
}

export interface ServiceObject {
  /** "svc:<name>", unique per enforcement point. */
  id: string;
  /** Base name, e.g. "modbus-tcp-502" or "tcp-2222". */
  name: string;
  /** Exactly one transport per object: TCP and UDP are never combined. */
  transport: Transport;
  /** Inclusive destination port range. */
  ports: [number, number];
  /** Catalogue protocol id when it came from the protocol catalogue. */
  protocol?: string;
}

export interface ServiceGroup {
  id: string;
  name: string;
  members: string[];
}

/** An unordered pair of zones that meet on an enforcement point. */
export interface Boundary {
  /** "<zoneA>|<zoneB>" with zoneA < zoneB. */
  id: string;
  zones: [string, string];
  interfaces: [string, string];
  phase: 'monitor' | 'enforce';
}

export interface RuleTrace {
  conduit: string;
  /** Index of the flow in the conduit's YAML list. */
  flowIndex: number;
  /** Canonical flow key (stable under reordering). */
  flowKey: string;
  /** JSON pointer of the flow. */
  pointer: string;
  /** Requirements the rule serves, e.g. ["SR 5.1", "SR 5.2", "SR 5.2 RE 1"]. */
  srs: string[];
  /** Controls the rule implements (control catalogue ids). */
  controls: string[];
}

export interface ReadOnlyFilter {
  protocol: string;
  /** Catalogue field name, e.g. "modbus-function-code". */
  field: string;
  payloadOffset?: number;
  /** Operation codes allowed (read + session housekeeping). */
  allowed: number[];
  /** Operation codes blocked (write/control/program). */
  denied: number[];
  /** dpi: the platform filters by operation; port-only: the platform cannot, the rule is port level (partial). */
  mode: 'dpi' | 'port-only';
}

/** A rule of the unoptimised IR that the optimiser folded into another rule. */
export interface MergedRule {
  id: string;
  number: number;
  /** The rule's own full comment before the merge. */
  comment: string;
  trace?: RuleTrace;
}

export interface Rule {
  /** Stable vendor-neutral id, e.g. "supervisory-control.3", "final.control|supervisory", "final". */
  id: string;
  /** Stable numeric id derived from the policy (FortiOS policy id): conduit ordinal * 1000 + flow ordinal. */
  number: number;
  kind: 'flow' | 'boundary-final' | 'final';
  /** Zones the rule applies between (ingress zone -> egress zone); absent for the catch-all 'final'. */
  fromZone?: string;
  toZone?: string;
  action: 'allow' | 'deny';
  /** Every boundary rule logs (SR 2.8, SR 6.2 evidence). */
  log: boolean;
  src: string[];
  dst: string[];
  services: string[];
  /** Full comment text; backends sanitise and cut it to their limit, trace.json keeps it whole. */
  comment: string;
  trace?: RuleTrace;
  readOnly?: ReadOnlyFilter;
  rateLimit?: RateLimit;
  /**
   * Set by the optimiser on a rule that stands for several rules of the unoptimised IR:
   * every member, itself included, by number. The rule keeps the id, number and trace
   * of its smallest-numbered member; trace.json lists every member's trace.
   */
  merged?: MergedRule[];
}

export interface ZoneBinding {
  id: string;
  interface: string;
  description: string;
  purdue: number;
  slTarget: SLVector;
  /**
   * The zone's networks, merged. Backends whose ingress filter cannot see the egress
   * interface (IOS, ASA ACLs) match the destination zone of boundary rules by these.
   */
  networks: IpRange[];
}

export interface SpanSession {
  /** Interfaces to mirror (all zone interfaces, RX and TX). */
  sources: string[];
  /** Destination: the IDS sensor port or address, if known. */
  destination?: string;
}

export interface EnforcementIR {
  id: string;
  platform: string;
  description?: string;
  /** monitor or enforce when every boundary has that phase; mixed during a staged rollout. */
  phase: 'monitor' | 'enforce' | 'mixed';
  zones: ZoneBinding[];
  boundaries: Boundary[];
  addresses: AddressObject[];
  addressGroups: AddressGroup[];
  services: ServiceObject[];
  serviceGroups: ServiceGroup[];
  /** Ordered, first match: flow rules, then boundary-final rules, then one catch-all 'final'. */
  rules: Rule[];
  /** Syslog collectors (canonical address text) when services.syslog is set. */
  syslog: string[];
  ntp: string[];
  /** Mirror session for the discover phase where the platform is a switch and an IDS exists. */
  span?: SpanSession;
  options: Record<string, string | number | boolean>;
  pointer: string;
}

export interface RuleIR {
  site: { id: string; name: string };
  enforcement: EnforcementIR[];
  /** Conduits no enforcement point joins (also SR 5.2 gaps in the assessment). */
  unplaced: { conduit: string; pointer: string }[];
}

/** A packet as the spec evaluator and the vendor re-parsers see it. */
export interface Packet {
  /** Ingress and egress zones on the enforcement point. */
  fromZone: string;
  toZone: string;
  family: 4 | 6;
  src: bigint;
  dst: bigint;
  transport: Transport | 'icmp' | 'other';
  sport: number;
  dport: number;
  /**
   * Part of an existing connection (a reply or a later segment). Stateful semantics:
   * allowed exactly when the reverse packet would be allowed as a new connection.
   */
  established?: boolean;
  /** Modbus function code / DNP3 FC etc. carried in the first payload bytes, for read-only checks. */
  operation?: number;
}

export interface Verdict {
  action: 'allow' | 'deny';
  log: boolean;
  /** Id of the deciding rule. */
  rule: string;
}
