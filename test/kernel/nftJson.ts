import { parseNet } from '../../src/model/ip.js';
import type { IpRange } from '../../src/model/types.js';

/**
 * An independent re-parser of the kernel's own normalisation: `nft -j list ruleset`
 * after the rendered file was loaded (vendors.md section 5, "nft -j list ruleset
 * round-trip"). Written from the libnftables JSON schema (libnftables-json(5)) and
 * the output of nft 1.0.6, sharing no code with the renderer. It understands exactly
 * the constructs otpc emits and throws on anything else, so a new construct cannot
 * slip through unchecked.
 */

export interface AddrMatch {
  family: 4 | 6;
  /** Set name (without `@`) or literal ranges. */
  set?: string;
  ranges?: IpRange[];
  negate: boolean;
}

export interface PortRangeN {
  lo: number;
  hi: number;
}

export interface MeterStmt {
  op: 'add' | 'update';
  set: string;
  key: 'saddr' | 'daddr';
  family: 4 | 6;
  kind: 'ct count' | 'limit';
  value: number;
  /** `limit`: per second and burst packets. */
  per?: string;
  burst?: number;
}

export interface NftRule {
  chain: string;
  handle: number;
  comment?: string;
  iifname?: string;
  oifname?: string;
  nfproto?: 4 | 6;
  saddr?: AddrMatch;
  daddr?: AddrMatch;
  l4?: 'tcp' | 'udp';
  dport?: PortRangeN[];
  ctState?: string[];
  /** `tcp flags & (fin|syn|rst|ack) != syn`. */
  tcpNotSyn?: boolean;
  payload?: { base: 'ih'; offset: number; len: number; op: '==' | '!='; set?: string; values?: number[] };
  meter?: MeterStmt;
  counter?: { packets: number; bytes: number };
  logPrefix?: string;
  verdict?: { kind: 'accept' | 'drop' | 'reject' | 'jump' | 'goto' | 'return'; target?: string; rejectType?: string };
}

export interface NftSetInfo {
  name: string;
  type: string;
  flags: string[];
  comment?: string;
  /** Address sets: merged ranges. */
  ranges: IpRange[];
  /** Integer sets (typeof @ih): values. */
  values: number[];
}

export interface NftChainInfo {
  name: string;
  hook?: string;
  policy?: string;
  rules: NftRule[];
}

export interface ParsedRuleset {
  table: string;
  sets: Map<string, NftSetInfo>;
  chains: Map<string, NftChainInfo>;
}

type J = Record<string, unknown>;

function fail(what: string, value: unknown): never {
  throw new Error(`nft JSON re-parser: unsupported ${what}: ${JSON.stringify(value)}`);
}

function asObj(v: unknown, what: string): J {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(what, v);
  return v as J;
}

function single(o: J, what: string): [string, unknown] {
  const keys = Object.keys(o);
  if (keys.length !== 1) fail(what, o);
  return [keys[0], o[keys[0]]];
}

/** "10.0.0.1", {prefix}, {range} -> IpRange. */
export function addrElem(v: unknown): IpRange {
  if (typeof v === 'string') {
    const r = parseNet(v);
    if (!r.ok) fail('address', v);
    return { family: r.net.family, first: r.net.first, last: r.net.last };
  }
  const o = asObj(v, 'address element');
  if ('prefix' in o) {
    const p = asObj(o.prefix, 'prefix');
    const r = parseNet(`${String(p.addr)}/${String(p.len)}`);
    if (!r.ok) fail('prefix', v);
    return { family: r.net.family, first: r.net.first, last: r.net.last };
  }
  if ('range' in o && Array.isArray(o.range) && o.range.length === 2) {
    const a = addrElem(o.range[0]);
    const b = addrElem(o.range[1]);
    return { family: a.family, first: a.first, last: b.last };
  }
  if ('elem' in o) return addrElem(asObj(o.elem, 'elem').val);
  return fail('address element', v);
}

