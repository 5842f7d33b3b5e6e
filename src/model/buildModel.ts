import type { Catalogs } from '../catalog/types.js';
import { joinPointer } from '../diagnostics/sourceMap.js';
import type {
  AcceptDoc, AssetDoc, ConduitDoc, EnforcementDoc, FlowDoc, PolicyDocument, RateLimitDoc, ServicesDoc, SLTargetDoc, WaiverDoc, ZoneDoc,
} from '../validate/policyDocument.js';
import { parseProtocolRef } from '../validate/protocolRef.js';
import { canonicalRequirementId } from '../validate/requirementId.js';
import { compareRanges, parseNet } from './ip.js';
import type {
  Acceptance, Asset, Conduit, EndpointRef, EnforcementPoint, Flow, FlowProtocol, IpNet, Model, PortSpec, RateLimit, Services, Site, SLVector, Waiver, Zone,
} from './types.js';
import { FRS } from './types.js';

/**
 * Builds the typed model from a document that passed the schema and the
 * semantic checks (validatePolicy calls it only then). Pure and deterministic:
 * maps are filled in ascending id order and every list without a meaningful
 * order is sorted, so reordering keys or list items in the YAML changes
 * nothing but trace fields (Flow.index, Waiver.index, pointers).
 */

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortedKeys = (o: object | undefined): string[] => Object.keys(o ?? {}).sort(cmp);

function slVector(sl: SLTargetDoc): SLVector {
  const out = {} as SLVector;
  for (const fr of FRS) out[fr] = typeof sl === 'number' ? sl : sl[fr];
  return out;
}

function ipNet(text: string, pointer: string): IpNet {
  const r = parseNet(text);
  // validation reported every invalid address before the model is built
  if (!r.ok) throw new Error(`internal: unvalidated address ${text} at ${pointer}`);
  return { ...r.net, pointer };
}

function ipNets(value: string | string[] | undefined, pointer: string): IpNet[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [{ text: value, pointer }] : value.map((text, i) => ({ text, pointer: joinPointer(pointer, i) }));
  return list.map((a) => ipNet(a.text, a.pointer)).sort((a, b) => compareRanges(a, b) || cmp(a.pointer, b.pointer));
}

function rateLimit(doc: RateLimitDoc | undefined): RateLimit | undefined {
  if (!doc) return undefined;
  const out: RateLimit = {};
  if (doc['max-connections'] !== undefined) out.maxConnections = doc['max-connections'];
  if (doc['per-source-connections'] !== undefined) out.perSourceConnections = doc['per-source-connections'];
  if (doc['new-connections-per-second'] !== undefined) out.newConnectionsPerSecond = doc['new-connections-per-second'];
  if (doc['max-embryonic'] !== undefined) out.maxEmbryonic = doc['max-embryonic'];
  return out;
}

/** Copies the optional display fields that are present (no `undefined` keys in the model). */
function withText<T extends object>(target: T, source: Record<string, unknown>, keys: [string, keyof T][]): T {
  for (const [from, to] of keys) if (source[from] !== undefined) (target as Record<keyof T, unknown>)[to] = source[from];
  return target;
}

function buildZone(id: string, z: ZoneDoc): Zone {
  const pointer = joinPointer('/zones', id);
  const zone: Zone = {
    id, purdue: z.purdue, slTarget: slVector(z['sl-target']), criticality: z.criticality, trust: z.trust ?? 'trusted',
    networks: ipNets(z.networks, joinPointer(pointer, 'networks')), segmentation: z.segmentation ?? 'logical',
    portSecurity: z['port-security'] ?? false, pointer,
  };
  return withText(zone, z as unknown as Record<string, unknown>, [['name', 'name'], ['description', 'description']]);
}

function buildAsset(id: string, a: AssetDoc, catalogs: Catalogs): Asset {
  const pointer = joinPointer('/assets', id);
  const own = [...new Set(a.capabilities ?? [])].sort(cmp);
  const fromProfile = a.profile ? (catalogs.profiles.get(a.profile)?.capabilities ?? []) : [];
  const addresses = a.address !== undefined ? ipNets(a.address, joinPointer(pointer, 'address')) : ipNets(a.addresses, joinPointer(pointer, 'addresses'));
  const asset: Asset = {
    id, zone: a.zone, type: a.type, addresses, capabilities: own,
    effectiveCapabilities: [...new Set([...fromProfile, ...own])].sort(cmp), essential: a.essential ?? false, pointer,
  };
  return withText(asset, a as unknown as Record<string, unknown>, [
    ['name', 'name'], ['description', 'description'], ['vendor', 'vendor'], ['model', 'model'], ['firmware', 'firmware'],
    ['firmware-year', 'firmwareYear'], ['profile', 'profile'],
  ]);
}

