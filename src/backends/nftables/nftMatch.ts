import type { Transport } from '../../model/types.js';
import { ANY } from '../../rules/types.js';
import type { EnforcementIR, Rule } from '../../rules/types.js';
import type { AddressSets } from './nftSets.js';

/** A destination port range of one transport. */
export interface PortRange {
  transport: Transport;
  lo: number;
  hi: number;
}

/**
 * One nft rule's worth of an IR rule: one address family (or both when neither side
 * names an address) and one transport (or any when the rule has no service). An IR
 * rule with TCP and UDP services becomes two nft rules, each with its own port match:
 * never `ip protocol { tcp, udp }` without ports, the Capirca bug of vendors.md 4.3.
 */
export interface Variant {
  family?: 4 | 6;
  transport?: Transport;
  saddr?: string;
  daddr?: string;
  /** `502`, `2000-2010` or `{ 502, 2000-2010 }`. */
  dport?: string;
  ports: PortRange[];
}

const TRANSPORTS: Transport[] = ['tcp', 'udp'];

/** Service id -> port ranges, through service groups; undefined for an unknown id. */
export function servicePorts(ep: EnforcementIR, refs: string[]): PortRange[] | 'any' | undefined {
  if (refs.includes(ANY)) return 'any';
  const byId = new Map<string, PortRange[]>();
  for (const s of ep.services) byId.set(s.id, [{ transport: s.transport, lo: s.ports[0], hi: s.ports[1] }]);
  for (const g of ep.serviceGroups) byId.set(g.id, g.members.flatMap((m) => byId.get(m) ?? []));
  const out: PortRange[] = [];
  for (const ref of refs) {
    const ports = byId.get(ref);
    if (!ports) return undefined;
    out.push(...ports);
  }
  return out;
}

/** Sorted, overlapping and adjacent ranges merged (anonymous interval sets reject overlaps). */
export function mergePorts(ports: PortRange[]): PortRange[] {
  const sorted = [...ports].sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  const out: PortRange[] = [];
  for (const p of sorted) {
    const prev = out[out.length - 1];
    if (prev && p.lo <= prev.hi + 1) prev.hi = Math.max(prev.hi, p.hi);
    else out.push({ ...p });
  }
  return out;
}

export function portText(ports: PortRange[]): string {
  const one = (p: PortRange) => (p.lo === p.hi ? `${p.lo}` : `${p.lo}-${p.hi}`);
  return ports.length === 1 ? one(ports[0]) : `{ ${ports.map(one).join(', ')} }`;
}

/**
 * The variants of a rule, families first (IPv4, IPv6), then transports (TCP, UDP).
 * A family is rendered when both sides have an address of it (or are ANY): the spec
 * evaluator matches a packet only if both sides contain its addresses, so a family
 * missing on one side matches nothing and gives no nft rule.
 */
export function ruleVariants(rule: Rule, sets: AddressSets, ports: PortRange[] | 'any', splitFamilies = false): Variant[] {
  const srcAny = rule.src.includes(ANY);
  const dstAny = rule.dst.includes(ANY);
  const families: (4 | 6 | undefined)[] = srcAny && dstAny && !splitFamilies
    ? [undefined]
    : ([4, 6] as const).filter((f) => sets.families(rule.src).has(f) && sets.families(rule.dst).has(f));
  const byTransport: (PortRange[] | undefined)[] = ports === 'any'
    ? [undefined]
    : TRANSPORTS.map((t) => mergePorts(ports.filter((p) => p.transport === t))).filter((p) => p.length > 0);
  const out: Variant[] = [];
  for (const family of families) {
    const saddr = family === undefined ? 'any' : sets.side(rule, 'src', family);
    const daddr = family === undefined ? 'any' : sets.side(rule, 'dst', family);
    if (saddr === null || daddr === null) continue;
    for (const tp of byTransport) {
      const v: Variant = { ports: tp ?? [] };
      if (family !== undefined) v.family = family;
      if (saddr !== 'any') v.saddr = saddr;
      if (daddr !== 'any') v.daddr = daddr;
      if (tp) {
        v.transport = tp[0].transport;
        v.dport = portText(tp);
      }
      out.push(v);
    }
  }
  return out;
}

/** `ip saddr @a ip daddr @b tcp dport 502` (`meta nfproto` when a family has no address match). */
export function matchText(v: Variant): string {
  const parts: string[] = [];
  const l3 = v.family === 6 ? 'ip6' : 'ip';
  if (v.family !== undefined && v.saddr === undefined && v.daddr === undefined) {
    parts.push(`meta nfproto ${v.family === 6 ? 'ipv6' : 'ipv4'}`);
  }
  if (v.saddr !== undefined) parts.push(`${l3} saddr ${v.saddr}`);
  if (v.daddr !== undefined) parts.push(`${l3} daddr ${v.daddr}`);
  if (v.transport !== undefined && v.dport !== undefined) parts.push(`${v.transport} dport ${v.dport}`);
  return parts.join(' ');
}

/** True when two variants can match one packet (same family or either family-agnostic, overlapping ports). */
export function variantsOverlap(a: Variant, b: Variant): boolean {
  if (a.family !== undefined && b.family !== undefined && a.family !== b.family) return false;
  if (a.transport === undefined || b.transport === undefined) return true;
  if (a.transport !== b.transport) return false;
  return a.ports.some((p) => b.ports.some((q) => p.lo <= q.hi && q.lo <= p.hi));
}
