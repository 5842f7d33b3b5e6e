import type { Catalogs } from '../catalog/types.js';
import { FRS } from '../model/types.js';
import type { Asset, Model, Placement, SLVector, Waiver } from '../model/types.js';
import type { RequirementContext } from './assessRequirement.js';
import { SharedRows } from './sharedRows.js';
import { ControlEvaluator } from './controlEvaluator.js';
import { buildControlIndex } from './controlIndex.js';
import { buildFindings } from './buildFindings.js';
import { buildSiteFacts } from './siteFacts.js';
import type { SiteFacts } from './siteFacts.js';
import { minVector, slAchieved } from './slAchieved.js';
import { STATUSES } from './types.js';
import type { Assessment, DeployedControl, DeviceResult, RequirementResult, Status, ZoneResult } from './types.js';

interface DeviceContext {
  /** The asset's own waiver for a requirement (not its zone's). */
  assetWaiver(asset: Asset, requirement: string): Waiver | undefined;
  shared: SharedRows;
}

export interface AssessOptions {
  /** "Today" (YYYY-MM-DD, UTC): waivers expiring before it are not honoured. */
  date: string;
}

/**
 * For every asset and every IEC 62443-3-3 requirement: native > compensated > waived >
 * partial > gap (DESIGN "Assessment rules"). All 100 rows are evaluated so SL-A can be
 * computed; the report lists the rows the device's target level requires.
 */
export function assess(model: Model, catalogs: Catalogs, placement: Placement, options: AssessOptions): Assessment {
  const facts = buildSiteFacts(model, catalogs, placement);
  const index = buildControlIndex(catalogs);
  const waivers = waiverLookup(model.waivers, options.date);
  const requirementContext: RequirementContext = { index, evaluator: new ControlEvaluator(facts), waiverFor: waivers.waiverFor };
  const ctx: DeviceContext = { assetWaiver: waivers.assetWaiver, shared: new SharedRows(requirementContext) };
  const devices = [...model.assets.values()].map((a) => assessDevice(a, facts, ctx));
  const byZone = new Map<string, DeviceResult[]>();
  for (const d of devices) {
    const list = byZone.get(d.zone);
    if (list) list.push(d);
    else byZone.set(d.zone, [d]);
  }
  const zones = [...model.zones.values()].map((z) => {
    const own = byZone.get(z.id) ?? [];
    // A zone without assets: what its network controls achieve for a device with no capabilities.
    const vectors = own.length > 0 ? own.map((d) => d.slAchieved) : [assessDevice(virtualAsset(z.id), facts, ctx).slAchieved];
    const achieved = minVector(vectors);
    return {
      id: z.id, purdue: z.purdue, criticality: z.criticality, slTarget: z.slTarget, slAchieved: achieved,
      assets: own.length, belowTarget: FRS.filter((fr) => achieved[fr] < z.slTarget[fr]),
    } satisfies ZoneResult;
  });
  const summary = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const d of devices) for (const r of d.requirements) summary[r.status]++;
  return {
    site: { id: model.site.id, name: model.site.name },
    date: options.date,
    summary,
    devices,
    zones,
    findings: buildFindings(facts, devices),
    deployed: deployedControls(devices),
  };
}

function virtualAsset(zone: string): Asset {
  return { id: `zone:${zone}`, zone, type: 'other', addresses: [], capabilities: [], effectiveCapabilities: [], essential: false, pointer: '' };
}

/**
 * The valid waiver for (asset, requirement): the asset's own, else its zone's. When
 * several match, the latest expiry wins (ties: approver, then reason). Indexed per
 * asset and per zone so that the ~100 lookups per device build no key strings.
 */
function waiverLookup(waivers: readonly Waiver[], date: string) {
  const byAsset = new Map<string, Map<string, Waiver>>();
  const byZone = new Map<string, Map<string, Waiver>>();
  for (const w of waivers) {
    if (w.expires < date) continue; // valid through the end of the expiry day (UTC)
    const outer = w.asset ? byAsset : byZone;
    const subject = (w.asset ? w.asset : w.zone) as string;
    let map = outer.get(subject);
    if (!map) outer.set(subject, (map = new Map()));
    const prev = map.get(w.requirement);
    if (!prev || w.expires > prev.expires || (w.expires === prev.expires && `${w.approvedBy}\u0000${w.reason}` < `${prev.approvedBy}\u0000${prev.reason}`)) map.set(w.requirement, w);
  }
  const assetWaiver = (asset: Asset, req: string) => byAsset.get(asset.id)?.get(req);
  return {
    assetWaiver,
    waiverFor: (asset: Asset, req: string) => assetWaiver(asset, req) ?? byZone.get(asset.zone)?.get(req),
  };
}

/** Target level per requirement: zone SL-T, raised by the device's conduits for communication requirements. */
function targetFor(fr: (typeof FRS)[number], scope: string, zoneTarget: SLVector, conduits: { id: string; slTarget: SLVector }[]) {
  let level = zoneTarget[fr];
  let via: string | undefined;
  if (scope === 'communication') {
    for (const c of conduits) {
      if (c.slTarget[fr] > level) { level = c.slTarget[fr]; via = c.id; }
    }
  }
  return { level, via };
}

function assessDevice(asset: Asset, facts: SiteFacts, ctx: DeviceContext): DeviceResult {
  const zone = facts.model.zones.get(asset.zone)!;
  const conduits = facts.conduitsOfAsset.get(asset.id) ?? [];
  const rows = ctx.shared.forDevice(asset);
  const all: RequirementResult[] = [];
  const required: RequirementResult[] = [];
  for (const req of facts.catalogs.requirements.values()) {
    const level = facts.model.requirementLevels[req.id] ?? req.level;
    const row = rows(req, level, ctx.assetWaiver(asset, req.id) !== undefined);
    all.push(row);
    const target = targetFor(req.fr, req.scope, zone.slTarget, conduits);
    if (level <= target.level) {
      required.push(target.via && level > zone.slTarget[req.fr] ? { ...row, reason: `${row.reason} (required by conduit ${target.via} SL-T ${target.level})` } : row);
    }
  }
  return {
    id: asset.id, zone: asset.zone, type: asset.type, slTarget: zone.slTarget,
    slAchieved: slAchieved(all), requirements: required, pointer: asset.pointer,
  };
}

function deployedControls(devices: DeviceResult[]): DeployedControl[] {
  const byZone = new Map<string, Set<string>>();
  for (const d of devices) {
    const set = byZone.get(d.zone) ?? new Set<string>();
    for (const r of d.requirements) {
      if (r.status === 'compensated' || r.status === 'partial' || r.status === 'waived') r.controls.forEach((c) => set.add(c));
    }
    byZone.set(d.zone, set);
  }
  const out: DeployedControl[] = [];
  for (const zone of [...byZone.keys()].sort()) {
    for (const control of [...byZone.get(zone)!].sort()) out.push({ control, scope: { kind: 'zone', id: zone } });
  }
  return out;
}
