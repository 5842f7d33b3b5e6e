import fc from 'fast-check';
import type { IpRange, RateLimit } from '../../../src/model/types.js';
import { buildBoundaries, epPhase } from '../../../src/rules/buildBoundaries.js';
import { buildBoundaryFinals, buildCatchAll } from '../../../src/rules/buildFinalRules.js';
import { ANY } from '../../../src/rules/types.js';
import type { AddressGroup, AddressObject, EnforcementIR, Rule, ServiceGroup, ServiceObject, ZoneBinding } from '../../../src/rules/types.js';
import { MODBUS_PORT_ONLY, catalogs, zone } from '../../backends/cisco-asa/fixtures.js';

/**
 * Random EnforcementIRs for the ASA differential test, laid out the way buildRuleIR
 * lays them out (flows, boundary finals, catch-all) but free in what the flows hold:
 * several sources/destinations, ANY sides, address and service groups, IPv4 and
 * IPv6, multi-range assets (host + range + subnet), tcp and udp ranges, deny flows
 * without logging, read-only port-only rules and rate limits, uniform or staged phases.
 * Drawn as small numbers first so shrinking stays meaningful.
 */
export interface AsaCase {
  ep: EnforcementIR;
  /** Zone id -> networks (the wiring routing follows). */
  nets: Map<string, IpRange[]>;
  /** Every zone binding lists its networks (none is a zone without networks, OTPC317). */
  complete: boolean;
}

const ZONE_IDS = ['control', 'dmz', 'enterprise', 'supervisory'];
const NAMEIFS = ['inside1', 'dmz-2', 'OUTSIDE_3', 'z4'];

const assetSpec = fc.record({
  kind: fc.constantFrom('host', 'subnet', 'range', 'v6host', 'v6range', 'dual'),
  offset: fc.nat(1023),
  len: fc.integer({ min: 1, max: 12 }),
});

const zoneSpec = fc.record({
  prefix4: fc.integer({ min: 24, max: 29 }),
  v6: fc.boolean(),
  prefix6: fc.constantFrom(120, 124, 126),
  assets: fc.array(assetSpec, { minLength: 0, maxLength: 4 }),
});

const sideSpec = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.nat(7), { minLength: 1, maxLength: 3 }).map((ns) => ({ kind: 'assets' as const, ns })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'zone' as const, ns: [] as number[] }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'any' as const, ns: [] as number[] }) },
  { weight: 1, arbitrary: fc.array(fc.nat(7), { minLength: 1, maxLength: 3 }).map((ns) => ({ kind: 'group' as const, ns })) },
);

const portSpec = fc.record({
  transport: fc.constantFrom('tcp' as const, 'udp' as const),
  lo: fc.oneof(fc.constantFrom(1, 22, 502, 20000, 44818, 65535), fc.integer({ min: 1, max: 65535 })),
  span: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 })),
});

/** The kinds the IR carries for cisco-asa (platforms catalogue rate-limit-kinds: no new-connections-per-second). */
const rateSpec: fc.Arbitrary<RateLimit> = fc.record(
  {
    maxConnections: fc.integer({ min: 1, max: 2_000_000 }),
    perSourceConnections: fc.integer({ min: 1, max: 100 }),
    maxEmbryonic: fc.integer({ min: 1, max: 1000 }),
  },
  { requiredKeys: [] },
);

const flowSpec = fc.record({
  from: fc.nat(3), to: fc.nat(3), src: sideSpec, dst: sideSpec,
  services: fc.oneof(
    { weight: 8, arbitrary: fc.array(portSpec, { minLength: 1, maxLength: 3 }).map((ps) => ({ any: false, group: false, ps })) },
    { weight: 2, arbitrary: fc.array(portSpec, { minLength: 1, maxLength: 3 }).map((ps) => ({ any: false, group: true, ps })) },
    { weight: 1, arbitrary: fc.constant({ any: true, group: false, ps: [] as { transport: 'tcp' | 'udp'; lo: number; span: number }[] }) },
  ),
  deny: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  nolog: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  readOnly: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  rateLimit: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: rateSpec }),
});

export const asaCaseSpec = fc.record({
  zoneCount: fc.integer({ min: 1, max: 4 }),
  zones: fc.array(zoneSpec, { minLength: 4, maxLength: 4 }),
  flows: fc.array(flowSpec, { maxLength: 8 }),
  phase: fc.constantFrom('enforce' as const, 'monitor' as const),
  staged: fc.option(fc.array(fc.constantFrom('enforce' as const, 'monitor' as const), { minLength: 6, maxLength: 6 }), { freq: 3 }),
  allZoneObjects: fc.boolean(),
  /** Zones whose binding lists no networks (the wiring still routes their networks to them). */
  emptyZones: fc.array(fc.nat(9).map((n) => n === 0), { minLength: 4, maxLength: 4 }),
});

