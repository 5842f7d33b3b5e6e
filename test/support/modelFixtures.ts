import type { Catalogs, Control, Platform, Protocol } from '../../src/catalog/types.js';
import { FRS } from '../../src/model/types.js';
import type {
  Asset, Conduit, EndpointRef, EnforcementPoint, Flow, FlowProtocol, IpNet, Model, Placement,
  PortSpec, RateLimit, Services, SLVector, Transport, Zone,
} from '../../src/model/types.js';
import { parseNet } from '../../src/model/ip.js';

/**
 * Hand-built Model / Catalogs / Placement for tests of the rule IR.
 *
 * TEMPORARY: `modelFromDocument` is a small, test-only model builder for VALID policy
 * documents (it throws on anything invalid instead of reporting diagnostics). It
 * duplicates part of src/model/buildModel.ts, which is being written concurrently;
 * once validatePolicy/buildModel exist, tests should also go through them (see
 * test/rules/pipeline.test.ts) and this converter should shrink to a thin wrapper.
 * `placeByInterfaces` likewise mirrors src/model/placeConduits.ts.
 */

// ---------------------------------------------------------------- policy documents

/** A policy document as written in YAML (docs/architecture.md), kebab-case keys. */
export interface PolicyDoc {
  otpc: 1;
  site: { id: string; name: string; description?: string };
  zones: Record<string, ZoneDoc>;
  assets?: Record<string, AssetDoc>;
  conduits?: Record<string, ConduitDoc>;
  enforcement?: Record<string, EnforcementDoc>;
  services?: ServicesDoc;
}

export type SLDoc = number | Record<string, number>;

export interface ZoneDoc {
  purdue: number;
  'sl-target': SLDoc;
  criticality: 'low' | 'medium' | 'high' | 'critical';
  trust?: 'trusted' | 'untrusted';
  networks?: string[];
  name?: string;
  description?: string;
  segmentation?: 'physical' | 'logical';
  'port-security'?: boolean;
}

export interface AssetDoc {
  zone: string;
  type: Asset['type'];
  address?: string;
  addresses?: string[];
  name?: string;
  profile?: string;
  capabilities?: string[];
  essential?: boolean;
}

export interface RateLimitDoc {
  'max-connections'?: number;
  'per-source-connections'?: number;
  'new-connections-per-second'?: number;
  'max-embryonic'?: number;
}

export interface FlowDoc {
  from: string | string[];
  to: string | string[];
  protocol: string;
  access?: 'read-write' | 'read-only';
  description?: string;
  'rate-limit'?: RateLimitDoc;
}

export interface ConduitDoc {
  zones: [string, string];
  flows: FlowDoc[];
  name?: string;
  description?: string;
  'sl-target'?: SLDoc;
  'rate-limit'?: RateLimitDoc;
  unidirectional?: boolean;
  encrypted?: 'ipsec' | 'tls';
  transit?: 'trusted' | 'untrusted';
}

export interface EnforcementDoc {
  platform: string;
  interfaces: Record<string, string>;
  description?: string;
  'fail-mode'?: 'closed' | 'open';
  'island-mode'?: boolean;
  options?: Record<string, string | number | boolean>;
}

export interface ServicesDoc {
  syslog?: string | string[];
  ntp?: string | string[];
  ids?: { address?: string; addresses?: string[]; monitors: string[] };
  'jump-host'?: string;
}

// ---------------------------------------------------------------- catalogues

const port = (transport: Transport, lo: number, hi = lo) => ({ transport, ports: [lo, hi] as [number, number] });

function protocol(id: string, ports: Protocol['ports'], extra: Partial<Protocol> = {}): Protocol {
  return { id, title: id, ports, nativeAuth: false, nativeEncryption: false, interactive: false, industrial: true, ...extra };
}

