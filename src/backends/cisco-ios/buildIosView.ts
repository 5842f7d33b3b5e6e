import type { Platform } from '../../catalog/types.js';
import type { RenderContext } from '../types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { EnforcementIR, Rule, ZoneBinding } from '../../rules/types.js';
import { buildAcl } from './iosAcls.js';
import type { AclView } from './iosAcls.js';
import { aclLoggingSection, serviceSections, spanSection } from './iosGlobals.js';
import type { SectionView } from './iosGlobals.js';
import { danglingRefs, indexEnforcement } from './iosIndex.js';
import type { IosIndex } from './iosIndex.js';
import { PREFIX, checkInterfaceName, checkIosNames, interfacePointer } from './iosNames.js';
import type { NameRequest } from './iosNames.js';
import { networkGroups, serviceGroups } from './iosObjectGroups.js';
import type { ObjectGroupView } from './iosObjectGroups.js';
import { iosHeader } from './iosHeader.js';

/** Everything the templates print, already named, sanitised and ordered. */
export interface IosView {
  header: string[];
  /** Global commands printed before the object-groups and ACLs (the ACL logging rate limit). */
  preamble: SectionView[];
  objectGroups: ObjectGroupView[];
  acls: AclView[];
  interfaces: { name: string; lines: string[] }[];
  sections: SectionView[];
}

export interface IosViewResult { view: IosView; diagnostics: Diagnostic[] }

