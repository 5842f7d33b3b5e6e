import { FRS } from '../model/types.js';
import type { FR, SLVector } from '../model/types.js';
import type { Status } from './types.js';

/**
 * SL-A per FR: the highest level k such that every requirement of the FR selected at
 * a level <= k is met natively or compensated (iec62443-3-3.md "Gap computation";
 * partial, waived and gap rows do not count). Levels run 0..4.
 */
export function slAchieved(rows: readonly { fr: FR; sl: number; status: Status }[]): SLVector {
  // One pass (a device has ~100 rows, a large site 10k devices): per FR the lowest level
  // of a row that is not met; SL-A is the highest whole level below it.
  const lowestUnmet: Record<string, number> = {};
  for (const r of rows) {
    if (r.status === 'native' || r.status === 'compensated') continue;
    if (r.sl < (lowestUnmet[r.fr] ?? Infinity)) lowestUnmet[r.fr] = r.sl;
  }
  const out = {} as SLVector;
  for (const fr of FRS) out[fr] = Math.min(4, Math.max(0, Math.ceil(lowestUnmet[fr] ?? Infinity) - 1));
  return out;
}

export function minVector(vectors: readonly SLVector[]): SLVector {
  const out = {} as SLVector;
  for (const fr of FRS) out[fr] = vectors.length === 0 ? 0 : Math.min(...vectors.map((v) => v[fr]));
  return out;
}
