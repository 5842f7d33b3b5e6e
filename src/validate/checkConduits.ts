import { joinPointer } from '../diagnostics/sourceMap.js';
import type { CheckContext } from './checkContext.js';
import { checkFlow } from './checkFlow.js';
import { asRecord, entriesOf, stringItems } from './rawAccess.js';
import { quote } from './quote.js';
import { didYouMean } from './suggest.js';
import { MAX_CONDUITS, MAX_FLOWS_PER_CONDUIT } from '../model/limits.js';

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
  const all = entriesOf(ctx.doc.conduits, '/conduits');
  // Rule numbers are conduit ordinal * 1000 + flow ordinal, below 9,000,000 (src/rules/buildFlowRules.ts).
  if (all.length > MAX_CONDUITS) ctx.issues.add('OTPC322', '/conduits', `the site has ${all.length} conduits; at most ${MAX_CONDUITS} are supported`);
  for (const { key: id, value, pointer } of all) {
    const conduit = asRecord(value);
    if (!conduit) continue;
    const zones = conduitZones(ctx, id, conduit, pointer);
    const flowsPointer = joinPointer(pointer, 'flows');
    if (!Array.isArray(conduit.flows)) continue;
    if (conduit.flows.length === 0) {
      ctx.issues.add('OTPC309', flowsPointer, `conduit "${id}" has no flows`);
      continue;
    }
    if (conduit.flows.length > MAX_FLOWS_PER_CONDUIT) {
      ctx.issues.add('OTPC321', flowsPointer, `conduit "${id}" has ${conduit.flows.length} flows; at most ${MAX_FLOWS_PER_CONDUIT} are supported`);
    }
    conduit.flows.forEach((f, i) => {
      const flow = asRecord(f);
      if (!flow) return;
      checkFlow(ctx, { conduit: id, zones, name: `flow ${i + 1} of conduit "${id}"` }, flow, joinPointer(flowsPointer, i));
    });
  }
}
