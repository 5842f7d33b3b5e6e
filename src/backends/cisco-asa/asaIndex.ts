import type { IpRange } from '../../model/types.js';
import type { AddressObject, EnforcementIR, ServiceObject } from '../../rules/types.js';
import { asaName } from './asaNames.js';
import { zonePointer } from '../common/pointers.js';

/** One `object network`: exactly one host, subnet or range. */
export interface RangeObject {
  name: string;
  range: IpRange;
  /** IR address object it belongs to. */
  owner: AddressObject;
  /** 1-based position among the owner's ranges, 0 when the owner has one range. */
  k: number;
}

/** How one IR reference is printed as an ACE operand or a group member. */
export interface Printed {
  text: string;
  families: Set<4 | 6>;
}

/**
 * Lookup tables over one EnforcementIR, built once per render: the `object network`
 * entries of every address object and group (groups flattened, never nested: IPv6
 * network object-groups cannot be nested on ASA), the service objects of every
 * service reference (groups flattened), and the zone network object of every zone.
 */
export interface AsaIndex {
  ep: EnforcementIR;
  /**
   * The IR's address objects plus, for every zone whose networks no flow names, an
   * object made from ZoneBinding.networks ("zone:<id>", N_<zone>), sorted by id.
   */
  addresses: AddressObject[];
  /** Address object/group ids some ACE names on its own (`object X` / `object-group X`), filled while matching. */
  used: Set<string>;
  /** Zones whose "zone:<id>" object in the IR holds other ranges than the zone binding (a malformed IR). */
  zoneMismatches: string[];
  /** IR address object/group id -> its range objects, flattened, in order. */
  ranges: Map<string, RangeObject[]>;
  /** IR address object/group id -> operand (`object X` / `object-group X`); absent when it has no address. */
  printed: Map<string, Printed>;
  /** IR service object/group id -> its service objects, flattened, in order. */
  services: Map<string, ServiceObject[]>;
  /** IR service object/group id -> `object S_x` / `object-group SG_x`. */
  servicePrinted: Map<string, string>;
  /** Zone id -> address object holding the zone's networks (ZoneBinding.networks; no ranges for a zone without networks). */
  zoneNets: Map<string, AddressObject>;
  /** Zone id -> nameif. */
  nameif: Map<string, string>;
}

function rangeObjects(a: AddressObject): RangeObject[] {
  const base = asaName.address(a);
  if (a.ranges.length === 1) return [{ name: base, range: a.ranges[0], owner: a, k: 0 }];
  return a.ranges.map((range, i) => ({ name: asaName.rangeMember(base, i + 1), range, owner: a, k: i + 1 }));
}

function uniqueByName<T extends { name: string }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(x.name) ? false : (seen.add(x.name), true)));
}

export function familiesOf(objs: RangeObject[]): Set<4 | 6> {
  return new Set(objs.map((o) => o.range.family));
}

function indexAddresses(ep: EnforcementIR, addresses: AddressObject[], ranges: AsaIndex['ranges'], printed: AsaIndex['printed']): void {
  for (const a of addresses) {
    const objs = rangeObjects(a);
    ranges.set(a.id, objs);
    if (objs.length > 0) {
      const name = asaName.address(a);
      printed.set(a.id, { text: objs.length === 1 ? `object ${name}` : `object-group ${name}`, families: familiesOf(objs) });
    }
  }
  for (const g of ep.addressGroups) {
    const objs = uniqueByName(g.members.flatMap((m) => ranges.get(m) ?? []));
    ranges.set(g.id, objs);
    if (objs.length > 0) printed.set(g.id, { text: `object-group ${asaName.addressGroup(g.name)}`, families: familiesOf(objs) });
  }
}

function indexServices(ep: EnforcementIR, services: AsaIndex['services'], printed: AsaIndex['servicePrinted']): void {
  for (const s of ep.services) {
    services.set(s.id, [s]);
    printed.set(s.id, `object ${asaName.service(s.name)}`);
  }
  for (const g of ep.serviceGroups) {
    const members = g.members.flatMap((m) => services.get(m) ?? []);
    services.set(g.id, [...new Map(members.map((s) => [s.id, s])).values()]);
    printed.set(g.id, `object-group ${asaName.serviceGroup(g.name)}`);
  }
}

function sameRanges(a: readonly IpRange[], b: readonly IpRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r.family === b[i].family && r.first === b[i].first && r.last === b[i].last);
}

/**
 * The network object of every zone. ASA's ingress ACL does not see the egress
 * interface, so the destination zone of a boundary rule is matched by its networks
 * (ZoneBinding.networks). The IR has a "zone:<id>" object only where a flow names the
 * zone; the others are made from the binding with the same id and name (N_<zone>).
 */
function zoneObjects(ep: EnforcementIR): { addresses: AddressObject[]; zoneNets: Map<string, AddressObject>; mismatches: string[] } {
  const byId = new Map(ep.addresses.map((a) => [a.id, a]));
  const zoneNets = new Map<string, AddressObject>();
  const mismatches: string[] = [];
  const made: AddressObject[] = [];
  for (const z of ep.zones) {
    const id = `zone:${z.id}`;
    let obj = byId.get(id);
    if (obj && !sameRanges(obj.ranges, z.networks)) mismatches.push(z.id);
    if (!obj) {
      obj = { id, name: z.id, source: { kind: 'zone', id: z.id }, ranges: z.networks, pointer: zonePointer(z.id) };
      made.push(obj);
    }
    zoneNets.set(z.id, obj);
  }
  const addresses = [...ep.addresses, ...made].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { addresses, zoneNets, mismatches };
}

export function indexAsa(ep: EnforcementIR): AsaIndex {
  const zones = zoneObjects(ep);
  const idx: AsaIndex = {
    ep, addresses: zones.addresses, used: new Set(), zoneMismatches: zones.mismatches,
    ranges: new Map(), printed: new Map(), services: new Map(), servicePrinted: new Map(),
    zoneNets: zones.zoneNets, nameif: new Map(ep.zones.map((z) => [z.id, z.interface])),
  };
  indexAddresses(ep, idx.addresses, idx.ranges, idx.printed);
  indexServices(ep, idx.services, idx.servicePrinted);
  return idx;
}

/** The zone whose networks contain the address, if any. */
export function zoneOfAddress(idx: AsaIndex, family: 4 | 6, value: bigint): string | undefined {
  for (const [zone, obj] of idx.zoneNets) {
    if (obj.ranges.some((r) => r.family === family && r.first <= value && value <= r.last)) return zone;
  }
  return undefined;
}
