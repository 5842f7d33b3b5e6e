import type { Catalogs } from '../catalog/types.js';
import type { EnforcementPoint, Model, Placement } from '../model/types.js';
import type { EnforcementIR, RuleIR } from './types.js';
import { compareStrings } from './compareStrings.js';
import { buildAddresses } from './buildAddresses.js';
import { boundaryPhaseKey, buildBoundaries, buildZoneBindings, epPhase } from './buildBoundaries.js';
import type { Phase } from './buildBoundaries.js';
import { buildBoundaryFinals, buildCatchAll } from './buildFinalRules.js';
import { buildFlowRules } from './buildFlowRules.js';
import { ServiceTable } from './buildServices.js';
import { buildSiteControls } from './buildSiteControls.js';
import { ANY } from './types.js';

export interface RuleIROptions {
  phase: Phase;
  /** Per-boundary phase during a staged rollout; key "<ep-id>:<boundary-id>" (boundary "a|b", a < b). */
  boundaryPhases?: Record<string, Phase>;
  /**
   * Build only the enforcement points this accepts (e.g. one platform for `compile`);
   * all of them when absent. A point's IR does not depend on the others (its rule numbers
   * come from ALL the model's conduits, conduitOrdinals), so it is the same either way.
   * `boundaryPhases` is still checked against every point of the model.
   */
  only?: (ep: EnforcementPoint) => boolean;
}

/**
 * The vendor-neutral rule IR (DESIGN "Architecture", issue "the rule compiler"):
 * per enforcement point, one allow rule per flow of every conduit placed on it,
 * then a logged final rule per boundary and direction, then one catch-all.
 * Uses the same placement and catalogue facts as the assessment, so both agree.
 * Never emits a rule the policy did not ask for: no implicit "established" rules,
 * nothing for unplaced conduits.
 */
export function buildRuleIR(model: Model, catalogs: Catalogs, placement: Placement, options: RuleIROptions): RuleIR {
  const only = options.only;
  const eps = [...model.enforcement.values()].filter((ep) => !only || only(ep)).sort((a, b) => compareStrings(a.id, b.id));
  checkBoundaryPhaseKeys(model, options.boundaryPhases ?? {});
  const placed = conduitsByEnforcementPoint(placement);
  return {
    site: { id: model.site.id, name: model.site.name },
    enforcement: eps.map((ep) => buildEnforcementIR(model, catalogs, ep, placed.get(ep.id) ?? [], options)),
    unplaced: [...new Set(placement.unplaced)].sort(compareStrings).map((id) => ({
      conduit: id,
      pointer: model.conduits.get(id)?.pointer ?? `/conduits/${id}`,
    })),
  };
}

function buildEnforcementIR(model: Model, catalogs: Catalogs, ep: EnforcementPoint, conduitIds: string[], options: RuleIROptions): EnforcementIR {
  const platform = catalogs.platforms.get(ep.platform);
  const zones = buildZoneBindings(model, ep);
  checkPlacedConduits(model, ep, conduitIds);
  const boundaries = buildBoundaries(ep.id, zones, options.phase, options.boundaryPhases);
  const phase = epPhase(boundaries, options.phase);
  const services = new ServiceTable();
  const phaseOf = (a: string, b: string) => boundaries.find((x) => x.zones.includes(a) && x.zones.includes(b))?.phase ?? options.phase;
  const flowRules = buildFlowRules(model, catalogs, platform, conduitIds, services, phaseOf, ep);
  const refs = flowRules.flatMap((r) => [...r.src, ...r.dst]).filter((r) => r !== ANY);
  const controls = buildSiteControls(model, platform, zones);
  const ir: EnforcementIR = {
    id: ep.id,
    platform: ep.platform,
    phase,
    zones,
    boundaries,
    addresses: buildAddresses(model, refs),
    addressGroups: [],
    services: services.list(),
    serviceGroups: [],
    rules: [...flowRules, ...buildBoundaryFinals(boundaries, catalogs), buildCatchAll(phase, catalogs, platform)],
    syslog: controls.syslog,
    ntp: controls.ntp,
    options: sortedOptions(ep.options),
    pointer: ep.pointer,
  };
  if (ep.description !== undefined) ir.description = ep.description;
  if (controls.span) ir.span = controls.span;
  return ir;
}

/** Inverts placement.byConduit: enforcement point id -> conduit ids placed on it. */
function conduitsByEnforcementPoint(placement: Placement): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [conduit, eps] of placement.byConduit) {
    for (const ep of new Set(eps)) out.set(ep, [...(out.get(ep) ?? []), conduit]);
  }
  return out;
}

/**
 * A conduit placed on a point that lacks an interface in one of its zones would
 * produce rules between zones the device does not join: an inconsistent placement
 * is a bug upstream, not something to render.
 */
function checkPlacedConduits(model: Model, ep: EnforcementPoint, conduitIds: string[]): void {
  for (const id of conduitIds) {
    const conduit = model.conduits.get(id);
    if (!conduit) throw new Error(`rule IR: placed conduit ${id} is not in the model`);
    const missing = conduit.zones.find((z) => !Object.hasOwn(ep.interfaces, z));
    if (missing !== undefined) {
      throw new Error(`rule IR: conduit ${id} is placed on ${ep.id}, which has no interface in zone ${missing}`);
    }
  }
}

/** A mistyped boundary key would silently leave a boundary in the other phase. */
function checkBoundaryPhaseKeys(model: Model, boundaryPhases: Record<string, Phase>): void {
  const known = new Set<string>();
  for (const ep of model.enforcement.values()) {
    const zones = Object.keys(ep.interfaces).sort(compareStrings);
    for (let i = 0; i < zones.length; i++) {
      for (let j = i + 1; j < zones.length; j++) known.add(boundaryPhaseKey(ep.id, `${zones[i]}|${zones[j]}`));
    }
  }
  const unknown = Object.keys(boundaryPhases).filter((k) => !known.has(k)).sort(compareStrings);
  if (unknown.length > 0) throw new Error(`rule IR: boundaryPhases names unknown boundaries: ${unknown.join(', ')}`);
}

function sortedOptions(options: EnforcementPoint['options']): EnforcementIR['options'] {
  const out: EnforcementIR['options'] = {};
  for (const key of Object.keys(options).sort(compareStrings)) out[key] = options[key];
  return out;
}
