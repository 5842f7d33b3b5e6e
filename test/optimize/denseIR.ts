import fc from 'fast-check';
import { mergeRanges } from '../../src/model/ip.js';
import type { IpRange, RateLimit } from '../../src/model/types.js';
import { ANY } from '../../src/rules/types.js';
import type { AddressObject, EnforcementIR, Packet, ReadOnlyFilter, Rule, ServiceObject, ZoneBinding } from '../../src/rules/types.js';

/**
 * Small, dense EnforcementIRs for the optimiser: every object lives in a universe of
 * 8 IPv4 hosts (plus one IPv6 host), every service in ports 1..6, and rules come in a
 * random order with random decisions (plain, read-only dpi or port-only, two rate
 * limits), so rules overlap, touch and shadow each other all the time. The universe is
 * small enough to decide EVERY packet (exhaustivePackets), so equivalence is checked
 * exactly, not on a sample.
 */
const BASE = 0x0a000000n;
const V6 = 0x20010db8n << 96n;
const ZONES = ['a', 'b', 'c'];

const RO_DPI: ReadOnlyFilter = { protocol: 'modbus', field: 'modbus-function-code', payloadOffset: 7, allowed: [1, 3], denied: [5, 6], mode: 'dpi' };
const RO_PORT: ReadOnlyFilter = { ...RO_DPI, mode: 'port-only' };
const LIMITS: RateLimit[] = [{ maxConnections: 8 }, { perSourceConnections: 2 }];

const objectArb = fc.record({
  kind: fc.constantFrom<'asset' | 'zone'>('asset', 'asset', 'asset', 'zone'),
  first: fc.nat(7),
  len: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(3)),
  v6: fc.boolean(),
});

const ruleArb = fc.record({
  from: fc.nat(2),
  to: fc.nat(2),
  src: fc.oneof(fc.constant(null), fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 3 })),
  dst: fc.oneof(fc.constant(null), fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 3 })),
  svc: fc.oneof(fc.constant(null), fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 3 })),
  decision: fc.constantFrom('plain', 'plain', 'plain', 'dpi', 'port-only', 'limit0', 'limit1', 'deny'),
});

export interface DenseGen {
  objects: { kind: 'asset' | 'zone'; first: number; len: number; v6: boolean }[];
  services: { transport: 'tcp' | 'udp'; lo: number; width: number }[];
  rules: { from: number; to: number; src: number[] | null; dst: number[] | null; svc: number[] | null; decision: string }[];
  phase: 'enforce' | 'monitor';
}

export const denseGenArb: fc.Arbitrary<DenseGen> = fc.record({
  objects: fc.array(objectArb, { minLength: 3, maxLength: 10 }),
  services: fc.array(fc.record({ transport: fc.constantFrom<'tcp' | 'udp'>('tcp', 'tcp', 'udp'), lo: fc.integer({ min: 1, max: 6 }), width: fc.oneof(fc.constant(0), fc.nat(2)) }), { minLength: 1, maxLength: 5 }),
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 14 }),
  phase: fc.constantFrom<'enforce' | 'monitor'>('enforce', 'monitor'),
});

export const denseIRArb: fc.Arbitrary<EnforcementIR> = denseGenArb.map(buildDense);

function object(o: DenseGen['objects'][number], i: number): AddressObject {
  const ranges: IpRange[] = [{ family: 4, first: BASE + BigInt(o.first), last: BASE + BigInt(Math.min(7, o.first + o.len)) }];
  if (o.v6) ranges.push({ family: 6, first: V6 + BigInt(o.first % 2), last: V6 + BigInt(o.first % 2) });
  const name = `${o.kind === 'zone' ? 'z' : 'h'}${i}`;
  return { id: `${o.kind}:${name}`, name, source: { kind: o.kind, id: name }, ranges: mergeRanges(ranges), pointer: `/x/${i}` };
}

function service(s: DenseGen['services'][number]): ServiceObject {
  const hi = Math.min(6, s.lo + s.width);
  const name = `${s.transport}-${s.lo}-${hi}`;
  return { id: `svc:${name}`, name, transport: s.transport, ports: [s.lo, hi] };
}

