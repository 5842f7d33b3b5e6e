import type { FR, Transport } from '../model/types.js';

export type RateLimitKind = 'max-connections' | 'per-source-connections' | 'new-connections-per-second' | 'max-embryonic';

/**
 * Catalogue entries: data, not code (DESIGN "Catalogs"). Each kind lives in
 * catalogs/<kind>.yaml, is checked against schemas/catalog/<kind>.schema.json
 * at start-up, and can be extended by the user with --catalog FILE (merged by id).
 */

/** One IEC 62443-3-3 system requirement (SR) or requirement enhancement (RE). */
export interface Requirement {
  /** Canonical id: "SR 1.1" or "SR 1.1 RE 1". */
  id: string;
  fr: FR;
  kind: 'SR' | 'RE';
  /** For an RE, the id of its base SR. */
  parent?: string;
  title: string;
  /** Lowest SL at which the row is selected (cumulative upwards). 1..4. */
  level: number;
  /** Other levels some sources give (disputed cells); a site may choose one. */
  alternatives?: number[];
  /** Why the cell is disputed, or other provenance notes. */
  note?: string;
  /**
   * device: met per device; communication: concerns traffic across a conduit
   * (the conduit SL-T also applies); system: a site-wide capability.
   */
  scope: 'device' | 'communication' | 'system';
  /** False when no network-layer control can meaningfully compensate it. */
  compensable: boolean;
  /** Clause of IEC 62443-3-3 (e.g. "5.3"). */
  clause: string;
}

/** A native device security capability (controlled vocabulary). */
export interface Capability {
  id: string;
  title: string;
  /** Requirement ids this capability meets natively on the device. */
  meets: string[];
  note?: string;
}

/** A common device scenario as a default capability set. */
export interface Profile {
  id: string;
  title: string;
  description: string;
  capabilities: string[];
}

/**
 * A precondition is a named predicate evaluated by the assessment against the
 * site (STYLE 7: a control that needs logic names a predicate). The predicate
 * names are a closed set implemented in src/assess/predicates.ts.
 */
export interface Precondition {
  predicate: string;
  /** Optional arguments, e.g. { capability: "dpi" } or { service: "syslog" }. */
  args?: Record<string, string | number | boolean>;
  /** What must hold, in words; printed as the missing precondition. */
  description: string;
  /** What would close the gap when it does not hold. */
  close: string;
}

export interface ControlEffect {
  requirement: string;
  extent: 'full' | 'partial';
  /** For partial effects: what remains unmet. */
  remains?: string;
  /** Extra preconditions for this effect only (e.g. physical segmentation for SR 5.1 RE 1). */
  preconditions?: Precondition[];
}

/** A compensating network control (reference analysis C1..C11). */
export interface Control {
  id: string;
  /** Family label from the reference analysis, e.g. "C1". */
  family: string;
  title: string;
  /** The reasoning in one line (cited in reports). */
  reason: string;
  meets: ControlEffect[];
  /** Preconditions that must all hold at the site for the control to be credited at all. */
  preconditions: Precondition[];
  /** What the control contributes to the rule IR (documentation and plan). */
  emits: string[];
  /** Requirements a rule implementing this control serves, cited in rule comments and trace.json. */
  ruleTrace?: string[];
}

export interface ProtocolPort {
  transport: Transport;
  ports: [number, number];
}

export interface OperationSet {
  /** Operation codes that only read. */
  read: number[];
  /** Operation codes that write, control, program or change state. */
  write: number[];
  /** Housekeeping that any session needs (keepalives, confirms). */
  session?: number[];
  /** Which field the codes live in, e.g. "modbus-function-code" at TCP payload byte 7. */
  field: string;
  /** Byte offset in the L4 payload where a stateless matcher can read the code, if one exists. */
  payloadOffset?: number;
}

export interface Protocol {
  id: string;
  title: string;
  ports: ProtocolPort[];
  nativeAuth: boolean;
  nativeEncryption: boolean;
  secureVariant?: string;
  /** Interactive remote-access protocol (RDP, SSH, VNC, Telnet...): remote paths must go through the jump host (SR 1.13). */
  interactive: boolean;
  /** Industrial protocol (used by analysis and discovery). */
  industrial: boolean;
  operations?: OperationSet;
}

export interface Platform {
  id: string;
  title: string;
  kind: 'firewall' | 'router' | 'switch' | 'host-firewall';
  /** Tracks connections: return traffic needs no rule. */
  stateful: boolean;
  supports: {
    ipv6: boolean;
    addressRanges: boolean;
    objectGroups: boolean;
    logging: boolean;
    syslog: boolean;
    ntp: boolean;
    /** Protocol ids this platform can filter by operation (read-only). */
    readOnly: string[];
    /**
     * Enforcement-point option (with "{protocol}") that must be set before read-only filtering
     * is enforced, e.g. the site-verified FortiGuard ids of the write signatures.
     */
    readOnlyOption?: string;
    rateLimit: boolean;
    /**
     * Rate-limit keys the platform can enforce; all when absent and rateLimit is true.
     * "<kind>/tcp" or "<kind>/udp" restricts a key to one transport.
     */
    rateLimitKinds?: string[];
    /**
     * Keys the platform counts per destination address or per rule rather than as the policy
     * means them: enforced only on flows to one asset (see rateLimitSupport).
     */
    rateLimitOneResponder?: RateLimitKind[];
    span: boolean;
    monitorMode: boolean;
    /**
     * The catch-all in the monitor phase: what the device does, without otpc's rules, with
     * traffic no boundary decides. 'deny' where that is the platform's default (monitor must
     * not open anything); allow when absent.
     */
    monitorCatchAll?: 'allow' | 'deny';
  };
  limits: {
    /** Longest object/group name. */
    nameMax: number;
    /** Longest rule name, where rules have names. */
    ruleNameMax?: number;
    /** Longest free-text comment, in bytes. */
    commentMax: number;
    rulesMax?: number;
    objectsMax?: number;
    groupMembersMax?: number;
  };
  /** Free-text notes on the limits' provenance (vendor manual sections). */
  notes?: string;
}

export interface Catalogs {
  requirements: Map<string, Requirement>;
  capabilities: Map<string, Capability>;
  profiles: Map<string, Profile>;
  controls: Map<string, Control>;
  protocols: Map<string, Protocol>;
  platforms: Map<string, Platform>;
}

export type CatalogKind = keyof Catalogs;
export const CATALOG_KINDS: CatalogKind[] = ['requirements', 'capabilities', 'profiles', 'controls', 'protocols', 'platforms'];
