import type { Asset, Flow } from '../model/types.js';
import type { SiteFacts } from './siteFacts.js';
import { describeFlow } from '../model/describeFlow.js';
import { canFilterOperations } from '../model/canFilterOperations.js';
import { flowRateLimitSupport } from '../model/rateLimitSupport.js';

/**
 * The closed set of precondition predicates that catalogue controls may name
 * (STYLE 7: a control that needs logic names a predicate). Each returns whether
 * it holds for one asset and, when it does not, the concrete reason
 * ("conduit x is not enforced"), which the report prints.
 */
export interface PredicateResult {
  holds: boolean;
  detail?: string;
}

export type PredicateArgs = Record<string, string | number | boolean> | undefined;
type Predicate = (facts: SiteFacts, asset: Asset, args: PredicateArgs) => PredicateResult;

const ok: PredicateResult = { holds: true };
const fail = (detail: string): PredicateResult => ({ holds: false, detail });

function zoneBoundaryEnforced(f: SiteFacts, a: Asset): PredicateResult {
  const conduits = f.conduitsOfZone.get(a.zone) ?? [];
  if (conduits.length === 0) {
    // An isolated zone is bounded only if some enforcement point sits on it (default deny).
    return (f.epsWithInterface.get(a.zone) ?? []).length > 0
      ? ok
      : fail(`zone ${a.zone} has no conduits and no enforcement point interface, so its boundary is unknown`);
  }
  const unplaced = conduits.filter((c) => (f.placement.byConduit.get(c.id) ?? []).length === 0).map((c) => c.id);
  return unplaced.length === 0 ? ok : fail(`conduit ${unplaced.join(', ')} is not enforced by any enforcement point`);
}

function boundaryEps(f: SiteFacts, a: Asset) {
  return (f.boundaryEps.get(a.zone) ?? []).map((id) => f.model.enforcement.get(id)!);
}

type Ep = ReturnType<typeof boundaryEps>[number];

function everyBoundaryEp(test: (ep: Ep, f: SiteFacts) => boolean, what: string): Predicate {
  return (f, a) => {
    const eps = boundaryEps(f, a);
    if (eps.length === 0) return fail(`no enforcement point is on the boundary of zone ${a.zone}`);
    const bad = eps.filter((ep) => !test(ep, f)).map((ep) => ep.id);
    return bad.length === 0 ? ok : fail(`${bad.join(', ')} ${what}`);
  };
}

function service(f: SiteFacts, _a: Asset, args: PredicateArgs): PredicateResult {
  const s = f.model.services;
  const name = String(args?.service ?? '');
  const present: Record<string, boolean> = {
    syslog: s.syslog.length > 0, ntp: s.ntp.length > 0, 'jump-host': s.jumpHost !== undefined,
    ids: s.ids !== undefined, backup: s.backup !== undefined,
  };
  return present[name] ? ok : fail(`services.${name} is not declared`);
}

function isInteractive(f: SiteFacts, flow: Flow): boolean {
  const proto = flow.protocol.catalogId ? f.catalogs.protocols.get(flow.protocol.catalogId) : undefined;
  return proto?.interactive === true;
}

function startsAtJumpHost(f: SiteFacts, flow: Flow): boolean {
  const jh = f.model.services.jumpHost;
  return jh !== undefined && flow.from.length === 1 && flow.from[0].kind === 'asset' && flow.from[0].id === jh;
}

/**
 * A flow brings access "via untrusted networks" (SR 1.13) into its destination zone when it
 * does not start at the jump host and either comes from an untrusted zone (or crosses an
 * untrusted transit network) outside an encrypted tunnel or with an interactive protocol, or
 * is an interactive session from a zone that is itself exposed. The reference analysis (C1):
 * SR 1.13 is met when the only external path is through the jump host (C3) or a tunnel (C4).
 */
function exposingFlow(f: SiteFacts, flow: Flow, exposed: { has(zone: string): boolean }): boolean {
  if (startsAtJumpHost(f, flow) || flow.fromZone === flow.toZone) return false;
  const conduit = f.model.conduits.get(flow.conduit)!;
  const untrustedPath = f.model.zones.get(flow.fromZone)?.trust === 'untrusted' || conduit.transit === 'untrusted';
  const interactive = isInteractive(f, flow);
  if (untrustedPath && (interactive || !conduit.encrypted)) return true;
  return interactive && exposed.has(flow.fromZone);
}

