import type { Finding } from '../assess/types.js';
import type { Model } from '../model/types.js';
import { MAX_SPAN, purdueSpan } from './purdue.js';

/**
 * OTPC756: a conduit whose zones are more than one Purdue level apart (span >= 2, see
 * purdue.ts): traffic that skips a level bypasses the layer meant to broker it (an
 * enterprise client writing to a controller without a supervisory or DMZ hop).
 */
export function purdueSpanFindings(model: Model): Finding[] {
  const out: Finding[] = [];
  for (const c of model.conduits.values()) {
    const [a, b] = c.zones.map((z) => model.zones.get(z));
    if (!a || !b) continue;
    const span = purdueSpan(a.purdue, b.purdue);
    if (span <= MAX_SPAN) continue;
    out.push({
      code: 'OTPC756', severity: 'warning', pointer: c.pointer,
      message: `conduit ${c.id} joins ${a.id} (Purdue ${a.purdue}) and ${b.id} (Purdue ${b.purdue}), ${span} levels apart: `
        + 'it skips a level that should broker the traffic (a DMZ or supervisory zone in between)',
    });
  }
  return out;
}
