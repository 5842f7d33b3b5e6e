import fc from 'fast-check';
import type { Catalogs } from '../../src/catalog/types.js';
import type { Model } from '../../src/model/types.js';
import { fixture, fixtureCatalogs, modelFromDocument } from './modelFixtures.js';
import type { AssetDoc, ConduitDoc, EnforcementDoc, Fixture, FlowDoc, PolicyDoc, RateLimitDoc, ZoneDoc } from './modelFixtures.js';

/**
 * fast-check arbitraries for VALID policy documents (plain objects in the YAML format
 * of docs/architecture.md). Random choices are drawn as small numbers first and then
 * turned into a document deterministically, so shrinking stays meaningful (fewer
 * zones, fewer flows, smaller indices).
 */

const ZONE_NAMES = ['control', 'supervisory', 'dmz', 'enterprise', 'safety', 'field', 'ops-1', '0-lab', 'z'];
const CATALOGUED = ['modbus', 'dnp3', 's7comm', 'enip', 'opcua', 'iec104', 'https', 'ssh'] as const;
const READ_ONLY_OK = new Set(['modbus', 'dnp3']);
const PLATFORMS = ['fortios', 'cisco-ios', 'cisco-asa', 'nftables'] as const;

/** Interface names valid on every vendor's allow-list, one style per platform. */
export function interfaceName(platform: string, n: number, alt: boolean): string {
  switch (platform) {
    case 'fortios': return `port${n + 1}`;
    case 'cisco-ios': return alt ? `GigabitEthernet0/${n}` : `Vlan${(n + 1) * 10}`;
    case 'cisco-asa': return `inside${n + 1}`;
    default: return `eth${n}`;
  }
}

const rateLimitArb: fc.Arbitrary<RateLimitDoc> = fc.record(
  {
    'max-connections': fc.integer({ min: 1, max: 1000 }),
    'per-source-connections': fc.integer({ min: 1, max: 100 }),
    'new-connections-per-second': fc.integer({ min: 1, max: 100 }),
    'max-embryonic': fc.integer({ min: 1, max: 100 }),
  },
  { requiredKeys: ['max-connections'] },
);

const zoneSpec = fc.record({
  prefix: fc.integer({ min: 22, max: 30 }),
  v6: fc.boolean(),
  v6prefix: fc.constantFrom(64, 120, 126),
  purdue: fc.constantFrom(0, 1, 2, 3, 3.5, 4, 5),
  sl: fc.integer({ min: 0, max: 4 }),
  criticality: fc.constantFrom('low', 'medium', 'high', 'critical') as fc.Arbitrary<ZoneDoc['criticality']>,
  assets: fc.array(fc.record({ offset: fc.nat(), dual: fc.boolean() }), { maxLength: 4 }),
});

const endpointSpec = fc.oneof(
  fc.constant({ kind: 'zone' as const, ns: [] as number[] }),
  fc.nat(7).map((n) => ({ kind: 'asset' as const, ns: [n] })),
  fc.array(fc.nat(7), { minLength: 1, maxLength: 3 }).map((ns) => ({ kind: 'list' as const, ns })),
);
type EndpointSpec = { kind: 'zone' | 'asset' | 'list'; ns: number[] };

const protocolSpec = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CATALOGUED) },
  { weight: 2, arbitrary: fc.constantFrom('modbus', 'dnp3') },
  {
    weight: 2,
    arbitrary: fc.record({
      transport: fc.constantFrom('tcp', 'udp'),
      lo: fc.oneof(fc.constantFrom(1, 502, 2222, 65535), fc.integer({ min: 1, max: 65535 })),
      span: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
    }).map(({ transport, lo, span }) => {
      const hi = Math.min(65535, lo + span);
      return hi === lo ? `${transport}/${lo}` : `${transport}/${lo}-${hi}`;
    }),
  },
);

const flowSpec = fc.record({
  reverse: fc.boolean(),
  from: endpointSpec,
  to: endpointSpec,
  protocol: protocolSpec,
  readOnly: fc.boolean(),
  rateLimit: fc.option(rateLimitArb, { freq: 4 }),
  description: fc.option(fc.constantFrom('polling', 'setpoints "and" alarms', 'line1\nline2?'), { freq: 3 }),
});

