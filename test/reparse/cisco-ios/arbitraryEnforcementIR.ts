import fc from 'fast-check';
import { ANY } from '../../../src/rules/types.js';
import type { AddressGroup, AddressObject, Boundary, EnforcementIR, Rule, ServiceObject } from '../../../src/rules/types.js';
import type { IpRange } from '../../../src/model/types.js';

/**
 * Random, internally consistent EnforcementIRs for the IOS differential check: 2-4
 * zones with disjoint IPv4 (and maybe IPv6) networks, assets and merged ranges inside
 * their zone, an address group, TCP/UDP services with single ports, ranges and the full
 * range, allowed flows between zones (sometimes to any, on any service, read-only in
 * port-only mode), a boundary-final rule per direction with a phase per boundary (so
 * monitor, enforce and mixed), the catch-all, and the classic option. Like the rule IR
 * builder, the zone bindings carry the networks and only the zone objects ("zone:<id>")
 * a rule names are in the IR; no rate limits (the catalogue lists none for cisco-ios).
 */
const ZONES = ['control', 'supervisory', 'dmz', 'field'];
const INTERFACES = ['Vlan10', 'GigabitEthernet1/0/2', 'Vlan30', 'Port-channel4'];

const zoneArb = fc.record({ prefix: fc.integer({ min: 24, max: 29 }), v6: fc.boolean(), v6prefix: fc.constantFrom(64, 120) });
const objectArb = fc.record({
  zone: fc.nat(3), merged: fc.boolean(), offset: fc.nat(300), len: fc.nat(40), v6: fc.boolean(),
});
const serviceArb = fc.record({
  transport: fc.constantFrom('tcp' as const, 'udp' as const),
  lo: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(1, 502, 2222, 20000, 44818, 65535)),
  span: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.constant(65535) }),
  protocol: fc.option(fc.constantFrom('modbus', 'enip', 'dnp3'), { nil: undefined }),
});
const flowArb = fc.record({
  from: fc.nat(3), to: fc.nat(3),
  src: fc.array(fc.nat(12), { maxLength: 2 }), dst: fc.array(fc.nat(12), { maxLength: 2 }),
  dstAny: fc.nat(9).map((n) => n === 0),
  svcs: fc.array(fc.nat(12), { minLength: 1, maxLength: 3 }), svcAny: fc.nat(11).map((n) => n === 0),
  readOnly: fc.nat(4).map((n) => n === 0),
});

const specArb = fc.record({
  zoneCount: fc.integer({ min: 2, max: 4 }),
  zones: fc.array(zoneArb, { minLength: 4, maxLength: 4 }),
  objects: fc.array(objectArb, { minLength: 1, maxLength: 8 }),
  services: fc.array(serviceArb, { minLength: 1, maxLength: 5 }),
  flows: fc.array(flowArb, { minLength: 1, maxLength: 6 }),
  phases: fc.array(fc.constantFrom('monitor' as const, 'enforce' as const), { minLength: 6, maxLength: 6 }),
  classic: fc.boolean(),
  group: fc.boolean(),
  srcAny: fc.nat(7).map((n) => n === 0),
});

type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

function zoneNets(i: number, z: { prefix: number; v6: boolean; v6prefix: number }): IpRange[] {
  const base4 = (10n << 24n) | (BigInt(i + 1) << 16n);
  const out: IpRange[] = [{ family: 4, first: base4, last: base4 + (1n << BigInt(32 - z.prefix)) - 1n }];
  if (z.v6) {
    const base6 = (0x20010db8n << 96n) | (BigInt(i + 1) << 80n);
    out.push({ family: 6, first: base6, last: base6 + (1n << BigInt(128 - z.v6prefix)) - 1n });
  }
  return out;
}

function clip(r: IpRange, net: IpRange): IpRange {
  const first = net.first + ((r.first - net.first) % (net.last - net.first + 1n));
  const last = first + (r.last - r.first) > net.last ? net.last : first + (r.last - r.first);
  return { family: r.family, first, last };
}

/** Like buildRuleIR, only the objects the rules (and their groups) name; the backend makes the other zone objects from the bindings. */
function referenced(addresses: AddressObject[], groups: AddressGroup[], rules: Rule[]): AddressObject[] {
  const refs = new Set(rules.flatMap((r) => [...r.src, ...r.dst]));
  for (const g of groups) if (refs.has(g.id)) g.members.forEach((m) => refs.add(m));
  return addresses.filter((a) => refs.has(a.id));
}

