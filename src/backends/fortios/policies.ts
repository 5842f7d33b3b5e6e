import { ANY } from '../../rules/types.js';
import type { Rule } from '../../rules/types.js';
import type { AddressSection } from './addresses.js';
import { duplicateId, unknownRef } from './addresses.js';
import type { DpiSection } from './dpi.js';
import { FORTIOS_LIMITS } from './limits.js';
import { policyName } from './naming.js';
import { portOnlyComment } from './readOnlyNotes.js';
import type { ServiceSection } from './services.js';
import { acceptName, comment } from './viewContext.js';
import type { ViewContext } from './viewContext.js';
import type { ZoneSection } from './zones.js';

/** One `config firewall policy` entry (FortiOS 7.x consolidated IPv4/IPv6 policy). */
export interface PolicyView {
  id: string;
  name: string;
  srcintf: string[];
  dstintf: string[];
  /** IPv4 pair (srcaddr/dstaddr); FortiOS applies the policy to IPv4 only when both are set. */
  v4: boolean;
  srcaddr: string[];
  dstaddr: string[];
  v6: boolean;
  srcaddr6: string[];
  dstaddr6: string[];
  action: 'accept' | 'deny';
  service: string[];
  utm: boolean;
  appList: string;
  logtraffic: 'all' | 'disable';
  comments: string;
}

interface Families { v4: string[]; v6: string[] }

/** ANY is the predefined "all" (address and address6 both have one). */
export function resolveAddresses(vc: ViewContext, refs: string[], sec: AddressSection, rule: Rule, side: string): Families {
  if (refs.includes(ANY)) return { v4: ['all'], v6: ['all'] };
  const out: Families = { v4: [], v6: [] };
  for (const ref of refs) {
    const names = sec.refs.get(ref);
    if (!names) { unknownRef(vc, `rule ${rule.id} ${side}`, ref, rule.trace?.pointer ?? vc.ep.pointer); continue; }
    if (names.v4 && !out.v4.includes(names.v4)) out.v4.push(names.v4);
    if (names.v6 && !out.v6.includes(names.v6)) out.v6.push(names.v6);
  }
  return out;
}

/** ANY is the predefined service "ALL" (every IP protocol, ICMP included). */
export function resolveServices(vc: ViewContext, refs: string[], sec: ServiceSection, rule: Rule): string[] {
  if (refs.includes(ANY)) return ['ALL'];
  const out: string[] = [];
  for (const ref of refs) {
    const name = sec.refs.get(ref);
    if (name === undefined) { unknownRef(vc, `rule ${rule.id} service`, ref, rule.trace?.pointer ?? vc.ep.pointer); continue; }
    if (name !== null && !out.includes(name)) out.push(name);
  }
  return out;
}

function interfaces(vc: ViewContext, zones: ZoneSection, rule: Rule): [string[], string[]] | undefined {
  if (rule.kind === 'final') return [['any'], ['any']];
  const from = rule.fromZone === undefined ? undefined : zones.byId.get(rule.fromZone);
  const to = rule.toZone === undefined ? undefined : zones.byId.get(rule.toZone);
  for (const z of [rule.fromZone, rule.toZone]) {
    if (z === undefined || !vc.ep.zones.some((b) => b.id === z)) unknownRef(vc, `rule ${rule.id} zone`, String(z), rule.trace?.pointer ?? vc.ep.pointer);
  }
  return from && to ? [[from.name], [to.name]] : undefined;
}

/**
 * "otpc <rule id> [conduit <c>]: <IR comment without the conduit id>[ READ-ONLY NOT
 * ENFORCED ...]": ids first, so a cut keeps them. No YAML list position: the configuration
 * must not change when flows are merely reordered (trace.json maps the rule id to the flow's
 * position); the SRs are in the IR comment already. A read-only flow the FortiGate cannot
 * filter says so.
 */
