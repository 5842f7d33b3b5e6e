import { ALL_ONES, maskPrefix, parseV4, parseV6 } from './iosIp.js';

/**
 * An independent re-parser for the IOS / IOS-XE configuration subset otpc emits,
 * written from the IOS grammar (IOS Security Configuration Guides: "IP Access List
 * Overview", "Object Groups for ACLs", "IPv6 Access Control Lists"; `logging host`,
 * `ntp server`, `monitor session`, `ip access-list logging interval` command
 * references). It shares no code with the renderer. Anything it does not understand is an error naming the line.
 *
 * Layout rules it enforces on top of IOS (so a paste cannot be misread): sub-mode
 * commands are indented by one space, global commands are not; an object-group must be
 * defined before an entry uses it; an ACL must be defined before an interface applies it.
 */

export type Addr =
  | { kind: 'any' }
  /** Matches when (address XOR base) AND NOT wildcard is zero. host = wildcard 0. */
  | { kind: 'wild'; family: 4 | 6; base: bigint; wildcard: bigint }
  | { kind: 'og'; name: string };

export interface PortMatch { op: 'eq' | 'neq' | 'lt' | 'gt' | 'range'; lo: number; hi: number }

export type Proto = { kind: 'ip' } | { kind: 'num'; value: number } | { kind: 'og'; name: string };

export interface Ace {
  seq: number;
  action: 'permit' | 'deny';
  proto: Proto;
  src: Addr;
  srcPort?: PortMatch;
  dst: Addr;
  dstPort?: PortMatch;
  established: boolean;
  icmpType?: number;
  log: boolean;
  /** The remark block in force for this entry (the last remarks written above it). */
  remarks: string[];
  line: number;
}

export interface Acl { family: 4 | 6; name: string; entries: Ace[] }

export type NetEntry = { kind: 'range'; family: 4; lo: bigint; hi: bigint } | { kind: 'group'; name: string };
export type SvcEntry =
  | { kind: 'svc'; protocols: number[]; srcPort?: PortMatch; dstPort?: PortMatch; icmpType?: number }
  | { kind: 'group'; name: string };

export interface Binding { in?: string; out?: string; in6?: string; out6?: string }

export interface MonitorSession { sources: { kind: 'interface' | 'vlan'; name: string; direction: string }[]; destinations: string[] }

export interface IosConfig {
  networkGroups: Map<string, { description?: string; entries: NetEntry[] }>;
  serviceGroups: Map<string, { description?: string; entries: SvcEntry[] }>;
  acls: Map<string, Acl>;
  acls6: Map<string, Acl>;
  interfaces: Map<string, Binding>;
  loggingHosts: string[];
  loggingTrap?: string;
  /** `ip access-list logging interval <ms>`: at most one logged packet per interval is punted (no effect on verdicts). */
  aclLoggingInterval?: number;
  ntpServers: string[];
  monitor: Map<number, MonitorSession>;
  comments: string[];
}

export class IosParseError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const IFACE = /^[A-Za-z][A-Za-z0-9/.:-]*$/;
const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17 };
const ICMP4: Record<string, number> = { echo: 8, 'echo-reply': 0 };
const ICMP6: Record<string, number> = {
  'nd-na': 136, 'nd-ns': 135, 'router-solicitation': 133, 'router-advertisement': 134, 'echo-request': 128, 'echo-reply': 129,
};

/** A cursor over the tokens of one line. */
class Tokens {
  private i = 0;
  constructor(readonly toks: string[], readonly line: number) {}
  peek(): string | undefined { return this.toks[this.i]; }
  next(what: string): string {
    const t = this.toks[this.i++];
    if (t === undefined) throw new IosParseError(this.line, `expected ${what}, found end of line`);
    return t;
  }
  accept(t: string): boolean {
    if (this.toks[this.i] !== t) return false;
    this.i++;
    return true;
  }
  done(): boolean { return this.i >= this.toks.length; }
  end(): void {
    if (!this.done()) throw new IosParseError(this.line, `unexpected "${this.toks.slice(this.i).join(' ')}"`);
  }
  rest(): string { const r = this.toks.slice(this.i).join(' '); this.i = this.toks.length; return r; }
}

function fail(line: number, message: string): never {
  throw new IosParseError(line, message);
}

function name(t: Tokens, what: string): string {
  const n = t.next(what);
  if (!NAME.test(n)) fail(t.line, `invalid ${what} "${n}"`);
  return n;
}