function sortedZones(ep: EnforcementIR): ZoneBinding[] {
  return [...ep.zones].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function irErrors(idx: IosIndex, ctx: RenderContext): Diagnostic[] {
  const ep = idx.ep;
  const out: Diagnostic[] = [];
  const internal = (message: string, pointer?: string): Diagnostic => ({ code: 'OTPC999', severity: 'error', file: ctx.file, pointer: pointer ?? ep.pointer, message });
  if (!ep.rules.some((r) => r.kind === 'final')) out.push(internal(`Enforcement point ${ep.id}: the rule IR has no catch-all rule`));
  for (const z of idx.zoneMismatches) out.push(internal(`Address object zone:${z} holds other ranges than the networks of zone ${z}`));
  const zones = new Set(ep.zones.map((z) => z.id));
  for (const rule of ep.rules) {
    out.push(...unsupportedControls(rule, ep.pointer, ctx));
    const missing = danglingRefs(idx, rule);
    if (missing.length > 0) out.push(internal(`Rule ${rule.id} refers to undefined objects: ${missing.join(', ')}`, rule.trace?.pointer));
    if (rule.kind !== 'final' && (!zones.has(rule.fromZone ?? '') || !zones.has(rule.toZone ?? ''))) {
      out.push(internal(`Rule ${rule.id} joins zones that have no interface on ${ep.id}`, rule.trace?.pointer));
    }
  }
  return out;
}

/**
 * Controls the rule IR asks for that an ACL cannot apply. The built-in platforms
 * catalogue lists neither for cisco-ios, so the IR never carries them; a user catalogue
 * that claims them would make the assessment credit a control this configuration does
 * not enforce (never credit what the site cannot deploy): refused, not downgraded.
 */
function unsupportedControls(rule: Rule, epPointer: string, ctx: RenderContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const hint = 'The cisco-ios row of the platforms catalogue (a --catalog file?) claims a control IOS ACLs cannot apply; remove the claim so the assessment reports it as partial.';
  const at = (message: string): Diagnostic => ({ code: 'OTPC705', severity: 'error', file: ctx.file, pointer: rule.trace?.pointer ?? epPointer, message, hint });
  if (rule.rateLimit) out.push(at(`Rule ${rule.id} carries a rate limit; IOS ACLs cannot limit connections (that needs CoPP, MQC police or a zone-based firewall)`));
  if (rule.readOnly?.mode === 'dpi') out.push(at(`Rule ${rule.id} asks to filter ${rule.readOnly.protocol} operations; IOS ACLs match L3/L4 only`));
  return out;
}

/** True when any object or zone network is IPv6. */
function hasIpv6(ep: EnforcementIR): boolean {
  return ep.addresses.some((a) => a.ranges.some((r) => r.family === 6)) || ep.zones.some((z) => z.networks.some((r) => r.family === 6));
}

function nameRequests(idx: IosIndex, acls: { zone: ZoneBinding; acl: AclView }[], groups: ObjectGroupView[]): NameRequest[] {
  const ep = idx.ep;
  const out: NameRequest[] = acls.map(({ zone, acl }) => ({ key: `${acl.header.split(' ')[0]}:${zone.id}`, name: acl.name, what: 'ACL', pointer: interfacePointer(ep, zone.id) }));
  for (const g of groups) {
    const pointer = g.kind === 'network'
      ? idx.objects.get(g.key)?.pointer ?? idx.groups.get(g.key)?.pointer ?? ep.pointer
      : ep.rules.find((r) => r.services.includes(g.key))?.trace?.pointer ?? ep.pointer;
    out.push({ key: `${g.kind}:${g.key}`, name: g.name, what: `${g.kind} object-group`, pointer });
  }
  return out;
}

/** ACEs beyond the platform's rulesMax (TCAM sizes vary by platform: a warning, not an error). */
function aclSizeWarnings(acls: AclView[], ctx: RenderContext): Diagnostic[] {
  const max = ctx.platform.limits.rulesMax;
  if (max === undefined) return [];
  return acls.flatMap((acl) => {
    const n = acl.groups.reduce((sum, g) => sum + g.aces.length, 0);
    return n > max ? [{ code: 'OTPC757', severity: 'warning' as const, file: ctx.file, message: `ACL ${acl.name} has ${n} entries; the platform limit is ${max}`, expected: `<= ${max}`, actual: String(n) }] : [];
  });
}

/**
 * IPv6 ACLs on every zone interface whenever the platform filters IPv6, IPv6 addresses
 * or not: an interface without an `ipv6 traffic-filter` forwards IPv6 unfiltered as soon
 * as IPv6 is enabled on it, bypassing the boundary. Without IPv6 addresses such an ACL
 * holds only the ND permits and the final entry. A platform row that claims no IPv6
 * still gets them when the policy has IPv6 addresses (as before). Also used by policyChecks.ts.
 */
export function ipv6Acls(ipv6Addresses: boolean, platform: Platform): boolean {
  return ipv6Addresses || platform.supports.ipv6;
}

/**
 * Builds the view model: one inbound ACL per zone interface and family (IPv4 always,
 * IPv6 see ipv6Acls), the object-groups those ACLs use, the interface bindings, the ACL
 * logging rate limit, logging, NTP and the discover-phase SPAN.
 */
export function buildIosView(ep: EnforcementIR, ctx: RenderContext): IosViewResult {
  const idx = indexEnforcement(ep);
  const diagnostics = irErrors(idx, ctx);
  if (diagnostics.length > 0) return { view: { header: [], preamble: [], objectGroups: [], acls: [], interfaces: [], sections: [] }, diagnostics };
  const v6 = ipv6Acls(hasIpv6(ep), ctx.platform);
  const acls: { zone: ZoneBinding; acl: AclView }[] = [];
  const interfaces: IosView['interfaces'] = [];
  const seenInterfaces = new Map<string, string>();
  for (const zone of sortedZones(ep)) {
    diagnostics.push(...checkInterfaceName(zone.interface, ctx.file, interfacePointer(ep, zone.id)));
    const other = seenInterfaces.get(zone.interface.toLowerCase());
    if (other !== undefined) {
      diagnostics.push({ code: 'OTPC706', severity: 'error', file: ctx.file, pointer: interfacePointer(ep, zone.id), message: `Interface ${zone.interface} is bound to zones ${other} and ${zone.id}; one inbound ACL per interface` });
    }
    seenInterfaces.set(zone.interface.toLowerCase(), zone.id);
    const lines: string[] = [];
    for (const family of v6 ? [4, 6] as const : [4] as const) {
      const name = (family === 4 ? PREFIX.acl4 : PREFIX.acl6) + zone.id;
      const built = buildAcl(idx, zone, family, name, ctx);
      diagnostics.push(...built.diagnostics);
      if (!built.acl) continue;
      acls.push({ zone, acl: built.acl });
      lines.push(family === 4 ? `ip access-group ${name} in` : `ipv6 traffic-filter ${name} in`);
    }
    interfaces.push({ name: zone.interface, lines });
  }
  diagnostics.push(...aclSizeWarnings(acls.map((a) => a.acl), ctx));
  const objectGroups = [...networkGroups(idx, ctx), ...serviceGroups(idx, ctx)];
  diagnostics.push(...checkIosNames(nameRequests(idx, acls, objectGroups), ctx.platform.limits.nameMax, ctx.file));
  const sections = serviceSections(ep, ctx, diagnostics);
  const span = spanSection(ep, ctx, diagnostics);
  if (span) sections.push(span);
  const logging = aclLoggingSection(acls.some((a) => a.acl.logs));
  const header = iosHeader(ep, ctx, { addresses: hasIpv6(ep), acls: v6 }, idx.classic, logging !== undefined);
  const view: IosView = { header, preamble: logging ? [logging] : [], objectGroups, acls: acls.map((a) => a.acl), interfaces, sections };
  return { view, diagnostics };
}
