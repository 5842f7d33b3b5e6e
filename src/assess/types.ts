import type { FR, SLVector } from '../model/types.js';
import type { Severity } from '../diagnostics/diagnostic.js';

/** Ordered best to worst (DESIGN "Assessment rules"). */
export const STATUSES = ['native', 'compensated', 'waived', 'partial', 'gap'] as const;
export type Status = (typeof STATUSES)[number];

export interface MissingPrecondition {
  control: string;
  /** What would meet the requirement if the precondition held: the control fully, or only partly. */
  extent: 'full' | 'partial';
  /** The precondition that does not hold, in words. */
  precondition: string;
  /** Why it does not hold at this site (e.g. "conduit x is not enforced"), when known. */
  detail?: string;
  /** What would close it. */
  close: string;
}

export interface RequirementResult {
  id: string;
  fr: FR;
  /** Level at which the requirement becomes required (after site overrides). */
  sl: number;
  status: Status;
  /** Capabilities (native) or controls (compensated/partial) credited, sorted. */
  controls: string[];
  /** One or two sentences: why this status. */
  reason: string;
  /** For partial and gap: what remains to be done. */
  remains?: string;
  /** No network control can meaningfully compensate this requirement. */
  notCompensable?: boolean;
  /** Controls that would help but cannot be deployed here, with the missing precondition. */
  missing?: MissingPrecondition[];
  waiver?: { expires: string; approvedBy: string; reason: string; pointer: string };
}

export interface DeviceResult {
  id: string;
  zone: string;
  type: string;
  /** Effective SL-T for the device (zone SL-T, raised per FR by its conduits for communication requirements). */
  slTarget: SLVector;
  slAchieved: SLVector;
  requirements: RequirementResult[];
  /** JSON pointer of the asset in the policy. */
  pointer: string;
}

export interface ZoneResult {
  id: string;
  purdue: number;
  criticality: string;
  slTarget: SLVector;
  /** Minimum over the zone's assets per FR; a zone without assets reports 0 for every FR. */
  slAchieved: SLVector;
  assets: number;
  /** FRs where SL-A < SL-T. */
  belowTarget: FR[];
}

/** A site-level finding that is not a per-requirement status (unenforced conduit, downgraded control...). */
export interface Finding {
  /** Stable diagnostic code from codes.ts. */
  code: string;
  severity: Severity;
  message: string;
  pointer: string;
  /** Devices concerned, sorted. */
  devices?: string[];
}

/** A control the assessment decided to deploy, for the rule IR and the plan. */
export interface DeployedControl {
  control: string;
  /** What it applies to: a zone, an asset, a conduit or a flow ("conduit-id#index"). */
  scope: { kind: 'site' | 'zone' | 'asset' | 'conduit' | 'flow'; id: string };
  /** Enforcement points that implement it, where applicable. */
  enforcement?: string[];
  /** Partial effects explained (e.g. read-only downgraded to port level on cisco-ios). */
  note?: string;
}

export interface Assessment {
  site: { id: string; name: string };
  /** The date the assessment was made for (YYYY-MM-DD, from --date or today in UTC). */
  date: string;
  summary: Record<Status, number>;
  devices: DeviceResult[];
  zones: ZoneResult[];
  findings: Finding[];
  deployed: DeployedControl[];
}
