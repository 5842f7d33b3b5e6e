import { maskLength, parseIPv4, parseIPv6, prefixRange } from './ipText.js';
import { FortiosParseError } from './parseFortios.js';
import type { Entry, ParsedConfig, Section } from './parseFortios.js';

/**
 * A packet evaluator with FortiOS firewall-policy semantics, over the re-parsed text:
 * - policies in LIST order (the id is a handle), `status disable` skipped;
 * - srcintf/dstintf: `any`, a zone name (any member interface), or an interface name;
 *   intra-zone traffic needs a policy unless the zone says `intrazone allow`;
 * - consolidated IPv4/IPv6 policy (FortiOS 6.4+): the policy applies to IPv4 only when
 *   srcaddr and dstaddr are set, to IPv6 only when srcaddr6 and dstaddr6 are set;
 * - addresses: `subnet` with a netmask (an ipmask object without subnet is 0.0.0.0/0),
 *   `iprange`, address6 `ip6` (default ::/0), groups (members defined earlier), `all`;
 * - services: `ALL`, or tcp-/udp-portrange lists "dst[-dst][:src[-src]]";
 * - an accepted session passes the policy's application list when utm-status is enable:
 *   the first entry whose application ids the traffic triggers decides (block/reset
 *   deny, pass allows); OT signatures only fire when `ips global exclude-signatures none`;
 * - no matching policy: implicit deny, not logged.
 * Stateful: a packet of an established session is decided as its reverse new session.
 */
export interface FortiPacket {
  srcintf: string;
  dstintf: string;
  family: 4 | 6;
  src: bigint;
  dst: bigint;
  proto: 'tcp' | 'udp' | 'icmp' | 'other';
  sport: number;
  dport: number;
  operation?: number;
  established?: boolean;
}

export interface FortiVerdict {
  action: 'allow' | 'deny';
  log: boolean;
  /** Policy id, or "implicit". */
  policy: string;
  /** Application-list entry that decided, if any. */
  app?: string;
}

/** A test-side model of the FortiGuard application database (versioned vendor data). */
export interface AppSignatureModel {
  id: number;
  ot: boolean;
  transport: 'tcp' | 'udp';
  ports: [number, number];
  operations: number[];
}

type Ranges = { lo: bigint; hi: bigint }[];
interface PortRange { dlo: number; dhi: number; slo: number; shi: number }
interface Service { all: boolean; tcp: PortRange[]; udp: PortRange[] }
interface AppEntry { id: string; apps: number[]; action: string; log: boolean }

export interface FortiPolicy {
  id: string;
  name: string;
  line: number;
  enabled: boolean;
  srcintf: string[];
  dstintf: string[];
  src4?: Ranges; dst4?: Ranges; src6?: Ranges; dst6?: Ranges;
  action: 'accept' | 'deny';
  service: Service;
  logtraffic: 'all' | 'utm' | 'disable';
  appList?: AppEntry[];
}

export interface DosPolicy { id: string; family: 4 | 6; interface: string; anomalies: Map<string, { action: string; threshold: number; log: boolean; enabled: boolean }> }

export interface FortiModel {
  zones: Map<string, { interfaces: string[]; intrazone: 'allow' | 'deny' }>;
  policies: FortiPolicy[];
  dos: DosPolicy[];
  otSignatures: boolean;
  syslog: string[];
  ntp: string[];
}

const V4_ALL: Ranges = [{ lo: 0n, hi: (1n << 32n) - 1n }];
const V6_ALL: Ranges = [{ lo: 0n, hi: (1n << 128n) - 1n }];

function fail(line: number, msg: string): never {
  throw new FortiosParseError(line, msg);
}

function one(e: Entry, key: string): string | undefined {
  return e.sets.get(key)?.values[0];
}

function list(e: Entry, key: string): string[] {
  return e.sets.get(key)?.values ?? [];
}

function addressRanges(e: Entry, family: 4 | 6): Ranges {
  const parse = family === 4 ? parseIPv4 : parseIPv6;
  const type = one(e, 'type') ?? (family === 4 ? 'ipmask' : 'ipprefix');
  if (type === 'iprange') {
    const a = one(e, 'start-ip');
    const b = one(e, 'end-ip');
    if (a === undefined || b === undefined) fail(e.line, `iprange ${e.id} without start-ip/end-ip`);
    const lo = parse(a)!;
    const hi = parse(b)!;
    if (lo > hi) fail(e.line, `iprange ${e.id} start after end`);
    return [{ lo, hi }];
  }
  if (family === 4) {
    const s = e.sets.get('subnet')?.values;
    if (!s) return V4_ALL; // FortiOS default subnet 0.0.0.0 0.0.0.0
    return [prefixRange(parseIPv4(s[0])!, maskLength(s[1])!, 32)];
  }
  const p = one(e, 'ip6');
  if (!p) return V6_ALL; // default ::/0
  const [addr, len] = p.split('/');
  return [prefixRange(parseIPv6(addr)!, Number(len), 128)];
}