/** The protocols tests use, with ports and operations from shared/reference/ics-protocols.md. */
export function fixtureProtocols(): Protocol[] {
  return [
    protocol('modbus', [port('tcp', 502)], {
      operations: { read: [1, 2, 3, 4], write: [5, 6, 15, 16, 22, 23], field: 'modbus-function-code', payloadOffset: 7 },
    }),
    protocol('dnp3', [port('tcp', 20000), port('udp', 20000)], {
      operations: {
        read: [1], session: [0, 21, 129, 130],
        write: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31],
        field: 'dnp3-function-code', payloadOffset: 12,
      },
    }),
    protocol('s7comm', [port('tcp', 102)]),
    protocol('enip', [port('tcp', 44818), port('udp', 2222), port('udp', 44818)]),
    protocol('opcua', [port('tcp', 4840)], { nativeAuth: true, nativeEncryption: true }),
    protocol('iec104', [port('tcp', 2404)]),
    protocol('https', [port('tcp', 443)], { industrial: false, nativeAuth: true, nativeEncryption: true }),
    protocol('ssh', [port('tcp', 22)], { industrial: false, interactive: true, nativeAuth: true, nativeEncryption: true }),
    protocol('syslog', [port('udp', 514)], { industrial: false }),
  ];
}

function platform(id: string, kind: Platform['kind'], stateful: boolean, s: Partial<Platform['supports']>): Platform {
  return {
    id, title: id, kind, stateful,
    supports: {
      ipv6: true, addressRanges: true, objectGroups: true, logging: true, syslog: true, ntp: true,
      readOnly: [], rateLimit: false, span: false, monitorMode: true, ...s,
    },
    limits: { nameMax: 63, commentMax: 255 },
  };
}

/** Platform facts for tests (the real ones live in catalogs/platforms.yaml). */
export function fixturePlatforms(): Platform[] {
  return [
    platform('fortios', 'firewall', true, { readOnly: ['dnp3', 'modbus'], rateLimit: true }),
    platform('cisco-ios', 'switch', false, { span: true }),
    platform('cisco-asa', 'firewall', true, { rateLimit: true }),
    platform('nftables', 'host-firewall', true, { readOnly: ['modbus'], rateLimit: true, ntp: false }),
  ];
}

function control(id: string, family: string, ruleTrace: string[]): Control {
  return { id, family, title: id, reason: id, meets: [], preconditions: [], emits: [], ruleTrace };
}

/** Controls with the rule-trace values of catalogs/controls.yaml (unsorted on purpose for SR 4.1 RE 1). */
export function fixtureControls(): Control[] {
  return [
    control('boundary-firewall', 'C1', ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1']),
    control('protocol-filter', 'C2', ['SR 2.1', 'SR 3.4', 'SR 3.5', 'SR 7.7']),
    control('encrypted-tunnel', 'C4', ['SR 4.1 RE 1', 'SR 3.1']),
    control('rate-limiting', 'C7', ['SR 7.1 RE 1', 'SR 7.1 RE 2']),
  ];
}

export function fixtureCatalogs(options: { omitControls?: string[] } = {}): Catalogs {
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x] as [string, T]));
  const omit = new Set(options.omitControls ?? []);
  return {
    requirements: new Map(),
    capabilities: new Map(),
    profiles: new Map(),
    controls: byId(fixtureControls().filter((c) => !omit.has(c.id))),
    protocols: byId(fixtureProtocols()),
    platforms: byId(fixturePlatforms()),
  };
}

// ---------------------------------------------------------------- model

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function ipNet(text: string, pointer: string): IpNet {
  const r = parseNet(text);
  if (!r.ok) throw new Error(`fixture: ${r.error}`);
  return { ...r.net, pointer };
}

