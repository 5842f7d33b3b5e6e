import { joinPointer } from '../diagnostics/sourceMap.js';
import type { CheckContext } from './checkContext.js';
import { asRecord, asString, entriesOf } from './rawAccess.js';
import { quote } from './quote.js';
import { didYouMean } from './suggest.js';

function checkInterfaces(ctx: CheckContext, id: string, interfaces: unknown, pointer: string): void {
  const byName = new Map<string, string>();
  const entries = entriesOf(interfaces, pointer);
  for (const { key: zone, value, pointer: at } of entries) {
    if (!ctx.index.zones.has(zone)) {
      ctx.issues.add('OTPC304', at, `interface of enforcement point "${id}" names the undefined zone ${quote(zone)}${didYouMean(zone, ctx.index.zones)}`, { at: 'key' });
    }
    const name = asString(value);
    if (name === undefined) continue;
    const first = byName.get(name);
    if (first !== undefined) {
      ctx.issues.add('OTPC312', at, `zones "${first}" and "${zone}" both use interface ${quote(name)} of enforcement point "${id}"`);
    } else byName.set(name, zone);
  }
  if (asRecord(interfaces) && entries.length < 2) {
    const which = entries.length === 0 ? 'no zone' : `only zone "${entries[0].key}"`;
    ctx.issues.add('OTPC315', pointer, `enforcement point "${id}" has interfaces in ${which}; it can only enforce conduits between zones it joins`);
  }
}

/** Platform (311) and interfaces (304, 312, 315) of each enforcement point. */
export function checkEnforcement(ctx: CheckContext): void {
  for (const { key: id, value, pointer } of entriesOf(ctx.doc.enforcement, '/enforcement')) {
    const ep = asRecord(value);
    if (!ep) continue;
    const platform = asString(ep.platform);
    if (platform !== undefined && !ctx.catalogs.platforms.has(platform)) {
      const known = [...ctx.catalogs.platforms.keys()].sort().join(', ');
      ctx.issues.add('OTPC311', joinPointer(pointer, 'platform'), `enforcement point "${id}" has the unknown platform ${quote(platform)}${didYouMean(platform, ctx.catalogs.platforms.keys())}`, { hint: `Supported platforms: ${known}.` });
    }
    checkInterfaces(ctx, id, ep.interfaces, joinPointer(pointer, 'interfaces'));
  }
}