/** Zones reachable from untrusted networks without the jump host (fixpoint over interactive hops), cached per site. */
const exposedCache = new WeakMap<SiteFacts, Map<string, Flow>>();
function exposedZones(f: SiteFacts): Map<string, Flow> {
  const hit = exposedCache.get(f);
  if (hit) return hit;
  const exposed = new Map<string, Flow>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const [zone, flows] of f.flowsIntoZone) {
      if (exposed.has(zone)) continue;
      // the map itself, not a copy of its keys per flow: copying made the fixpoint zones x flows x zones
      const via = flows.find((fl) => exposingFlow(f, fl, exposed));
      if (via) { exposed.set(zone, via); changed = true; }
    }
  }
  exposedCache.set(f, exposed);
  return exposed;
}

function noDirectRemotePath(f: SiteFacts, a: Asset): PredicateResult {
  if (f.model.zones.get(a.zone)?.trust === 'untrusted') return fail(`zone ${a.zone} is itself untrusted`);
  const via = exposedZones(f).get(a.zone);
  return via ? fail(`remote path into zone ${a.zone} not through the jump host: ${describeFlow(via)}`) : ok;
}

function jumpHostReachesZone(f: SiteFacts, a: Asset): PredicateResult {
  const reaches = (f.flowsIntoZone.get(a.zone) ?? []).some((fl) => fl.from.some((e) => e.kind === 'asset' && e.id === f.model.services.jumpHost));
  return reaches ? ok : fail(`no conduit flow goes from the jump host into zone ${a.zone}`);
}

function jumpHostCapability(f: SiteFacts, _a: Asset, args: PredicateArgs): PredicateResult {
  const jh = f.model.services.jumpHost ? f.model.assets.get(f.model.services.jumpHost) : undefined;
  const cap = String(args?.capability ?? '');
  return jh?.effectiveCapabilities.includes(cap) ? ok : fail(`the jump host does not have capability ${cap}`);
}

function conduitsEncrypted(f: SiteFacts, a: Asset, args: PredicateArgs): PredicateResult {
  const all = f.conduitsOfZone.get(a.zone) ?? [];
  const scoped = args?.scope === 'all' ? all : all.filter((c) => c.transit === 'untrusted' || c.zones.some((z) => f.model.zones.get(z)?.trust === 'untrusted'));
  if (scoped.length === 0) return fail(args?.scope === 'all' ? `zone ${a.zone} has no conduits` : `zone ${a.zone} has no conduit to an untrusted zone or across an untrusted network`);
  const clear = scoped.filter((c) => !c.encrypted).map((c) => c.id);
  return clear.length === 0 ? ok : fail(`conduit ${clear.join(', ')} is not encrypted`);
}

function flowEps(f: SiteFacts, flow: Flow) {
  return (f.placement.byConduit.get(flow.conduit) ?? []).map((id) => f.model.enforcement.get(id)!);
}

function readOnlyEnforced(f: SiteFacts, a: Asset): PredicateResult {
  const ro = (f.flowsIntoAsset.get(a.id) ?? []).filter((fl) => fl.access === 'read-only');
  if (ro.length === 0) return fail(`no flow into ${a.id} is declared access: read-only`);
  for (const fl of ro) {
    const eps = flowEps(f, fl);
    if (eps.length === 0) return fail(`flow ${describeFlow(fl)} is not enforced by any enforcement point`);
    for (const ep of eps) {
      const can = canFilterOperations(ep, f.catalogs.platforms.get(ep.platform), fl.protocol.catalogId);
      if (!can.ok) return fail(`${can.reason}, so read-only flow ${describeFlow(fl)} is enforced at port level only`);
    }
  }
  return ok;
}