function sortNets(nets: IpNet[]): IpNet[] {
  return nets.sort((a, b) => (a.family - b.family) || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
}

function slVector(sl: SLDoc): SLVector {
  const out = {} as SLVector;
  for (const fr of FRS) out[fr] = typeof sl === 'number' ? sl : sl[fr];
  return out;
}

function rateLimit(r: RateLimitDoc | undefined): RateLimit | undefined {
  if (!r) return undefined;
  const out: RateLimit = {};
  if (r['max-connections'] !== undefined) out.maxConnections = r['max-connections'];
  if (r['per-source-connections'] !== undefined) out.perSourceConnections = r['per-source-connections'];
  if (r['new-connections-per-second'] !== undefined) out.newConnectionsPerSecond = r['new-connections-per-second'];
  if (r['max-embryonic'] !== undefined) out.maxEmbryonic = r['max-embryonic'];
  return out;
}

/** tcp/N, udp/N, tcp/N-M, udp/N-M, or a catalogue id. */
export function resolveProtocol(name: string, catalogs: Catalogs): FlowProtocol {
  const raw = /^(tcp|udp)\/(\d+)(?:-(\d+))?$/.exec(name);
  if (raw) {
    const lo = Number(raw[2]);
    return { name, ports: [{ transport: raw[1] as Transport, ports: [lo, raw[3] ? Number(raw[3]) : lo] }] };
  }
  const p = catalogs.protocols.get(name);
  if (!p) throw new Error(`fixture: unknown protocol ${name}`);
  const ports: PortSpec[] = p.ports.map((x) => ({ transport: x.transport, ports: [x.ports[0], x.ports[1]] }));
  ports.sort((a, b) => cmp(a.transport, b.transport) || a.ports[0] - b.ports[0] || a.ports[1] - b.ports[1]);
  return { name, catalogId: p.id, ports };
}

function endpoint(doc: PolicyDoc, id: string): { ref: EndpointRef; zone: string } {
  if (doc.assets?.[id]) return { ref: { kind: 'asset', id }, zone: doc.assets[id].zone };
  if (doc.zones[id]) return { ref: { kind: 'zone', id }, zone: id };
  throw new Error(`fixture: unknown endpoint ${id}`);
}

function side(doc: PolicyDoc, ids: string | string[]): { refs: EndpointRef[]; zone: string } {
  const eps = list(ids).map((id) => endpoint(doc, id));
  const zones = new Set(eps.map((e) => e.zone));
  if (zones.size !== 1) throw new Error(`fixture: flow side ${list(ids).join(',')} spans ${zones.size} zones`);
  const refs = eps.map((e) => e.ref).sort((a, b) => cmp(a.id, b.id) || cmp(a.kind, b.kind));
  return { refs, zone: eps[0].zone };
}

function buildFlow(doc: PolicyDoc, catalogs: Catalogs, conduit: string, f: FlowDoc, index: number): Flow {
  const from = side(doc, f.from);
  const to = side(doc, f.to);
  const access = f.access ?? 'read-write';
  const key = `${from.refs.map((r) => r.id).join(',')}>${to.refs.map((r) => r.id).join(',')}:${f.protocol}:${access}`;
  const flow: Flow = {
    conduit, index, key, from: from.refs, to: to.refs, fromZone: from.zone, toZone: to.zone,
    protocol: resolveProtocol(f.protocol, catalogs), access, pointer: `/conduits/${conduit}/flows/${index}`,
  };
  if (f.description !== undefined) flow.description = f.description;
  const rl = rateLimit(f['rate-limit']);
  if (rl) flow.rateLimit = rl;
  return flow;
}

function buildConduit(doc: PolicyDoc, catalogs: Catalogs, id: string, c: ConduitDoc): Conduit {
  const zones = [...c.zones].sort(cmp) as [string, string];
  const [a, b] = zones.map((z) => slVector(doc.zones[z]['sl-target']));
  const sl = c['sl-target'] !== undefined ? slVector(c['sl-target']) : ({} as SLVector);
  if (c['sl-target'] === undefined) for (const fr of FRS) sl[fr] = Math.max(a[fr], b[fr]);
  const flows = c.flows.map((f, i) => buildFlow(doc, catalogs, id, f, i));
  // Canonical order as in buildModel: key, then the remaining content, then the YAML index.
  const limit = (f: Flow) => JSON.stringify(f.rateLimit ?? {});
  flows.sort((x, y) => cmp(x.key, y.key) || cmp(x.description ?? '', y.description ?? '') || cmp(limit(x), limit(y)) || x.index - y.index);
  const out: Conduit = {
    id, zones, slTarget: sl, flows, transit: c.transit ?? 'trusted', unidirectional: c.unidirectional ?? false, pointer: `/conduits/${id}`,
  };
  if (c.name !== undefined) out.name = c.name;
  if (c.description !== undefined) out.description = c.description;
  if (c.encrypted !== undefined) out.encrypted = c.encrypted;
  const rl = rateLimit(c['rate-limit']);
  if (rl) out.rateLimit = rl;
  return out;
}

function buildZone(id: string, z: ZoneDoc): Zone {
  const zone: Zone = {
    id, purdue: z.purdue, slTarget: slVector(z['sl-target']), criticality: z.criticality, trust: z.trust ?? 'trusted',
    networks: sortNets((z.networks ?? []).map((n, i) => ipNet(n, `/zones/${id}/networks/${i}`))),
    segmentation: z.segmentation ?? 'logical', portSecurity: z['port-security'] ?? false, pointer: `/zones/${id}`,
  };
  if (z.name !== undefined) zone.name = z.name;
  if (z.description !== undefined) zone.description = z.description;
  return zone;
}

function buildAsset(id: string, a: AssetDoc): Asset {
  const texts = a.address !== undefined ? [a.address] : a.addresses ?? [];
  const ptr = (i: number) => (a.address !== undefined ? `/assets/${id}/address` : `/assets/${id}/addresses/${i}`);
  const caps = [...(a.capabilities ?? [])].sort(cmp);
  const asset: Asset = {
    id, zone: a.zone, type: a.type, addresses: sortNets(texts.map((t, i) => ipNet(t, ptr(i)))),
    capabilities: caps, effectiveCapabilities: caps, essential: a.essential ?? false, pointer: `/assets/${id}`,
  };
  if (a.name !== undefined) asset.name = a.name;
  if (a.profile !== undefined) asset.profile = a.profile;
  return asset;
}

function buildEnforcement(id: string, e: EnforcementDoc): EnforcementPoint {
  const interfaces: Record<string, string> = {};
  for (const z of Object.keys(e.interfaces).sort(cmp)) interfaces[z] = e.interfaces[z];
  const ep: EnforcementPoint = {
    id, platform: e.platform, interfaces, islandMode: e['island-mode'] ?? false, options: { ...(e.options ?? {}) }, pointer: `/enforcement/${id}`,
  };
  if (e.description !== undefined) ep.description = e.description;
  if (e['fail-mode'] !== undefined) ep.failMode = e['fail-mode'];
  return ep;
}

function buildServices(s: ServicesDoc | undefined): Services {
  const nets = (v: string | string[] | undefined, p: string) =>
    list(v).map((t, i) => ipNet(t, Array.isArray(v) ? `${p}/${i}` : p));
  const out: Services = { syslog: nets(s?.syslog, '/services/syslog'), ntp: nets(s?.ntp, '/services/ntp'), pointer: '/services' };
  if (s?.ids) {
    const addrs = s.ids.address !== undefined ? nets(s.ids.address, '/services/ids/address') : nets(s.ids.addresses, '/services/ids/addresses');
    out.ids = { addresses: addrs, monitors: [...s.ids.monitors].sort(cmp), pointer: '/services/ids' };
  }
  if (s?.['jump-host'] !== undefined) out.jumpHost = s['jump-host'];
  return out;
}

function sortedMap<T, U>(rec: Record<string, T> | undefined, build: (id: string, v: T) => U): Map<string, U> {
  const src = rec ?? {};
  return new Map(Object.keys(src).sort(cmp).map((id) => [id, build(id, src[id])] as [string, U]));
}

/** Test-only model builder for a VALID document (see the TEMPORARY note at the top). */
export function modelFromDocument(doc: PolicyDoc, catalogs: Catalogs = fixtureCatalogs(), file = 'fixture.yaml'): Model {
  const site = { id: doc.site.id, name: doc.site.name, ...(doc.site.description ? { description: doc.site.description } : {}) };
  return {
    file,
    site,
    zones: sortedMap(doc.zones, buildZone),
    assets: sortedMap(doc.assets, buildAsset),
    conduits: sortedMap(doc.conduits, (id, c: ConduitDoc) => buildConduit(doc, catalogs, id, c)),
    enforcement: sortedMap(doc.enforcement, buildEnforcement),
    services: buildServices(doc.services),
    waivers: [],
    requirementLevels: {},
  };
}

/** Topology-aware placement: a conduit goes on every point with interfaces in both of its zones. */
export function placeByInterfaces(model: Model): Placement {
  const byConduit = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const c of model.conduits.values()) {
    const eps = [...model.enforcement.values()]
      .filter((ep) => c.zones.every((z) => Object.hasOwn(ep.interfaces, z)))
      .map((ep) => ep.id)
      .sort(cmp);
    if (eps.length > 0) byConduit.set(c.id, eps);
    else unplaced.push(c.id);
  }
  return { byConduit, unplaced: unplaced.sort(cmp) };
}