export function policyComment(vc: Pick<ViewContext, 'ep' | 'platform'>, rule: Rule, max: number): string {
  const t = rule.trace;
  const trace = t ? ` [conduit ${t.conduit}]` : '';
  const text = t && rule.comment.startsWith(`${t.conduit} `) ? rule.comment.slice(t.conduit.length + 1) : rule.comment;
  return comment(`otpc ${rule.id}${trace}: ${text}${portOnlyComment(vc.ep, vc.platform, rule)}`, max);
}

function checkNumber(vc: ViewContext, rule: Rule): boolean {
  const n = rule.number;
  const pointer = rule.trace?.pointer ?? vc.ep.pointer;
  if (!Number.isInteger(n) || n < 1 || n > FORTIOS_LIMITS.policyIdMax) {
    vc.diagnostics.push({
      code: 'OTPC705', severity: 'error', file: vc.file, pointer,
      message: `rule ${rule.id} has number ${n}; a FortiOS policy id is 1-${FORTIOS_LIMITS.policyIdMax}`,
    });
    return false;
  }
  return acceptName(vc, vc.policies, policyName(rule), 'policy', FORTIOS_LIMITS.policyName, `rule ${rule.id}`, pointer);
}

function neverMatches(vc: ViewContext, rule: Rule, why: string): void {
  vc.diagnostics.push({
    code: 'OTPC751', severity: 'warning', file: vc.file, pointer: rule.trace?.pointer ?? vc.ep.pointer,
    message: `rule ${rule.id} can never match (${why}); no FortiOS policy is rendered for it`,
  });
}

function policyView(vc: ViewContext, rule: Rule, s: { zones: ZoneSection; addresses: AddressSection; services: ServiceSection; dpi: DpiSection }): PolicyView | undefined {
  const numberOk = checkNumber(vc, rule);
  const intf = interfaces(vc, s.zones, rule);
  const src = resolveAddresses(vc, rule.src, s.addresses, rule, 'source');
  const dst = resolveAddresses(vc, rule.dst, s.addresses, rule, 'destination');
  const service = resolveServices(vc, rule.services, s.services, rule);
  if (!numberOk || !intf) return undefined;
  const v4 = src.v4.length > 0 && dst.v4.length > 0;
  const v6 = src.v6.length > 0 && dst.v6.length > 0;
  // FortiOS needs a complete address pair per family and at least one service.
  if (!v4 && !v6) return void neverMatches(vc, rule, 'no address family has both a source and a destination');
  if (service.length === 0) return void neverMatches(vc, rule, 'it has no services');
  const appList = rule.action === 'allow' ? s.dpi.byRule.get(rule.id) ?? '' : '';
  return {
    id: String(rule.number),
    name: policyName(rule),
    srcintf: intf[0],
    dstintf: intf[1],
    v4, srcaddr: v4 ? src.v4 : [], dstaddr: v4 ? dst.v4 : [],
    v6, srcaddr6: v6 ? src.v6 : [], dstaddr6: v6 ? dst.v6 : [],
    action: rule.action === 'allow' ? 'accept' : 'deny',
    service,
    utm: appList !== '',
    appList,
    logtraffic: rule.log ? 'all' : 'disable',
    comments: policyComment(vc, rule, vc.policyCommentMax),
  };
}

/**
 * One policy per IR rule, in IR order: FortiOS evaluates policies in list order, and
 * the id is only a handle (vendors.md 2.1). Names are short and always fit (naming.ts).
 */
export function buildPolicies(vc: ViewContext, s: { zones: ZoneSection; addresses: AddressSection; services: ServiceSection; dpi: DpiSection }): Map<string, PolicyView> {
  const out = new Map<string, PolicyView>();
  const seen = new Set<string>();
  for (const rule of vc.ep.rules) {
    if (seen.has(rule.id)) { duplicateId(vc, rule.id, rule.trace?.pointer ?? vc.ep.pointer); continue; }
    seen.add(rule.id);
    const view = policyView(vc, rule, s);
    if (view) out.set(rule.id, view);
  }
  return out;
}
