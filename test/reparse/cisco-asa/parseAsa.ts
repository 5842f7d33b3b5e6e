import type { AddrRange, Family } from './asaAddressText.js';
import { maskPrefix, parseAddress, parseV4, parseV6Prefix, prefixRange } from './asaAddressText.js';

/**
 * An independent re-parser for the Cisco ASA 9.x configuration subset otpc renders,
 * written from the ASA command reference (object network / object service /
 * object-group, access-list extended / remark, access-group, class-map, policy-map,
 * service-policy, logging, ntp) and sharing no code with src/. Anything else is
 * rejected with its line number: a renderer bug must show up as a parse error, never
 * as a silently different rulebase.
 */

export class AsaParseError extends Error {
  constructor(readonly line: number, readonly reason: string, readonly text: string) {
    super(`line ${line}: ${reason}: ${JSON.stringify(text)}`);
  }
}

export type PortMatch = { op: 'eq' | 'neq' | 'lt' | 'gt'; port: number } | { op: 'range'; lo: number; hi: number };
export type ProtoName = 'ip' | 'tcp' | 'udp' | 'tcp-udp' | 'icmp' | 'icmp6';
/** One protocol with optional source/destination port alternatives (undefined = any port). */
export interface ServiceEntry { proto: ProtoName; src?: PortMatch[]; dst?: PortMatch[] }
export type AddrMatch = { kind: 'any'; families: Family[] } | { kind: 'ranges'; ranges: AddrRange[] };
export interface LogOption { enabled: boolean; level?: number; interval?: number }

export interface NetworkObject { name: string; line: number; body: string; range: AddrRange; description?: string }
export interface NetworkGroup { name: string; line: number; members: string[]; ranges: AddrRange[]; nested: boolean; description?: string }
export interface ServiceObjectDef { name: string; line: number; body: string; entry: ServiceEntry; description?: string }
export interface ServiceGroupDef { name: string; line: number; type?: 'tcp' | 'udp' | 'tcp-udp'; members: string[]; entries: ServiceEntry[]; ports: PortMatch[]; description?: string }
export interface Remark { kind: 'remark'; line: number; acl: string; text: string }
export interface Ace {
  kind: 'ace'; line: number; acl: string; action: 'permit' | 'deny';
  /** The ACE text after `extended`. */
  text: string;
  services: ServiceEntry[]; src: AddrMatch; dst: AddrMatch; log: LogOption; inactive: boolean;
  /** The remark lines that precede this entry (the remark group it belongs to). */
  remarks: string[];
}
export interface ClassMap { name: string; line: number; acl?: string; matchAny: boolean }
export interface PolicyClass { name: string; set: Record<string, number> }
export interface PolicyMap { name: string; line: number; classes: PolicyClass[] }

export interface AsaConfig {
  networkObjects: Map<string, NetworkObject>;
  networkGroups: Map<string, NetworkGroup>;
  serviceObjects: Map<string, ServiceObjectDef>;
  serviceGroups: Map<string, ServiceGroupDef>;
  acls: Map<string, (Ace | Remark)[]>;
  accessGroups: { acl: string; direction: 'in' | 'out'; nameif: string; line: number }[];
  classMaps: Map<string, ClassMap>;
  policyMaps: Map<string, PolicyMap>;
  servicePolicies: { policy: string; nameif?: string; line: number }[];
  logging: { enable: boolean; timestamp: boolean; trap?: number; hosts: { nameif: string; family: Family; value: bigint; line: number }[] };
  ntp: { family: Family; value: bigint; source?: string; prefer: boolean; line: number }[];
  comments: { line: number; text: string }[];
}

