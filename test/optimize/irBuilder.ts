import { mergeRanges, parseNet } from '../../src/model/ip.js';
import type { RateLimit } from '../../src/model/types.js';
import { ANY } from '../../src/rules/types.js';
import type { AddressObject, EnforcementIR, ReadOnlyFilter, Rule, ServiceObject } from '../../src/rules/types.js';

/**
 * Hand-written EnforcementIRs for the pass tables, in a compact notation:
 * objects "h1: 10.0.0.1" (asset), "z:ctl: 10.0.1.0/24" (zone); services "tcp/502";
 * rules "a>b h1,h2 -> h3 tcp/502" in list order ("any" for ANY). Ids follow
 * buildRuleIR: asset:<name>, zone:<name>, svc:<transport>-<lo>[-<hi>].
 */
export interface RuleSpec {
  zones?: [string, string];
  src: string[] | 'any';
  dst: string[] | 'any';
  svc: string[] | 'any';
  readOnly?: 'dpi' | 'port-only';
  rateLimit?: RateLimit;
}

export const RO: ReadOnlyFilter = { protocol: 'modbus', field: 'modbus-function-code', payloadOffset: 7, allowed: [1, 2, 3, 4], denied: [5, 6, 15, 16], mode: 'dpi' };

export function addressObject(spec: string): AddressObject {
  const [key, ...texts] = spec.split(/\s+/);
  const zone = key.startsWith('z:');
  const name = zone ? key.slice(2) : key;
  const ranges = mergeRanges(texts.map((t) => {
    const r = parseNet(t);
    if (!r.ok) throw new Error(r.error);
    return { family: r.net.family, first: r.net.first, last: r.net.last };
  }));
  return { id: `${zone ? 'zone' : 'asset'}:${name}`, name, source: { kind: zone ? 'zone' : 'asset', id: name }, ranges, pointer: `/${zone ? 'zones' : 'assets'}/${name}` };
}

export function serviceObject(spec: string): ServiceObject {
  const [transport, ports] = spec.split('/') as ['tcp' | 'udp', string];
  const [lo, hi = lo] = ports.split('-').map(Number);
  const name = lo === hi ? `${transport}-${lo}` : `${transport}-${lo}-${hi}`;
  return { id: `svc:${name}`, name, transport, ports: [lo, hi] };
}

const ref = (kind: 'address' | 'service', x: string) => (kind === 'service' ? serviceObject(x).id : x.startsWith('z:') ? `zone:${x.slice(2)}` : `asset:${x}`);

export function rule(spec: RuleSpec, n: number): Rule {
  const [from, to] = spec.zones ?? ['a', 'b'];
  const list = (v: string[] | 'any', kind: 'address' | 'service') => (v === 'any' ? [ANY] : [...new Set(v.map((x) => ref(kind, x)))].sort());
  const r: Rule = {
    id: `c.${n}`, number: 1000 + n, kind: 'flow', fromZone: from, toZone: to, action: 'allow', log: true,
    src: list(spec.src, 'address'), dst: list(spec.dst, 'address'), services: list(spec.svc, 'service'), comment: `c flow ${n}`,
    trace: { conduit: 'c', flowIndex: n - 1, flowKey: `k${n}`, pointer: `/conduits/c/flows/${n - 1}`, srs: ['SR 5.1'], controls: ['boundary-firewall'] },
  };
  if (spec.readOnly) r.readOnly = { ...RO, mode: spec.readOnly };
  if (spec.rateLimit) r.rateLimit = spec.rateLimit;
  return r;
}

/** An enforcement point with zones a, b, c, the given objects and rules, boundary finals and the catch-all. */
export function irOf(objects: string[], rules: RuleSpec[], services: string[] = []): EnforcementIR {
  const flows = rules.map((s, i) => rule(s, i + 1));
  const svcs = new Map<string, ServiceObject>();
  for (const s of [...services, ...rules.flatMap((r) => (r.svc === 'any' ? [] : r.svc))]) svcs.set(serviceObject(s).id, serviceObject(s));
  const finals: Rule[] = [];
  for (const [from, to] of [['a', 'b'], ['b', 'a'], ['a', 'c'], ['c', 'a'], ['b', 'c'], ['c', 'b']]) {
    finals.push({ id: `final.${from}>${to}`, number: 9_000_001 + finals.length, kind: 'boundary-final', fromZone: from, toZone: to, action: 'deny', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: 'default deny' });
  }
  finals.push({ id: 'final', number: 9_999_999, kind: 'final', action: 'deny', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: 'default deny all' });
  const byId = <T extends { id: string }>(xs: T[]) => xs.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return {
    id: 'fw', platform: 'fortios', phase: 'enforce',
    zones: ['a', 'b', 'c'].map((id, i) => ({ id, interface: `port${i + 1}`, description: id, purdue: 2, slTarget: { FR1: 2, FR2: 2, FR3: 2, FR4: 2, FR5: 2, FR6: 2, FR7: 2 }, networks: [] })),
    boundaries: [['a', 'b'], ['a', 'c'], ['b', 'c']].map(([x, y]) => ({ id: `${x}|${y}`, zones: [x, y] as [string, string], interfaces: ['port1', 'port2'] as [string, string], phase: 'enforce' as const })),
    addresses: byId(objects.map(addressObject)), addressGroups: [], services: byId([...svcs.values()]), serviceGroups: [],
    rules: [...flows, ...finals], syslog: [], ntp: [], options: {}, pointer: '/enforcement/fw',
  };
}

/** The flow rules of an IR as "src -> dst svc" lines with their member ids, for readable expectations. */
export function flowLines(ep: EnforcementIR): string[] {
  return ep.rules.filter((r) => r.kind === 'flow').map((r) => `${r.id}${r.merged ? `[${r.merged.map((m) => m.id).join('+')}]` : ''}: ${r.src.join(',')} -> ${r.dst.join(',')} ${r.services.join(',')}`);
}
