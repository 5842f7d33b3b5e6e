import type { Flow } from '../model/types.js';
import type { SiteFacts } from './siteFacts.js';
import { describeFlow } from '../model/describeFlow.js';
import { canFilterOperations } from '../model/canFilterOperations.js';
import { flowRateLimitSupport } from '../model/rateLimitSupport.js';
import type { DeviceResult, Finding } from './types.js';

/**
 * Site-level findings that explain statuses: the site findings (siteOnlyFindings), then
 * waivers that change nothing (decided on the device rows).
 */
export function buildFindings(facts: SiteFacts, devices: DeviceResult[]): Finding[] {
  return [...siteOnlyFindings(facts), ...waiverFindings(facts, devices)];
}

/**
 * The findings that need no device rows: conduits no enforcement point joins (SR 5.2
 * gaps), controls a platform cannot enforce (read-only downgraded to port level, rate
 * limits dropped), and zones whose traffic may transit another point's final rule.
 */
export function siteOnlyFindings(facts: SiteFacts): Finding[] {
  return [...unplacedFindings(facts), ...downgradeFindings(facts), ...transitFindings(facts)];
}

/** Conduits named in one transit note; the rest are counted. */
const TRANSIT_LISTED = 8;

/**
 * An enforcement point with an interface in a zone denies, at its final rule, everything
 * from that zone that none of its own boundaries allows: also the zone's traffic on
 * conduits enforced elsewhere, should it be routed through this point (a core switch
 * that is the zones' gateway towards the firewall; vendors.md "Ordering"). The policy
 * does not describe routing, so this is a note to check before enforcing, one per
 * point and zone (the water plant's sw-core routes VLAN 20, whose conduits to the
 * process zones are enforced on fw-plant).
 */
function transitFindings(facts: SiteFacts): Finding[] {
  const out: Finding[] = [];
  for (const ep of facts.model.enforcement.values()) {
    for (const zone of Object.keys(ep.interfaces)) {
      const elsewhere = (facts.conduitsOfZone.get(zone) ?? []).filter((c) => {
        const points = facts.placement.byConduit.get(c.id) ?? [];
        return points.length > 0 && !points.includes(ep.id);
      });
      if (elsewhere.length === 0) continue;
      const named = elsewhere.slice(0, TRANSIT_LISTED).map((c) => `${c.id} (on ${facts.placement.byConduit.get(c.id)!.join(', ')})`);
      const more = elsewhere.length > TRANSIT_LISTED ? ` and ${elsewhere.length - TRANSIT_LISTED} more` : '';
      const monitorToo = facts.catalogs.platforms.get(ep.platform)?.supports.monitorCatchAll === 'deny';
      out.push({
        code: 'OTPC710', severity: 'note', pointer: `${ep.pointer}/interfaces/${zone}`, devices: assetsOfZones(facts, [zone]),
        message: `zone ${zone} has conduits enforced on other points: ${named.join(', ')}${more}; if their traffic is routed through ${ep.id} (${ep.interfaces[zone]}), the final rule there drops it ${monitorToo ? 'in the monitor phase too (the platform denies by default)' : 'once enforced'}`,
      });
    }
  }
  return out;
}

/** Asset ids of the zones, in model order (one zone: from the per-zone index, not a scan of every asset per finding). */
function assetsOfZones(facts: SiteFacts, zones: readonly string[]): string[] {
  if (zones.length === 1) return (facts.assetsOfZone.get(zones[0]) ?? []).map((a) => a.id);
  return [...facts.model.assets.values()].filter((a) => zones.includes(a.zone)).map((a) => a.id);
}

function flowTargets(facts: SiteFacts, flow: Flow): string[] {
  const ids = new Set<string>();
  for (const e of flow.to) {
    if (e.kind === 'asset') ids.add(e.id);
    else assetsOfZones(facts, [e.id]).forEach((id) => ids.add(id));
  }
  return [...ids].sort();
}

function unplacedFindings(facts: SiteFacts): Finding[] {
  return facts.placement.unplaced.map((id) => {
    const c = facts.model.conduits.get(id)!;
    const devices = assetsOfZones(facts, c.zones);
    return {
      code: 'OTPC703', severity: 'warning', pointer: c.pointer, devices,
      message: `conduit ${id} (${c.zones[0]} <-> ${c.zones[1]}) is not enforced by any enforcement point: its flows are not filtered and SR 5.2 is a gap for ${devices.length} device(s)`,
    } satisfies Finding;
  });
}


function downgradeFindings(facts: SiteFacts): Finding[] {
  const out: Finding[] = [];
  for (const c of facts.model.conduits.values()) {
    for (const f of c.flows) {
      for (const epId of facts.placement.byConduit.get(c.id) ?? []) {
        const ep = facts.model.enforcement.get(epId)!;
        const platform = facts.catalogs.platforms.get(ep.platform);
        const can = f.access === 'read-only' ? canFilterOperations(ep, platform, f.protocol.catalogId) : { ok: true as const };
        if (!can.ok) {
          out.push({
            code: 'OTPC704', severity: 'warning', pointer: f.pointer, devices: flowTargets(facts, f),
            message: `read-only flow ${describeFlow(f)}: ${can.reason}; rendered as a port-level rule, so writes are not blocked there and protocol-filter is not credited`,
          });
        }
        const limit = f.rateLimit ?? c.rateLimit;
        const dropped = limit ? flowRateLimitSupport(platform, limit, f).unsupported : [];
        if (dropped.length > 0) {
          out.push({
            code: 'OTPC704', severity: 'warning', pointer: f.pointer, devices: flowTargets(facts, f),
            message: `rate limit ${dropped.join(', ')} on flow ${describeFlow(f)} cannot be enforced on ${ep.id} (${ep.platform}): not rendered there, so rate-limiting is not credited`,
          });
        }
      }
    }
  }
  return out;
}

function waiverFindings(facts: SiteFacts, devices: DeviceResult[]): Finding[] {
  const out: Finding[] = [];
  const byId = new Map(devices.map((d) => [d.id, d]));
  const byZone = new Map<string, DeviceResult[]>();
  for (const d of devices) byZone.set(d.zone, [...(byZone.get(d.zone) ?? []), d]);
  for (const w of facts.model.waivers) {
    const own = w.asset ? byId.get(w.asset) : undefined;
    const subjects = w.asset ? (own ? [own] : []) : (byZone.get(w.zone ?? '') ?? []);
    const used = subjects.some((d) => d.requirements.some((r) => r.id === w.requirement && r.status === 'waived'));
    if (!used) {
      out.push({
        code: 'OTPC505', severity: 'warning', pointer: w.pointer, devices: subjects.map((d) => d.id),
        message: `waiver for ${w.requirement} on ${w.asset ? `asset ${w.asset}` : `zone ${w.zone}`} changes nothing: the requirement is met or not required there`,
      });
    }
  }
  return out;
}
