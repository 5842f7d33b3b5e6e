import type { Model } from '../model/types.js';
import { compareStrings } from '../rules/compareStrings.js';
import { findV4 } from './rangeSet.js';
import type { Addr } from './types.js';

/**
 * What the policy documents about an address: its asset and zone (zone networks
 * never overlap, OTPC404). Zone lookup is a binary search over the sorted IPv4
 * zone intervals (issue 6: a decision structure, not a scan per flow).
 */
export interface AddressBook {
  /** The zone of the asset that has the address, else the zone whose network holds it. */
  zoneOf(a: Addr): string | undefined;
  assetOf(a: Addr): string | undefined;
  /** Never a device: unspecified, limited broadcast, multicast (0.0.0.0, 255.255.255.255, 224/4, ::, ff00::/8). */
  isSpecial(a: Addr): boolean;
  /** The last address of an IPv4 zone network of /30 or shorter: its directed broadcast, if the traffic agrees. */
  isZoneLast(a: Addr): boolean;
}

interface ZoneInterval { first: bigint; last: bigint; family: 4 | 6; zone: string }

export function buildAddressBook(model: Model): AddressBook {
  const intervals: ZoneInterval[] = [];
  for (const zone of model.zones.values()) {
    for (const n of zone.networks) intervals.push({ first: n.first, last: n.last, family: n.family, zone: zone.id });
  }
  const v4list = intervals.filter((i) => i.family === 4).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const v4 = new Float64Array(v4list.length * 2);
  v4list.forEach((r, i) => { v4[i * 2] = Number(r.first); v4[i * 2 + 1] = Number(r.last); });
  const v4zones = v4list.map((r) => r.zone);
  const v6 = intervals.filter((i) => i.family === 6);
  const assets4 = new Map<number, { id: string; zone: string }>();
  const assets6 = new Map<bigint, { id: string; zone: string }>();
  for (const id of [...model.assets.keys()].sort(compareStrings)) {
    const asset = model.assets.get(id)!;
    for (const a of asset.addresses) {
      if (a.family === 4) assets4.set(Number(a.first), { id, zone: asset.zone });
      else assets6.set(a.first, { id, zone: asset.zone });
    }
  }
  const zoneLast = new Set(v4list.filter((r) => r.last - r.first >= 3n).map((r) => Number(r.last)));
  const assetOf = (a: Addr) => (a.family === 4 ? assets4.get(a.v4) : assets6.get(a.value));
  return {
    zoneOf(a) {
      const asset = assetOf(a);
      if (asset) return asset.zone;
      if (a.family === 4) {
        const i = findV4(v4, a.v4);
        return i < 0 ? undefined : v4zones[i];
      }
      return v6.find((r) => r.first <= a.value && a.value <= r.last)?.zone;
    },
    assetOf: (a) => assetOf(a)?.id,
    isSpecial: (a) => (a.family === 4 ? a.v4 === 0 || a.v4 === 0xffffffff || (a.v4 >= 0xe0000000 && a.v4 <= 0xefffffff) : a.value === 0n || (a.value >> 120n) === 0xffn),
    isZoneLast: (a) => a.family === 4 && zoneLast.has(a.v4),
  };
}
