import type { Finding } from '../assess/types.js';
import { describeFlow } from '../model/describeFlow.js';
import { FRS } from '../model/types.js';
import type { Model, Zone } from '../model/types.js';
import { crossesDmzLine, MAX_SPAN, purdueSpan } from './purdue.js';

/**
 * OTPC755: a flow INTO a zone with a higher SL-T (any FR of its vector higher than the
 * source zone's) that crosses the DMZ line directly, more than one Purdue level away:
 * e.g. enterprise (Purdue 4, SL-T 1) to supervisory (Purdue 2, SL-T 2). "Without a
 * DMZ" means exactly that: one zone is at Purdue >= 4, the other at <= 3, the span
 * is 2 or more, and neither zone is the DMZ (a flow ending in a Purdue 3.5 zone
 * terminates in the DMZ). Enterprise -> site operations (one level) is not flagged:
 * it is common and usually brokered by application proxies the policy does not show.
 */
export function upSlWithoutDmzFindings(model: Model): Finding[] {
  const out: Finding[] = [];
  for (const c of model.conduits.values()) {
    for (const f of c.flows) {
      const from = model.zones.get(f.fromZone);
      const to = model.zones.get(f.toZone);
      if (!from || !to) continue;
      const higher = FRS.filter((fr) => to.slTarget[fr] > from.slTarget[fr]);
      if (higher.length === 0 || purdueSpan(from.purdue, to.purdue) <= MAX_SPAN || !crossesDmzLine(from.purdue, to.purdue)) continue;
      out.push({
        code: 'OTPC755', severity: 'warning', pointer: f.pointer,
        message: `flow ${describeFlow(f)} goes from ${zoneText(from)} straight into ${zoneText(to)}, `
          + `a higher SL-T (${higher.map((fr) => `${fr} ${from.slTarget[fr]} -> ${to.slTarget[fr]}`).join(', ')}), without passing a DMZ`,
      });
    }
  }
  return out;
}

function zoneText(z: Zone): string {
  return `${z.id} (Purdue ${z.purdue})`;
}
