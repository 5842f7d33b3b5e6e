import type { EnforcementIR, Rule } from '../rules/types.js';
import { ANY } from '../rules/types.js';
import { rangeText } from './rangeText.js';
import type { RuleView } from './types.js';

function addressNames(ep: EnforcementIR): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const a of ep.addresses) {
    const what = a.source.kind === 'asset' || a.source.kind === 'zone' ? `${a.source.kind} ${a.source.id}` : a.name;
    names.set(a.id, [`${what} (${a.ranges.map(rangeText).join(', ') || 'no addresses'})`]);
  }
  for (const g of ep.addressGroups) names.set(g.id, g.members.flatMap((m) => names.get(m) ?? [m]));
  return names;
}

function serviceNames(ep: EnforcementIR): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const s of ep.services) {
    const ports = s.ports[0] === s.ports[1] ? `${s.ports[0]}` : `${s.ports[0]}-${s.ports[1]}`;
    names.set(s.id, [`${s.transport}/${ports}${s.protocol ? ` (${s.protocol})` : ''}`]);
  }
  for (const g of ep.serviceGroups) names.set(g.id, g.members.flatMap((m) => names.get(m) ?? [m]));
  return names;
}

const resolve = (refs: string[], names: Map<string, string[]>) =>
  [...new Set(refs.flatMap((r) => (r === ANY ? ['any'] : (names.get(r) ?? [r]))))].sort();

function baseKey(rule: Rule): string {
  return rule.kind === 'flow' && rule.trace ? `flow ${rule.trace.conduit} ${rule.trace.flowKey}` : rule.id;
}

/**
 * The rules of an enforcement point as reviewers compare them: keyed by content
 * (conduit + flow key for flow rules, never the rule number, which moves when a
 * conduit is added), with addresses and services resolved to what they stand for.
 */
export function ruleViews(ep: EnforcementIR): RuleView[] {
  const addr = addressNames(ep);
  const svc = serviceNames(ep);
  const seen = new Map<string, number>();
  return ep.rules.map((rule) => {
    const base = baseKey(rule);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const ro = rule.readOnly;
    return {
      key: n === 1 ? base : `${base} #${n}`,
      kind: rule.kind,
      ...(rule.fromZone !== undefined ? { fromZone: rule.fromZone } : {}),
      ...(rule.toZone !== undefined ? { toZone: rule.toZone } : {}),
      action: rule.action, log: rule.log,
      src: resolve(rule.src, addr), dst: resolve(rule.dst, addr), services: resolve(rule.services, svc),
      ...(ro ? { readOnly: `${ro.protocol} ${ro.mode === 'dpi' ? `filtered by ${ro.field}: allowed ${ro.allowed.join(',')}` : 'not filtered by operation on this platform (port level)'}` } : {}),
      ...(rule.rateLimit ? { rateLimit: Object.entries(rule.rateLimit).map(([k, v]) => `${k} ${v}`).sort().join(', ') } : {}),
    };
  });
}