function port(t: Tokens): number {
  const s = t.next('port');
  if (!/^\d{1,5}$/.test(s) || Number(s) > 65535) fail(t.line, `invalid port "${s}" (numbers only)`);
  return Number(s);
}

function portMatch(t: Tokens): PortMatch | undefined {
  const op = t.peek();
  if (op !== 'eq' && op !== 'neq' && op !== 'lt' && op !== 'gt' && op !== 'range') return undefined;
  t.next('operator');
  const lo = port(t);
  if (op !== 'range') return { op, lo, hi: lo };
  const hi = port(t);
  if (hi < lo) fail(t.line, `range ${lo} ${hi} is empty`);
  return { op, lo, hi };
}

function v4(t: Tokens, what: string): bigint {
  const s = t.next(what);
  const v = parseV4(s);
  if (v === undefined) fail(t.line, `invalid IPv4 ${what} "${s}"`);
  return v;
}

function v6(t: Tokens, what: string): bigint {
  const s = t.next(what);
  const v = parseV6(s);
  if (v === undefined) fail(t.line, `invalid IPv6 ${what} "${s}"`);
  return v;
}

function addr4(t: Tokens, cfg: IosConfig): Addr {
  const tok = t.peek();
  if (t.accept('any')) return { kind: 'any' };
  if (t.accept('host')) return { kind: 'wild', family: 4, base: v4(t, 'host'), wildcard: 0n };
  if (t.accept('object-group')) {
    const n = name(t, 'object-group name');
    if (!cfg.networkGroups.has(n)) fail(t.line, `network object-group "${n}" is not defined (yet)`);
    return { kind: 'og', name: n };
  }
  if (tok === undefined) fail(t.line, 'expected an address');
  const base = v4(t, 'address');
  const wildcard = v4(t, 'wildcard');
  return { kind: 'wild', family: 4, base: base & (ALL_ONES[4] ^ wildcard), wildcard };
}

function addr6(t: Tokens): Addr {
  if (t.accept('any')) return { kind: 'any' };
  if (t.accept('host')) return { kind: 'wild', family: 6, base: v6(t, 'host'), wildcard: 0n };
  const s = t.next('IPv6 prefix');
  const m = /^([0-9A-Fa-f:.]+)\/(\d{1,3})$/.exec(s);
  const base = m ? parseV6(m[1]) : undefined;
  if (!m || base === undefined || Number(m[2]) > 128) fail(t.line, `invalid IPv6 prefix "${s}"`);
  const wildcard = (1n << BigInt(128 - Number(m[2]))) - 1n;
  return { kind: 'wild', family: 6, base: base & (ALL_ONES[6] ^ wildcard), wildcard };
}

function proto(t: Tokens, family: 4 | 6, cfg: IosConfig): Proto {
  const p = t.next('protocol');
  if (p === (family === 4 ? 'ip' : 'ipv6')) return { kind: 'ip' };
  if (p === 'icmp') return { kind: 'num', value: family === 4 ? 1 : 58 };
  if (p in PROTOCOLS) return { kind: 'num', value: PROTOCOLS[p] };
  if (/^\d{1,3}$/.test(p) && Number(p) <= 255) return { kind: 'num', value: Number(p) };
  if (p === 'object-group' && family === 4) {
    const n = name(t, 'service object-group name');
    if (!cfg.serviceGroups.has(n)) fail(t.line, `service object-group "${n}" is not defined (yet)`);
    return { kind: 'og', name: n };
  }
  return fail(t.line, `unknown protocol "${p}"`);
}

