import { formatAddress, isCidr } from '../../model/ip.js';
import type { IpRange } from '../../model/types.js';
import type { AddressGroup, AddressObject } from '../../rules/types.js';
import { FORTIOS_LIMITS } from './limits.js';
import { addressGroupName, addressName, rangeMemberName } from './naming.js';
import { acceptName, comment } from './viewContext.js';
import type { ViewContext } from './viewContext.js';

/** One `config firewall address` / `address6` entry. Exactly one of `cidr` or start/end is set. */
export interface AddressView {
  name: string;
  comment: string;
  /** IPv4: "A.B.C.D M.M.M.M"; IPv6: "2001:db8::/64"; '' for an iprange. */
  cidr: string;
  isRange: boolean;
  start: string;
  end: string;
}

export interface GroupView {
  name: string;
  comment: string;
  members: string[];
}

/** Vendor names an IR address reference stands for, per family (absent: no addresses of that family). */
export interface FamilyRefs {
  v4?: string;
  v6?: string;
}

export interface AddressSection {
  v4: AddressView[];
  v6: AddressView[];
  groups4: GroupView[];
  groups6: GroupView[];
  refs: Map<string, FamilyRefs>;
}

function mask4(prefix: number): string {
  const bits = prefix === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - prefix)) - 1n);
  return formatAddress(4, bits);
}

function rangeView(name: string, text: string, r: IpRange): AddressView {
  const cidr = isCidr(r);
  const base = { name, comment: comment(text, FORTIOS_LIMITS.objectComment) };
  if (cidr) {
    const value = r.family === 4
      ? `${formatAddress(4, r.first)} ${mask4(cidr.prefix)}`
      : `${formatAddress(6, r.first)}/${cidr.prefix}`;
    return { ...base, cidr: value, isRange: false, start: '', end: '' };
  }
  return { ...base, cidr: '', isRange: true, start: formatAddress(r.family, r.first), end: formatAddress(r.family, r.last) };
}

function describe(obj: AddressObject): string {
  const what = obj.source.kind === 'zone' ? 'networks of zone' : obj.source.kind === 'service' ? 'site service' : obj.source.kind;
  return `otpc ${what} ${obj.source.id}`;
}

/**
 * One IR address object becomes, per family: one vendor object when it has one range
 * (a CIDR block as `subnet`/`ip6`, anything else as `iprange`), or one object per range
 * (`<name>_<k>`) plus an address group named like the object, so rules always refer to
 * the same name whatever the number of ranges.
 */
function addObject(vc: ViewContext, sec: AddressSection, obj: AddressObject): void {
  if (sec.refs.has(obj.id)) return duplicateId(vc, obj.id, obj.pointer);
  const refs: FamilyRefs = {};
  for (const family of [4, 6] as const) {
    const ranges = obj.ranges.filter((r) => r.family === family);
    if (ranges.length === 0) continue;
    const name = addressName(obj, family);
    const list = family === 4 ? sec.v4 : sec.v6;
    // A rejected name still stands for the object (rendering stops on the error; no cascade).
    refs[family === 4 ? 'v4' : 'v6'] = name;
    if (!acceptName(vc, vc.addresses, name, 'address', vc.nameMax, `address object ${obj.id}`, obj.pointer)) continue;
    if (ranges.length === 1) {
      list.push(rangeView(name, describe(obj), ranges[0]));
    } else {
      const members: string[] = [];
      ranges.forEach((r, i) => {
        const member = rangeMemberName(name, i + 1);
        if (!acceptName(vc, vc.addresses, member, 'address', vc.nameMax, `range ${i + 1} of ${obj.id}`, obj.pointer)) return;
        list.push(rangeView(member, `${describe(obj)} range ${i + 1} of ${ranges.length}`, r));
        members.push(member);
      });
      (family === 4 ? sec.groups4 : sec.groups6).push({ name, comment: comment(describe(obj), FORTIOS_LIMITS.objectComment), members });
    }
  }
  sec.refs.set(obj.id, refs);
}

function addGroup(vc: ViewContext, sec: AddressSection, group: AddressGroup, out4: GroupView[], out6: GroupView[]): void {
  if (sec.refs.has(group.id)) return duplicateId(vc, group.id, group.pointer);
  const refs: FamilyRefs = {};
  for (const family of [4, 6] as const) {
    const key = family === 4 ? 'v4' : 'v6';
    const members = [...new Set(group.members.map((m) => sec.refs.get(m)?.[key]).filter((n): n is string => n !== undefined))].sort(cmp);
    for (const m of group.members) {
      if (!sec.refs.has(m)) unknownRef(vc, `address group ${group.id} member`, m, group.pointer);
    }
    if (members.length === 0) continue;
    const name = addressGroupName(group.name, family);
    refs[key] = name;
    if (!acceptName(vc, vc.addresses, name, 'address group', vc.nameMax, `address group ${group.id}`, group.pointer)) continue;
    (family === 4 ? out4 : out6).push({ name, comment: comment(`otpc address group ${group.name}`, FORTIOS_LIMITS.objectComment), members });
  }
  sec.refs.set(group.id, refs);
}

export function unknownRef(vc: ViewContext, what: string, ref: string, pointer: string): void {
  vc.diagnostics.push({
    code: 'OTPC999', severity: 'error', file: vc.file, pointer,
    message: `rule IR: ${what} refers to unknown id "${JSON.stringify(ref).slice(1, -1)}"`,
  });
}

export function duplicateId(vc: ViewContext, id: string, pointer: string): void {
  vc.diagnostics.push({
    code: 'OTPC999', severity: 'error', file: vc.file, pointer,
    message: `rule IR: id "${JSON.stringify(id).slice(1, -1)}" is defined twice on enforcement point ${vc.ep.id}`,
  });
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byName = (a: { name: string }, b: { name: string }) => cmp(a.name, b.name);

/**
 * Address objects and groups, sorted by vendor name. Groups that stand for a
 * multi-range object come first, so IR groups that nest them are defined after them
 * (FortiOS rejects a reference to an object that does not exist yet).
 */
export function buildAddresses(vc: ViewContext): AddressSection {
  const sec: AddressSection = { v4: [], v6: [], groups4: [], groups6: [], refs: new Map() };
  for (const obj of [...vc.ep.addresses].sort((a, b) => cmp(a.id, b.id))) addObject(vc, sec, obj);
  const ir4: GroupView[] = [];
  const ir6: GroupView[] = [];
  for (const g of [...vc.ep.addressGroups].sort((a, b) => cmp(a.id, b.id))) addGroup(vc, sec, g, ir4, ir6);
  sec.v4.sort(byName);
  sec.v6.sort(byName);
  sec.groups4 = [...sec.groups4.sort(byName), ...ir4.sort(byName)];
  sec.groups6 = [...sec.groups6.sort(byName), ...ir6.sort(byName)];
  return sec;
}