function decide(rule: Rule, decision: string): void {
  if (decision === 'dpi') rule.readOnly = RO_DPI;
  if (decision === 'port-only') rule.readOnly = RO_PORT;
  if (decision === 'limit0') rule.rateLimit = LIMITS[0];
  if (decision === 'limit1') rule.rateLimit = LIMITS[1];
  // The IR never has flow denies; a deny in the middle stresses the order checks anyway.
  if (decision === 'deny') rule.action = 'deny';
}

export function buildDense(g: DenseGen): EnforcementIR {
  const addresses = g.objects.map(object);
  const services = [...new Map(g.services.map(service).map((s) => [s.id, s])).values()];
  const refs = (ns: number[] | null, pool: { id: string }[]) => (ns === null ? [ANY] : [...new Set(ns.map((n) => pool[n % pool.length].id))].sort());
  const rules: Rule[] = g.rules.map((r, i) => {
    const rule: Rule = {
      id: `c.${i + 1}`, number: 1000 + i + 1, kind: 'flow', fromZone: ZONES[r.from], toZone: ZONES[r.to], action: 'allow', log: true,
      src: refs(r.src, addresses), dst: refs(r.dst, addresses), services: refs(r.svc, services), comment: `flow ${i + 1}`,
      trace: { conduit: 'c', flowIndex: i, flowKey: `k${i}`, pointer: `/conduits/c/flows/${i}`, srs: ['SR 5.1'], controls: ['boundary-firewall'] },
    };
    decide(rule, r.decision);
    return rule;
  });
  const zones: ZoneBinding[] = ZONES.map((id, i) => ({
    id, interface: `eth${i}`, description: id, purdue: i, slTarget: { FR1: 1, FR2: 1, FR3: 1, FR4: 1, FR5: 1, FR6: 1, FR7: 1 },
    networks: [{ family: 4, first: BASE, last: BASE + 7n }],
  }));
  const enforce = g.phase === 'enforce';
  const finals: Rule[] = [];
  for (const from of ZONES) for (const to of ZONES) {
    if (from === to) continue;
    finals.push({ id: `final.${from}>${to}`, number: 9_000_000 + finals.length + 1, kind: 'boundary-final', fromZone: from, toZone: to, action: enforce ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: 'final' });
  }
  finals.push({ id: 'final', number: 9_999_999, kind: 'final', action: enforce ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: 'catch-all' });
  return {
    id: 'dense', platform: 'nftables', phase: g.phase, zones,
    boundaries: [['a', 'b'], ['a', 'c'], ['b', 'c']].map(([x, y], i) => ({ id: `${x}|${y}`, zones: [x, y] as [string, string], interfaces: [`eth${i}`, `eth${i + 1}`] as [string, string], phase: g.phase })),
    addresses: [...addresses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), addressGroups: [],
    services: services.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), serviceGroups: [],
    rules: [...rules, ...finals], syslog: [], ntp: [], options: {}, pointer: '/enforcement/dense',
  };
}

/** Every distinct packet of the dense universe: all zone pairs, 9+2 addresses, ports 0..7, ICMP, other, operations. */
export function exhaustivePackets(): Packet[] {
  const addrs: [4 | 6, bigint][] = [...Array.from({ length: 9 }, (_, i) => [4, BASE + BigInt(i)] as [4, bigint]), [6, V6], [6, V6 + 1n]];
  const out: Packet[] = [];
  for (const from of ZONES) for (const to of ZONES) {
    for (const [family, src] of addrs) for (const [f2, dst] of addrs) {
      if (f2 !== family) continue;
      const base = { fromZone: from, toZone: to, family, src, dst, sport: 40000 };
      for (const transport of ['tcp', 'udp'] as const) for (let dport = 0; dport <= 7; dport++) out.push({ ...base, transport, dport });
      for (let dport = 1; dport <= 3; dport++) for (const operation of [3, 6]) out.push({ ...base, transport: 'tcp', dport, operation });
      out.push({ ...base, transport: 'icmp', sport: 0, dport: 0 }, { ...base, transport: 'other', sport: 0, dport: 0 });
    }
  }
  return out;
}
