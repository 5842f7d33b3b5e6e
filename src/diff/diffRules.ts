import type { EnforcementIR, RuleIR } from '../rules/types.js';
import type { Model } from '../model/types.js';
import { compareText } from './compareText.js';
import { fieldChanges } from './diffDevices.js';
import { ruleViews } from './ruleViews.js';
import type { EnforcementDiff, RuleChange, RuleView } from './types.js';

const FIELDS = ['fromZone', 'toZone', 'action', 'log', 'src', 'dst', 'services', 'readOnly', 'rateLimit'] as const;

function changedFields(a: RuleView, b: RuleView): string[] {
  return FIELDS.filter((f) => JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null));
}

function pointFields(model: Model, ep: EnforcementIR | undefined): Record<string, string> {
  const src = ep ? model.enforcement.get(ep.id) : undefined;
  return {
    platform: ep?.platform ?? '-',
    interfaces: src ? Object.entries(src.interfaces).map(([z, i]) => `${z}=${i}`).sort().join(', ') : '-',
    'fail-mode': src?.failMode ?? '-',
    'island-mode': src ? String(src.islandMode) : '-',
  };
}

function diffPoint(id: string, o: EnforcementIR | undefined, n: EnforcementIR | undefined, oldModel: Model, newModel: Model): EnforcementDiff | undefined {
  const before = new Map((o ? ruleViews(o) : []).map((r) => [r.key, r] as const));
  const after = new Map((n ? ruleViews(n) : []).map((r) => [r.key, r] as const));
  const added = [...after.values()].filter((r) => !before.has(r.key));
  const removed = [...before.values()].filter((r) => !after.has(r.key));
  const changed: RuleChange[] = [];
  for (const r of after.values()) {
    const b = before.get(r.key);
    const fields = b ? changedFields(b, r) : [];
    if (b && fields.length > 0) changed.push({ key: r.key, fields, old: b, new: r });
  }
  const changes = o && n ? fieldChanges(pointFields(oldModel, o), pointFields(newModel, n)) : [];
  if (added.length + removed.length + changed.length + changes.length === 0) return undefined;
  const byKey = (x: { key: string }, y: { key: string }) => compareText(x.key, y.key);
  return {
    id, platform: (n ?? o)!.platform, change: !o ? 'added' : !n ? 'removed' : 'changed', changes,
    added: added.sort(byKey), removed: removed.sort(byKey), changed: changed.sort(byKey),
  };
}

/** Rules added, removed and changed per enforcement point, matched by content identity (ruleViews). */
export function diffRules(old: RuleIR, next: RuleIR, oldModel: Model, newModel: Model): EnforcementDiff[] {
  const before = new Map(old.enforcement.map((e) => [e.id, e] as const));
  const after = new Map(next.enforcement.map((e) => [e.id, e] as const));
  return [...new Set([...before.keys(), ...after.keys()])].sort(compareText)
    .map((id) => diffPoint(id, before.get(id), after.get(id), oldModel, newModel))
    .filter((d): d is EnforcementDiff => d !== undefined);
}
