import type { Assessment, ZoneResult } from '../assess/types.js';
import { FRS } from '../model/types.js';
import type { SLVector } from '../model/types.js';
import { compareText } from './compareText.js';
import type { ZoneChange } from './types.js';

const same = (a: SLVector, b: SLVector) => FRS.every((fr) => a[fr] === b[fr]);

/** Zones added or removed, and SL-T / SL-A vector changes of the zones in both versions. */
export function diffZones(old: Assessment, next: Assessment): ZoneChange[] {
  const before = new Map<string, ZoneResult>(old.zones.map((z) => [z.id, z]));
  const after = new Map<string, ZoneResult>(next.zones.map((z) => [z.id, z]));
  const out: ZoneChange[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort(compareText)) {
    const o = before.get(id);
    const n = after.get(id);
    if (!o && n) out.push({ id, change: 'added', slTarget: { new: n.slTarget }, slAchieved: { new: n.slAchieved } });
    else if (o && !n) out.push({ id, change: 'removed', slTarget: { old: o.slTarget }, slAchieved: { old: o.slAchieved } });
    else if (o && n && (!same(o.slTarget, n.slTarget) || !same(o.slAchieved, n.slAchieved))) {
      out.push({
        id, change: 'changed',
        ...(!same(o.slTarget, n.slTarget) ? { slTarget: { old: o.slTarget, new: n.slTarget } } : {}),
        ...(!same(o.slAchieved, n.slAchieved) ? { slAchieved: { old: o.slAchieved, new: n.slAchieved } } : {}),
      });
    }
  }
  return out;
}

/** True when some FR of the new vector is below the old one. */
export function lowered(old: SLVector | undefined, next: SLVector | undefined): boolean {
  return old !== undefined && next !== undefined && FRS.some((fr) => next[fr] < old[fr]);
}
