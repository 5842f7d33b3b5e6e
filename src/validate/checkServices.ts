import { joinPointer } from '../diagnostics/sourceMap.js';
import { parseNet } from '../model/ip.js';
import type { CheckContext } from './checkContext.js';
import { asRecord, asString, has, oneOrMany, stringItems } from './rawAccess.js';
import { quote } from './quote.js';
import { didYouMean } from './suggest.js';

function checkServiceAddresses(ctx: CheckContext, service: string, value: unknown, pointer: string): void {
  for (const a of oneOrMany(value, pointer)) {
    const r = parseNet(a.value);
    if (!r.ok) ctx.issues.add('OTPC407', a.pointer, `services.${service}: ${r.error}`);
    else if (r.net.first !== r.net.last) ctx.issues.add('OTPC407', a.pointer, `services.${service}: ${quote(a.value)} is a network; give the server's host address`);
  }
}

function checkIds(ctx: CheckContext, ids: Record<string, unknown>, pointer: string): void {
  if (has(ids, 'address') && has(ids, 'addresses')) {
    ctx.issues.add('OTPC207', joinPointer(pointer, 'addresses'), 'services.ids gives both address and addresses; keep one of the two', { at: 'key' });
  } else if (!has(ids, 'address') && !has(ids, 'addresses')) {
    ctx.issues.add('OTPC202', joinPointer(pointer, 'address'), 'services.ids is missing the required key "address" (or "addresses")', { at: 'key' });
  }
  checkServiceAddresses(ctx, 'ids', ids.address, joinPointer(pointer, 'address'));
  checkServiceAddresses(ctx, 'ids', ids.addresses, joinPointer(pointer, 'addresses'));
  for (const z of stringItems(ids.monitors, joinPointer(pointer, 'monitors'))) {
    if (ctx.index.zones.has(z.value)) continue;
    ctx.issues.add('OTPC305', z.pointer, `services.ids monitors the undefined zone ${quote(z.value)}${didYouMean(z.value, ctx.index.zones)}`);
  }
}

/** Site service addresses (407) and references: jump-host is an asset, ids.monitors are zones (305). */
export function checkServices(ctx: CheckContext): void {
  const services = asRecord(ctx.doc.services);
  if (!services) return;
  for (const name of ['syslog', 'ntp', 'backup']) checkServiceAddresses(ctx, name, services[name], `/services/${name}`);
  const ids = asRecord(services.ids);
  if (ids) checkIds(ctx, ids, '/services/ids');
  const jump = asString(services['jump-host']);
  if (jump !== undefined && !ctx.index.assetZone.has(jump)) {
    const what = ctx.index.zones.has(jump) ? `${quote(jump)} is a zone, not an asset` : `${quote(jump)} is not an asset id${didYouMean(jump, ctx.index.assetZone.keys())}`;
    ctx.issues.add('OTPC305', '/services/jump-host', `services.jump-host: ${what}`);
  }
}
