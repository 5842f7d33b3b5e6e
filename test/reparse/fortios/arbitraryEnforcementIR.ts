import fc from 'fast-check';
import { ANY } from '../../../src/rules/types.js';
import type { AddressGroup, AddressObject, Boundary, EnforcementIR, Rule, ServiceGroup, ServiceObject, ZoneBinding } from '../../../src/rules/types.js';
import type { IpRange } from '../../../src/model/types.js';

/**
 * Random EnforcementIRs shaped like buildRuleIR output: zones with one interface each,
 * objects with random IPv4/IPv6 ranges in a small space (so boundaries meet and
 * overlap across objects), some at the very ends of the address space, groups,
 * services and groups, allow rules between zone pairs (some read-only Modbus, some
 * rate-limited), boundary finals per direction and phase, and the catch-all.
 */
const V4_BASES = [0x0a000000n, 0n, (1n << 32n) - 64n];
const V6_BASES = [0x20010db8n << 96n, (1n << 128n) - 64n];

const rangeArb: fc.Arbitrary<IpRange> = fc.record({
  family: fc.constantFrom<4 | 6>(4, 4, 6),
  base: fc.nat(2),
  start: fc.nat(63),
  len: fc.oneof(fc.constant(0), fc.nat(9), fc.constantFrom(3, 7, 15)),
  aligned: fc.boolean(),
}).map(({ family, base, start, len, aligned }) => {
  const bases = family === 4 ? V4_BASES : V6_BASES;
  const b = bases[base % bases.length];
  let first = BigInt(start);
  let size = BigInt(len + 1);
  if (aligned) {
    size = 1n << BigInt(Math.min(5, Math.floor(Math.log2(len + 1))));
    first -= first % size;
  }
  const last = first + size - 1n > 63n ? 63n : first + size - 1n;
  return { family, first: b + first, last: b + last };
});

function normalise(ranges: IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: IpRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.family === r.family && r.first <= prev.last + 1n) {
      if (r.last > prev.last) prev.last = r.last;
    } else out.push({ ...r });
  }
  return out;
}

const serviceArb = fc.record({
  transport: fc.constantFrom<'tcp' | 'udp'>('tcp', 'udp'),
  lo: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(1, 65530)),
  width: fc.oneof(fc.constant(0), fc.nat(5)),
});

const ruleArb = fc.record({
  from: fc.nat(3), to: fc.nat(3),
  src: fc.oneof(fc.constant(null), fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 2 })),
  dst: fc.oneof(fc.constant(null), fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 2 })),
  svc: fc.oneof(fc.constant(null), fc.uniqueArray(fc.nat(6), { minLength: 1, maxLength: 2 })),
  readOnly: fc.boolean(),
  rateLimit: fc.option(fc.record({ maxConnections: fc.integer({ min: 1, max: 100 }), newConnectionsPerSecond: fc.integer({ min: 1, max: 50 }) }), { nil: undefined }),
});

export const enforcementIRArb: fc.Arbitrary<EnforcementIR> = fc.record({
  zoneCount: fc.integer({ min: 2, max: 4 }),
  objects: fc.array(fc.record({ kind: fc.constantFrom<'asset' | 'zone' | 'merged'>('asset', 'zone', 'merged'), ranges: fc.array(rangeArb, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 6 }),
  groups: fc.array(fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }), { maxLength: 2 }),
  services: fc.array(serviceArb, { minLength: 1, maxLength: 5 }),
  serviceGroups: fc.array(fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 3 }), { maxLength: 2 }),
  rules: fc.array(ruleArb, { maxLength: 8 }),
  phases: fc.array(fc.constantFrom<'monitor' | 'enforce'>('monitor', 'enforce'), { minLength: 6, maxLength: 6 }),
  override: fc.boolean(),
}).map((g) => build(g));

type Gen = {
  zoneCount: number;
  objects: { kind: 'asset' | 'zone' | 'merged'; ranges: IpRange[] }[];
  groups: number[][];
  services: { transport: 'tcp' | 'udp'; lo: number; width: number }[];
  serviceGroups: number[][];
  rules: { from: number; to: number; src: number[] | null; dst: number[] | null; svc: number[] | null; readOnly: boolean; rateLimit?: { maxConnections: number; newConnectionsPerSecond: number } }[];
  phases: ('monitor' | 'enforce')[];
  override: boolean;
};

