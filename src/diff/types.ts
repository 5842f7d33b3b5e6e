import type { Status } from '../assess/types.js';
import type { SLVector } from '../model/types.js';

/**
 * What changed between two versions of a site policy, at the level reviewers
 * care about (issue "diff"): devices, requirement statuses, security levels,
 * waivers, rules per enforcement point, and flows that are newly allowed.
 * Everything is sorted by content; reordering a policy changes nothing here.
 */
export interface FieldChange {
  field: string;
  old: string;
  new: string;
}

export interface DeviceEntry {
  id: string;
  zone: string;
  type: string;
  /** For changed devices: what changed. */
  changes?: FieldChange[];
}

export type RequirementDirection = 'worse' | 'better' | 'newly-required' | 'no-longer-required';

export interface RequirementState {
  status: Status;
  controls: string[];
}

export interface RequirementChange {
  device: string;
  requirement: string;
  title?: string;
  /** Absent: the requirement was not required (or the device did not exist). */
  old?: RequirementState;
  new?: RequirementState;
  direction: RequirementDirection;
}

export interface ZoneChange {
  id: string;
  change: 'added' | 'removed' | 'changed';
  slTarget?: { old?: SLVector; new?: SLVector };
  slAchieved?: { old?: SLVector; new?: SLVector };
}

export interface WaiverChange {
  subject: string;
  requirement: string;
  change: 'added' | 'removed' | 'changed';
  old?: { expires: string; approvedBy: string; reason: string };
  new?: { expires: string; approvedBy: string; reason: string };
}

/** A rule as reviewers read it: its addresses and services resolved, without its number. */
export interface RuleView {
  /** Content identity on its enforcement point: "flow <conduit> <flow key>", or the final rule id. */
  key: string;
  kind: 'flow' | 'boundary-final' | 'final';
  fromZone?: string;
  toZone?: string;
  action: 'allow' | 'deny';
  log: boolean;
  src: string[];
  dst: string[];
  services: string[];
  readOnly?: string;
  rateLimit?: string;
}

export interface RuleChange {
  key: string;
  fields: string[];
  old: RuleView;
  new: RuleView;
}

export interface EnforcementDiff {
  id: string;
  platform: string;
  change: 'added' | 'removed' | 'changed';
  /** Platform or interface changes of the enforcement point itself. */
  changes: FieldChange[];
  added: RuleView[];
  removed: RuleView[];
  changed: RuleChange[];
}

export interface AllowedPiece {
  src: string;
  dst: string;
  service: string;
  /** Which operations: all, or only the writes (a read-only flow became read-write). */
  operations: 'all' | 'writes' | 'reads';
}

export interface NewlyAllowed {
  conduit: string;
  /** The flow as people name it (describeFlow). */
  flow: string;
  fromZone: string;
  toZone: string;
  pieces: AllowedPiece[];
}

export interface DiffSummary {
  devicesAdded: number;
  devicesRemoved: number;
  devicesChanged: number;
  requirementsWorse: number;
  requirementsBetter: number;
  requirementsNewlyRequired: number;
  requirementsNoLongerRequired: number;
  zonesChanged: number;
  slAchievedLowered: number;
  waiversAdded: number;
  waiversRemoved: number;
  waiversChanged: number;
  rulesAdded: number;
  rulesRemoved: number;
  rulesChanged: number;
  conduitsNewlyUnenforced: number;
  flowsNewlyAllowed: number;
}

export interface PolicyDiff {
  old: { site: { id: string; name: string }; date: string };
  new: { site: { id: string; name: string }; date: string };
  summary: DiffSummary;
  devices: { added: DeviceEntry[]; removed: DeviceEntry[]; changed: DeviceEntry[] };
  requirements: RequirementChange[];
  zones: ZoneChange[];
  waivers: WaiverChange[];
  enforcement: EnforcementDiff[];
  /** Conduits no enforcement point joins any more (their flows go unfiltered), and ones now enforced. */
  unenforced: { added: string[]; removed: string[] };
  newlyAllowed: NewlyAllowed[];
}