function buildIR(s: Spec): EnforcementIR {
  const n = s.zoneCount;
  const zones = ZONES.slice(0, n);
  const nets = zones.map((_, i) => zoneNets(i, s.zones[i]));
  const addresses: AddressObject[] = zones.map((z, i) => ({ id: `zone:${z}`, name: z, source: { kind: 'zone', id: z }, ranges: nets[i], pointer: `/zones/${z}` }));
  const byZone: string[][] = zones.map((z) => [`zone:${z}`]);
  s.objects.forEach((o, j) => {
    const zi = o.zone % n;
    const [v4net, v6net] = nets[zi];
    const len = o.merged ? BigInt(o.len) : 0n;
    const ranges = [clip({ family: 4, first: v4net.first + BigInt(o.offset), last: v4net.first + BigInt(o.offset) + len }, v4net)];
    if (o.v6 && v6net) ranges.push(clip({ family: 6, first: v6net.first + BigInt(o.offset), last: v6net.first + BigInt(o.offset) + len }, v6net));
    const id = o.merged ? `net:${j}` : `asset:a${j}`;
    addresses.push({ id, name: o.merged ? `m${j}` : `a${j}`, source: { kind: o.merged ? 'merged' : 'asset', id: o.merged ? `m${j}` : `a${j}` }, ranges, pointer: `/assets/a${j}` });
    byZone[zi].push(id);
  });
  const addressGroups: AddressGroup[] = [];
  const members = byZone[0].filter((id) => id !== `zone:${zones[0]}`).slice(0, 2);
  if (s.group && members.length === 2) {
    addressGroups.push({ id: 'grp:g0', name: 'g0', members: [...members].sort(), pointer: '/x' });
    byZone[0].push('grp:g0');
  }
  const services: ServiceObject[] = s.services.map((v, k) => {
    const hi = Math.min(65535, v.lo + v.span);
    const name = `s${k}-${v.transport}-${v.lo}${hi === v.lo ? '' : `-${hi}`}`;
    return { id: `svc:${name}`, name, transport: v.transport, ports: [v.lo, hi], ...(v.protocol ? { protocol: v.protocol } : {}) };
  });
  const rules: Rule[] = [];
  s.flows.forEach((f, k) => {
    const from = f.from % n;
    let to = f.to % n;
    if (to === from) to = (from + 1) % n;
    const pick = (zi: number, ix: number[]) => [...new Set(ix.map((x) => byZone[zi][x % byZone[zi].length]))].sort();
    const src = s.srcAny && k === 0 ? [ANY] : pick(from, f.src.length > 0 ? f.src : [0]);
    const dst = f.dstAny ? [ANY] : pick(to, f.dst.length > 0 ? f.dst : [0]);
    const svcs = f.svcAny ? [ANY] : [...new Set(f.svcs.map((x) => services[x % services.length].id))].sort();
    const rule: Rule = {
      id: `c${k}.1`, number: (k + 1) * 1000 + 1, kind: 'flow', fromZone: zones[from], toZone: zones[to], action: 'allow', log: true,
      src, dst, services: svcs, comment: `c${k} flow ${k} (SR 5.1)`,
      trace: { conduit: `c${k}`, flowIndex: 0, flowKey: `k${k}`, pointer: `/conduits/c${k}/flows/0`, srs: ['SR 5.1'], controls: ['boundary-firewall'] },
    };
    if (f.readOnly) rule.readOnly = { protocol: 'modbus', field: 'modbus-function-code', allowed: [3], denied: [6], mode: 'port-only' };
    rules.push(rule);
  });
  const boundaries: Boundary[] = [];
  let b = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      boundaries.push({ id: `${zones[i]}|${zones[j]}`, zones: [zones[i], zones[j]], interfaces: [INTERFACES[i], INTERFACES[j]], phase: s.phases[b++] });
    }
  }
  for (const bd of boundaries) {
    for (const [from, to] of [[bd.zones[0], bd.zones[1]], [bd.zones[1], bd.zones[0]]]) {
      const enforce = bd.phase === 'enforce';
      rules.push({
        id: `final.${from}>${to}`, number: 9_000_001 + rules.length, kind: 'boundary-final', fromZone: from, toZone: to,
        action: enforce ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: `default ${enforce ? 'deny' : 'monitor'} ${from} -> ${to}`,
      });
    }
  }
  const phase = boundaries.every((x) => x.phase === 'enforce') ? 'enforce' : boundaries.every((x) => x.phase === 'monitor') ? 'monitor' : 'mixed';
  rules.push({ id: 'final', number: 9_999_999, kind: 'final', action: phase === 'enforce' ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: 'catch-all' });
  return {
    id: 'ep-random', platform: 'cisco-ios', phase,
    zones: zones.map((z, i) => ({ id: z, interface: INTERFACES[i], description: z, purdue: i, slTarget: { FR1: 2, FR2: 2, FR3: 2, FR4: 2, FR5: 2, FR6: 2, FR7: 2 }, networks: nets[i] })),
    boundaries, addresses: referenced(addresses, addressGroups, rules).sort((x, y) => (x.id < y.id ? -1 : 1)), addressGroups, services, serviceGroups: [], rules,
    syslog: ['10.1.0.5'], ntp: [], options: s.classic ? { classic: true } : {}, pointer: '/enforcement/ep-random',
  };
}

export const enforcementIRArb: fc.Arbitrary<EnforcementIR> = specArb.map(buildIR);