const conduitSpec = fc.record({
  a: fc.nat(5),
  b: fc.nat(5),
  flows: fc.array(flowSpec, { minLength: 1, maxLength: 4 }),
  rateLimit: fc.option(rateLimitArb, { freq: 3 }),
  /** A read-write flow overlapping the conduit's first read-only flow (same direction and ports). */
  overlap: fc.option(fc.record({ from: endpointSpec, to: endpointSpec, raw: fc.boolean() }), { freq: 2 }),
});

const epSpec = fc.record({
  platform: fc.constantFrom(...PLATFORMS),
  zones: fc.array(fc.nat(5), { minLength: 2, maxLength: 6 }),
  alt: fc.boolean(),
});

const servicesSpec = fc.record({
  syslog: fc.boolean(),
  ntp: fc.boolean(),
  ids: fc.option(fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }), { freq: 2 }),
});

const policySpec = fc.record({
  zoneNames: fc.shuffledSubarray(ZONE_NAMES, { minLength: 2, maxLength: 6 }),
  zones: fc.array(zoneSpec, { minLength: 6, maxLength: 6 }),
  conduits: fc.array(conduitSpec, { minLength: 1, maxLength: 6 }),
  eps: fc.array(epSpec, { minLength: 1, maxLength: 3 }),
  services: servicesSpec,
});
type PolicySpec = typeof policySpec extends fc.Arbitrary<infer T> ? T : never;

interface ZoneInfo { id: string; assets: string[] }

function v4(i: number, offset: number): string {
  return `10.${i + 1}.${(offset >> 8) & 255}.${offset & 255}`;
}

function buildZones(spec: PolicySpec, doc: PolicyDoc): ZoneInfo[] {
  return spec.zoneNames.map((id, i) => {
    const z = spec.zones[i];
    const networks = [`10.${i + 1}.0.0/${z.prefix}`];
    if (z.v6) networks.push(`fd00:${i + 1}::/${z.v6prefix}`);
    doc.zones[id] = { purdue: z.purdue, 'sl-target': z.sl, criticality: z.criticality, networks, ...(i === 0 ? { trust: 'untrusted' as const } : {}) };
    const size = 2 ** (32 - z.prefix);
    const size6 = 2 ** Math.min(16, 128 - z.v6prefix);
    const used = new Set<number>();
    const used6 = new Set<number>();
    const assets: string[] = [];
    z.assets.forEach((a, n) => {
      const offset = 1 + (a.offset % (size - 2));
      if (used.has(offset)) return;
      used.add(offset);
      const assetId = `${id}-a${n}`;
      const addresses = [v4(i, offset)];
      const offset6 = 1 + (a.offset % (size6 - 2));
      if (z.v6 && a.dual && !used6.has(offset6)) {
        used6.add(offset6);
        addresses.push(`fd00:${i + 1}::${offset6.toString(16)}`);
      }
      const asset: AssetDoc = addresses.length === 1 ? { zone: id, type: 'plc', address: addresses[0] } : { zone: id, type: 'hmi', addresses };
      (doc.assets ??= {})[assetId] = asset;
      assets.push(assetId);
    });
    return { id, assets };
  });
}

function endpoints(zone: ZoneInfo, e: EndpointSpec): string | string[] {
  if (e.kind === 'zone' || zone.assets.length === 0) return zone.id;
  const picked = [...new Set(e.ns.map((n) => zone.assets[n % zone.assets.length]))];
  return e.kind === 'asset' ? picked[0] : picked;
}

