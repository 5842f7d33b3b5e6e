import { compareStrings, sortedUnique } from '../rules/compareStrings.js';
import { ANY } from '../rules/types.js';
import type { AddressGroup, AddressObject, EnforcementIR, Rule } from '../rules/types.js';
import { contentName } from './contentName.js';
import type { Pass } from './types.js';

/**
 * Names a list of addresses that several rule sides share as one address group
 * (FortiOS addrgrp, IOS/ASA object-group, nftables named set): assets that share
 * identical rules are grouped once and referenced by every rule that names them. A
 * list used by one rule side only stays inline (a group would add an object and save
 * nothing) unless a group with exactly those members exists already. Groups hold address objects only (no nesting), sorted by id; the name is
 * "<first member>-<member count>" (see contentName).
 */
export const groupAddresses: Pass = {
  name: 'groupAddresses',
  description: 'name address lists that several rules share as one address group',
  fn(ep) {
    const objects = new Map(ep.addresses.map((a) => [a.id, a]));
    const byContent = new Map(ep.addressGroups.map((g) => [g.members.join(','), g]));
    const uses = new Map<string, number>();
    for (const r of ep.rules) for (const side of [r.src, r.dst]) {
      const key = listKey(side, objects);
      if (key !== undefined) uses.set(key, (uses.get(key) ?? 0) + 1);
    }
    const fresh = newGroups([...uses].filter(([k, n]) => n >= 2 && !byContent.has(k)).map(([k]) => k), byContent, objects);
    let changed = false;
    const side = (refs: string[]): string[] => {
      const key = listKey(refs, objects);
      const g = key === undefined ? undefined : byContent.get(key);
      if (!g) return refs;
      changed = true;
      return [g.id];
    };
    const rules = ep.rules.map((r): Rule => ({ ...r, src: side(r.src), dst: side(r.dst) }));
    if (!changed) return ep;
    return { ...ep, rules, addressGroups: [...ep.addressGroups, ...fresh].sort((a, b) => compareStrings(a.id, b.id)) };
  },
};

/** Key of a side that lists several address objects (sorted ids), else undefined. */
function listKey(refs: readonly string[], objects: Map<string, AddressObject>): string | undefined {
  if (refs.length < 2 || refs.includes(ANY) || refs.some((r) => !objects.has(r))) return undefined;
  return sortedUnique(refs).join(',');
}

function newGroups(keys: string[], byContent: Map<string, AddressGroup>, objects: Map<string, AddressObject>): AddressGroup[] {
  const taken = new Set([...byContent.values()].map((g) => g.name));
  return keys.sort(compareStrings).map((key) => {
    const members = key.split(',');
    const first = objects.get(members[0]) as AddressObject;
    const name = contentName(first.name, members, (n) => taken.has(n));
    taken.add(name);
    const group: AddressGroup = { id: `grp:${name}`, name, members, pointer: first.pointer };
    byContent.set(key, group);
    return group;
  });
}
