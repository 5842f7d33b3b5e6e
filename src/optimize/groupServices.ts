import { compareStrings, sortedUnique } from '../rules/compareStrings.js';
import { ANY } from '../rules/types.js';
import type { Rule, ServiceGroup, ServiceObject } from '../rules/types.js';
import { contentName, MAX_BASE_NAME } from './contentName.js';
import type { Pass } from './types.js';

/**
 * A rule that names several services names one service group instead (FortiOS
 * service group, IOS/ASA service object-group; nftables expands it). Rules with the
 * same set share the group. Groups hold service objects only (nested IR groups are
 * flattened), sorted by id. Name: the members' catalogue protocols (or raw service
 * names), sorted and joined: "enip" for TCP 44818, UDP 2222 and UDP 44818,
 * "dns-kerberos-ldap" for a merged rule. A name that is long or taken by another set
 * falls back to "<first member>-<count>[-<hash>]" (see contentName).
 */
export const groupServices: Pass = {
  name: 'groupServices',
  description: 'name the services of a rule that has several as one service group',
  fn(ep) {
    const services = new Map(ep.services.map((s) => [s.id, s]));
    const groups = new Map(ep.serviceGroups.map((g) => [g.id, g]));
    const byContent = new Map(ep.serviceGroups.map((g) => [g.members.join(','), g]));
    const keys = new Set<string>();
    const keyOf = (refs: readonly string[]): string | undefined => {
      if (refs.includes(ANY)) return undefined;
      const flat = sortedUnique(refs.flatMap((r) => groups.get(r)?.members ?? [r]));
      if (flat.length < 2 || flat.some((id) => !services.has(id))) return undefined;
      if (refs.length === 1 && groups.has(refs[0])) return undefined;
      return flat.join(',');
    };
    for (const r of ep.rules) {
      const key = keyOf(r.services);
      if (key !== undefined && !byContent.has(key)) keys.add(key);
    }
    const fresh = newGroups([...keys], byContent, services);
    let changed = false;
    const rules = ep.rules.map((r): Rule => {
      const key = keyOf(r.services);
      if (key === undefined) return r;
      changed = true;
      return { ...r, services: [(byContent.get(key) as ServiceGroup).id] };
    });
    if (!changed) return ep;
    return { ...ep, rules, serviceGroups: [...ep.serviceGroups, ...fresh].sort((a, b) => compareStrings(a.id, b.id)) };
  },
};

function newGroups(keys: string[], byContent: Map<string, ServiceGroup>, services: Map<string, ServiceObject>): ServiceGroup[] {
  const taken = new Set([...byContent.values()].map((g) => g.name));
  return keys.sort(compareStrings).map((key) => {
    const members = key.split(',');
    const svcs = members.map((m) => services.get(m) as ServiceObject);
    const label = sortedUnique(svcs.map((s) => s.protocol ?? s.name)).join('-');
    const name = label.length <= MAX_BASE_NAME && !taken.has(label) ? label : contentName(svcs[0].name, members, (n) => taken.has(n));
    taken.add(name);
    const group: ServiceGroup = { id: `svcgrp:${name}`, name, members };
    byContent.set(key, group);
    return group;
  });
}