function buildConduits(spec: PolicySpec, zones: ZoneInfo[], doc: PolicyDoc): void {
  const pairs = new Set<string>();
  spec.conduits.forEach((c, n) => {
    const a = zones[c.a % zones.length];
    const b = zones[c.b % zones.length];
    const pair = [a.id, b.id].sort().join('|');
    if (a.id === b.id || pairs.has(pair)) return;
    pairs.add(pair);
    const keys = new Set<string>();
    const flows: FlowDoc[] = [];
    for (const f of c.flows) {
      const [src, dst] = f.reverse ? [b, a] : [a, b];
      const flow: FlowDoc = { from: endpoints(src, f.from), to: endpoints(dst, f.to), protocol: f.protocol };
      if (f.readOnly && READ_ONLY_OK.has(f.protocol)) flow.access = 'read-only';
      if (f.rateLimit) flow['rate-limit'] = f.rateLimit;
      if (f.description) flow.description = f.description;
      const key = JSON.stringify([flow.from, flow.to, flow.protocol, flow.access]);
      if (keys.has(key)) continue;
      keys.add(key);
      flows.push(flow);
    }
    const ro = c.flows.find((f) => f.readOnly && READ_ONLY_OK.has(f.protocol));
    if (c.overlap && ro && flows.length < 4) {
      const [src, dst] = ro.reverse ? [b, a] : [a, b];
      const protocol = c.overlap.raw ? (ro.protocol === 'modbus' ? 'tcp/500-510' : 'udp/20000') : ro.protocol;
      const flow: FlowDoc = { from: endpoints(src, c.overlap.from), to: endpoints(dst, c.overlap.to), protocol };
      const key = JSON.stringify([flow.from, flow.to, flow.protocol, flow.access]);
      if (!keys.has(key)) flows.push(flow);
    }
    const conduit: ConduitDoc = { zones: [a.id, b.id], flows };
    if (c.rateLimit) conduit['rate-limit'] = c.rateLimit;
    (doc.conduits ??= {})[`c${n}-${a.id}-${b.id}`.slice(0, 48)] = conduit;
  });
}

function buildEnforcement(spec: PolicySpec, zones: ZoneInfo[], doc: PolicyDoc): void {
  spec.eps.forEach((e, n) => {
    const ids = [...new Set(e.zones.map((z) => zones[z % zones.length].id))];
    if (ids.length < 2) ids.push(...zones.map((z) => z.id).filter((z) => !ids.includes(z)).slice(0, 2 - ids.length));
    const interfaces: Record<string, string> = {};
    ids.forEach((z, i) => { interfaces[z] = interfaceName(e.platform, i, e.alt); });
    const ep: EnforcementDoc = { platform: e.platform, interfaces };
    (doc.enforcement ??= {})[`ep${n}-${e.platform}`] = ep;
  });
}

function buildServices(spec: PolicySpec, zones: ZoneInfo[], doc: PolicyDoc): void {
  const s = spec.services;
  const services: NonNullable<PolicyDoc['services']> = {};
  if (s.syslog) services.syslog = v4(0, 5);
  if (s.ntp) services.ntp = [v4(0, 6), v4(1, 6)];
  if (s.ids) services.ids = { address: v4(1, 9), monitors: [...new Set(s.ids.map((z) => zones[z % zones.length].id))] };
  if (Object.keys(services).length > 0) doc.services = services;
}

export function policyFromSpec(spec: PolicySpec): PolicyDoc {
  const doc: PolicyDoc = { otpc: 1, site: { id: 'arb-site', name: 'Arbitrary site' }, zones: {} };
  const zones = buildZones(spec, doc);
  buildConduits(spec, zones, doc);
  buildEnforcement(spec, zones, doc);
  buildServices(spec, zones, doc);
  return doc;
}

/** A valid policy document (2-6 zones, 1-6 conduits of 1-4 flows, 1-3 enforcement points). */
export function arbitraryPolicy(): fc.Arbitrary<PolicyDoc> {
  return policySpec.map(policyFromSpec);
}

/**
 * A Model without the validator. TEMPORARY: converts with the test-only builder in
 * modelFixtures.ts; switch to validatePolicy() once it exists (the documents are valid).
 */
export function arbitraryModel(catalogs: Catalogs = fixtureCatalogs()): fc.Arbitrary<Model> {
  return arbitraryPolicy().map((doc) => modelFromDocument(doc, catalogs));
}

/** Document, model, catalogues and placement together. */
export function arbitraryFixture(catalogs: Catalogs = fixtureCatalogs()): fc.Arbitrary<Fixture> {
  return arbitraryPolicy().map((doc) => fixture(doc, catalogs));
}
