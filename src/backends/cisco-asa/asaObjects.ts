import type { RenderContext } from '../types.js';
import type { IpRange } from '../../model/types.js';
import { formatAddress, isCidr } from '../../model/ip.js';
import type { AddressObject, ServiceObject } from '../../rules/types.js';
import type { AsaIndex, RangeObject } from './asaIndex.js';
import { ASA_NAME_MAX, asaName } from './asaNames.js';
import type { NameRequest } from './asaNames.js';
import { commentText, descriptionText } from './asaText.js';

/** `object network` / `object service`: a name, a description and one body line. */
export interface ObjectView { kind: 'network' | 'service'; name: string; description: string; body: string }
/** `object-group network` / `object-group service`: flat member lines, never `group-object`. */
export interface GroupView { kind: 'network' | 'service'; name: string; description: string; members: string[] }

export interface ObjectsBuild {
  objects: ObjectView[];
  groups: GroupView[];
  comments: string[];
  names: NameRequest[];
}

function prefixMask(prefix: number): string {
  const bits = prefix === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - prefix)) - 1n);
  return formatAddress(4, bits);
}

/** `host A`, `subnet A M` (IPv4), `subnet A/P` (IPv6) or `range A B` (ASA `object network`). */
export function objectBody(r: IpRange): string {
  if (r.first === r.last) return `host ${formatAddress(r.family, r.first)}`;
  const cidr = isCidr(r);
  if (cidr) {
    const a = formatAddress(r.family, r.first);
    return r.family === 4 ? `subnet ${a} ${prefixMask(cidr.prefix)}` : `subnet ${a}/${cidr.prefix}`;
  }
  return `range ${formatAddress(r.family, r.first)} ${formatAddress(r.family, r.last)}`;
}

/** `service tcp destination eq 502` / `... range 2000 2010`; one transport per object, never tcp-udp. */
export function serviceBody(s: ServiceObject): string {
  const [lo, hi] = s.ports;
  return `service ${s.transport} destination ${lo === hi ? `eq ${lo}` : `range ${lo} ${hi}`}`;
}

function what(a: AddressObject): string {
  return { asset: 'asset', zone: 'networks of zone', service: 'site service', merged: 'merged addresses' }[a.source.kind];
}

/**
 * `object network` per range of every address object; the `object-group network` that
 * wraps a multi-range object, and IR address groups, only where an ACE names them on
 * their own (rules naming several addresses get a flat group of their own). Zone network
 * objects made from the zone bindings appear only where a boundary entry uses them.
 */
function addressObjects(idx: AsaIndex, ctx: RenderContext, out: ObjectsBuild): void {
  const fromIr = new Set(idx.ep.addresses.map((a) => a.id));
  for (const a of idx.addresses) {
    if (!fromIr.has(a.id) && !idx.used.has(a.id)) continue;
    const objs = idx.ranges.get(a.id) ?? [];
    const base = asaName.address(a);
    if (objs.length === 0) {
      out.comments.push(commentText(`${a.id}: no addresses, not rendered; rules that name it match nothing`));
      continue;
    }
    for (const o of objs) {
      const suffix = o.k > 0 ? ` range ${o.k} of ${objs.length}` : '';
      out.objects.push({ kind: 'network', name: o.name, description: descriptionText(`${what(a)} ${a.source.id}${suffix}`, ctx.platform), body: objectBody(o.range) });
      out.names.push({ key: `${a.id}#${o.k}`, name: o.name, what: 'network object', pointer: a.pointer, max: nameMax(ctx) });
    }
    if (objs.length > 1 && idx.used.has(a.id)) {
      out.groups.push(networkGroup(base, `${what(a)} ${a.source.id}`, objs, ctx));
      out.names.push({ key: a.id, name: base, what: 'network object-group', pointer: a.pointer, max: nameMax(ctx) });
    }
  }
  for (const g of idx.ep.addressGroups) {
    const objs = idx.ranges.get(g.id) ?? [];
    const name = asaName.addressGroup(g.name);
    if (objs.length === 0) {
      out.comments.push(commentText(`${g.id}: no addresses, not rendered; rules that name it match nothing`));
      continue;
    }
    if (!idx.used.has(g.id)) continue;
    out.groups.push(networkGroup(name, `address group ${g.name}`, objs, ctx));
    out.names.push({ key: g.id, name, what: 'network object-group', pointer: g.pointer, max: nameMax(ctx) });
  }
}

export function networkGroup(name: string, description: string, objs: RangeObject[], ctx: RenderContext): GroupView {
  return { kind: 'network', name, description: descriptionText(description, ctx.platform), members: objs.map((o) => `network-object object ${o.name}`) };
}

export function serviceGroup(name: string, description: string, members: ServiceObject[], ctx: RenderContext): GroupView {
  return { kind: 'service', name, description: descriptionText(description, ctx.platform), members: members.map((s) => `service-object object ${asaName.service(s.name)}`) };
}

function serviceObjects(idx: AsaIndex, ctx: RenderContext, out: ObjectsBuild): void {
  for (const s of idx.ep.services) {
    const name = asaName.service(s.name);
    out.objects.push({ kind: 'service', name, description: descriptionText(`service ${s.name}`, ctx.platform), body: serviceBody(s) });
    out.names.push({ key: s.id, name, what: 'service object', pointer: idx.ep.pointer, max: nameMax(ctx) });
  }
  for (const g of idx.ep.serviceGroups) {
    const members = idx.services.get(g.id) ?? [];
    const name = asaName.serviceGroup(g.name);
    if (members.length === 0) {
      out.comments.push(commentText(`${g.id}: no services, not rendered; rules that name it match nothing`));
      continue;
    }
    out.groups.push(serviceGroup(name, `service group ${g.name}`, members, ctx));
    out.names.push({ key: g.id, name, what: 'service object-group', pointer: idx.ep.pointer, max: nameMax(ctx) });
  }
}

/** Name limit: min(platform nameMax, 64). Takes the render context or the policy-check facts (policyChecks.ts). */
export function nameMax(ctx: Pick<RenderContext, 'platform'>): number {
  return Math.min(ctx.platform.limits.nameMax, ASA_NAME_MAX);
}

/**
 * The objects and object-groups, in IR order (sorted by id upstream). Call after every
 * rule is matched (asaAces.ruleMatch): which groups are printed depends on idx.used.
 */
export function buildObjects(idx: AsaIndex, ctx: RenderContext): ObjectsBuild {
  const out: ObjectsBuild = { objects: [], groups: [], comments: [], names: [] };
  addressObjects(idx, ctx, out);
  serviceObjects(idx, ctx, out);
  return out;
}