type CaseSpec = typeof asaCaseSpec extends fc.Arbitrary<infer T> ? T : never;
type ZoneSpec = CaseSpec['zones'][number];

function zoneNets(i: number, z: ZoneSpec): IpRange[] {
  const v4: IpRange = { family: 4, first: (10n << 24n) | (BigInt(i + 1) << 16n), last: 0n };
  v4.last = v4.first + (1n << BigInt(32 - z.prefix4)) - 1n;
  const out = [v4];
  if (z.v6) {
    const first = (0x20010db8n << 96n) | (BigInt(i + 1) << 64n);
    out.push({ family: 6, first, last: first + (1n << BigInt(128 - z.prefix6)) - 1n });
  }
  return out;
}

function assetRanges(nets: IpRange[], a: ZoneSpec['assets'][number]): IpRange[] {
  const pick = (net: IpRange | undefined, span: bigint): IpRange | undefined => {
    if (!net) return undefined;
    const size = net.last - net.first + 1n;
    const len = span > size ? size : span;
    const first = net.first + (BigInt(a.offset) % (size - len + 1n));
    return { family: net.family, first, last: first + len - 1n };
  };
  const v4 = nets.find((n) => n.family === 4);
  const v6 = nets.find((n) => n.family === 6);
  const aligned = (net: IpRange | undefined): IpRange | undefined => {
    if (!net) return undefined;
    const size = 1n << BigInt(1 + (a.len % 3));
    const slots = (net.last - net.first + 1n) / size;
    const first = net.first + (BigInt(a.offset) % slots) * size;
    return { family: net.family, first, last: first + size - 1n };
  };
  const out = {
    host: [pick(v4, 1n)], subnet: [aligned(v4)], range: [pick(v4, BigInt(a.len))],
    v6host: [pick(v6, 1n) ?? pick(v4, 1n)], v6range: [pick(v6, BigInt(a.len)) ?? pick(v4, 2n)],
    dual: [pick(v4, 1n), v4 && { family: 4 as const, first: v4.last - BigInt(a.len) + 1n < v4.first ? v4.first : v4.last - BigInt(a.len) + 1n, last: v4.last }, pick(v6, 1n)],
  }[a.kind];
  // merge overlaps so ranges stay sorted and disjoint, as the IR promises
  const sorted = out.filter((r): r is IpRange => r !== undefined).sort((x, y) => x.family - y.family || (x.first < y.first ? -1 : x.first > y.first ? 1 : 0));
  const merged: IpRange[] = [];
  for (const r of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && prev.family === r.family && r.first <= prev.last + 1n) prev.last = r.last > prev.last ? r.last : prev.last;
    else merged.push({ ...r });
  }
  return merged;
}

interface Built {
  addresses: Map<string, AddressObject>;
  groups: Map<string, AddressGroup>;
  services: Map<string, ServiceObject>;
  serviceGroups: Map<string, ServiceGroup>;
  zoneObjects: Set<string>;
}

function sideRefs(b: Built, zoneId: string, assets: string[], side: CaseSpec['flows'][number]['src'], key: string): string[] {
  if (side.kind === 'any') return [ANY];
  if (side.kind === 'zone' || assets.length === 0) {
    b.zoneObjects.add(zoneId);
    return [`zone:${zoneId}`];
  }
  const refs = [...new Set(side.ns.map((n) => assets[n % assets.length]))].sort();
  if (side.kind !== 'group') return refs;
  const id = `group:${key}`;
  b.groups.set(id, { id, name: key, members: refs, pointer: `/groups/${key}` });
  return [id];
}

function serviceRefs(b: Built, spec: CaseSpec['flows'][number]['services'], key: string): string[] {
  if (spec.any) return [ANY];
  const ids = spec.ps.map((p) => {
    const hi = Math.min(65535, p.lo + p.span);
    const name = hi === p.lo ? `${p.transport}-${p.lo}` : `${p.transport}-${p.lo}-${hi}`;
    b.services.set(`svc:${name}`, { id: `svc:${name}`, name, transport: p.transport, ports: [p.lo, hi] });
    return `svc:${name}`;
  });
  const refs = [...new Set(ids)].sort();
  if (!spec.group) return refs;
  const id = `sgroup:${key}`;
  b.serviceGroups.set(id, { id, name: key, members: refs });
  return [id];
}