/** `[seq] permit|deny <proto> <src> [port] <dst> [port] [established] [icmp-type] [log|log-input]`, IPv6 with `sequence N`. */
function parseAce(t: Tokens, family: 4 | 6, cfg: IosConfig, remarks: string[]): Omit<Ace, 'seq'> & { seq?: number } {
  let seq: number | undefined;
  const first = t.peek() ?? '';
  if (family === 4 && /^\d+$/.test(first)) seq = Number(t.next('sequence'));
  if (family === 6 && t.accept('sequence')) seq = Number(t.next('sequence'));
  const action = t.next('permit or deny');
  if (action !== 'permit' && action !== 'deny') fail(t.line, `expected permit or deny, found "${action}"`);
  const pr = proto(t, family, cfg);
  const ports = pr.kind === 'num' && (pr.value === 6 || pr.value === 17);
  const src = family === 4 ? addr4(t, cfg) : addr6(t);
  const srcPort = ports ? portMatch(t) : undefined;
  const dst = family === 4 ? addr4(t, cfg) : addr6(t);
  const dstPort = ports ? portMatch(t) : undefined;
  const established = pr.kind === 'num' && pr.value === 6 && t.accept('established');
  let icmpType: number | undefined;
  const icmpNames = family === 4 ? ICMP4 : ICMP6;
  if (pr.kind === 'num' && pr.value === (family === 4 ? 1 : 58) && (t.peek() ?? '') in icmpNames) icmpType = icmpNames[t.next('icmp type')];
  const log = t.accept('log') || t.accept('log-input');
  if (family === 6 && t.accept('sequence')) {
    if (seq !== undefined) fail(t.line, 'two sequence numbers');
    seq = Number(t.next('sequence'));
  }
  t.end();
  if (seq !== undefined && (!Number.isInteger(seq) || seq < 1 || seq > 2147483647)) fail(t.line, `sequence ${seq} out of range`);
  return { seq, action, proto: pr, src, srcPort, dst, dstPort, established, icmpType, log, remarks, line: t.line };
}

function networkEntry(t: Tokens, cfg: IosConfig): NetEntry {
  if (t.accept('host')) { const v = v4(t, 'host'); t.end(); return { kind: 'range', family: 4, lo: v, hi: v }; }
  if (t.accept('range')) {
    const lo = v4(t, 'address');
    const hi = v4(t, 'address');
    t.end();
    if (hi < lo) fail(t.line, 'empty range');
    return { kind: 'range', family: 4, lo, hi };
  }
  if (t.accept('group-object')) {
    const n = name(t, 'object-group name');
    t.end();
    if (!cfg.networkGroups.has(n)) fail(t.line, `network object-group "${n}" is not defined (yet)`);
    return { kind: 'group', name: n };
  }
  const base = v4(t, 'address');
  const mask = v4(t, 'subnet mask');
  t.end();
  const prefix = maskPrefix(mask);
  if (prefix === undefined) fail(t.line, 'the subnet mask is not contiguous');
  const size = 1n << BigInt(32 - prefix);
  const lo = base - (base % size);
  return { kind: 'range', family: 4, lo, hi: lo + size - 1n };
}

function serviceEntry(t: Tokens, cfg: IosConfig): SvcEntry {
  if (t.accept('group-object')) {
    const n = name(t, 'object-group name');
    t.end();
    if (!cfg.serviceGroups.has(n)) fail(t.line, `service object-group "${n}" is not defined (yet)`);
    return { kind: 'group', name: n };
  }
  const p = t.next('protocol');
  if (p === 'icmp') {
    const ty = t.done() ? undefined : ICMP4[t.next('icmp type')];
    t.end();
    return { kind: 'svc', protocols: [1], icmpType: ty };
  }
  const protocols = p === 'tcp-udp' ? [6, 17] : p in PROTOCOLS ? [PROTOCOLS[p]] : fail(t.line, `unknown service protocol "${p}"`);
  const srcPort = t.accept('source') ? portMatch(t) ?? fail(t.line, 'expected a port operator after source') : undefined;
  const dstPort = portMatch(t);
  t.end();
  return { kind: 'svc', protocols, srcPort, dstPort };
}

type Mode =
  | { kind: 'top' }
  | { kind: 'netgroup'; name: string }
  | { kind: 'svcgroup'; name: string }
  /** `pending`: remarks since the last entry; `current`: the block that describes the entries that follow it. */
  | { kind: 'acl'; acl: Acl; pending: string[]; current: string[]; seqs: Set<number> }
  | { kind: 'interface'; name: string }
  | { kind: 'monitor' };

function closeAcl(mode: Mode): void {
  if (mode.kind !== 'acl') return;
  if (mode.pending.length > 0) fail(0, `ACL ${mode.acl.name} ends with a remark that describes no entry`);
  mode.acl.entries.sort((a, b) => a.seq - b.seq);
}