function parsePortRanges(values: string[]): PortRange[] {
  return values.map((v) => {
    const [d, s] = v.split(':');
    const [dlo, dhi] = d.split('-').map(Number);
    const [slo, shi] = s === undefined ? [0, 65535] : s.split('-').map(Number);
    return { dlo, dhi: dhi ?? dlo, slo, shi: shi ?? slo };
  });
}

class Names<T> {
  readonly map = new Map<string, T>();
  constructor(private readonly what: string, builtins: [string, T][] = []) {
    for (const [k, v] of builtins) this.map.set(k, v);
  }
  define(name: string, value: T, line: number): void {
    if (this.map.has(name)) fail(line, `${this.what} "${name}" defined twice`);
    this.map.set(name, value);
  }
  get(name: string, line: number): T {
    const v = this.map.get(name);
    if (v === undefined) fail(line, `unknown ${this.what} "${name}" (not defined above)`);
    return v;
  }
}

/**
 * Builds the evaluation model in text order, resolving every reference against what
 * is defined ABOVE it (the CLI rejects references to objects that do not exist yet).
 * `interfaces` are the device's interface names (topology, from the test harness).
 */
export function buildFortiModel(cfg: ParsedConfig, interfaces: string[]): FortiModel {
  const model: FortiModel = { zones: new Map(), policies: [], dos: [], otSignatures: false, syslog: [], ntp: [] };
  const addr4 = new Names<Ranges>('IPv4 address', [['all', V4_ALL]]);
  const addr6 = new Names<Ranges>('IPv6 address', [['all', V6_ALL]]);
  const services = new Names<Service>('service', [['ALL', { all: true, tcp: [], udp: [] }]]);
  const appLists = new Names<AppEntry[]>('application list');
  const zoneOf = new Map<string, string>();
  for (const s of cfg.sections) {
    switch (s.path) {
      case 'system zone': for (const e of s.entries) defineZone(model, e, interfaces, zoneOf); break;
      case 'firewall address': for (const e of s.entries) addr4.define(e.id, addressRanges(e, 4), e.line); break;
      case 'firewall address6': for (const e of s.entries) addr6.define(e.id, addressRanges(e, 6), e.line); break;
      case 'firewall addrgrp': for (const e of s.entries) addr4.define(e.id, group(e, addr4), e.line); break;
      case 'firewall addrgrp6': for (const e of s.entries) addr6.define(e.id, group(e, addr6), e.line); break;
      case 'firewall service custom': for (const e of s.entries) services.define(e.id, customService(e), e.line); break;
      case 'firewall service group': for (const e of s.entries) services.define(e.id, serviceGroup(e, services), e.line); break;
      case 'ips global': model.otSignatures = s.sets.get('exclude-signatures')?.values[0] === 'none'; break;
      case 'application list': for (const e of s.entries) appLists.define(e.id, appEntries(e), e.line); break;
      case 'firewall policy': for (const e of s.entries) model.policies.push(policy(e, model, zoneOf, interfaces, { addr4, addr6, services, appLists })); break;
      case 'firewall DoS-policy': case 'firewall DoS-policy6':
        for (const e of s.entries) model.dos.push(dosPolicy(e, s.path.endsWith('6') ? 6 : 4, interfaces, s.path.endsWith('6') ? addr6 : addr4, services));
        break;
      case 'system ntp': model.ntp.push(...(s.subs.get('ntpserver')?.entries ?? []).map((e) => one(e, 'server') ?? fail(e.line, 'ntpserver without server'))); break;
      default:
        if (s.path.startsWith('log syslogd')) { model.syslog.push(settingsServer(s)); break; }
        fail(s.line, `section ${s.path} is not modelled`);
    }
  }
  checkPolicyNames(model);
  return model;
}

function settingsServer(s: Section): string {
  const server = s.sets.get('server')?.values[0];
  if (s.sets.get('status')?.values[0] !== 'enable' || !server) fail(s.line, `${s.path} without status enable and a server`);
  return server;
}

function defineZone(model: FortiModel, e: Entry, interfaces: string[], zoneOf: Map<string, string>): void {
  if (model.zones.has(e.id) || interfaces.includes(e.id) || e.id === 'any') fail(e.line, `zone name "${e.id}" is taken`);
  const members = list(e, 'interface');
  for (const m of members) {
    if (!interfaces.includes(m)) fail(e.line, `unknown interface "${m}"`);
    if (zoneOf.has(m)) fail(e.line, `interface "${m}" is already in zone ${zoneOf.get(m)}`);
    zoneOf.set(m, e.id);
  }
  model.zones.set(e.id, { interfaces: members, intrazone: (one(e, 'intrazone') ?? 'deny') as 'allow' | 'deny' });
}