function endpoints(value: string | string[], assets: Map<string, Asset>): EndpointRef[] {
  const ids = [...new Set(typeof value === 'string' ? [value] : value)].sort(cmp);
  return ids.map((id) => (assets.has(id) ? { kind: 'asset', id } : { kind: 'zone', id }));
}

function zoneOf(refs: EndpointRef[], assets: Map<string, Asset>): string {
  const first = refs[0];
  return first.kind === 'asset' ? (assets.get(first.id) as Asset).zone : first.id;
}

function flowProtocol(name: string, catalogs: Catalogs): FlowProtocol {
  const ref = parseProtocolRef(name, catalogs.protocols);
  if (ref.kind === 'raw') return { name, ports: [{ transport: ref.transport, ports: [ref.ports[0], ref.ports[1]] }] };
  if (ref.kind !== 'catalog') throw new Error(`internal: unvalidated protocol ${name}`);
  const ports: PortSpec[] = ref.protocol.ports.map((p) => ({ transport: p.transport, ports: [p.ports[0], p.ports[1]] }));
  ports.sort((a, b) => cmp(a.transport, b.transport) || a.ports[0] - b.ports[0] || a.ports[1] - b.ports[1]);
  return { name, catalogId: ref.protocol.id, ports };
}

function buildFlow(conduit: string, f: FlowDoc, index: number, assets: Map<string, Asset>, catalogs: Catalogs): Flow {
  const from = endpoints(f.from, assets);
  const to = endpoints(f.to, assets);
  const access = f.access ?? 'read-write';
  const ids = (refs: EndpointRef[]) => refs.map((r) => r.id).join(',');
  const flow: Flow = {
    conduit, index, key: `${ids(from)}>${ids(to)}:${f.protocol}:${access}`, from, to,
    fromZone: zoneOf(from, assets), toZone: zoneOf(to, assets), protocol: flowProtocol(f.protocol, catalogs), access,
    pointer: `${joinPointer('/conduits', conduit)}/flows/${index}`,
  };
  if (f.description !== undefined) flow.description = f.description;
  const rl = rateLimit(f['rate-limit']);
  if (rl) flow.rateLimit = rl;
  if (f.accept) flow.accept = acceptances(f.accept, flow.pointer);
  return flow;
}

/** Flows in canonical order; equal keys are ordered by their remaining content so list order never shows. */
function compareFlows(a: Flow, b: Flow): number {
  return cmp(a.key, b.key) || cmp(a.description ?? '', b.description ?? '') || cmp(JSON.stringify(a.rateLimit ?? {}), JSON.stringify(b.rateLimit ?? {})) || a.index - b.index;
}

function buildConduit(id: string, c: ConduitDoc, zones: Map<string, Zone>, assets: Map<string, Asset>, catalogs: Catalogs): Conduit {
  const pair = [...c.zones].sort(cmp) as [string, string];
  const [a, b] = pair.map((z) => (zones.get(z) as Zone).slTarget);
  const slTarget = c['sl-target'] !== undefined ? slVector(c['sl-target']) : slVector(Object.fromEntries(FRS.map((fr) => [fr, Math.max(a[fr], b[fr])])) as SLVector);
  const conduit: Conduit = {
    id, zones: pair, slTarget, flows: c.flows.map((f, i) => buildFlow(id, f, i, assets, catalogs)).sort(compareFlows),
    transit: c.transit ?? 'trusted', unidirectional: c.unidirectional ?? false, pointer: joinPointer('/conduits', id),
  };
  withText(conduit, c as unknown as Record<string, unknown>, [['name', 'name'], ['description', 'description'], ['encrypted', 'encrypted']]);
  const rl = rateLimit(c['rate-limit']);
  if (rl) conduit.rateLimit = rl;
  if (c.accept) conduit.accept = acceptances(c.accept, conduit.pointer);
  return conduit;
}

function acceptances(docs: AcceptDoc[], owner: string): Acceptance[] {
  return docs.map((a, i) => ({ code: a.code, reason: a.reason, pointer: `${owner}/accept/${i}` }));
}