function subCommand(mode: Mode, t: Tokens, cfg: IosConfig): void {
  const first = t.peek();
  if (mode.kind === 'netgroup' || mode.kind === 'svcgroup') {
    const g = mode.kind === 'netgroup' ? cfg.networkGroups.get(mode.name) : cfg.serviceGroups.get(mode.name);
    if (!g) fail(t.line, 'internal: missing group');
    if (t.accept('description')) { g.description = t.rest(); if (g.description === '') fail(t.line, 'empty description'); return; }
    if (mode.kind === 'netgroup') (g.entries as NetEntry[]).push(networkEntry(t, cfg));
    else (g.entries as SvcEntry[]).push(serviceEntry(t, cfg));
    return;
  }
  if (mode.kind === 'acl') {
    if (t.accept('remark')) {
      const text = t.rest();
      if (text === '' || text.length > 100) fail(t.line, `remark of ${text.length} characters (1-100)`);
      mode.pending.push(text);
      return;
    }
    if (mode.pending.length > 0) { mode.current = mode.pending; mode.pending = []; }
    const ace = parseAce(t, mode.acl.family, cfg, mode.current);
    const last = mode.acl.entries.reduce((m, e) => Math.max(m, e.seq), 0);
    const seq = ace.seq ?? last + 10;
    if (mode.seqs.has(seq)) fail(t.line, `duplicate sequence number ${seq}`);
    mode.seqs.add(seq);
    mode.acl.entries.push({ ...ace, seq });
    return;
  }
  if (mode.kind === 'interface') {
    const b = cfg.interfaces.get(mode.name) ?? {};
    cfg.interfaces.set(mode.name, b);
    if (t.accept('description')) { t.rest(); return; }
    const v6 = t.accept('ipv6');
    if (!v6 && !t.accept('ip')) fail(t.line, `unknown interface command "${first ?? ''}"`);
    if (!t.accept(v6 ? 'traffic-filter' : 'access-group')) fail(t.line, 'expected access-group or traffic-filter');
    const acl = name(t, 'ACL name');
    const dir = t.next('in or out');
    t.end();
    if (dir !== 'in' && dir !== 'out') fail(t.line, `direction "${dir}"`);
    if (!(v6 ? cfg.acls6 : cfg.acls).has(acl)) fail(t.line, `ACL ${acl} is applied before it is defined`);
    const key = (dir === 'in' ? 'in' : 'out') + (v6 ? '6' : '') as keyof Binding;
    if (b[key] !== undefined) fail(t.line, `interface ${mode.name} already has an ACL ${dir}`);
    b[key] = acl;
    return;
  }
  fail(t.line, `indented line outside a block: "${t.toks.join(' ')}"`);
}

function monitorCommand(t: Tokens, cfg: IosConfig): void {
  const n = Number(t.next('session number'));
  if (!Number.isInteger(n) || n < 1 || n > 66) fail(t.line, 'invalid session number');
  const s = cfg.monitor.get(n) ?? { sources: [], destinations: [] };
  cfg.monitor.set(n, s);
  const role = t.next('source or destination');
  if (role === 'source') {
    const kind = t.next('interface or vlan');
    if (kind !== 'interface' && kind !== 'vlan') fail(t.line, `source ${kind}`);
    const what = t.next(kind);
    if (kind === 'vlan' ? !/^\d{1,4}$/.test(what) || Number(what) < 1 || Number(what) > 4094 : !IFACE.test(what)) fail(t.line, `invalid ${kind} "${what}"`);
    const direction = t.done() ? 'both' : t.next('direction');
    if (!['rx', 'tx', 'both'].includes(direction)) fail(t.line, `direction "${direction}"`);
    t.end();
    s.sources.push({ kind, name: what, direction });
    return;
  }
  if (role !== 'destination' || !t.accept('interface')) fail(t.line, 'expected source or destination interface');
  const dest = t.next('interface');
  if (!IFACE.test(dest)) fail(t.line, `invalid interface "${dest}"`);
  t.end();
  s.destinations.push(dest);
}

function hostAddress(t: Tokens, v6: boolean): string {
  const s = t.next('address');
  if ((v6 ? parseV6(s) : parseV4(s)) === undefined) fail(t.line, `invalid address "${s}"`);
  return s;
}

