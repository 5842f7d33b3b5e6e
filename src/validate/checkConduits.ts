import { joinPointer } from '../diagnostics/sourceMap.js';
import type { CheckContext } from './checkContext.js';
import { checkFlow } from './checkFlow.js';
import { asRecord, entriesOf, stringItems } from './rawAccess.js';
import { quote } from './quote.js';
import { didYouMean } from './suggest.js';

function conduitZones(ctx: CheckContext, id: string, conduit: Record<string, unknown>, pointer: string): [string, string] | undefined {
  const items = stringItems(conduit.zones, joinPointer(pointer, 'zones'));
  let known = true;
  for (const z of items) {
    if (ctx.index.zones.has(z.value)) continue;
    known = false;
    ctx.issues.add('OTPC301', z.pointer, `conduit "${id}" joins the undefined zone ${quote(z.value)}${didYouMean(z.value, ctx.index.zones)}`);
  }
  if (items.length !== 2 || !Array.isArray(conduit.zones) || conduit.zones.length !== 2) return undefined;
  if (items[0].value === items[1].value) {
    ctx.issues.add('OTPC310', items[1].pointer, `conduit "${id}" joins zone "${items[0].value}" to itself; a conduit joins two different zones`);
    return undefined;
  }
  return known ? [items[0].value, items[1].value] : undefined;
}

/** Zones of each conduit (301, 310), at least one flow (309), then every flow. */
export function checkConduits(ctx: CheckContext): void {
  for (const { key: id, value, pointer } of entriesOf(ctx.doc.conduits, '/conduits')) {
    const conduit = asRecord(value);
    if (!conduit) continue;
    const zones = conduitZones(ctx, id, conduit, pointer);
    const flowsPointer = joinPointer(pointer, 'flows');
    if (!Array.isArray(conduit.flows)) continue;
    if (conduit.flows.length === 0) {
      ctx.issues.add('OTPC309', flowsPointer, `conduit "${id}" has no flows`);
      continue;
    }
    conduit.flows.forEach((f, i) => {
      const flow = asRecord(f);
      if (!flow) return;
      checkFlow(ctx, { conduit: id, zones, name: `flow ${i + 1} of conduit "${id}"` }, flow, joinPointer(flowsPointer, i));
    });
  }
}