function flows(spec: CaseSpec, zones: ZoneBinding[], assetsByZone: Map<string, string[]>, b: Built): Rule[] {
  const out: Rule[] = [];
  spec.flows.forEach((f, k) => {
    const from = zones[f.from % zones.length].id;
    const to = zones[f.to % zones.length].id;
    if (from === to) return;
    const dst = sideRefs(b, to, assetsByZone.get(to) ?? [], f.dst, `d${k}`);
    if (dst.includes(ANY)) b.zoneObjects.add(to);
    const rule: Rule = {
      id: `c${k}.1`, number: (k + 1) * 1000 + 1, kind: 'flow', fromZone: from, toZone: to,
      action: f.deny ? 'deny' : 'allow', log: !f.nolog,
      src: sideRefs(b, from, assetsByZone.get(from) ?? [], f.src, `s${k}`), dst,
      services: serviceRefs(b, f.services, `v${k}`), comment: `c${k} random flow ${k}`,
      trace: { conduit: `c${k}`, flowIndex: 0, flowKey: `c${k}#1`, pointer: `/conduits/c${k}/flows/0`, srs: ['SR 5.1'], controls: ['boundary-firewall'] },
    };
    if (f.readOnly && !f.deny) rule.readOnly = MODBUS_PORT_ONLY;
    if (f.rateLimit && !f.deny) rule.rateLimit = f.rateLimit;
    out.push(rule);
  });
  return out;
}

function stagedPhases(spec: CaseSpec, epId: string, zones: ZoneBinding[]): Record<string, 'monitor' | 'enforce'> | undefined {
  if (!spec.staged) return undefined;
  const out: Record<string, 'monitor' | 'enforce'> = {};
  let n = 0;
  for (let i = 0; i < zones.length; i++) {
    for (let j = i + 1; j < zones.length; j++) out[`${epId}:${zones[i].id}|${zones[j].id}`] = spec.staged[n++ % spec.staged.length];
  }
  return out;
}

export function buildAsaCase(spec: CaseSpec): AsaCase {
  const wiring = ZONE_IDS.slice(0, spec.zoneCount).map((id, i) => [id, zoneNets(i, spec.zones[i])] as const);
  const nets = new Map(wiring);
  const zones = wiring.map(([id, n], i) => zone(id, NAMEIFS[i], 2, spec.emptyZones[i] ? [] : n));
  const b: Built = { addresses: new Map(), groups: new Map(), services: new Map(), serviceGroups: new Map(), zoneObjects: new Set() };
  const assetsByZone = new Map<string, string[]>();
  zones.forEach((z, i) => {
    const ids = spec.zones[i].assets.map((a, k) => {
      const id = `${z.id}-a${k}`;
      b.addresses.set(`asset:${id}`, { id: `asset:${id}`, name: id, source: { kind: 'asset', id }, ranges: assetRanges(nets.get(z.id) ?? [], a), pointer: `/assets/${id}` });
      return `asset:${id}`;
    });
    assetsByZone.set(z.id, ids);
  });
  const rules = flows(spec, zones, assetsByZone, b);
  if (spec.allZoneObjects) zones.forEach((z) => b.zoneObjects.add(z.id));
  for (const zid of b.zoneObjects) {
    // As buildRuleIR: the zone object holds the zone's networks as the policy lists them.
    const ranges = zones.find((z) => z.id === zid)?.networks ?? [];
    b.addresses.set(`zone:${zid}`, { id: `zone:${zid}`, name: zid, source: { kind: 'zone', id: zid }, ranges, pointer: `/zones/${zid}` });
  }
  const boundaries = buildBoundaries('fw', zones, spec.phase, stagedPhases(spec, 'fw', zones));
  const phase = epPhase(boundaries, spec.phase);
  const byId = <T extends { id: string }>(m: Map<string, T>) => [...m.values()].sort((x, y) => (x.id < y.id ? -1 : 1));
  const ep: EnforcementIR = {
    id: 'fw', platform: 'cisco-asa', phase, zones, boundaries,
    addresses: byId(b.addresses), addressGroups: byId(b.groups), services: byId(b.services), serviceGroups: byId(b.serviceGroups),
    rules: [...rules, ...buildBoundaryFinals(boundaries, catalogs), buildCatchAll(phase, catalogs)],
    syslog: ['10.1.0.5'], ntp: ['2001:db8:1::7'], options: {}, pointer: '/enforcement/fw',
  };
  return { ep, nets, complete: zones.every((z) => z.networks.length > 0) };
}

export const asaCase: fc.Arbitrary<AsaCase> = asaCaseSpec.map(buildAsaCase);
