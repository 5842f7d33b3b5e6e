import type { Acl, Addr, Ace, IosConfig, NetEntry, PortMatch, SvcEntry } from './parseIos.js';

/**
 * Decides a packet with a parsed IOS configuration, with IOS semantics (IOS Security
 * Configuration Guide, "IP Access List Overview" and "IPv6 ACLs"):
 * - a packet arriving on interface X is checked against the ACL applied inbound on X
 *   for its family; no ACL there means permit;
 * - entries in sequence order, first match wins; then the implicit deny (IPv6: the
 *   implicit `permit icmp any any nd-na`, `nd-ns`, then `deny ipv6 any any`);
 * - stateless: a reply is a packet like any other; `established` matches TCP segments
 *   with ACK or RST set (a SYN alone does not);
 * - wildcard masks: a bit set in the wildcard is "don't care".
 * Shares no code with the renderer.
 */
export interface IosPacket {
  inInterface: string;
  family: 4 | 6;
  src: bigint;
  dst: bigint;
  /** IP protocol number: 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, others as is. */
  protocol: number;
  sport?: number;
  dport?: number;
  tcp?: { syn?: boolean; ack?: boolean; rst?: boolean; fin?: boolean };
  icmpType?: number;
}

export interface IosVerdict {
  action: 'permit' | 'deny';
  log: boolean;
  /** Name of the ACL that decided, undefined when the interface has none. */
  acl?: string;
  /** Sequence number of the deciding entry; undefined for an implicit entry or no ACL. */
  seq?: number;
  remarks: string[];
  implicit: boolean;
}

function netMatch(cfg: IosConfig, group: string, family: 4 | 6, v: bigint, depth = 0): boolean {
  const g = cfg.networkGroups.get(group);
  if (!g || depth > 16) throw new Error(`network object-group ${group} missing or nested too deep`);
  return g.entries.some((e: NetEntry) => (e.kind === 'group' ? netMatch(cfg, e.name, family, v, depth + 1) : family === e.family && e.lo <= v && v <= e.hi));
}

function addrMatch(cfg: IosConfig, a: Addr, family: 4 | 6, v: bigint): boolean {
  if (a.kind === 'any') return true;
  if (a.kind === 'og') return netMatch(cfg, a.name, family, v);
  return a.family === family && ((v ^ a.base) & ~a.wildcard) === 0n;
}

export function portOk(m: PortMatch | undefined, p: number | undefined): boolean {
  if (!m) return true;
  if (p === undefined) return false;
  switch (m.op) {
    case 'eq': return p === m.lo;
    case 'neq': return p !== m.lo;
    case 'lt': return p < m.lo;
    case 'gt': return p > m.lo;
    case 'range': return m.lo <= p && p <= m.hi;
  }
}

function svcMatch(cfg: IosConfig, group: string, p: IosPacket, depth = 0): boolean {
  const g = cfg.serviceGroups.get(group);
  if (!g || depth > 16) throw new Error(`service object-group ${group} missing or nested too deep`);
  return g.entries.some((e: SvcEntry) => {
    if (e.kind === 'group') return svcMatch(cfg, e.name, p, depth + 1);
    if (!e.protocols.includes(p.protocol)) return false;
    if (p.protocol === 1) return e.icmpType === undefined || e.icmpType === p.icmpType;
    return portOk(e.srcPort, p.sport) && portOk(e.dstPort, p.dport);
  });
}

function aceMatches(cfg: IosConfig, e: Ace, p: IosPacket): boolean {
  if (e.proto.kind === 'num' && e.proto.value !== p.protocol) return false;
  if (e.proto.kind === 'og' && !svcMatch(cfg, e.proto.name, p)) return false;
  if (!addrMatch(cfg, e.src, p.family, p.src) || !addrMatch(cfg, e.dst, p.family, p.dst)) return false;
  if (e.srcPort && !portOk(e.srcPort, p.sport)) return false;
  if (e.dstPort && !portOk(e.dstPort, p.dport)) return false;
  if (e.established && !(p.protocol === 6 && (p.tcp?.ack === true || p.tcp?.rst === true))) return false;
  if (e.icmpType !== undefined && e.icmpType !== p.icmpType) return false;
  return true;
}

const ND_IMPLICIT = [136, 135];

export function evaluateAcl(cfg: IosConfig, acl: Acl, p: IosPacket): IosVerdict {
  for (const e of acl.entries) {
    if (aceMatches(cfg, e, p)) return { action: e.action, log: e.log, acl: acl.name, seq: e.seq, remarks: e.remarks, implicit: false };
  }
  const nd = acl.family === 6 && p.protocol === 58 && p.icmpType !== undefined && ND_IMPLICIT.includes(p.icmpType);
  return { action: nd ? 'permit' : 'deny', log: false, acl: acl.name, remarks: [], implicit: true };
}

export function evaluateIos(cfg: IosConfig, p: IosPacket): IosVerdict {
  const b = cfg.interfaces.get(p.inInterface);
  const name = p.family === 4 ? b?.in : b?.in6;
  if (name === undefined) return { action: 'permit', log: false, remarks: [], implicit: true };
  const acl = (p.family === 4 ? cfg.acls : cfg.acls6).get(name);
  if (!acl) throw new Error(`interface ${p.inInterface} applies undefined ACL ${name}`);
  return evaluateAcl(cfg, acl, p);
}