/** ASA names: letters, digits and . ! @ # $ % ^ & ( ) - _ { } (object names up to 64). */
const NAME = /^[A-Za-z0-9.!@#$%^&()_{}-]{1,64}$/;
const NAMEIF = /^[A-Za-z0-9._-]{1,48}$/;
const MPF_NAME = /^[A-Za-z0-9.!@#$%^&()_{}-]{1,40}$/;
const LEVELS = ['emergencies', 'alerts', 'critical', 'errors', 'warnings', 'notifications', 'informational', 'debugging'];
const CONN_KEYS = ['conn-max', 'embryonic-conn-max', 'per-client-max', 'per-client-embryonic-max'];
export const REMARK_MAX = 100;
const DESCRIPTION_MAX = 200;

type Mode =
  | { kind: 'top' }
  | { kind: 'object-network'; obj: Partial<NetworkObject> & { name: string; line: number } }
  | { kind: 'object-service'; obj: Partial<ServiceObjectDef> & { name: string; line: number } }
  | { kind: 'group-network'; grp: NetworkGroup }
  | { kind: 'group-service'; grp: ServiceGroupDef }
  | { kind: 'class-map'; cm: ClassMap }
  | { kind: 'policy-map'; pm: PolicyMap; cls?: PolicyClass };

class Parser {
  readonly cfg: AsaConfig = {
    networkObjects: new Map(), networkGroups: new Map(), serviceObjects: new Map(), serviceGroups: new Map(),
    acls: new Map(), accessGroups: [], classMaps: new Map(), policyMaps: new Map(), servicePolicies: [],
    logging: { enable: false, timestamp: false, hosts: [] }, ntp: [], comments: [],
  };
  private mode: Mode = { kind: 'top' };
  private lineNo = 0;
  private text = '';
  /** Per ACL: the remark group being written, and the group the entries since then belong to. */
  private remarkState = new Map<string, { pending: string[]; current: string[]; lastWasAce: boolean }>();

  fail(reason: string): never {
    throw new AsaParseError(this.lineNo, reason, this.text);
  }

  parse(input: string): AsaConfig {
    if (!input.endsWith('\n')) throw new AsaParseError(0, 'configuration must end with a newline', '');
    const lines = input.slice(0, -1).split('\n');
    lines.forEach((line, i) => {
      this.lineNo = i + 1;
      this.text = line;
      this.line(line);
    });
    this.closeMode();
    return this.cfg;
  }

  private line(line: string): void {
    if (!/^[\x20-\x7e]*$/.test(line)) this.fail('non-printable or non-ASCII character');
    if (line === '' || line.trim() === '') this.fail('blank line');
    if (line.startsWith('!')) {
      if (line !== '!' && !line.startsWith('! ')) this.fail('comment must be "!" or "! text"');
      this.cfg.comments.push({ line: this.lineNo, text: line.slice(2) });
      return;
    }
    if (/ $/.test(line)) this.fail('trailing space');
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const body = line.slice(indent);
    if (/  /.test(body)) this.fail('double space');
    const t = body.split(' ');
    if (indent === 0) {
      this.closeMode();
      this.top(t, body);
    } else if (indent === 1) {
      this.sub(t);
    } else if (indent === 2 && this.mode.kind === 'policy-map' && this.mode.cls) {
      this.classAction(t, this.mode.cls);
    } else {
      this.fail('unexpected indentation');
    }
  }

  // ------------------------------------------------------------------ names

  private name(tok: string | undefined, re = NAME): string {
    if (tok === undefined || !re.test(tok)) this.fail(`invalid name ${JSON.stringify(tok)}`);
    return tok;
  }

  private fresh(name: string): string {
    const c = this.cfg;
    if (c.networkObjects.has(name) || c.networkGroups.has(name) || c.serviceObjects.has(name) || c.serviceGroups.has(name)) {
      this.fail(`name ${name} is already defined (objects and object-groups share one namespace)`);
    }
    return name;
  }

  private end(t: string[], n: number): void {
    if (t.length !== n) this.fail(`expected ${n} tokens, got ${t.length}`);
  }

  // ------------------------------------------------------------------ top level

  private top(t: string[], body: string): void {
    const [a, b] = t;
    if (a === 'object' && b === 'network') return this.open(t, 'object-network');
    if (a === 'object' && b === 'service') return this.open(t, 'object-service');
    if (a === 'object-group' && b === 'network') return this.open(t, 'group-network');
    if (a === 'object-group' && b === 'service') return this.open(t, 'group-service');
    if (a === 'access-list') return this.accessList(t, body);
    if (a === 'access-group') return this.accessGroup(t);
    if (a === 'class-map') return this.classMap(t);
    if (a === 'policy-map') return this.policyMap(t);
    if (a === 'service-policy') return this.servicePolicy(t);
    if (a === 'logging') return this.logging(t);
    if (a === 'ntp') return this.ntp(t);
    this.fail('unknown command');
  }

  private open(t: string[], kind: 'object-network' | 'object-service' | 'group-network' | 'group-service'): void {
    const name = this.fresh(this.name(t[2]));
    const line = this.lineNo;
    if (kind === 'group-service') {
      if (t.length > 4) this.fail('too many tokens');
      const type = t[3];
      if (type !== undefined && type !== 'tcp' && type !== 'udp' && type !== 'tcp-udp') this.fail('service object-group type must be tcp, udp or tcp-udp');
      this.mode = { kind, grp: { name, line, ...(type ? { type } : {}), members: [], entries: [], ports: [] } };
      return;
    }
    this.end(t, 3);
    if (kind === 'group-network') this.mode = { kind, grp: { name, line, members: [], ranges: [], nested: false } };
    else if (kind === 'object-network') this.mode = { kind, obj: { name, line } };
    else this.mode = { kind, obj: { name, line } };
  }

  private closeMode(): void {
    const m = this.mode;
    this.mode = { kind: 'top' };
    if (m.kind === 'object-network') {
      if (!m.obj.range || !m.obj.body) throw new AsaParseError(m.obj.line, 'object network without host, subnet or range', m.obj.name);
      this.cfg.networkObjects.set(m.obj.name, m.obj as NetworkObject);
    } else if (m.kind === 'object-service') {
      if (!m.obj.entry || !m.obj.body) throw new AsaParseError(m.obj.line, 'object service without service', m.obj.name);
      this.cfg.serviceObjects.set(m.obj.name, m.obj as ServiceObjectDef);
    } else if (m.kind === 'group-network') {
      if (m.grp.members.length === 0) throw new AsaParseError(m.grp.line, 'empty network object-group', m.grp.name);
      this.cfg.networkGroups.set(m.grp.name, m.grp);
    } else if (m.kind === 'group-service') {
      if (m.grp.members.length === 0) throw new AsaParseError(m.grp.line, 'empty service object-group', m.grp.name);
      this.cfg.serviceGroups.set(m.grp.name, m.grp);
    } else if (m.kind === 'class-map') {
      if (!m.cm.acl && !m.cm.matchAny) throw new AsaParseError(m.cm.line, 'class-map without match', m.cm.name);
      this.cfg.classMaps.set(m.cm.name, m.cm);
    } else if (m.kind === 'policy-map') {
      this.cfg.policyMaps.set(m.pm.name, m.pm);
    }
  }

  // ------------------------------------------------------------------ sub-modes

  private sub(t: string[]): void {
    const m = this.mode;
    if (t[0] === 'description' && (m.kind === 'object-network' || m.kind === 'object-service' || m.kind === 'group-network' || m.kind === 'group-service')) {
      const text = this.text.slice(' description '.length);
      if (t.length < 2 || text.length > DESCRIPTION_MAX) this.fail('description must have 1..200 characters');
      if (m.kind === 'group-network' || m.kind === 'group-service') m.grp.description = text;
      else m.obj.description = text;
      return;
    }
    switch (m.kind) {
      case 'object-network': return this.objectNetwork(t, m.obj);
      case 'object-service': return this.objectService(t, m.obj);
      case 'group-network': return this.groupNetwork(t, m.grp);
      case 'group-service': return this.groupService(t, m.grp);
      case 'class-map': return this.classMatch(t, m.cm);
      case 'policy-map': return this.policyClass(t, m);
      default: this.fail('sub-command outside a configuration mode');
    }
  }

  private objectNetwork(t: string[], obj: Partial<NetworkObject>): void {
    if (obj.range) this.fail('object network takes one host, subnet or range');
    let r: AddrRange | undefined;
    if (t[0] === 'host') {
      this.end(t, 2);
      const a = parseAddress(t[1]);
      r = a && { family: a.family, first: a.value, last: a.value };
    } else if (t[0] === 'subnet') {
      if (t.length === 3) {
        const v = parseV4(t[1]);
        const p = maskPrefix(t[2]);
        r = v !== undefined && p !== undefined ? prefixRange(4, v, p) : undefined;
      } else {
        this.end(t, 2);
        r = parseV6Prefix(t[1]);
      }
    } else if (t[0] === 'range') {
      this.end(t, 3);
      const a = parseAddress(t[1]);
      const b = parseAddress(t[2]);
      r = a && b && a.family === b.family && a.value <= b.value ? { family: a.family, first: a.value, last: b.value } : undefined;
    } else {
      this.fail('object network takes host, subnet, range or description');
    }
    if (!r) this.fail('invalid address, mask, prefix or range');
    obj.range = r;
    obj.body = t.join(' ');
  }

  private portMatch(t: string[], i: number): [PortMatch, number] {
    const port = (s: string | undefined) => {
      if (s === undefined || !/^(0|[1-9][0-9]{0,4})$/.test(s) || Number(s) > 65535) this.fail(`invalid port ${JSON.stringify(s)}`);
      return Number(s);
    };
    const op = t[i];
    if (op === 'eq' || op === 'neq' || op === 'lt' || op === 'gt') return [{ op, port: port(t[i + 1]) }, i + 2];
    if (op === 'range') {
      const lo = port(t[i + 1]);
      const hi = port(t[i + 2]);
      if (lo > hi) this.fail('port range low > high');
      return [{ op, lo, hi }, i + 3];
    }
    return this.fail(`expected a port operator, got ${JSON.stringify(op)}`);
  }

  /** `tcp|udp|tcp-udp [source OP] [destination OP]`, `ip`, `icmp`, `icmp6` (service-object / object service). */
  private serviceSpec(t: string[], i: number): ServiceEntry {
    const proto = t[i];
    if (proto === 'ip' || proto === 'icmp' || proto === 'icmp6') {
      if (t.length !== i + 1) this.fail('ports only apply to tcp and udp');
      return { proto };
    }
    if (proto !== 'tcp' && proto !== 'udp' && proto !== 'tcp-udp') return this.fail(`unknown protocol ${JSON.stringify(proto)}`);
    const entry: ServiceEntry = { proto };
    let j = i + 1;
    if (t[j] === 'source') {
      const [pm, k] = this.portMatch(t, j + 1);
      entry.src = [pm];
      j = k;
    }
    if (t[j] === 'destination') {
      const [pm, k] = this.portMatch(t, j + 1);
      entry.dst = [pm];
      j = k;
    }
    if (j !== t.length) this.fail('unexpected tokens after the service');
    return entry;
  }

  private objectService(t: string[], obj: Partial<ServiceObjectDef>): void {
    if (obj.entry) this.fail('object service takes one service line');
    if (t[0] !== 'service') this.fail('object service takes service or description');
    obj.entry = this.serviceSpec(t, 1);
    obj.body = t.join(' ');
  }

  private groupNetwork(t: string[], grp: NetworkGroup): void {
    const c = this.cfg;
    if (t[0] === 'group-object') {
      this.end(t, 2);
      const inner = c.networkGroups.get(t[1]);
      if (!inner) this.fail(`unknown network object-group ${t[1]}`);
      grp.nested = true;
      inner.nested = true;
      grp.members.push(`group-object ${t[1]}`);
      grp.ranges.push(...inner.ranges);
    } else if (t[0] === 'network-object') {
      grp.members.push(t.slice(1).join(' '));
      grp.ranges.push(this.networkObjectLine(t));
    } else {
      this.fail('network object-group takes network-object, group-object or description');
    }
    // "IPv6 network object-groups cannot be nested" (ASA command reference, object-group network).
    if (grp.nested && grp.ranges.some((r) => r.family === 6)) this.fail('IPv6 network object-groups cannot be nested');
  }

  private networkObjectLine(t: string[]): AddrRange {
    let r: AddrRange | undefined;
    if (t[1] === 'object') {
      this.end(t, 3);
      r = this.cfg.networkObjects.get(t[2])?.range;
      if (!r) this.fail(`unknown network object ${t[2]}`);
    } else if (t[1] === 'host') {
      this.end(t, 3);
      const a = parseAddress(t[2]);
      r = a && { family: a.family, first: a.value, last: a.value };
    } else if (t.length === 3) {
      const v = parseV4(t[1]);
      const p = maskPrefix(t[2]);
      r = v !== undefined && p !== undefined ? prefixRange(4, v, p) : undefined;
    } else {
      this.end(t, 2);
      r = parseV6Prefix(t[1]);
    }
    if (!r) this.fail('invalid network-object');
    return r;
  }

  private groupService(t: string[], grp: ServiceGroupDef): void {
    const c = this.cfg;
    if (t[0] === 'group-object') {
      this.end(t, 2);
      const inner = c.serviceGroups.get(t[1]);
      if (!inner || inner.type !== grp.type) this.fail(`unknown or incompatible service object-group ${t[1]}`);
      grp.entries.push(...inner.entries);
      grp.ports.push(...inner.ports);
    } else if (grp.type === undefined && t[0] === 'service-object') {
      if (t[1] === 'object') {
        this.end(t, 3);
        const obj = c.serviceObjects.get(t[2]);
        if (!obj) this.fail(`unknown service object ${t[2]}`);
        grp.entries.push(obj.entry);
      } else {
        grp.entries.push(this.serviceSpec(t, 1));
      }
    } else if (grp.type !== undefined && t[0] === 'port-object') {
      const [pm, k] = this.portMatch(t, 1);
      if (k !== t.length || (pm.op !== 'eq' && pm.op !== 'range')) this.fail('port-object takes eq P or range A B');
      grp.ports.push(pm);
    } else {
      this.fail(grp.type === undefined ? 'service object-group takes service-object or group-object' : 'typed service object-group takes port-object or group-object');
    }
    grp.members.push(t.join(' '));
  }

  // ------------------------------------------------------------------ access-list

  private remark(acl: string, text: string): void {
    if (text.length === 0 || text.length > REMARK_MAX) this.fail(`remark must have 1..${REMARK_MAX} characters`);
    const st = this.state(acl);
    if (st.lastWasAce) st.pending = [];
    st.pending.push(text);
    st.lastWasAce = false;
    this.entries(acl).push({ kind: 'remark', line: this.lineNo, acl, text });
  }

  private state(acl: string): { pending: string[]; current: string[]; lastWasAce: boolean } {
    let st = this.remarkState.get(acl);
    if (!st) {
      st = { pending: [], current: [], lastWasAce: true };
      this.remarkState.set(acl, st);
    }
    return st;
  }

  private entries(acl: string): (Ace | Remark)[] {
    let e = this.cfg.acls.get(acl);
    if (!e) {
      e = [];
      this.cfg.acls.set(acl, e);
    }
    return e;
  }

  private accessList(t: string[], body: string): void {
    const acl = this.name(t[1]);
    if (t[2] === 'remark') return this.remark(acl, body.slice(`access-list ${acl} remark `.length));
    if (t[2] !== 'extended') this.fail('only extended access-lists and remarks are supported');
    if (t[3] !== 'permit' && t[3] !== 'deny') this.fail('expected permit or deny');
    const ace = this.ace(t, 4);
    const st = this.state(acl);
    if (!st.lastWasAce) st.current = st.pending;
    st.lastWasAce = true;
    this.entries(acl).push({ kind: 'ace', line: this.lineNo, acl, action: t[3], text: t.slice(3).join(' '), ...ace, remarks: [...st.current] });
  }

  private ace(t: string[], i: number): Pick<Ace, 'services' | 'src' | 'dst' | 'log' | 'inactive'> {
    const [proto, j0] = this.aceProtocol(t, i);
    const ported = proto.kind === 'keyword' && (proto.name === 'tcp' || proto.name === 'udp');
    const [src, j1] = this.address(t, j0);
    const [srcPorts, j2] = ported ? this.acePorts(t, j1, proto.name) : [undefined, j1];
    const [dst, j3] = this.address(t, j2);
    const [dstPorts, j4] = ported ? this.acePorts(t, j3, proto.name) : [undefined, j3];
    const [log, inactive] = this.aceOptions(t, j4);
    const services = proto.kind === 'keyword'
      ? [{ proto: proto.name, ...(srcPorts ? { src: srcPorts } : {}), ...(dstPorts ? { dst: dstPorts } : {}) }]
      : proto.entries;
    return { services, src, dst, log, inactive };
  }

  private aceProtocol(t: string[], i: number): [{ kind: 'keyword'; name: ProtoName } | { kind: 'service'; entries: ServiceEntry[] }, number] {
    const p = t[i];
    if (p === 'ip' || p === 'tcp' || p === 'udp' || p === 'icmp' || p === 'icmp6') return [{ kind: 'keyword', name: p }, i + 1];
    if (p === 'object') {
      const obj = this.cfg.serviceObjects.get(t[i + 1]);
      if (!obj) this.fail(`unknown service object ${t[i + 1]}`);
      return [{ kind: 'service', entries: [obj.entry] }, i + 2];
    }
    if (p === 'object-group') {
      const grp = this.cfg.serviceGroups.get(t[i + 1]);
      if (!grp || grp.type !== undefined) this.fail(`unknown service object-group ${t[i + 1]} (typed groups only match ports)`);
      return [{ kind: 'service', entries: grp.entries }, i + 2];
    }
    return this.fail(`unsupported protocol ${JSON.stringify(p)}`);
  }

  private acePorts(t: string[], i: number, proto: ProtoName): [PortMatch[] | undefined, number] {
    const tok = t[i];
    if (tok === 'eq' || tok === 'neq' || tok === 'lt' || tok === 'gt' || tok === 'range') {
      const [pm, k] = this.portMatch(t, i);
      return [[pm], k];
    }
    if (tok === 'object-group') {
      const grp = this.cfg.serviceGroups.get(t[i + 1]);
      if (grp && grp.type !== undefined) {
        if (grp.type !== 'tcp-udp' && grp.type !== proto) this.fail(`port group ${grp.name} is ${grp.type}, the entry is ${proto}`);
        return [grp.ports, i + 2];
      }
    }
    return [undefined, i];
  }

  private address(t: string[], i: number): [AddrMatch, number] {
    const tok = t[i];
    if (tok === 'any') return [{ kind: 'any', families: [4, 6] }, i + 1];
    if (tok === 'any4') return [{ kind: 'any', families: [4] }, i + 1];
    if (tok === 'any6') return [{ kind: 'any', families: [6] }, i + 1];
    if (tok === 'host') {
      const a = parseAddress(t[i + 1] ?? '');
      if (!a) this.fail('invalid host address');
      return [{ kind: 'ranges', ranges: [{ family: a.family, first: a.value, last: a.value }] }, i + 2];
    }
    if (tok === 'object') {
      const obj = this.cfg.networkObjects.get(t[i + 1]);
      if (!obj) this.fail(`unknown network object ${t[i + 1]}`);
      return [{ kind: 'ranges', ranges: [obj.range] }, i + 2];
    }
    if (tok === 'object-group') {
      const grp = this.cfg.networkGroups.get(t[i + 1]);
      if (!grp) this.fail(`unknown network object-group ${t[i + 1]}`);
      return [{ kind: 'ranges', ranges: grp.ranges }, i + 2];
    }
    const v6 = tok === undefined ? undefined : parseV6Prefix(tok);
    if (v6) return [{ kind: 'ranges', ranges: [v6] }, i + 1];
    const v = tok === undefined ? undefined : parseV4(tok);
    const p = maskPrefix(t[i + 1] ?? '');
    const r = v !== undefined && p !== undefined ? prefixRange(4, v, p) : undefined;
    if (!r) this.fail(`invalid address ${JSON.stringify(tok)}`);
    return [{ kind: 'ranges', ranges: [r] }, i + 2];
  }

  private level(tok: string): number | undefined {
    if (/^[0-7]$/.test(tok)) return Number(tok);
    const n = LEVELS.indexOf(tok);
    return n >= 0 ? n : undefined;
  }

  private aceOptions(t: string[], i: number): [LogOption, boolean] {
    let log: LogOption = { enabled: false };
    let j = i;
    if (t[j] === 'log') {
      j++;
      if (t[j] === 'disable') {
        log = { enabled: false };
        j++;
      } else if (t[j] === 'default') {
        log = { enabled: true };
        j++;
      } else {
        log = { enabled: true, level: 6, interval: 300 };
        const lv = t[j] === undefined ? undefined : this.level(t[j]);
        if (lv !== undefined) {
          log.level = lv;
          j++;
        }
        if (t[j] === 'interval') {
          const n = t[j + 1];
          if (n === undefined || !/^[1-9][0-9]{0,2}$/.test(n) || Number(n) > 600) this.fail('log interval must be 1..600');
          log.interval = Number(n);
          j += 2;
        }
      }
    }
    const inactive = t[j] === 'inactive';
    if (inactive) j++;
    if (j !== t.length) this.fail(`unexpected ${JSON.stringify(t[j])} in access-list entry`);
    return [log, inactive];
  }

  private accessGroup(t: string[]): void {
    this.end(t, 5);
    const acl = this.name(t[1]);
    if (!this.cfg.acls.has(acl)) this.fail(`unknown access-list ${acl}`);
    if ((t[2] !== 'in' && t[2] !== 'out') || t[3] !== 'interface') this.fail('expected access-group ACL in|out interface NAMEIF');
    const nameif = this.name(t[4], NAMEIF);
    if (this.cfg.accessGroups.some((g) => g.nameif.toLowerCase() === nameif.toLowerCase() && g.direction === t[2])) this.fail(`interface ${nameif} already has an ${t[2]} access-group`);
    this.cfg.accessGroups.push({ acl, direction: t[2], nameif, line: this.lineNo });
  }

  // ------------------------------------------------------------------ MPF

  private classMap(t: string[]): void {
    this.end(t, 2);
    const name = this.name(t[1], MPF_NAME);
    if (this.cfg.classMaps.has(name)) this.fail(`class-map ${name} already defined`);
    this.mode = { kind: 'class-map', cm: { name, line: this.lineNo, matchAny: false } };
  }

  private classMatch(t: string[], cm: ClassMap): void {
    if (cm.acl || cm.matchAny) this.fail('class-map takes one match');
    if (t[0] === 'match' && t[1] === 'any' && t.length === 2) {
      cm.matchAny = true;
      return;
    }
    if (t[0] !== 'match' || t[1] !== 'access-list') this.fail('class-map takes match access-list ACL or match any');
    this.end(t, 3);
    if (!this.cfg.acls.has(t[2])) this.fail(`unknown access-list ${t[2]}`);
    cm.acl = t[2];
  }

  private policyMap(t: string[]): void {
    this.end(t, 2);
    const name = this.name(t[1], MPF_NAME);
    if (this.cfg.policyMaps.has(name)) this.fail(`policy-map ${name} already defined`);
    this.mode = { kind: 'policy-map', pm: { name, line: this.lineNo, classes: [] } };
  }

  private policyClass(t: string[], m: Extract<Mode, { kind: 'policy-map' }>): void {
    this.end(t, 2);
    if (t[0] !== 'class' || !this.cfg.classMaps.has(t[1])) this.fail('policy-map takes class <known class-map>');
    if (m.pm.classes.some((c) => c.name === t[1])) this.fail(`class ${t[1]} twice in policy-map`);
    m.cls = { name: t[1], set: {} };
    m.pm.classes.push(m.cls);
  }

  private classAction(t: string[], cls: PolicyClass): void {
    if (t[0] !== 'set' || t[1] !== 'connection' || t.length < 4 || t.length % 2 !== 0) this.fail('expected set connection KEY N ...');
    for (let i = 2; i < t.length; i += 2) {
      const key = t[i];
      const v = t[i + 1];
      if (!CONN_KEYS.includes(key) || key in cls.set) this.fail(`unknown or repeated set connection key ${key}`);
      if (!/^(0|[1-9][0-9]{0,6})$/.test(v) || Number(v) > 2_000_000) this.fail('set connection values are 0..2000000');
      cls.set[key] = Number(v);
    }
  }

  private servicePolicy(t: string[]): void {
    const policy = t[1];
    if (policy === undefined || !this.cfg.policyMaps.has(policy)) this.fail(`unknown policy-map ${String(policy)}`);
    if (t[2] === 'global' && t.length === 3) {
      this.cfg.servicePolicies.push({ policy, line: this.lineNo });
      return;
    }
    this.end(t, 4);
    if (t[2] !== 'interface') this.fail('expected service-policy PM interface NAMEIF | global');
    const nameif = this.name(t[3], NAMEIF);
    if (this.cfg.servicePolicies.some((s) => s.nameif?.toLowerCase() === nameif.toLowerCase())) this.fail(`interface ${nameif} already has a service-policy`);
    this.cfg.servicePolicies.push({ policy, nameif, line: this.lineNo });
  }

  // ------------------------------------------------------------------ logging, ntp

  private logging(t: string[]): void {
    const lg = this.cfg.logging;
    if (t[1] === 'enable' && t.length === 2) lg.enable = true;
    else if (t[1] === 'timestamp' && t.length === 2) lg.timestamp = true;
    else if (t[1] === 'trap' && t.length === 3 && this.level(t[2]) !== undefined) lg.trap = this.level(t[2]);
    else if (t[1] === 'host' && t.length === 4) {
      const a = parseAddress(t[3]);
      if (!a) this.fail('invalid logging host address');
      lg.hosts.push({ nameif: this.name(t[2], NAMEIF), family: a.family, value: a.value, line: this.lineNo });
    } else this.fail('unsupported logging command');
  }

  private ntp(t: string[]): void {
    if (t[1] !== 'server') this.fail('unsupported ntp command');
    const a = parseAddress(t[2] ?? '');
    if (!a) this.fail('invalid ntp server address');
    let j = 3;
    let source: string | undefined;
    if (t[j] === 'source') {
      source = this.name(t[j + 1], NAMEIF);
      j += 2;
    }
    const prefer = t[j] === 'prefer';
    if (prefer) j++;
    if (j !== t.length) this.fail('unexpected tokens after ntp server');
    this.cfg.ntp.push({ family: a.family, value: a.value, ...(source ? { source } : {}), prefer, line: this.lineNo });
  }
}

export function parseAsa(text: string): AsaConfig {
  return new Parser().parse(text);
}