function group(e: Entry, names: Names<Ranges>): Ranges {
  const members = list(e, 'member');
  if (members.length === 0) fail(e.line, `group ${e.id} without members`);
  return members.flatMap((m) => names.get(m, e.sets.get('member')!.line));
}

function customService(e: Entry): Service {
  const tcp = parsePortRanges(list(e, 'tcp-portrange'));
  const udp = parsePortRanges(list(e, 'udp-portrange'));
  if (tcp.length + udp.length === 0) fail(e.line, `service ${e.id} without a port range`);
  return { all: false, tcp, udp };
}

function serviceGroup(e: Entry, services: Names<Service>): Service {
  const members = list(e, 'member').map((m) => services.get(m, e.line));
  if (members.length === 0) fail(e.line, `service group ${e.id} without members`);
  return { all: members.some((m) => m.all), tcp: members.flatMap((m) => m.tcp), udp: members.flatMap((m) => m.udp) };
}

function appEntries(e: Entry): AppEntry[] {
  const entries = e.subs.get('entries')?.entries ?? [];
  return entries.map((x) => {
    const apps = list(x, 'application').map(Number);
    // An entry without any filter matches every application: never expected here.
    if (apps.length === 0) fail(x.line, `application list ${e.id} entry ${x.id} has no application filter (would match everything)`);
    return { id: `${e.id}/${x.id}`, apps, action: one(x, 'action') ?? 'block', log: one(x, 'log') === 'enable' };
  });
}

type Tables = { addr4: Names<Ranges>; addr6: Names<Ranges>; services: Names<Service>; appLists: Names<AppEntry[]> };

function interfaceRefs(e: Entry, key: string, model: FortiModel, zoneOf: Map<string, string>, interfaces: string[]): string[] {
  const refs = list(e, key);
  if (refs.length === 0) fail(e.line, `policy ${e.id} without ${key}`);
  for (const r of refs) {
    if (r === 'any') { if (refs.length > 1) fail(e.line, `${key} mixes any with others`); continue; }
    if (model.zones.has(r)) continue;
    if (!interfaces.includes(r)) fail(e.line, `unknown interface or zone "${r}"`);
    if (zoneOf.has(r)) fail(e.line, `interface "${r}" is a member of zone ${zoneOf.get(r)} and cannot be used in a policy`);
  }
  return refs;
}

function addrPair(e: Entry, s: string, d: string, names: Names<Ranges>): [Ranges, Ranges] | [undefined, undefined] {
  const src = list(e, s);
  const dst = list(e, d);
  if (src.length === 0 && dst.length === 0) return [undefined, undefined];
  if (src.length === 0 || dst.length === 0) fail(e.line, `policy ${e.id}: ${s} and ${d} must be set together`);
  const line = e.sets.get(s)!.line;
  return [src.flatMap((n) => names.get(n, line)), dst.flatMap((n) => names.get(n, line))];
}

function policy(e: Entry, model: FortiModel, zoneOf: Map<string, string>, interfaces: string[], t: Tables): FortiPolicy {
  const [src4, dst4] = addrPair(e, 'srcaddr', 'dstaddr', t.addr4);
  const [src6, dst6] = addrPair(e, 'srcaddr6', 'dstaddr6', t.addr6);
  if (!src4 && !src6) fail(e.line, `policy ${e.id} without addresses`);
  const svcNames = list(e, 'service');
  if (svcNames.length === 0) fail(e.line, `policy ${e.id} without service`);
  const svc = svcNames.map((n) => t.services.get(n, e.sets.get('service')!.line));
  if (one(e, 'schedule') !== 'always') fail(e.line, `policy ${e.id}: only the predefined schedule "always" is known`);
  const action = (one(e, 'action') ?? 'deny') as 'accept' | 'deny';
  const appName = one(e, 'application-list');
  const utm = one(e, 'utm-status') === 'enable';
  if (appName !== undefined && action !== 'accept') fail(e.line, 'application list on a deny policy');
  return {
    id: e.id, name: one(e, 'name') ?? '', line: e.line, enabled: one(e, 'status') !== 'disable',
    srcintf: interfaceRefs(e, 'srcintf', model, zoneOf, interfaces),
    dstintf: interfaceRefs(e, 'dstintf', model, zoneOf, interfaces),
    src4, dst4, src6, dst6, action,
    service: { all: svc.some((x) => x.all), tcp: svc.flatMap((x) => x.tcp), udp: svc.flatMap((x) => x.udp) },
    logtraffic: (one(e, 'logtraffic') ?? 'utm') as FortiPolicy['logtraffic'],
    appList: utm && appName !== undefined ? t.appLists.get(appName, e.sets.get('application-list')!.line) : undefined,
  };
}