export interface Fixture {
  doc: PolicyDoc;
  model: Model;
  catalogs: Catalogs;
  placement: Placement;
}

export function fixture(doc: PolicyDoc, catalogs: Catalogs = fixtureCatalogs()): Fixture {
  const model = modelFromDocument(doc, catalogs);
  return { doc, model, catalogs, placement: placeByInterfaces(model) };
}

// ---------------------------------------------------------------- a water plant

/** A small water-treatment plant in the shape of the DESIGN example (hand-written, realistic). */
export function waterPlantDoc(): PolicyDoc {
  return {
    otpc: 1,
    site: { id: 'riverside-wtp', name: 'Riverside Water Treatment' },
    zones: {
      enterprise: { purdue: 4, 'sl-target': 1, criticality: 'low', trust: 'untrusted', networks: ['10.1.0.0/16'] },
      dmz: { purdue: 3.5, 'sl-target': 2, criticality: 'medium', networks: ['172.16.10.0/24'] },
      supervisory: {
        purdue: 2, criticality: 'high', networks: ['10.20.2.0/24', 'fd00:20:2::/64'],
        'sl-target': { FR1: 2, FR2: 2, FR3: 2, FR4: 1, FR5: 3, FR6: 2, FR7: 2 },
      },
      control: { purdue: 1, 'sl-target': 3, criticality: 'critical', networks: ['10.20.1.0/24'] },
    },
    assets: {
      'plc-filter-1': { zone: 'control', type: 'plc', address: '10.20.1.11', profile: 'legacy-plc', essential: true },
      'plc-filter-2': { zone: 'control', type: 'plc', address: '10.20.1.12', profile: 'legacy-plc', essential: true },
      'rtu-intake': { zone: 'control', type: 'rtu', address: '10.20.1.30' },
      'hmi-1': { zone: 'supervisory', type: 'hmi', addresses: ['10.20.2.21', 'fd00:20:2::21'], profile: 'unsupported-windows' },
      historian: { zone: 'supervisory', type: 'historian', address: '10.20.2.40' },
      'ews-1': { zone: 'supervisory', type: 'ews', address: '10.20.2.50' },
      'ids-sensor': { zone: 'supervisory', type: 'network', address: '10.20.2.99' },
      'hist-replica': { zone: 'dmz', type: 'historian', address: '172.16.10.20' },
      'jump-host': { zone: 'dmz', type: 'jump-host', address: '172.16.10.30' },
      'log-server': { zone: 'dmz', type: 'server', address: '172.16.10.5' },
    },
    conduits: {
      'supervisory-control': {
        zones: ['supervisory', 'control'],
        'rate-limit': { 'max-connections': 64, 'new-connections-per-second': 20 },
        flows: [
          { from: 'hmi-1', to: ['plc-filter-1', 'plc-filter-2'], protocol: 'enip', description: 'HMI polling and setpoints' },
          { from: 'historian', to: ['plc-filter-1', 'plc-filter-2'], protocol: 'modbus', access: 'read-only' },
          { from: 'historian', to: 'rtu-intake', protocol: 'dnp3', access: 'read-only' },
          { from: 'ews-1', to: 'plc-filter-1', protocol: 'tcp/2222', description: 'vendor programming tool' },
        ],
      },
      'dmz-supervisory': {
        zones: ['dmz', 'supervisory'],
        flows: [
          { from: 'historian', to: 'hist-replica', protocol: 'tcp/5450-5460' },
          { from: 'jump-host', to: ['ews-1'], protocol: 'ssh', description: 'remote maintenance via the jump host' },
          { from: 'supervisory', to: 'log-server', protocol: 'syslog' },
        ],
      },
      'enterprise-dmz': {
        zones: ['enterprise', 'dmz'],
        flows: [{ from: 'enterprise', to: 'hist-replica', protocol: 'https' }],
      },
      'enterprise-control': {
        zones: ['enterprise', 'control'],
        description: 'legacy direct path, no enforcement point yet',
        flows: [{ from: 'enterprise', to: 'plc-filter-1', protocol: 'modbus' }],
      },
    },
    enforcement: {
      'fw-plant': {
        platform: 'fortios', description: 'Plant core firewall',
        interfaces: { enterprise: 'port1', dmz: 'port4', supervisory: 'port2' },
        options: { version: '7.4' },
      },
      'fw-control': { platform: 'nftables', interfaces: { supervisory: 'eth0', control: 'eth1' } },
      'sw-control': { platform: 'cisco-ios', interfaces: { supervisory: 'Vlan20', control: 'Vlan10' }, options: { classic: true } },
    },
    services: {
      syslog: '172.16.10.5',
      ntp: ['172.16.10.6'],
      ids: { address: '10.20.2.99', monitors: ['control', 'supervisory'] },
      'jump-host': 'jump-host',
    },
  };
}
