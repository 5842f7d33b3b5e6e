import { joinPointer } from '../diagnostics/sourceMap.js';
import type { CheckContext } from './checkContext.js';
import { asRecord, asString, entriesOf, has, stringItems } from './rawAccess.js';
import { quote } from './quote.js';
import { didYouMean } from './suggest.js';

/** Zone, profile and capability references of each asset, and exactly one of address/addresses. */
export function checkAssets(ctx: CheckContext): void {
  const { issues, catalogs, index } = ctx;
  for (const { key: id, value, pointer } of entriesOf(ctx.doc.assets, '/assets')) {
    const asset = asRecord(value);
    if (!asset) continue;
    const zone = asString(asset.zone);
    if (zone !== undefined && !index.zones.has(zone)) {
      issues.add('OTPC301', joinPointer(pointer, 'zone'), `asset "${id}" is in zone ${quote(zone)}, which is not defined under zones${didYouMean(zone, index.zones)}`);
    }
    if (has(asset, 'address') && has(asset, 'addresses')) {
      issues.add('OTPC207', joinPointer(pointer, 'addresses'), `asset "${id}" gives both address and addresses; keep one of the two`, { at: 'key' });
    } else if (!has(asset, 'address') && !has(asset, 'addresses')) {
      issues.add('OTPC202', joinPointer(pointer, 'address'), `asset "${id}" is missing the required key "address" (or "addresses")`, { at: 'key' });
    }
    const profile = asString(asset.profile);
    if (profile !== undefined && !catalogs.profiles.has(profile)) {
      issues.add('OTPC307', joinPointer(pointer, 'profile'), `asset "${id}" uses the unknown device profile ${quote(profile)}${didYouMean(profile, catalogs.profiles.keys())}`);
    }
    for (const cap of stringItems(asset.capabilities, joinPointer(pointer, 'capabilities'))) {
      if (catalogs.capabilities.has(cap.value)) continue;
      issues.add('OTPC306', cap.pointer, `asset "${id}" lists the unknown capability ${quote(cap.value)}${didYouMean(cap.value, catalogs.capabilities.keys())}`);
    }
  }
}
