import type { Family } from './asaAddressText.js';
import type { Ace, AddrMatch, AsaConfig, PolicyClass, PortMatch, ServiceEntry } from './parseAsa.js';

/**
 * Packet evaluation with Cisco ASA 9.x semantics, over a configuration parsed by
 * parseAsa (independent of src/):
 * - the ACL bound with `access-group ... in interface <ingress nameif>` decides a new
 *   connection; the egress interface plays no part in the ACL;
 * - first match in line order; `inactive` entries are skipped; no match = implicit
 *   deny, which does not log;
 * - `any` is IPv4 and IPv6 (9.x), `any4` / `any6` one family;
 * - stateful: a packet of an existing connection (a reply) passes when the connection
 *   was permitted when it was opened, and is not logged by the ACL;
 * - `log` / `log <level>` / `log default` log the hit, `log disable` does not.
 */
export interface AsaPacket {
  /** nameif the packet enters on. */
  ingress: string;
  /** nameif it leaves on (used for replies: the connection entered there). */
  egress: string;
  family: Family;
  src: bigint;
  dst: bigint;
  transport: 'tcp' | 'udp' | 'icmp' | 'other';
  sport: number;
  dport: number;
  established?: boolean;
}

export interface AsaVerdict {
  action: 'allow' | 'deny';
  log: boolean;
  reason: 'ace' | 'implicit-deny' | 'no-acl' | 'connection' | 'no-connection';
  acl?: string;
  ace?: Ace;
}

function addrMatches(m: AddrMatch, family: Family, v: bigint): boolean {
  if (m.kind === 'any') return m.families.includes(family);
  return m.ranges.some((r) => r.family === family && r.first <= v && v <= r.last);
}

function portMatches(list: PortMatch[] | undefined, port: number): boolean {
  if (list === undefined) return true;
  return list.some((pm) => {
    switch (pm.op) {
      case 'eq': return port === pm.port;
      case 'neq': return port !== pm.port;
      case 'lt': return port < pm.port;
      case 'gt': return port > pm.port;
      case 'range': return pm.lo <= port && port <= pm.hi;
    }
  });
}

function serviceMatches(s: ServiceEntry, p: AsaPacket): boolean {
  switch (s.proto) {
    case 'ip': return true;
    case 'icmp': return p.transport === 'icmp' && p.family === 4;
    case 'icmp6': return p.transport === 'icmp' && p.family === 6;
    default: {
      const protoOk = s.proto === 'tcp-udp' ? p.transport === 'tcp' || p.transport === 'udp' : p.transport === s.proto;
      return protoOk && portMatches(s.src, p.sport) && portMatches(s.dst, p.dport);
    }
  }
}

export function aceMatches(ace: Ace, p: AsaPacket): boolean {
  return !ace.inactive
    && addrMatches(ace.src, p.family, p.src)
    && addrMatches(ace.dst, p.family, p.dst)
    && ace.services.some((s) => serviceMatches(s, p));
}

/** The first active entry of an ACL that matches, if any. */
export function firstMatch(cfg: AsaConfig, acl: string, p: AsaPacket): Ace | undefined {
  for (const e of cfg.acls.get(acl) ?? []) {
    if (e.kind === 'ace' && aceMatches(e, p)) return e;
  }
  return undefined;
}

function inboundAcl(cfg: AsaConfig, nameif: string): string | undefined {
  return cfg.accessGroups.find((g) => g.direction === 'in' && g.nameif.toLowerCase() === nameif.toLowerCase())?.acl;
}

function newConnection(cfg: AsaConfig, p: AsaPacket): AsaVerdict {
  const acl = inboundAcl(cfg, p.ingress);
  // Without an ACL the ASA falls back to security levels, which the policy does not model.
  if (acl === undefined) return { action: 'deny', log: false, reason: 'no-acl' };
  const ace = firstMatch(cfg, acl, p);
  if (!ace) return { action: 'deny', log: false, reason: 'implicit-deny', acl };
  return { action: ace.action === 'permit' ? 'allow' : 'deny', log: ace.log.enabled, reason: 'ace', acl, ace };
}

export function evaluateAsa(cfg: AsaConfig, p: AsaPacket): AsaVerdict {
  if (!p.established) return newConnection(cfg, p);
  const opener: AsaPacket = {
    ingress: p.egress, egress: p.ingress, family: p.family, src: p.dst, dst: p.src,
    transport: p.transport, sport: p.dport, dport: p.sport,
  };
  const v = newConnection(cfg, opener);
  return v.action === 'allow'
    ? { action: 'allow', log: false, reason: 'connection', acl: v.acl, ace: v.ace }
    : { action: 'deny', log: false, reason: 'no-connection', acl: v.acl, ace: v.ace };
}

/**
 * The Modular Policy Framework class a new connection falls in on its ingress
 * interface: the first class of the interface's service-policy whose class-map ACL
 * permits the packet ("a packet can match only one class map in the policy map for
 * each feature type").
 */
export function connectionClass(cfg: AsaConfig, p: AsaPacket): PolicyClass | undefined {
  const sp = cfg.servicePolicies.find((s) => s.nameif?.toLowerCase() === p.ingress.toLowerCase());
  const pm = sp ? cfg.policyMaps.get(sp.policy) : undefined;
  for (const cls of pm?.classes ?? []) {
    const cm = cfg.classMaps.get(cls.name);
    if (cm?.matchAny) return cls;
    const ace = cm?.acl ? firstMatch(cfg, cm.acl, p) : undefined;
    if (ace?.action === 'permit') return cls;
  }
  return undefined;
}
