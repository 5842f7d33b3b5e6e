import type { Catalogs } from '../catalog/types.js';
import type { Finding } from '../assess/types.js';
import { describeFlow } from '../model/describeFlow.js';
import type { Asset, AssetType, Model } from '../model/types.js';
import { compareStrings } from '../rules/compareStrings.js';

/**
 * OTPC753: a flow that names a whole zone as its DESTINATION on an industrial protocol
 * (catalogue `industrial: true`), where few of the zone's declared assets can answer
 * that protocol. Industrial protocols are answered by field devices (the asset types
 * below); HMIs, engineering workstations, historians, servers and network devices
 * initiate them or do not speak them. "Few" means at most half of the zone's assets
 * (and at least two assets in the zone, so a one-device zone is not flagged): the
 * zone-wide rule then opens the protocol to every other declared device, and to every
 * undeclared one in the zone's networks, for the benefit of a handful. Naming the
 * field devices gives the same service with least privilege (SR 5.2 RE 1).
 *
 * Not flagged: zone-wide SOURCES (every device of a zone sending syslog or asking NTP
 * is normal), non-industrial protocols, zones without declared assets.
 */
export const FIELD_DEVICE_TYPES: readonly AssetType[] = ['drive', 'ied', 'plc', 'rtu', 'safety-plc'];
export const MIN_ZONE_ASSETS = 2;

export function broadZoneFindings(model: Model, catalogs: Catalogs): Finding[] {
  const byZone = new Map<string, Asset[]>();
  for (const a of model.assets.values()) byZone.set(a.zone, [...(byZone.get(a.zone) ?? []), a]);
  const out: Finding[] = [];
  for (const c of model.conduits.values()) {
    for (const f of c.flows) {
      const id = f.protocol.catalogId;
      if (id === undefined || !catalogs.protocols.get(id)?.industrial) continue;
      for (const e of f.to) {
        if (e.kind !== 'zone') continue;
        const assets = byZone.get(e.id) ?? [];
        const peers = assets.filter((a) => FIELD_DEVICE_TYPES.includes(a.type));
        if (assets.length < MIN_ZONE_ASSETS || peers.length * 2 > assets.length) continue;
        const others = assets.filter((a) => !peers.includes(a)).map((a) => a.id).sort(compareStrings);
        const named = peers.length === 0 ? 'none of them is a field device' : `only ${peers.length} (${peers.map((a) => a.id).sort(compareStrings).join(', ')}) ${peers.length === 1 ? 'is a field device' : 'are field devices'}`;
        out.push({
          code: 'OTPC753', severity: 'warning', pointer: f.pointer, devices: others,
          message: `flow ${describeFlow(f)} opens ${id} to all of zone ${e.id} (${assets.length} assets) but ${named} that answer it; name those assets instead of the zone`,
        });
      }
    }
  }
  return out;
}
