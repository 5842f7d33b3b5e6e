import type { Pass } from './types.js';

/**
 * Removes address objects, address groups, services and service groups that no rule
 * (or kept group) refers to any more after the other passes, so the rendered
 * configuration defines nothing it does not use. Zone objects always stay: they
 * name a zone's networks, which a backend may need for boundary rules.
 */
export const pruneObjects: Pass = {
  name: 'pruneObjects',
  description: 'remove objects and groups no rule refers to any more',
  fn(ep) {
    const addrRefs = new Set(ep.rules.flatMap((r) => [...r.src, ...r.dst]));
    const svcRefs = new Set(ep.rules.flatMap((r) => r.services));
    const addressGroups = ep.addressGroups.filter((g) => addrRefs.has(g.id));
    for (const g of addressGroups) g.members.forEach((m) => addrRefs.add(m));
    const serviceGroups = ep.serviceGroups.filter((g) => svcRefs.has(g.id));
    for (const g of serviceGroups) g.members.forEach((m) => svcRefs.add(m));
    const addresses = ep.addresses.filter((a) => a.source.kind === 'zone' || addrRefs.has(a.id));
    const services = ep.services.filter((s) => svcRefs.has(s.id));
    const same = addresses.length === ep.addresses.length && services.length === ep.services.length
      && addressGroups.length === ep.addressGroups.length && serviceGroups.length === ep.serviceGroups.length;
    return same ? ep : { ...ep, addresses, addressGroups, services, serviceGroups };
  },
};
