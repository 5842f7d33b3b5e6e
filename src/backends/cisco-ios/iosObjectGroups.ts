import type { RenderContext } from '../types.js';
import type { AddressObject } from '../../rules/types.js';
import { objectGroupEntries, portOperator } from './iosAddresses.js';
import { flatServices } from './iosAces.js';
import { hasFamily } from './iosIndex.js';
import type { IosIndex } from './iosIndex.js';
import { descriptionText } from './iosText.js';

/**
 * `object-group network` and `object-group service` blocks (IOS "Object Groups for
 * ACLs", 12.4(20)T and IOS XE) for the groups the ACEs use. Address groups nest their
 * members with `group-object`, so members are defined first. IPv4 only: IPv6 entries are
 * written inline. Services never use `tcp-udp`: the IR keeps transports apart.
 */
export interface ObjectGroupView { kind: 'network' | 'service'; name: string; description: string; entries: string[]; key: string }

function describeObject(a: AddressObject): string {
  const what = { asset: 'asset', zone: 'networks of zone', service: 'site service', merged: 'merged addresses' }[a.source.kind];
  return `otpc ${what} ${a.source.id}`;
}

function byName(a: ObjectGroupView, b: ObjectGroupView): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function networkGroups(idx: IosIndex, ctx: RenderContext): ObjectGroupView[] {
  const groups: ObjectGroupView[] = [];
  const objectIds = new Set<string>();
  for (const id of idx.used) {
    const g = idx.groups.get(id);
    if (!g) continue;
    const members = g.members.filter((m) => hasFamily(idx, m, 4));
    for (const m of members) objectIds.add(m);
    groups.push({
      kind: 'network', key: g.id, name: idx.names.get(g.id) ?? '',
      description: descriptionText(`otpc address group ${g.name}`, ctx.platform),
      entries: members.map((m) => `group-object ${idx.names.get(m)}`),
    });
  }
  for (const id of idx.used) if (idx.objects.has(id)) objectIds.add(id);
  const objects = [...objectIds].map((id) => {
    const a = idx.objects.get(id) as AddressObject;
    return {
      kind: 'network' as const, key: a.id, name: idx.names.get(a.id) ?? '',
      description: descriptionText(describeObject(a), ctx.platform),
      entries: objectGroupEntries(a.ranges),
    };
  });
  return [...objects.sort(byName), ...groups.sort(byName)];
}

export function serviceGroups(idx: IosIndex, ctx: RenderContext): ObjectGroupView[] {
  const out: ObjectGroupView[] = [];
  for (const id of idx.usedServices) {
    const g = idx.serviceGroups.get(id);
    if (!g) continue;
    const entries: string[] = [];
    for (const s of flatServices(idx, g.members)) {
      if (s === 'any') continue;
      const op = portOperator(s.ports[0], s.ports[1]);
      const line = op ? `${s.transport} ${op}` : s.transport;
      if (!entries.includes(line)) entries.push(line);
    }
    const protocols = [...new Set(g.members.map((m) => idx.services.get(m)?.protocol ?? idx.services.get(m)?.name ?? m))];
    out.push({
      kind: 'service', key: g.id, name: idx.serviceNames.get(g.id) ?? '',
      description: descriptionText(`otpc services ${protocols.join(' ')}`, ctx.platform), entries,
    });
  }
  return out.sort(byName);
}
