import type { AssetType, Criticality, FR } from '../model/types.js';

/**
 * The shape of a policy document that passed schemas/policy.schema.json and the
 * semantic checks (keys as written, kebab-case). Only buildModel reads it.
 */

export type SLTargetDoc = number | Record<FR, number>;

export interface RateLimitDoc {
  'max-connections'?: number;
  'per-source-connections'?: number;
  'new-connections-per-second'?: number;
  'max-embryonic'?: number;
}

export interface ZoneDoc {
  name?: string;
  description?: string;
  purdue: number;
  'sl-target': SLTargetDoc;
  criticality: Criticality;
  trust?: 'trusted' | 'untrusted';
  networks?: string[];
  segmentation?: 'physical' | 'logical';
  'port-security'?: boolean;
}

export interface AssetDoc {
  zone: string;
  type: AssetType;
  name?: string;
  description?: string;
  vendor?: string;
  model?: string;
  firmware?: string;
  'firmware-year'?: number;
  address?: string;
  addresses?: string[];
  profile?: string;
  capabilities?: string[];
  essential?: boolean;
}

export interface FlowDoc {
  from: string | string[];
  to: string | string[];
  protocol: string;
  access?: 'read-write' | 'read-only';
  description?: string;
  'rate-limit'?: RateLimitDoc;
  accept?: AcceptDoc[];
}

/** An analysis finding the site accepts (OTPC751-OTPC756), with its reason. */
export interface AcceptDoc {
  code: string;
  reason: string;
}

export interface ConduitDoc {
  name?: string;
  description?: string;
  zones: [string, string];
  'sl-target'?: SLTargetDoc;
  encrypted?: 'ipsec' | 'tls';
  transit?: 'trusted' | 'untrusted';
  unidirectional?: boolean;
  'rate-limit'?: RateLimitDoc;
  flows: FlowDoc[];
  accept?: AcceptDoc[];
}

export interface EnforcementDoc {
  platform: string;
  description?: string;
  interfaces: Record<string, string>;
  'fail-mode'?: 'closed' | 'open';
  'island-mode'?: boolean;
  options?: Record<string, string | number | boolean>;
}

export interface ServicesDoc {
  syslog?: string | string[];
  ntp?: string | string[];
  ids?: { address?: string; addresses?: string[]; monitors: string[] };
  'jump-host'?: string;
  backup?: string | string[];
}

export interface WaiverDoc {
  asset?: string;
  zone?: string;
  requirement: string;
  reason: string;
  'approved-by': string;
  expires: string;
}

export interface PolicyDocument {
  otpc: 1;
  site: { id: string; name: string; description?: string };
  options?: { 'requirement-levels'?: Record<string, number> };
  rollout?: { 'baseline-start'?: string; 'baseline-days'?: number };
  zones: Record<string, ZoneDoc>;
  assets?: Record<string, AssetDoc>;
  conduits?: Record<string, ConduitDoc>;
  enforcement?: Record<string, EnforcementDoc>;
  services?: ServicesDoc;
  waivers?: WaiverDoc[];
}
