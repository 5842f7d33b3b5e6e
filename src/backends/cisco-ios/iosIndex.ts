import { ANY } from '../../rules/types.js';
import type { AddressGroup, AddressObject, EnforcementIR, Rule, ServiceGroup, ServiceObject } from '../../rules/types.js';
import type { IpRange } from '../../model/types.js';
import { PREFIX, addressObjectName } from './iosNames.js';
import { zonePointer } from '../common/pointers.js';

/**
 * Lookup tables over one EnforcementIR, built once per render: ranges per address
 * reference (groups flattened), service objects per service reference, the vendor
 * name of every object-group, and the zone network object of every zone.
 */
/** The `classic: true` option: no object-groups (images without them). Also used by policyChecks.ts. */
export function isClassic(options: Readonly<Record<string, unknown>>): boolean {
  return options.classic === true;
}

export interface IosIndex {
  ep: EnforcementIR;
  /** ep.options.classic: no object-groups, one ACE per (service x source block x destination block). */
  classic: boolean;
  objects: Map<string, AddressObject>;
  groups: Map<string, AddressGroup>;
  ranges: Map<string, IpRange[]>;
  services: Map<string, ServiceObject>;
  serviceGroups: Map<string, ServiceGroup>;
  /** IR address object/group id -> network object-group name. */
  names: Map<string, string>;
  /** IR service group id -> service object-group name. */
  serviceNames: Map<string, string>;
  /**
   * Zone id -> id of the address object holding the zone's networks (ZoneBinding.networks):
   * the IR's "zone:<id>" object when a flow names the zone, otherwise one made here, so
   * every zone of the enforcement point has one (possibly without ranges, OTPC317).
   */
  zoneNets: Map<string, string>;
  /** Zones whose "zone:<id>" object in the IR holds other ranges than the zone binding (a malformed IR). */
  zoneMismatches: string[];
  /** Address object/group ids some rendered ACE refers to as an object-group (filled while building ACEs). */
  used: Set<string>;
  /** Service group ids some rendered ACE refers to as an object-group. */
  usedServices: Set<string>;
}

export function indexEnforcement(ep: EnforcementIR): IosIndex {
  const objects = new Map(ep.addresses.map((a) => [a.id, a]));
  const groups = new Map(ep.addressGroups.map((g) => [g.id, g]));
  const ranges = new Map<string, IpRange[]>();
  const names = new Map<string, string>();
  for (const a of ep.addresses) {
    ranges.set(a.id, a.ranges);
    names.set(a.id, addressObjectName(a));
  }
  const { zoneNets, zoneMismatches } = indexZoneNetworks(ep, objects, ranges, names);
  for (const g of ep.addressGroups) {
    ranges.set(g.id, g.members.flatMap((m) => ranges.get(m) ?? []));
    names.set(g.id, PREFIX.group + g.name);
  }
  const serviceNames = new Map(ep.serviceGroups.map((g) => [g.id, PREFIX.serviceGroup + g.name]));
  const idx: IosIndex = {
    ep, classic: isClassic(ep.options), objects, groups, ranges,
    services: new Map(ep.services.map((s) => [s.id, s])),
    serviceGroups: new Map(ep.serviceGroups.map((g) => [g.id, g])),
    names, serviceNames, zoneNets, zoneMismatches, used: new Set(), usedServices: new Set(),
  };
  for (const rule of ep.rules) serviceSet(idx, rule.services);
  return idx;
}

function sameRanges(a: readonly IpRange[], b: readonly IpRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r.family === b[i].family && r.first === b[i].first && r.last === b[i].last);
}

/**
 * The address object of every zone's networks. An inbound ACL cannot see the egress
 * interface, so the destination zone of a boundary rule is matched by these networks
 * (ZoneBinding.networks, the zone's merged `networks:`). The IR carries a "zone:<id>"
 * object only when a flow names the zone; for the other zones an object is made from
 * the binding under the same id and name (OG-N-<zone>), so it is defined only once.
 */