function rateLimitEnforced(f: SiteFacts, a: Asset): PredicateResult {
  const flows = f.flowsIntoAsset.get(a.id) ?? [];
  if (flows.length === 0) return fail(`no conduit flow reaches ${a.id}`);
  for (const fl of flows) {
    const conduit = f.model.conduits.get(fl.conduit)!;
    if (!fl.rateLimit && !conduit.rateLimit) return fail(`flow ${describeFlow(fl)} has no rate-limit`);
    const eps = flowEps(f, fl);
    if (eps.length === 0) return fail(`flow ${describeFlow(fl)} is not enforced by any enforcement point`);
    for (const ep of eps) {
      const { unsupported } = flowRateLimitSupport(f.catalogs.platforms.get(ep.platform), (fl.rateLimit ?? conduit.rateLimit)!, fl);
      if (unsupported.length > 0) return fail(`${ep.id} (${ep.platform}) cannot enforce ${unsupported.join(', ')} for flow ${describeFlow(fl)}`);
    }
  }
  return ok;
}

function conduitsUnidirectional(f: SiteFacts, a: Asset): PredicateResult {
  const zone = f.model.zones.get(a.zone)!;
  const outward = (f.conduitsOfZone.get(a.zone) ?? []).filter((c) => {
    const other = f.model.zones.get(c.zones[0] === a.zone ? c.zones[1] : c.zones[0])!;
    return other.trust === 'untrusted' || other.purdue > zone.purdue;
  });
  if (outward.length === 0) return fail(`zone ${a.zone} has no conduit to a less trusted or higher-level zone`);
  const bad = outward.filter((c) => !c.unidirectional || c.flows.some((fl) => fl.fromZone !== a.zone)).map((c) => c.id);
  return bad.length === 0 ? ok : fail(`conduit ${bad.join(', ')} is not a one-way conduit out of zone ${a.zone}`);
}

const zoneFlag = (test: (z: { segmentation: string; portSecurity?: boolean }) => boolean, what: string): Predicate =>
  (f, a) => (test(f.model.zones.get(a.zone)! as { segmentation: string; portSecurity?: boolean }) ? ok : fail(`zone ${a.zone} ${what}`));

export const PREDICATES: Record<string, Predicate> = {
  'zone-boundary-enforced': zoneBoundaryEnforced,
  'boundary-logging': everyBoundaryEp((ep, f) => f.catalogs.platforms.get(ep.platform)?.supports.logging === true, 'cannot log rule hits'),
  service,
  'ids-monitors-zone': (f, a) => (f.model.services.ids?.monitors.includes(a.zone) ? ok : fail(`the IDS does not monitor zone ${a.zone}`)),
  'no-direct-remote-path': noDirectRemotePath,
  'jump-host-reaches-zone': jumpHostReachesZone,
  'jump-host-capability': jumpHostCapability,
  'conduits-encrypted': conduitsEncrypted,
  'read-only-enforced': readOnlyEnforced,
  'rate-limit-enforced': rateLimitEnforced,
  'zone-physical-segmentation': zoneFlag((z) => z.segmentation === 'physical', 'is separated logically only'),
  'zone-port-security': zoneFlag((z) => z.portSecurity === true, 'does not declare port-security'),
  'boundary-fail-closed': everyBoundaryEp((ep) => ep.failMode === 'closed', 'is not declared fail-mode: closed'),
  'boundary-island-mode': everyBoundaryEp((ep) => ep.islandMode, 'has no pre-staged island-mode policy'),
  'conduits-unidirectional': conduitsUnidirectional,
  'asset-capability': (_f, a, args) => (a.effectiveCapabilities.includes(String(args?.capability)) ? ok : fail(`${a.id} does not have capability ${String(args?.capability)}`)),
  'asset-type': (_f, a, args) => (a.type === args?.type ? ok : fail(`${a.id} is not of type ${String(args?.type)}`)),
};

export function evaluatePredicate(facts: SiteFacts, asset: Asset, name: string, args: PredicateArgs): PredicateResult {
  const p = PREDICATES[name];
  if (!p) return fail(`unknown predicate ${name}`);
  return p(facts, asset, args);
}

/** Predicates whose result depends only on the asset's zone (cached per zone). */
export const ZONE_PREDICATES = new Set([
  'zone-boundary-enforced', 'boundary-logging', 'service', 'ids-monitors-zone', 'no-direct-remote-path',
  'jump-host-reaches-zone', 'jump-host-capability', 'conduits-encrypted', 'zone-physical-segmentation',
  'zone-port-security', 'boundary-fail-closed', 'boundary-island-mode', 'conduits-unidirectional',
]);