function portElem(v: unknown): PortRangeN {
  if (typeof v === 'number') return { lo: v, hi: v };
  const o = asObj(v, 'port element');
  if ('range' in o && Array.isArray(o.range)) return { lo: Number(o.range[0]), hi: Number(o.range[1]) };
  return fail('port element', v);
}

function intElem(v: unknown): number {
  if (typeof v === 'number') return v;
  return fail('integer element', v);
}

function parseSet(o: J): NftSetInfo {
  const type = String(o.type);
  const elems = Array.isArray(o.elem) ? o.elem : [];
  const isAddr = type === 'ipv4_addr' || type === 'ipv6_addr';
  const info: NftSetInfo = {
    name: String(o.name), type, flags: Array.isArray(o.flags) ? o.flags.map(String) : [],
    ranges: isAddr ? elems.map(addrElem) : [],
    values: isAddr ? [] : elems.map(intElem),
  };
  if (typeof o.comment === 'string') info.comment = o.comment;
  return info;
}

function familyOf(proto: unknown): 4 | 6 {
  if (proto === 'ip') return 4;
  if (proto === 'ip6') return 6;
  return fail('address family', proto);
}

function parseMatch(rule: NftRule, m: J): void {
  const op = String(m.op);
  const left = asObj(m.left, 'match left');
  const right = m.right;
  const [lk, lv] = single(left, 'match left');
  if (lk === 'meta') {
    const key = String(asObj(lv, 'meta').key);
    if (op !== '==') fail('meta op', m);
    if (key === 'iifname') rule.iifname = String(right);
    else if (key === 'oifname') rule.oifname = String(right);
    else if (key === 'nfproto') rule.nfproto = right === 'ipv4' ? 4 : right === 'ipv6' ? 6 : fail('nfproto', right);
    else if (key === 'l4proto' && (right === 'tcp' || right === 'udp')) rule.l4 = right;
    else fail('meta key', m);
    return;
  }
  if (lk === 'ct') {
    if (String(asObj(lv, 'ct').key) !== 'state' || (op !== 'in' && op !== '==')) fail('ct match', m);
    rule.ctState = Array.isArray(right) ? right.map(String) : [String(right)];
    return;
  }
  if (lk === '&') {
    const [flags, mask] = lv as [J, unknown];
    const p = asObj(asObj(flags, 'flags').payload, 'flags payload');
    const maskOk = JSON.stringify(mask) === JSON.stringify(['fin', 'syn', 'rst', 'ack']);
    if (p.protocol !== 'tcp' || p.field !== 'flags' || !maskOk || op !== '!=' || right !== 'syn') fail('tcp flags match', m);
    rule.tcpNotSyn = true;
    rule.l4 = 'tcp';
    return;
  }
  if (lk !== 'payload') fail('match', m);
  const p = asObj(lv, 'payload');
  if (p.base === 'ih') {
    if (op !== '!=' && op !== '==') fail('payload op', m);
    const pm: NonNullable<NftRule['payload']> = { base: 'ih', offset: Number(p.offset), len: Number(p.len), op };
    if (typeof right === 'string' && right.startsWith('@')) pm.set = right.slice(1);
    else pm.values = (asObj(right, 'payload set').set as unknown[]).map(intElem);
    rule.payload = pm;
    return;
  }
  const proto = p.protocol;
  const field = p.field;
  if ((proto === 'ip' || proto === 'ip6') && (field === 'saddr' || field === 'daddr')) {
    if (op !== '==' && op !== '!=') fail('address op', m);
    const am: AddrMatch = { family: familyOf(proto), negate: op === '!=' };
    if (typeof right === 'string' && right.startsWith('@')) am.set = right.slice(1);
    else if (typeof right === 'object' && right !== null && 'set' in (right as J)) am.ranges = ((right as J).set as unknown[]).map(addrElem);
    else am.ranges = [addrElem(right)];
    rule[field] = am;
    return;
  }
  if ((proto === 'tcp' || proto === 'udp') && field === 'dport') {
    if (op !== '==') fail('port op', m);
    rule.l4 = proto;
    const r = right as unknown;
    rule.dport = typeof r === 'object' && r !== null && 'set' in (r as J) ? ((r as J).set as unknown[]).map(portElem) : [portElem(r)];
    return;
  }
  fail('payload match', m);
}