function buildEnforcement(id: string, e: EnforcementDoc): EnforcementPoint {
  const interfaces: Record<string, string> = {};
  for (const zone of sortedKeys(e.interfaces)) interfaces[zone] = e.interfaces[zone];
  const options: Record<string, string | number | boolean> = {};
  for (const key of sortedKeys(e.options)) options[key] = (e.options as Record<string, string | number | boolean>)[key];
  const ep: EnforcementPoint = { id, platform: e.platform, interfaces, islandMode: e['island-mode'] ?? false, options, pointer: joinPointer('/enforcement', id) };
  return withText(ep, e as unknown as Record<string, unknown>, [['description', 'description'], ['fail-mode', 'failMode']]);
}

function buildServices(s: ServicesDoc | undefined): Services {
  const services: Services = { syslog: ipNets(s?.syslog, '/services/syslog'), ntp: ipNets(s?.ntp, '/services/ntp'), pointer: '/services' };
  if (s?.ids) {
    const ids = s.ids.address !== undefined ? ipNets(s.ids.address, '/services/ids/address') : ipNets(s.ids.addresses, '/services/ids/addresses');
    services.ids = { addresses: ids, monitors: [...new Set(s.ids.monitors)].sort(cmp), pointer: '/services/ids' };
  }
  if (s?.['jump-host'] !== undefined) services.jumpHost = s['jump-host'];
  if (s?.backup !== undefined) services.backup = { addresses: ipNets(s.backup, '/services/backup'), pointer: '/services/backup' };
  return services;
}

function buildWaivers(list: WaiverDoc[] | undefined): Waiver[] {
  const waivers = (list ?? []).map((w, index): Waiver => {
    const waiver: Waiver = {
      index, requirement: canonicalRequirementId(w.requirement) ?? w.requirement, reason: w.reason, approvedBy: w['approved-by'],
      expires: w.expires, pointer: `/waivers/${index}`,
    };
    return withText(waiver, w as unknown as Record<string, unknown>, [['asset', 'asset'], ['zone', 'zone']]);
  });
  const key = (w: Waiver) => [w.asset ?? '', w.zone ?? '', w.requirement, w.expires, w.reason, w.approvedBy].join('\u0000');
  return waivers.sort((a, b) => cmp(key(a), key(b)) || a.index - b.index);
}

function requirementLevels(levels: Record<string, number> | undefined): Record<string, number> {
  const entries = Object.keys(levels ?? {}).map((k) => [canonicalRequirementId(k) ?? k, (levels as Record<string, number>)[k]] as const);
  const out: Record<string, number> = {};
  for (const [id, level] of entries.sort((a, b) => cmp(a[0], b[0]))) out[id] = level;
  return out;
}

function byId<T>(ids: string[], build: (id: string) => T): Map<string, T> {
  return new Map(ids.map((id) => [id, build(id)]));
}

/** The typed model of a validated policy document (src/model/types.ts). */
export function buildModel(doc: PolicyDocument, catalogs: Catalogs, file: string): Model {
  const zones = byId(sortedKeys(doc.zones), (id) => buildZone(id, doc.zones[id]));
  const assetDocs = doc.assets ?? {};
  const assets = byId(sortedKeys(assetDocs), (id) => buildAsset(id, assetDocs[id], catalogs));
  const conduitDocs = doc.conduits ?? {};
  const conduits = byId(sortedKeys(conduitDocs), (id) => buildConduit(id, conduitDocs[id], zones, assets, catalogs));
  const epDocs = doc.enforcement ?? {};
  const enforcement = byId(sortedKeys(epDocs), (id) => buildEnforcement(id, epDocs[id]));
  const site: Site = withText({ id: doc.site.id, name: doc.site.name } as Site, doc.site as Record<string, unknown>, [['description', 'description']]);
  return {
    file, site, zones, assets, conduits, enforcement, services: buildServices(doc.services), waivers: buildWaivers(doc.waivers),
    requirementLevels: requirementLevels(doc.options?.['requirement-levels']),
    ...(doc.rollout ? { rollout: rolloutOf(doc.rollout) } : {}),
  };
}

function rolloutOf(r: NonNullable<PolicyDocument['rollout']>): NonNullable<Model['rollout']> {
  return {
    ...(r['baseline-start'] !== undefined ? { baselineStart: r['baseline-start'] } : {}),
    ...(r['baseline-days'] !== undefined ? { baselineDays: r['baseline-days'] } : {}),
  };
}
