import type { SiteIndex } from './checkContext.js';
import { asRecord, asString, type Raw } from './rawAccess.js';

export function buildSiteIndex(doc: Raw): SiteIndex {
  const zones = new Set(Object.keys(asRecord(doc.zones) ?? {}));
  const assetZone = new Map<string, string | undefined>();
  const assets = asRecord(doc.assets) ?? {};
  for (const id of Object.keys(assets)) {
    const zone = asString(asRecord(assets[id])?.zone);
    assetZone.set(id, zone !== undefined && zones.has(zone) ? zone : undefined);
  }
  return { zones, assetZone };
}