function build(g: Gen): EnforcementIR {
  const zones: ZoneBinding[] = Array.from({ length: g.zoneCount }, (_, i) => ({
    // FortiOS matches zones by interface, never by their networks: none are needed here.
    id: `z${i}`, interface: `port${i + 1}`, description: `zone z${i}`, purdue: i, slTarget: { FR1: 2, FR2: 2, FR3: 2, FR4: 2, FR5: 2, FR6: 2, FR7: 2 }, networks: [],
  }));
  const addresses: AddressObject[] = g.objects.map((o, i) => ({
    id: `${o.kind === 'merged' ? 'net' : o.kind}:o${i}`, name: `o${i}`, source: { kind: o.kind, id: `o${i}` }, ranges: normalise(o.ranges), pointer: `/x/o${i}`,
  }));
  const addressGroups: AddressGroup[] = g.groups.map((m, i) => ({
    id: `grp:g${i}`, name: `g${i}`, members: [...new Set(m.map((k) => addresses[k % addresses.length].id))].sort(), pointer: `/x/g${i}`,
  }));
  const services: ServiceObject[] = g.services.map((s, i) => ({
    id: `svc:s${i}`, name: `s${i}`, transport: s.transport, ports: [s.lo, Math.min(65535, s.lo + s.width)],
  }));
  services.push({ id: 'svc:modbus-tcp-502', name: 'modbus-tcp-502', transport: 'tcp', ports: [502, 502], protocol: 'modbus' });
  const serviceGroups: ServiceGroup[] = g.serviceGroups.map((m, i) => ({
    id: `sg:sg${i}`, name: `sg${i}`, members: [...new Set(m.map((k) => services[k % (services.length - 1)].id))].sort(),
  }));
  const addrRefs = [...addresses.map((a) => a.id), ...addressGroups.map((a) => a.id)];
  const svcRefs = [...services.slice(0, -1).map((s) => s.id), ...serviceGroups.map((s) => s.id)];
  const boundaries: Boundary[] = [];
  for (let i = 0; i < zones.length; i++) for (let j = i + 1; j < zones.length; j++) {
    boundaries.push({ id: `${zones[i].id}|${zones[j].id}`, zones: [zones[i].id, zones[j].id], interfaces: [zones[i].interface, zones[j].interface], phase: g.phases[boundaries.length] });
  }
  const phase: EnforcementIR['phase'] = boundaries.every((b) => b.phase === boundaries[0].phase) ? boundaries[0].phase : 'mixed';
  const rules: Rule[] = [];
  g.rules.forEach((r, i) => {
    const from = zones[r.from % zones.length].id;
    let to = zones[r.to % zones.length].id;
    if (to === from) to = zones[(r.to + 1) % zones.length].id;
    const pick = (sel: number[] | null, refs: string[]) => (sel === null ? [ANY] : [...new Set(sel.map((k) => refs[k % refs.length]))].sort());
    const rule: Rule = {
      id: `c.${i + 1}`, number: 1000 + i + 1, kind: 'flow', fromZone: from, toZone: to, action: 'allow', log: true,
      src: pick(r.src, addrRefs), dst: pick(r.dst, addrRefs),
      services: r.readOnly ? ['svc:modbus-tcp-502'] : pick(r.svc, svcRefs), comment: `flow ${i + 1}`,
    };
    if (r.readOnly) rule.readOnly = { protocol: 'modbus', field: 'modbus-function-code', allowed: [1, 2, 3, 4], denied: [5, 6, 15, 16], mode: 'dpi' };
    if (r.rateLimit) rule.rateLimit = r.rateLimit;
    rules.push(rule);
  });
  for (const b of boundaries) {
    for (const [f, t] of [[b.zones[0], b.zones[1]], [b.zones[1], b.zones[0]]]) {
      rules.push({ id: `final.${f}>${t}`, number: 9_000_001 + rules.filter((x) => x.kind === 'boundary-final').length, kind: 'boundary-final', fromZone: f, toZone: t,
        action: b.phase === 'enforce' ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: `final ${f} ${t}` });
    }
  }
  rules.push({ id: 'final', number: 9_999_999, kind: 'final', action: phase === 'enforce' ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: 'catch-all' });
  return {
    id: 'fw-random', platform: 'fortios', phase, zones, boundaries, addresses, addressGroups, services, serviceGroups, rules,
    syslog: ['192.0.2.5'], ntp: ['192.0.2.6'], options: g.override ? { 'fortiguard-app-modbus-write': '48885 90001' } : {}, pointer: '/enforcement/fw-random',
  };
}
