import { ANY } from '../../rules/types.js';
import type { Rule, ServiceObject } from '../../rules/types.js';
import { portOperator, rangeOperands } from './iosAddresses.js';
import { hasFamily, serviceSet, zoneWithoutNetworks } from './iosIndex.js';
import type { IosIndex } from './iosIndex.js';

/**
 * Access control entries (IOS "IP Access List Overview"; IPv6 "Configuring IPv6 ACLs").
 * An entry is kept as its parts and printed once its sequence number is known:
 * IPv4 `<seq> permit tcp <src> [<sport>] <dst> [<dport>] [established] [log]`,
 * IPv6 `permit tcp <src> ... [log] sequence <seq>` (the form of vendors.md section 2.2).
 */
export interface Ace {
  action: 'permit' | 'deny';
  /** ip | ipv6 | tcp | udp | icmp | "object-group <service group>". */
  proto: string;
  src: string;
  srcPort?: string;
  dst: string;
  dstPort?: string;
  /** established | nd-na | nd-ns | router-solicitation. */
  flag?: string;
  log: boolean;
}

export function aceLine(ace: Ace, family: 4 | 6, seq: number): string {
  const parts = [ace.action, ace.proto, ace.src, ace.srcPort, ace.dst, ace.dstPort, ace.flag, ace.log ? 'log' : undefined];
  const body = parts.filter((p): p is string => p !== undefined).join(' ');
  return family === 4 ? `${seq} ${body}` : `${body} sequence ${seq}`;
}

/** Address operands for a list of references in one family; empty when nothing of the family is referenced. */
export function addressOperands(idx: IosIndex, refs: string[], family: 4 | 6): string[] {
  if (refs.includes(ANY)) return ['any'];
  const own = refs.filter((r) => hasFamily(idx, r, family));
  if (!idx.classic && family === 4) {
    // Object-group form; IPv6 stays inline because object-group support for IPv6 ACLs
    // varies by image (vendors.md sections 2.2 and 6).
    for (const r of own) idx.used.add(r);
    return own.map((r) => `object-group ${idx.names.get(r)}`);
  }
  return rangeOperands(own.flatMap((r) => idx.ranges.get(r) ?? []), family);
}

/** Service references flattened to service objects (ANY stays ANY). */
export function flatServices(idx: IosIndex, refs: string[]): (ServiceObject | typeof ANY)[] {
  const out: (ServiceObject | typeof ANY)[] = [];
  for (const ref of refs) {
    if (ref === ANY) out.push(ANY);
    const s = idx.services.get(ref);
    if (s) out.push(s);
    for (const m of idx.serviceGroups.get(ref)?.members ?? []) {
      const ms = idx.services.get(m);
      if (ms) out.push(ms);
    }
  }
  return out;
}

interface ServiceOperand { proto: string; dstPort?: string }

function serviceOperands(idx: IosIndex, refs: string[], family: 4 | 6): ServiceOperand[] {
  const ip = family === 4 ? 'ip' : 'ipv6';
  if (refs.includes(ANY)) return [{ proto: ip }];
  const set = serviceSet(idx, refs);
  if (!idx.classic && family === 4 && set !== undefined) {
    idx.usedServices.add(set);
    return [{ proto: `object-group ${idx.serviceNames.get(set)}` }];
  }
  const out: ServiceOperand[] = [];
  for (const s of flatServices(idx, refs)) {
    if (s !== ANY) out.push({ proto: s.transport, dstPort: portOperator(s.ports[0], s.ports[1]) });
  }
  return dedupe(out, (o) => `${o.proto}|${o.dstPort ?? ''}`);
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

/**
 * Destination references of a zone-pair rule. An inbound ACL cannot see the egress
 * interface, so "any destination in the to-zone" is matched by the to-zone's networks
 * (ZoneBinding.networks). Undefined when that zone lists no networks at all (OTPC317):
 * no entry can match its addresses, and the caller says so.
 */
export function destinationRefs(idx: IosIndex, rule: Rule): string[] | undefined {
  if (rule.kind === 'final' || !rule.dst.includes(ANY)) return rule.dst;
  if (zoneWithoutNetworks(idx, rule.toZone)) return undefined;
  return [idx.zoneNets.get(rule.toZone ?? '') as string];
}

/**
 * Destinations of the reverse entries: the flow's sources, "any source" narrowed to the
 * from-zone's networks (a reply is routed to that zone), so the entries do not open
 * replies towards other zones or within the responder's zone. A from-zone without
 * networks keeps "any": replies must still pass.
 */
function replyDestinationRefs(idx: IosIndex, rule: Rule): string[] {
  if (!rule.src.includes(ANY) || zoneWithoutNetworks(idx, rule.fromZone)) return rule.src;
  return [idx.zoneNets.get(rule.fromZone ?? '') as string];
}

/** The entries of a flow or boundary-final rule in the ACL of its from-zone interface. */
export function forwardAces(idx: IosIndex, rule: Rule, dstRefs: string[], family: 4 | 6): Ace[] {
  const srcs = addressOperands(idx, rule.src, family);
  const dsts = addressOperands(idx, dstRefs, family);
  const svcs = serviceOperands(idx, rule.services, family);
  const action = rule.action === 'allow' ? 'permit' : 'deny';
  const out: Ace[] = [];
  for (const svc of svcs) {
    for (const src of srcs) {
      for (const dst of dsts) out.push({ action, proto: svc.proto, src, dst, dstPort: svc.dstPort, log: rule.log });
    }
  }
  return out;
}

/**
 * Return traffic of an allowed flow, in the ACL of its to-zone interface (IOS ACLs are
 * stateless, vendors.md section 0.6): TCP from the service port with ACK or RST
 * (`established`); UDP from the service port, which a stateless ACL cannot tie to a
 * session; for a flow on any service also ICMP. Not logged: replies are not decisions.
 */
export function reverseAces(idx: IosIndex, rule: Rule, dstRefs: string[], family: 4 | 6): Ace[] {
  const srcs = addressOperands(idx, dstRefs, family);
  const dsts = addressOperands(idx, replyDestinationRefs(idx, rule), family);
  const out: Ace[] = [];
  for (const svc of flatServices(idx, rule.services)) {
    const protos = svc === ANY
      ? [{ proto: 'tcp', flag: 'established' }, { proto: 'udp' }, { proto: 'icmp' }]
      : [{ proto: svc.transport, srcPort: portOperator(svc.ports[0], svc.ports[1]), flag: svc.transport === 'tcp' ? 'established' : undefined }];
    for (const p of protos) {
      for (const src of srcs) {
        for (const dst of dsts) out.push({ action: 'permit', proto: p.proto, src, srcPort: 'srcPort' in p ? p.srcPort : undefined, dst, flag: p.flag, log: false });
      }
    }
  }
  return dedupe(out, (a) => aceLine(a, family, 0));
}
