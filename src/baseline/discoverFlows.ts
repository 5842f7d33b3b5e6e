import type { Model } from '../model/types.js';
import { compareStrings, sortedUnique } from '../rules/compareStrings.js';
import type { ClassifiedFlow } from './classifyFlows.js';
import { compareAddr, isIntraZone, sortByFlow } from './classifyFlows.js';
import type { ConduitCoverage } from './conduitCoverage.js';
import { flowSummary, maxTime, minTime, OUTSIDE, serviceLabel } from './flowSummary.js';
import type { FlowSummary } from './flowSummary.js';
import type { Addr } from './types.js';

export interface SeenDevice {
  address: string;
  /** Zone whose network holds the address; null outside every zone network. */
  zone: string | null;
  /** Services other devices reach on it ("tcp/502") and services it reaches elsewhere. */
  serves: string[];
  uses: string[];
  peers: number;
  records: number;
  first: number;
  last: number;
}

export interface UncoveredGroup {
  /** Zone ids, or OUTSIDE. */
  fromZone: string;
  toZone: string;
  service: string;
  /** Conduits that already join the two zones (the flows belong under one of them). */
  conduits: string[];
  records: number;
  first: number;
  last: number;
  flows: FlowSummary[];
}

export interface UnseenAsset {
  id: string;
  zone: string;
  type: string;
  addresses: string[];
}

export interface DiscoverySummary {
  records: number;
  flows: number;
  addressesSeen: number;
  assetsSeen: number;
  undocumented: number;
  undocumentedInZones: number;
  undocumentedOutside: number;
  uncoveredFlows: number;
  uncoveredGroups: number;
  unseenAssets: number;
  local: number;
  intraZone: number;
}

export interface Discovery {
  summary: DiscoverySummary;
  undocumented: SeenDevice[];
  uncovered: UncoveredGroup[];
  unseenAssets: UnseenAsset[];
}

/** Internal: the same, keyed by the interned address objects (used by the YAML suggestion). */
export interface DiscoveryDetail extends Discovery {
  undocumentedAddrs: Addr[];
  uncoveredFlows: ClassifiedFlow[];
}

interface DeviceAcc { addr: Addr; zone?: string; serves: Set<string>; uses: Set<string>; peers: Set<Addr>; records: number; first: number; last: number }

function touch(map: Map<Addr, DeviceAcc>, addr: Addr, zone: string | undefined, c: ClassifiedFlow): DeviceAcc {
  let d = map.get(addr);
  if (!d) map.set(addr, (d = { addr, zone, serves: new Set(), uses: new Set(), peers: new Set(), records: 0, first: NaN, last: NaN }));
  d.records += c.flow.count;
  d.first = minTime(d.first, c.flow.first);
  d.last = maxTime(d.last, c.flow.last);
  return d;
}

/** Every device address that is not an asset, with what it serves and uses. */
function collectDevices(flows: readonly ClassifiedFlow[]): Map<Addr, DeviceAcc> {
  const devices = new Map<Addr, DeviceAcc>();
  for (const c of flows) {
    const f = c.flow;
    const service = serviceLabel(f.transport, f.dport);
    if (c.srcAsset === undefined && c.srcDevice) {
      const d = touch(devices, f.src, c.srcZone, c);
      d.uses.add(service);
      if (c.dstDevice) d.peers.add(f.dst);
    }
    if (c.dstAsset === undefined && c.dstDevice) {
      const d = touch(devices, f.dst, c.dstZone, c);
      d.serves.add(service);
      if (c.srcDevice) d.peers.add(f.src);
    }
  }
  return devices;
}

function groupUncovered(flows: ClassifiedFlow[], coverage: ConduitCoverage): UncoveredGroup[] {
  const groups = new Map<string, UncoveredGroup>();
  for (const c of flows) {
    const from = c.srcZone ?? OUTSIDE;
    const to = c.dstZone ?? OUTSIDE;
    const service = serviceLabel(c.flow.transport, c.flow.dport);
    const key = `${from}\u0000${to}\u0000${service}`;
    let g = groups.get(key);
    if (!g) {
      const conduits = c.srcZone !== undefined && c.dstZone !== undefined ? coverage.conduitsJoining(c.srcZone, c.dstZone) : [];
      groups.set(key, (g = { fromZone: from, toZone: to, service, conduits, records: 0, first: NaN, last: NaN, flows: [] }));
    }
    g.records += c.flow.count;
    g.first = minTime(g.first, c.flow.first);
    g.last = maxTime(g.last, c.flow.last);
    g.flows.push(flowSummary(c));
  }
  return [...groups.values()].sort((a, b) => compareStrings(a.fromZone, b.fromZone) || compareStrings(a.toZone, b.toZone) || compareServices(a.service, b.service));
}

function compareServices(a: string, b: string): number {
  const [ta, pa] = a.split('/');
  const [tb, pb] = b.split('/');
  return compareStrings(ta, tb) || Number(pa ?? 0) - Number(pb ?? 0);
}

/**
 * Phase 0 reconciliation (rollout.md "Discover": inventory reconciled with the
 * drawings): addresses the policy does not document, observed flows no conduit
 * flow covers, documented assets never seen. Flows inside one zone need no conduit;
 * broadcast/multicast destinations are not devices and cross no boundary.
 */
export function discoverFlows(model: Model, flows: readonly ClassifiedFlow[], coverage: ConduitCoverage): DiscoveryDetail {
  const sorted = sortByFlow(flows, (c) => c.flow);
  const devices = collectDevices(sorted);
  const seenAssets = new Set<string>();
  const seen = new Set<Addr>();
  let local = 0;
  let intraZone = 0;
  const uncovered: ClassifiedFlow[] = [];
  for (const c of sorted) {
    if (c.srcAsset !== undefined) seenAssets.add(c.srcAsset);
    if (c.dstAsset !== undefined) seenAssets.add(c.dstAsset);
    if (c.srcDevice) seen.add(c.flow.src);
    if (c.dstDevice) seen.add(c.flow.dst);
    if (c.local) local++;
    else if (isIntraZone(c)) intraZone++;
    else if (coverage.coveredBy(c) === undefined) uncovered.push(c);
  }
  const undocumentedAddrs = [...devices.keys()].sort(compareAddr);
  const undocumented = undocumentedAddrs.map((a) => deviceOf(devices.get(a)!));
  const unseenAssets = [...model.assets.values()].filter((a) => !seenAssets.has(a.id)).sort((a, b) => compareStrings(a.id, b.id))
    .map((a) => ({ id: a.id, zone: a.zone, type: a.type, addresses: a.addresses.map((n) => n.text) }));
  const groups = groupUncovered(uncovered, coverage);
  return {
    summary: {
      records: flows.reduce((n, c) => n + c.flow.count, 0), flows: flows.length, addressesSeen: seen.size, assetsSeen: seenAssets.size,
      undocumented: undocumented.length, undocumentedInZones: undocumented.filter((d) => d.zone !== null).length,
      undocumentedOutside: undocumented.filter((d) => d.zone === null).length,
      uncoveredFlows: uncovered.length, uncoveredGroups: groups.length, unseenAssets: unseenAssets.length, local, intraZone,
    },
    undocumented, uncovered: groups, unseenAssets, undocumentedAddrs, uncoveredFlows: uncovered,
  };
}

function deviceOf(d: DeviceAcc): SeenDevice {
  return {
    address: d.addr.text, zone: d.zone ?? null,
    serves: sortedUnique(d.serves).sort(compareServices), uses: sortedUnique(d.uses).sort(compareServices),
    peers: d.peers.size, records: d.records, first: d.first, last: d.last,
  };
}
