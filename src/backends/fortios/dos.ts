import { ANY } from '../../rules/types.js';
import type { Rule } from '../../rules/types.js';
import type { RateLimit } from '../../model/types.js';
import { FORTIOS_LIMITS } from './limits.js';
import { rulePhase } from './phase.js';
import type { PolicyView } from './policies.js';
import { comment } from './viewContext.js';
import type { ViewContext } from './viewContext.js';
import type { ZoneSection } from './zones.js';

export interface AnomalyView {
  name: string;
  action: 'block' | 'pass';
  threshold: string;
}

/** One `config firewall DoS-policy` (IPv4) or `DoS-policy6` entry. */
export interface DosView {
  id: string;
  comments: string;
  interface: string;
  srcaddr: string[];
  dstaddr: string[];
  service: string[];
  anomalies: AnomalyView[];
}

export interface DosSection {
  v4: DosView[];
  v6: DosView[];
}

/**
 * Rate limits (C7, SR 7.1 RE 1/RE 2) as FortiOS DoS policies on the INGRESS interface
 * (the rule's fromZone; vendors.md 2.1 "Rate limiting"). Anomaly mapping:
 * TCP: newConnectionsPerSecond -> tcp_syn_flood, maxConnections -> tcp_dst_session,
 * perSourceConnections -> tcp_src_session; UDP: maxConnections -> udp_dst_session,
 * perSourceConnections -> udp_src_session. tcp_syn_flood counts SYNs per second to one
 * destination, not per source: the threshold is the IR number as is.
 * enforce: action block; monitor: action pass (log only).
 *
 * What FortiOS cannot express is never approximated. The IR carries only the kinds the
 * platforms catalogue lists for fortios (no max-embryonic), and the assessment reports
 * the rest (OTPC704); an embryonic limit reaching here means a catalogue that claims it,
 * refused (OTPC705) so nothing is credited that is not applied. The built-in catalogue
 * lists new-connections-per-second for TCP only (FortiOS has no new-connection rate for
 * UDP: udp_flood counts packets, not sessions), so the IR never carries it for UDP; a user
 * catalogue that claims it for UDP gets a warning here (OTPC704) and only the TCP part.
 */
const MAPPING: { transport: 'tcp' | 'udp'; anomaly: string; field: keyof RateLimit }[] = [
  { transport: 'tcp', anomaly: 'tcp_syn_flood', field: 'newConnectionsPerSecond' },
  { transport: 'tcp', anomaly: 'tcp_src_session', field: 'perSourceConnections' },
  { transport: 'tcp', anomaly: 'tcp_dst_session', field: 'maxConnections' },
  { transport: 'udp', anomaly: 'udp_src_session', field: 'perSourceConnections' },
  { transport: 'udp', anomaly: 'udp_dst_session', field: 'maxConnections' },
];

function transports(vc: ViewContext, rule: Rule): Set<'tcp' | 'udp'> {
  if (rule.services.includes(ANY)) return new Set(['tcp', 'udp']);
  const ids = new Set(rule.services);
  for (const g of vc.ep.serviceGroups) if (ids.has(g.id)) g.members.forEach((m) => ids.add(m));
  return new Set(vc.ep.services.filter((s) => ids.has(s.id)).map((s) => s.transport));
}

function udpRateNotRendered(vc: ViewContext, rule: Rule): void {
  vc.diagnostics.push({
    code: 'OTPC704', severity: 'warning', file: vc.file, pointer: rule.trace?.pointer ?? vc.ep.pointer,
    message: `FortiOS DoS policy cannot express a new-connections-per-second limit for UDP for rule ${rule.id}; it is rendered for TCP only`,
    hint: 'FortiOS udp_flood counts packets, not new sessions; the max-connections and per-source limits apply to UDP too.',
  });
}

function embryonicClaimed(vc: ViewContext, rule: Rule): void {
  vc.diagnostics.push({
    code: 'OTPC705', severity: 'error', file: vc.file, pointer: rule.trace?.pointer ?? vc.ep.pointer,
    message: `rule ${rule.id} asks for a half-open (embryonic) connection limit; FortiOS DoS policies have none`,
    hint: 'Remove max-embryonic from rate-limit-kinds of the fortios platforms row (a --catalog file?); the assessment then reports it as not enforced.',
  });
}

function anomalies(vc: ViewContext, rule: Rule, limit: RateLimit, action: 'block' | 'pass'): AnomalyView[] {
  const t = transports(vc, rule);
  const out: AnomalyView[] = [];
  for (const m of MAPPING) {
    const value = limit[m.field];
    if (!t.has(m.transport) || value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      vc.diagnostics.push({ code: 'OTPC705', severity: 'error', file: vc.file, pointer: rule.trace?.pointer ?? vc.ep.pointer, message: `rate limit ${String(m.field)} of rule ${rule.id} must be a positive integer` });
      continue;
    }
    out.push({ name: m.anomaly, action, threshold: String(value) });
  }
  if (t.has('udp') && limit.newConnectionsPerSecond !== undefined) udpRateNotRendered(vc, rule);
  if (limit.maxEmbryonic !== undefined) embryonicClaimed(vc, rule);
  return out;
}

/**
 * One DoS policy per rate-limited allow rule and address family, matching what the
 * rule's firewall policy matches (same addresses and services), in rule order.
 */
export function buildDos(vc: ViewContext, zones: ZoneSection, policies: Map<string, PolicyView>): DosSection {
  const sec: DosSection = { v4: [], v6: [] };
  for (const rule of vc.ep.rules) {
    const policy = policies.get(rule.id);
    if (!rule.rateLimit || rule.action !== 'allow' || rule.fromZone === undefined || !policy) continue;
    const zone = zones.byId.get(rule.fromZone);
    if (!zone) continue;
    const action = rulePhase(vc.ep, rule) === 'monitor' ? 'pass' : 'block';
    const list = anomalies(vc, rule, rule.rateLimit, action);
    if (list.length === 0) continue;
    const text = comment(`otpc rate limit of ${rule.id}, policy ${policy.name} (${action === 'pass' ? 'monitor phase: log only' : 'enforced'}): ${rule.comment}`, FORTIOS_LIMITS.dosComment);
    const base = { comments: text, interface: zone.interface, service: policy.service, anomalies: list };
    if (policy.v4) sec.v4.push({ id: String(sec.v4.length + 1), ...base, srcaddr: policy.srcaddr, dstaddr: policy.dstaddr });
    if (policy.v6) sec.v6.push({ id: String(sec.v6.length + 1), ...base, srcaddr: policy.srcaddr6, dstaddr: policy.dstaddr6 });
  }
  return sec;
}
