/**
 * The typed model of one site, built from a validated policy document.
 * After the model is built no later stage touches YAML or the raw document
 * (STYLE: one direction through the pipeline). Every entity keeps the JSON
 * pointer of its source so later stages can report located findings.
 *
 * Determinism: every Map is filled in ascending id order, every array whose
 * order has no meaning is sorted; flows keep their YAML index only as a trace.
 */

export const FRS = ['FR1', 'FR2', 'FR3', 'FR4', 'FR5', 'FR6', 'FR7'] as const;
export type FR = (typeof FRS)[number];
/** Security level 0..4 per foundational requirement (IEC 62443-3-3 Annex A vector). */
export type SLVector = Record<FR, number>;

export type Criticality = 'low' | 'medium' | 'high' | 'critical';
export const CRITICALITY_RANK: Record<Criticality, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export type AssetType =
  | 'plc' | 'rtu' | 'hmi' | 'ews' | 'historian' | 'server' | 'ied' | 'drive'
  | 'safety-plc' | 'jump-host' | 'network' | 'other';

/** A contiguous block of addresses of one family, inclusive bounds. */
export interface IpRange {
  family: 4 | 6;
  first: bigint;
  last: bigint;
}

/** A network or host as written in the policy, with its canonical text. */
export interface IpNet extends IpRange {
  /** Canonical text: "10.20.1.11" for a host, "10.20.1.0/24" for a network, IPv6 lower-case compressed. */
  text: string;
  prefix: number;
  /** JSON pointer of the string in the policy. */
  pointer: string;
}

export interface Site {
  id: string;
  name: string;
  description?: string;
}

export interface Zone {
  id: string;
  name?: string;
  description?: string;
  /** Purdue level, 0..5 with 3.5 for the industrial DMZ. */
  purdue: number;
  slTarget: SLVector;
  criticality: Criticality;
  trust: 'trusted' | 'untrusted';
  networks: IpNet[];
  /** How the zone is separated from its neighbours (SR 5.1 RE 1). Default 'logical' (VLAN/routing only). */
  segmentation: 'physical' | 'logical';
  /** Access switches enforce 802.1X/MAB, DHCP snooping, DAI, unused ports off (C9, policy key `port-security`). Default false. */
  portSecurity: boolean;
  pointer: string;
}

export interface Asset {
  id: string;
  zone: string;
  type: AssetType;
  name?: string;
  description?: string;
  vendor?: string;
  model?: string;
  firmware?: string;
  firmwareYear?: number;
  /** Host addresses (/32 or /128), sorted. */
  addresses: IpNet[];
  profile?: string;
  /** Capabilities written on the asset itself, sorted. */
  capabilities: string[];
  /** Profile capabilities plus the asset's own, sorted and de-duplicated. */
  effectiveCapabilities: string[];
  /** Carries an essential function (IEC 62443-3-3 section 4.2): availability first. */
  essential: boolean;
  pointer: string;
}

export type Transport = 'tcp' | 'udp';

/** One transport with one port range. A protocol on TCP and UDP is two of these, never a cross product. */
export interface PortSpec {
  transport: Transport;
  /** Inclusive destination port range [lo, hi]. */
  ports: [number, number];
}

export interface FlowProtocol {
  /** As written: a catalogue id ("modbus") or a raw form ("tcp/2222", "udp/47808", "tcp/2000-2010"). */
  name: string;
  /** Catalogue protocol id when `name` is a catalogue entry. */
  catalogId?: string;
  /** Resolved destination ports, sorted by transport then port. */
  ports: PortSpec[];
}

export type EndpointRef = { kind: 'asset'; id: string } | { kind: 'zone'; id: string };

export interface RateLimit {
  /** Concurrent connections to the responders of the flow/conduit. */
  maxConnections?: number;
  /** Concurrent connections per initiating source. */
  perSourceConnections?: number;
  /** New connections per second per source (SYN flood guard). */
  newConnectionsPerSecond?: number;
  /** Half-open (embryonic) connections. */
  maxEmbryonic?: number;
}