function indexZoneNetworks(
  ep: EnforcementIR, objects: Map<string, AddressObject>, ranges: Map<string, IpRange[]>, names: Map<string, string>,
): { zoneNets: Map<string, string>; zoneMismatches: string[] } {
  const zoneNets = new Map<string, string>();
  const zoneMismatches: string[] = [];
  for (const z of ep.zones) {
    const id = `zone:${z.id}`;
    const own = objects.get(id);
    if (own && !sameRanges(own.ranges, z.networks)) zoneMismatches.push(z.id);
    if (!own) {
      const obj: AddressObject = { id, name: z.id, source: { kind: 'zone', id: z.id }, ranges: z.networks, pointer: zonePointer(z.id) };
      objects.set(id, obj);
      ranges.set(id, obj.ranges);
      names.set(id, addressObjectName(obj));
    }
    zoneNets.set(z.id, id);
  }
  return { zoneNets, zoneMismatches };
}

/** True when the zone lists no networks at all (OTPC317): an ACL cannot match its addresses. */
export function zoneWithoutNetworks(idx: IosIndex, zone: string | undefined): boolean {
  const id = zone === undefined ? undefined : idx.zoneNets.get(zone);
  return id === undefined || (idx.ranges.get(id) ?? []).length === 0;
}

/** Service object ids behind a list of references (IR groups expanded), sorted and unique. */
function memberIds(idx: IosIndex, refs: string[]): string[] {
  const ids = refs.flatMap((r) => idx.serviceGroups.get(r)?.members ?? [r]).filter((id) => idx.services.has(id));
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The service object-group for a rule that names several services (one protocol on
 * TCP and UDP, say): an IR service group when the rule names exactly one, otherwise a
 * group otpc defines for that set, named after its protocol ("OGS-enip") or, for a
 * mixed set, after its services; a name taken by another set gets "-2", "-3" in IR order.
 * Undefined for a single service or ANY (printed as protocol and port instead).
 */
export function serviceSet(idx: IosIndex, refs: string[]): string | undefined {
  if (refs.includes(ANY)) return undefined;
  if (refs.length === 1) return idx.serviceGroups.has(refs[0]) ? refs[0] : undefined;
  const members = memberIds(idx, refs);
  if (members.length < 2) return undefined;
  const key = `otpc-set:${members.join(',')}`;
  if (idx.serviceGroups.has(key)) return key;
  const svcs = members.map((m) => idx.services.get(m) as ServiceObject);
  const protocols = [...new Set(svcs.map((s) => s.protocol ?? ''))];
  const base = PREFIX.serviceGroup + (protocols.length === 1 && protocols[0] !== '' ? protocols[0] : svcs.map((s) => s.name).join('_'));
  const taken = new Set(idx.serviceNames.values());
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}-${k}`;
  idx.serviceGroups.set(key, { id: key, name: name.slice(PREFIX.serviceGroup.length), members });
  idx.serviceNames.set(key, name);
  return key;
}

export function hasFamily(idx: IosIndex, ref: string, family: 4 | 6): boolean {
  return (idx.ranges.get(ref) ?? []).some((r) => r.family === family);
}

/** References a rule makes that the IR does not define (a malformed IR). */
export function danglingRefs(idx: IosIndex, rule: Rule): string[] {
  const addr = [...rule.src, ...rule.dst].filter((r) => r !== ANY && !idx.ranges.has(r));
  const svc = rule.services.filter((r) => r !== ANY && !idx.services.has(r) && !idx.serviceGroups.has(r));
  const members = rule.services.flatMap((r) => idx.serviceGroups.get(r)?.members ?? []).filter((m) => !idx.services.has(m));
  const groupMembers = [...rule.src, ...rule.dst].flatMap((r) => idx.groups.get(r)?.members ?? []).filter((m) => !idx.objects.has(m));
  return [...addr, ...svc, ...members, ...groupMembers];
}