function parseMeter(o: J): MeterStmt {
  const elem = asObj(asObj(o.elem, 'meter key').payload, 'meter key payload');
  const stmts = o.stmt as unknown[];
  if (!Array.isArray(stmts) || stmts.length !== 1) fail('meter statements', o);
  const [k, v] = single(asObj(stmts[0], 'meter statement'), 'meter statement');
  const field = elem.field === 'saddr' || elem.field === 'daddr' ? elem.field : fail('meter key field', o);
  const base = { op: o.op === 'add' || o.op === 'update' ? o.op : fail('meter op', o), set: String(o.set).replace(/^@/, ''), key: field, family: familyOf(elem.protocol) } as const;
  const sv = asObj(v, 'meter statement value');
  if (k === 'ct count' && sv.inv === true) return { ...base, kind: 'ct count', value: Number(sv.val) };
  if (k === 'limit' && sv.inv === true) return { ...base, kind: 'limit', value: Number(sv.rate), per: String(sv.per), burst: Number(sv.burst) };
  return fail('meter statement', o);
}

function parseRule(o: J): NftRule {
  const rule: NftRule = { chain: String(o.chain), handle: Number(o.handle) };
  if (typeof o.comment === 'string') rule.comment = o.comment;
  for (const e of (o.expr as unknown[]) ?? []) {
    const [k, v] = single(asObj(e, 'expression'), 'expression');
    switch (k) {
      case 'match': parseMatch(rule, asObj(v, 'match')); break;
      case 'counter': rule.counter = { packets: Number(asObj(v, 'counter').packets), bytes: Number(asObj(v, 'counter').bytes) }; break;
      case 'log': rule.logPrefix = String(asObj(v, 'log').prefix); break;
      case 'set': rule.meter = parseMeter(asObj(v, 'set statement')); break;
      case 'accept': case 'drop': case 'return': rule.verdict = { kind: k }; break;
      case 'jump': case 'goto': rule.verdict = { kind: k, target: String(asObj(v, k).target) }; break;
      case 'reject': rule.verdict = { kind: 'reject', rejectType: String(asObj(v, 'reject').type) }; break;
      default: fail('statement', e);
    }
  }
  return rule;
}

/** Parses the JSON of one table (`nft -j list ruleset` with exactly one table). */
export function parseRuleset(json: string): ParsedRuleset {
  const doc = asObj(JSON.parse(json), 'document');
  const items = doc.nftables as unknown[];
  let table: string | undefined;
  const sets = new Map<string, NftSetInfo>();
  const chains = new Map<string, NftChainInfo>();
  for (const item of items) {
    const [k, v] = single(asObj(item, 'item'), 'item');
    const o = asObj(v, k);
    if (k === 'metainfo') continue;
    if (k === 'table') {
      if (table !== undefined || o.family !== 'inet') fail('table', o);
      table = String(o.name);
    } else if (k === 'set') sets.set(String(o.name), parseSet(o));
    else if (k === 'chain') chains.set(String(o.name), { name: String(o.name), ...(o.hook ? { hook: String(o.hook), policy: String(o.policy) } : {}), rules: [] });
    else if (k === 'rule') {
      const r = parseRule(o);
      const c = chains.get(r.chain);
      if (!c) fail('rule before its chain', o);
      c.rules.push(r);
    } else fail('ruleset item', item);
  }
  if (table === undefined) throw new Error('nft JSON re-parser: no table');
  return { table, sets, chains };
}