/** An analysis finding the site accepts for a conduit or flow (policy key `accept`): reported as a note with the reason. */
export interface Acceptance {
  /** Finding code, OTPC751..OTPC756. */
  code: string;
  reason: string;
  /** JSON pointer of the accept entry. */
  pointer: string;
}

export interface Flow {
  conduit: string;
  /** Index in the YAML list (trace only; rule order uses `key`). */
  index: number;
  /** Canonical content key, stable under reordering: "<from>><to>:<protocol>:<access>". */
  key: string;
  from: EndpointRef[];
  to: EndpointRef[];
  /** Zone of every `from` endpoint (validation guarantees there is one). */
  fromZone: string;
  toZone: string;
  protocol: FlowProtocol;
  access: 'read-write' | 'read-only';
  description?: string;
  /** Rate limit asked for this flow (overrides the conduit's). */
  rateLimit?: RateLimit;
  /** Analysis findings accepted for this flow. */
  accept?: Acceptance[];
  pointer: string;
}

export interface Conduit {
  id: string;
  name?: string;
  description?: string;
  /** The two zones, sorted by id. */
  zones: [string, string];
  slTarget: SLVector;
  /** Flows sorted by `key`. */
  flows: Flow[];
  /** Traffic on this conduit is carried in an authenticated, encrypted tunnel end to end across the untrusted segment (C4). */
  encrypted?: 'ipsec' | 'tls';
  /** The conduit's path crosses a network of this trust (e.g. a cellular or radio WAN), whatever its zones. Default trusted. */
  transit: 'trusted' | 'untrusted';
  /** Enforced by a unidirectional gateway / data diode (C8), in the direction of its flows. */
  unidirectional: boolean;
  rateLimit?: RateLimit;
  /** Analysis findings accepted for this conduit and all its flows. */
  accept?: Acceptance[];
  pointer: string;
}

export interface EnforcementPoint {
  id: string;
  /** Platform id from the platforms catalogue (= backend registry key). */
  platform: string;
  description?: string;
  /** zone id -> interface name on this device, in zone id order. */
  interfaces: Record<string, string>;
  /** Behaviour on failure (SR 5.2 RE 3). Unknown when not stated. */
  failMode?: 'closed' | 'open';
  /** A pre-staged isolate policy exists (SR 5.2 RE 2). */
  islandMode: boolean;
  /** Per-platform rendering options (e.g. cisco-ios classic: true, fortios version). */
  options: Record<string, string | number | boolean>;
  pointer: string;
}

export interface Services {
  syslog: IpNet[];
  ntp: IpNet[];
  /** Passive, OT-protocol-aware IDS fed from SPAN/TAP (C5). */
  ids?: { addresses: IpNet[]; monitors: string[]; pointer: string };
  /** Asset id of the only path for interactive remote access (C3). */
  jumpHost?: string;
  /** Network backup / config-pull service (C11). */
  backup?: { addresses: IpNet[]; pointer: string };
  pointer: string;
}

export interface Waiver {
  index: number;
  /** Exactly one of asset / zone. */
  asset?: string;
  zone?: string;
  /** Canonical requirement id ("SR 1.1 RE 1"). */
  requirement: string;
  reason: string;
  approvedBy: string;
  /** YYYY-MM-DD; valid until the end of that day, UTC. */
  expires: string;
  pointer: string;
}

export interface Model {
  /** Display path of the policy file (used in diagnostics only, never in artifacts). */
  file: string;
  site: Site;
  zones: Map<string, Zone>;
  assets: Map<string, Asset>;
  conduits: Map<string, Conduit>;
  enforcement: Map<string, EnforcementPoint>;
  services: Services;
  waivers: Waiver[];
  /** Overrides of disputed requirement levels chosen by the site (requirement id -> level). */
  requirementLevels: Record<string, number>;
  /** The passive baseline the site ran or plans (`rollout:`), for `otpc plan`. */
  rollout?: { baselineStart?: string; baselineDays?: number };
}

/** Which enforcement points enforce which conduits (topology-aware placement). */
export interface Placement {
  /** conduit id -> enforcement point ids whose interfaces join both of its zones (sorted). */
  byConduit: Map<string, string[]>;
  /** Conduits that no enforcement point joins: findings and SR 5.2 gaps. */
  unplaced: string[];
}
