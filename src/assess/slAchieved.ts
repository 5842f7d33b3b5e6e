import { FRS } from '../model/types.js';
import type { FR, SLVector } from '../model/types.js';
import type { Status } from './types.js';

/**
 * SL-A per FR: the highest level k such that every requirement of the FR selected at
 * a level <= k is met natively or compensated (iec62443-3-3.md "Gap computation";
 * partial, waived and gap rows do not count). Levels run 0..4.
 */
export function slAchieved(rows: readonly { fr: FR; sl: number; status: Status }[]): SLVector {
  const out = {} as SLVector;
  for (const fr of FRS) {
    let k = 0;
    for (let level = 1; level <= 4; level++) {
      const unmet = rows.some((r) => r.fr === fr && r.sl <= level && r.status !== 'native' && r.status !== 'compensated');
      if (unmet) break;
      k = level;
    }
    out[fr] = k;
  }
  return out;
}

export function minVector(vectors: readonly SLVector[]): SLVector {
  const out = {} as SLVector;
  for (const fr of FRS) out[fr] = vectors.length === 0 ? 0 : Math.min(...vectors.map((v) => v[fr]));
  return out;
}
