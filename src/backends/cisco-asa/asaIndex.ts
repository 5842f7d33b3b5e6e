import type { IpRange } from '../../model/types.js';
import type { AddressObject, EnforcementIR, ServiceObject } from '../../rules/types.js';
import { asaName } from './asaNames.js';

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
  /** IR address object/group id -> its range objects, flattened, in order. */
  ranges: Map<string, RangeObject[]>;
  /** IR address object/group id -> operand (`object X` / `object-group X`); absent when it has no address. */
  printed: Map<string, Printed>;
  /** IR service object/group id -> its service objects, flattened, in order. */
  services: Map<string, ServiceObject[]>;
  /** IR service object/group id -> `object S_x` / `object-group SG_x`. */
  servicePrinted: Map<string, string>;
  /** Zone id -> IR address object holding the zone's networks (when the IR carries it). */
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

function indexAddresses(ep: EnforcementIR, ranges: AsaIndex['ranges'], printed: AsaIndex['printed']): void {
  for (const a of ep.addresses) {
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

export function indexAsa(ep: EnforcementIR): AsaIndex {
  const idx: AsaIndex = {
    ep, ranges: new Map(), printed: new Map(), services: new Map(), servicePrinted: new Map(),
    zoneNets: new Map(), nameif: new Map(ep.zones.map((z) => [z.id, z.interface])),
  };
  indexAddresses(ep, idx.ranges, idx.printed);
  indexServices(ep, idx.services, idx.servicePrinted);
  for (const a of ep.addresses) {
    // The canonical "zone:<id>" object wins over any other object standing for the zone.
    if (a.source.kind === 'zone' && (!idx.zoneNets.has(a.source.id) || a.id === `zone:${a.source.id}`)) idx.zoneNets.set(a.source.id, a);
  }
  return idx;
}

/** The zone whose network object contains the address, if the IR carries one. */
export function zoneOfAddress(idx: AsaIndex, family: 4 | 6, value: bigint): string | undefined {
  for (const [zone, obj] of idx.zoneNets) {
    if (obj.ranges.some((r) => r.family === family && r.first <= value && value <= r.last)) return zone;
  }
  return undefined;
}
