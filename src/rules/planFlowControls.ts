import type { Catalogs, Platform } from '../catalog/types.js';
import type { Conduit, EnforcementPoint, Flow, RateLimit } from '../model/types.js';
import { canFilterOperations } from '../model/canFilterOperations.js';
import { flowRateLimitSupport } from '../model/rateLimitSupport.js';
import type { ReadOnlyFilter } from './types.js';
import { sortRequirementIds } from './sortRequirementIds.js';
import { compareStrings } from './compareStrings.js';

/** What an allow rule for one flow carries besides its match: controls, SRs, filters. */
export interface FlowControls {
  /** Control catalogue ids, sorted. */
  controls: string[];
  /** Requirements served: union of the controls' ruleTrace, natural order. */
  srs: string[];
  readOnly?: ReadOnlyFilter;
  rateLimit?: RateLimit;
  /** Phase of the flow's boundary: in monitor a dpi filter logs writes instead of blocking them. */
  phase: 'monitor' | 'enforce';
}

/** Control ids (compensating-controls.md C1, C2, C7; architecture.md vocabulary). */
export const BOUNDARY_FIREWALL = 'boundary-firewall';
export const PROTOCOL_FILTER = 'protocol-filter';
export const RATE_LIMITING = 'rate-limiting';

/**
 * Decides the controls a flow rule implements on one platform. Which SRs they serve
 * is data (controls.yaml `ruleTrace`), so the rule comments, trace.json and the
 * assessment cite the same rows; a control missing from the catalogue cites none.
 *
 * `phase` is the phase of the flow's boundary. The rule is the same in both phases
 * (the filter keeps mode dpi); in monitor the evaluator and the backends log a
 * write the filter would block instead of dropping it (DESIGN "Rollout phases":
 * nothing the plant does changes), so only the comment depends on it.
 */
export function planFlowControls(
  flow: Flow,
  conduit: Conduit,
  platform: Platform | undefined,
  catalogs: Catalogs,
  phase: 'monitor' | 'enforce' = 'enforce',
  ep?: Pick<EnforcementPoint, 'id' | 'platform' | 'options'>,
): FlowControls {
  const controls = [BOUNDARY_FIREWALL];
  const readOnly = readOnlyFilter(flow, platform, catalogs, ep);
  // C2 is only credited where the platform filters the operations (dpi); port-only is a downgrade.
  if (readOnly?.mode === 'dpi') controls.push(PROTOCOL_FILTER);
  const limit = flow.rateLimit ?? conduit.rateLimit;
  const supported = limit ? flowRateLimitSupport(platform, limit, flow).supported : undefined;
  const rateLimit = supported ? copyRateLimit(supported) : undefined;
  if (rateLimit) controls.push(RATE_LIMITING);
  controls.sort(compareStrings);
  const srs = sortRequirementIds(controls.flatMap((id) => catalogs.controls.get(id)?.ruleTrace ?? []));
  const out: FlowControls = { controls, srs, phase };
  if (readOnly) out.readOnly = readOnly;
  if (rateLimit) out.rateLimit = rateLimit;
  return out;
}

/**
 * The read-only filter for an `access: read-only` flow on a protocol whose
 * operations the catalogue knows: allowed = read + session housekeeping, denied =
 * write/control (ics-protocols.md design note: e.g. Modbus 23 counts as a write).
 * Mode dpi when the platform filters this protocol, else port-only.
 */
export function readOnlyFilter(
  flow: Flow,
  platform: Platform | undefined,
  catalogs: Catalogs,
  ep?: Pick<EnforcementPoint, 'id' | 'platform' | 'options'>,
): ReadOnlyFilter | undefined {
  if (flow.access !== 'read-only' || !flow.protocol.catalogId) return undefined;
  const ops = catalogs.protocols.get(flow.protocol.catalogId)?.operations;
  if (!ops) return undefined;
  // The same test the assessment uses (canFilterOperations), so a rule is 'dpi' exactly when protocol-filter is credited.
  const canFilter = ep
    ? canFilterOperations(ep, platform, flow.protocol.catalogId).ok
    : platform?.supports.readOnly.includes(flow.protocol.catalogId) ?? false;
  return {
    protocol: flow.protocol.catalogId,
    field: ops.field,
    ...(ops.payloadOffset !== undefined ? { payloadOffset: ops.payloadOffset } : {}),
    allowed: sortedNumbers([...ops.read, ...(ops.session ?? [])]),
    denied: sortedNumbers(ops.write),
    mode: canFilter ? 'dpi' : 'port-only',
  };
}

function sortedNumbers(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Copy with the keys in one fixed order (byte-identical JSON whatever the input order). */
export function copyRateLimit(r: RateLimit): RateLimit {
  const out: RateLimit = {};
  if (r.maxConnections !== undefined) out.maxConnections = r.maxConnections;
  if (r.perSourceConnections !== undefined) out.perSourceConnections = r.perSourceConnections;
  if (r.newConnectionsPerSecond !== undefined) out.newConnectionsPerSecond = r.newConnectionsPerSecond;
  if (r.maxEmbryonic !== undefined) out.maxEmbryonic = r.maxEmbryonic;
  return out;
}