function topCommand(t: Tokens, cfg: IosConfig): Mode {
  const line = t.line;
  if (t.accept('object-group')) {
    const kind = t.next('network or service');
    const n = name(t, 'object-group name');
    t.end();
    if (kind !== 'network' && kind !== 'service') fail(line, `object-group ${kind}`);
    const map = kind === 'network' ? cfg.networkGroups : cfg.serviceGroups;
    if (cfg.networkGroups.has(n) || cfg.serviceGroups.has(n)) fail(line, `object-group ${n} is defined twice`);
    map.set(n, { entries: [] });
    return kind === 'network' ? { kind: 'netgroup', name: n } : { kind: 'svcgroup', name: n };
  }
  if (t.accept('ip')) {
    if (!t.accept('access-list')) fail(line, 'expected "ip access-list extended NAME"');
    if (t.accept('logging')) {
      // `ip access-list logging interval <ms>`: rate limit of logged (process-switched) packets.
      if (!t.accept('interval')) fail(line, 'expected "ip access-list logging interval MS"');
      const ms = t.next('interval in ms');
      t.end();
      if (!/^\d{1,10}$/.test(ms) || Number(ms) > 2147483647) fail(line, `invalid logging interval "${ms}"`);
      if (cfg.aclLoggingInterval !== undefined) fail(line, 'ip access-list logging interval is set twice');
      cfg.aclLoggingInterval = Number(ms);
      return { kind: 'top' };
    }
    if (!t.accept('extended')) fail(line, 'expected "ip access-list extended NAME"');
    const n = name(t, 'ACL name');
    t.end();
    if (cfg.acls.has(n)) fail(line, `ACL ${n} is defined twice`);
    const acl: Acl = { family: 4, name: n, entries: [] };
    cfg.acls.set(n, acl);
    return { kind: 'acl', acl, pending: [], current: [], seqs: new Set() };
  }
  if (t.accept('ipv6')) {
    if (!t.accept('access-list')) fail(line, 'expected "ipv6 access-list NAME"');
    const n = name(t, 'ACL name');
    t.end();
    if (cfg.acls6.has(n)) fail(line, `IPv6 ACL ${n} is defined twice`);
    const acl: Acl = { family: 6, name: n, entries: [] };
    cfg.acls6.set(n, acl);
    return { kind: 'acl', acl, pending: [], current: [], seqs: new Set() };
  }
  if (t.accept('interface')) {
    const n = t.next('interface name');
    t.end();
    if (!IFACE.test(n)) fail(line, `invalid interface name "${n}"`);
    return { kind: 'interface', name: n };
  }
  if (t.accept('logging')) {
    if (t.accept('trap')) {
      cfg.loggingTrap = t.next('level');
      t.end();
      if (!['emergencies', 'alerts', 'critical', 'errors', 'warnings', 'notifications', 'informational', 'debugging'].includes(cfg.loggingTrap)) fail(line, 'unknown level');
      return { kind: 'top' };
    }
    if (!t.accept('host')) fail(line, 'expected logging host or logging trap');
    const v6 = t.accept('ipv6');
    cfg.loggingHosts.push(hostAddress(t, v6));
    t.end();
    return { kind: 'top' };
  }
  if (t.accept('ntp')) {
    if (!t.accept('server')) fail(line, 'expected ntp server');
    const s = t.peek() ?? '';
    cfg.ntpServers.push(hostAddress(t, s.includes(':')));
    t.end();
    return { kind: 'top' };
  }
  if (t.accept('monitor')) {
    if (!t.accept('session')) fail(line, 'expected monitor session');
    monitorCommand(t, cfg);
    return { kind: 'top' };
  }
  return fail(line, `unknown command "${t.toks.join(' ')}"`);
}

/** Parses the whole text; throws IosParseError on the first line it does not understand. */
export function parseIos(text: string): IosConfig {
  const cfg: IosConfig = {
    networkGroups: new Map(), serviceGroups: new Map(), acls: new Map(), acls6: new Map(), interfaces: new Map(),
    loggingHosts: [], ntpServers: [], monitor: new Map(), comments: [],
  };
  if (!text.endsWith('\n')) fail(0, 'the text does not end with a newline');
  const lines = text.slice(0, -1).split('\n');
  let mode: Mode = { kind: 'top' };
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (/[^\x20-\x7e]/.test(raw)) fail(line, 'control or non-ASCII character');
    if (raw.startsWith('!')) { cfg.comments.push(raw); return; }
    if (raw.trim() === '' || /\s$/.test(raw) || / {2}/.test(raw.trimStart())) fail(line, 'blank line or stray spaces');
    if (raw.startsWith(' ')) {
      if (raw.startsWith('  ')) fail(line, 'indented by more than one space');
      subCommand(mode, new Tokens(raw.slice(1).split(' '), line), cfg);
      return;
    }
    try { closeAcl(mode); } catch { fail(line, 'the previous ACL ends with a remark that describes no entry'); }
    mode = topCommand(new Tokens(raw.split(' '), line), cfg);
  });
  try { closeAcl(mode); } catch { fail(lines.length, 'the last ACL ends with a remark that describes no entry'); }
  return cfg;
}
