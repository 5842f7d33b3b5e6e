import type { Asset, Model } from '../model/types.js';
import { compareText } from './compareText.js';
import type { DeviceEntry, FieldChange } from './types.js';

/** The asset fields reviewers compare, as text (lists sorted by the model already). */
function fields(a: Asset): Record<string, string> {
  return {
    zone: a.zone,
    type: a.type,
    addresses: a.addresses.map((n) => n.text).join(', ') || '-',
    profile: a.profile ?? '-',
    capabilities: a.effectiveCapabilities.join(', ') || '-',
    essential: String(a.essential),
    firmware: [a.vendor, a.model, a.firmware].filter((x) => x !== undefined).join(' ') || '-',
  };
}

export function fieldChanges(before: Record<string, string>, after: Record<string, string>): FieldChange[] {
  return Object.keys(after).filter((k) => before[k] !== after[k]).map((k) => ({ field: k, old: before[k] ?? '-', new: after[k] }));
}

/** Devices added, removed, and changed (zone, type, addresses, profile, capabilities, essential, firmware). */
export function diffDevices(old: Model, next: Model): { added: DeviceEntry[]; removed: DeviceEntry[]; changed: DeviceEntry[] } {
  const entry = (a: Asset): DeviceEntry => ({ id: a.id, zone: a.zone, type: a.type });
  const added = [...next.assets.values()].filter((a) => !old.assets.has(a.id)).map(entry);
  const removed = [...old.assets.values()].filter((a) => !next.assets.has(a.id)).map(entry);
  const changed: DeviceEntry[] = [];
  for (const a of next.assets.values()) {
    const b = old.assets.get(a.id);
    if (!b) continue;
    const changes = fieldChanges(fields(b), fields(a));
    if (changes.length > 0) changed.push({ ...entry(a), changes });
  }
  const byId = (x: DeviceEntry, y: DeviceEntry) => compareText(x.id, y.id);
  return { added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) };
}