function dosPolicy(e: Entry, family: 4 | 6, interfaces: string[], names: Names<Ranges>, services: Names<Service>): DosPolicy {
  const intf = one(e, 'interface');
  if (!intf || !interfaces.includes(intf)) fail(e.line, `DoS policy ${e.id}: unknown interface "${intf ?? ''}"`);
  for (const key of ['srcaddr', 'dstaddr']) {
    const refs = list(e, key);
    if (refs.length === 0) fail(e.line, `DoS policy ${e.id} without ${key}`);
    refs.forEach((r) => names.get(r, e.line));
  }
  list(e, 'service').forEach((r) => services.get(r, e.line));
  const anomalies = new Map<string, { action: string; threshold: number; log: boolean; enabled: boolean }>();
  for (const a of e.subs.get('anomaly')?.entries ?? []) {
    anomalies.set(a.id, {
      action: one(a, 'action') ?? 'pass', threshold: Number(one(a, 'threshold') ?? 0),
      log: one(a, 'log') === 'enable', enabled: one(a, 'status') === 'enable',
    });
  }
  return { id: e.id, family, interface: intf, anomalies };
}

function checkPolicyNames(model: FortiModel): void {
  const seen = new Set<string>();
  for (const p of model.policies) {
    if (p.name === '') fail(p.line, `policy ${p.id} has no name`);
    if (seen.has(p.name)) fail(p.line, `policy name "${p.name}" is used twice`);
    seen.add(p.name);
  }
}

function inRanges(r: Ranges | undefined, v: bigint): boolean {
  return r !== undefined && r.some((x) => x.lo <= v && v <= x.hi);
}

function intfMatch(refs: string[], intf: string, model: FortiModel): boolean {
  return refs.some((r) => r === 'any' || r === intf || (model.zones.get(r)?.interfaces.includes(intf) ?? false));
}

function serviceMatch(s: Service, p: FortiPacket): boolean {
  if (s.all) return true;
  const ranges = p.proto === 'tcp' ? s.tcp : p.proto === 'udp' ? s.udp : [];
  return ranges.some((r) => r.dlo <= p.dport && p.dport <= r.dhi && r.slo <= p.sport && p.sport <= r.shi);
}

export function policyMatches(pol: FortiPolicy, p: FortiPacket, model: FortiModel): boolean {
  if (!pol.enabled) return false;
  if (!intfMatch(pol.srcintf, p.srcintf, model) || !intfMatch(pol.dstintf, p.dstintf, model)) return false;
  const [s, d] = p.family === 4 ? [pol.src4, pol.dst4] : [pol.src6, pol.dst6];
  return inRanges(s, p.src) && inRanges(d, p.dst) && serviceMatch(pol.service, p);
}

function appDecision(pol: FortiPolicy, p: FortiPacket, model: FortiModel, db: AppSignatureModel[]): AppEntry | undefined {
  if (!pol.appList || p.operation === undefined) return undefined;
  const triggered = db.filter((a) => (!a.ot || model.otSignatures) && a.transport === p.proto
    && a.ports[0] <= p.dport && p.dport <= a.ports[1] && a.operations.includes(p.operation!)).map((a) => a.id);
  return pol.appList.find((e) => e.apps.some((id) => triggered.includes(id)));
}

function sameZoneAllowed(p: FortiPacket, model: FortiModel): boolean {
  for (const z of model.zones.values()) {
    if (z.intrazone === 'allow' && p.srcintf !== p.dstintf && z.interfaces.includes(p.srcintf) && z.interfaces.includes(p.dstintf)) return true;
  }
  return false;
}

export function evaluateFortios(model: FortiModel, p: FortiPacket, db: AppSignatureModel[] = []): FortiVerdict {
  if (p.established) {
    const r = { ...p, srcintf: p.dstintf, dstintf: p.srcintf, src: p.dst, dst: p.src, sport: p.dport, dport: p.sport, established: false };
    const v = evaluateFortios(model, r, db);
    return { ...v, log: false };
  }
  if (sameZoneAllowed(p, model)) return { action: 'allow', log: false, policy: 'intrazone' };
  for (const pol of model.policies) {
    if (!policyMatches(pol, p, model)) continue;
    if (pol.action === 'deny') return { action: 'deny', log: pol.logtraffic === 'all', policy: pol.id };
    const entry = appDecision(pol, p, model, db);
    if (entry) {
      const blocked = entry.action !== 'pass';
      return { action: blocked ? 'deny' : 'allow', log: entry.log || pol.logtraffic === 'all', policy: pol.id, app: entry.id };
    }
    return { action: 'allow', log: pol.logtraffic === 'all', policy: pol.id };
  }
  return { action: 'deny', log: false, policy: 'implicit' };
}
