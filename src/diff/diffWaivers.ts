import type { Model, Waiver } from '../model/types.js';
import { compareText } from './compareText.js';
import type { WaiverChange } from './types.js';

const subjectOf = (w: Waiver) => (w.asset ? `asset ${w.asset}` : `zone ${w.zone}`);
const terms = (w: Waiver) => ({ expires: w.expires, approvedBy: w.approvedBy, reason: w.reason.replace(/\s+/g, ' ').trim() });

/**
 * Waivers matched by subject and requirement. When a subject and requirement has
 * several waivers (allowed, the latest expiry wins), the sets are compared whole.
 */
export function diffWaivers(old: Model, next: Model): WaiverChange[] {
  const group = (m: Model) => {
    const map = new Map<string, Waiver[]>();
    for (const w of m.waivers) {
      const key = `${subjectOf(w)}\u0000${w.requirement}`;
      map.set(key, [...(map.get(key) ?? []), w]);
    }
    return map;
  };
  const before = group(old);
  const after = group(next);
  const out: WaiverChange[] = [];
  const text = (ws: Waiver[] | undefined) => JSON.stringify((ws ?? []).map(terms).sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b))));
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(compareText)) {
    const o = before.get(key);
    const n = after.get(key);
    if (text(o) === text(n)) continue;
    const [subject, requirement] = key.split('\u0000');
    const latest = (ws: Waiver[]) => terms([...ws].sort((a, b) => compareText(b.expires, a.expires))[0]);
    out.push({
      subject, requirement, change: !o ? 'added' : !n ? 'removed' : 'changed',
      ...(o ? { old: latest(o) } : {}), ...(n ? { new: latest(n) } : {}),
    });
  }
  return out;
}
