import type { Catalogs } from '../catalog/types.js';
import type { IpRange, Model } from '../model/types.js';
import { compareStrings } from '../rules/compareStrings.js';
import type { ClassifiedFlow } from './classifyFlows.js';
import type { ConduitCoverage } from './conduitCoverage.js';
import type { DiscoveryDetail } from './discoverFlows.js';
import { isoTime, maxTime, minTime } from './flowSummary.js';
import { deviceId, outsideNetwork, protocolName, uniqueId } from './observedNames.js';
import type { Addr } from './types.js';

interface NewZone { id: string; network: string; devices: number }
interface Names { assetOf: (a: Addr) => string; zoneOf: (a: Addr, known?: string) => string; zones: NewZone[]; assets: { id: string; zone: string; addr: Addr }[] }
interface SuggestedFlow { from: string[]; to: string[]; protocol: string; candidates: string[]; records: number; first: number; last: number }
interface SuggestedConduit { id: string; existing: boolean; zones: [string, string]; flows: SuggestedFlow[] }

const yamlAddress = (text: string) => (text.includes(':') ? `"${text}"` : text);

/** Ids for the undocumented devices and zones for the networks outside every zone. */
function nameDevices(model: Model, detail: DiscoveryDetail): Names {
  const taken = new Set([...model.assets.keys(), ...model.zones.keys()]);
  const zoneNets: IpRange[] = [...model.zones.values()].flatMap((z) => z.networks);
  const newZones = new Map<string, NewZone>();
  const zoneByAddr = new Map<Addr, string>();
  const assetByAddr = new Map<Addr, string>();
  const assets: Names['assets'] = [];
  const outside = detail.undocumentedAddrs.filter((_, i) => detail.undocumented[i].zone === null);
  for (const a of outside) {
    const net = outsideNetwork(a, zoneNets);
    let z = newZones.get(net.text);
    if (!z) newZones.set(net.text, (z = { id: uniqueId(`observed-${net.text.replace(/[.:/]/g, '-')}`, taken), network: net.text, devices: 0 }));
    z.devices++;
    zoneByAddr.set(a, z.id);
  }
  detail.undocumentedAddrs.forEach((a, i) => {
    const id = deviceId(a, taken);
    assetByAddr.set(a, id);
    assets.push({ id, zone: detail.undocumented[i].zone ?? zoneByAddr.get(a)!, addr: a });
  });
  return {
    assetOf: (a) => assetByAddr.get(a) ?? '',
    zoneOf: (a, known) => known ?? zoneByAddr.get(a) ?? '',
    zones: [...newZones.values()].sort((x, y) => compareStrings(x.id, y.id)),
    assets,
  };
}

/**
 * Conduit flows for the uncovered observed flows: per zone pair and protocol, one
 * flow per source listing exactly the destinations it was seen reaching, and sources
 * with the same destinations merged. Nothing broader than what was observed.
 */
function suggestFlows(model: Model, catalogs: Catalogs, coverage: ConduitCoverage, names: Names, flows: ClassifiedFlow[]): { conduits: SuggestedConduit[]; skipped: ClassifiedFlow[] } {
  const taken = new Set(model.conduits.keys());
  const conduits = new Map<string, SuggestedConduit>();
  const bySource = new Map<string, Map<string, { dsts: Set<string>; f: SuggestedFlow }>>();
  const skipped: ClassifiedFlow[] = [];
  for (const c of flows) {
    const f = c.flow;
    const fromZone = names.zoneOf(f.src, c.srcZone);
    const toZone = names.zoneOf(f.dst, c.dstZone);
    if (fromZone === toZone) continue; // both ends in one suggested zone: no conduit needed
    if ((f.transport !== 'tcp' && f.transport !== 'udp') || f.dport === 0) { skipped.push(c); continue; }
    const pair: [string, string] = fromZone < toZone ? [fromZone, toZone] : [toZone, fromZone];
    const existing = c.srcZone !== undefined && c.dstZone !== undefined ? coverage.conduitsJoining(c.srcZone, c.dstZone)[0] : undefined;
    const conduitKey = pair.join('|');
    if (!conduits.has(conduitKey)) {
      conduits.set(conduitKey, { id: existing ?? uniqueId(`${pair[0]}-${pair[1]}`, taken), existing: existing !== undefined, zones: pair, flows: [] });
    }
    const proto = protocolName(catalogs.protocols.values(), f.transport, f.dport);
    const src = c.srcAsset ?? names.assetOf(f.src);
    const key = `${conduitKey}\u0000${fromZone}\u0000${proto.name}`;
    let sources = bySource.get(key);
    if (!sources) bySource.set(key, (sources = new Map()));
    let entry = sources.get(src);
    if (!entry) sources.set(src, (entry = { dsts: new Set(), f: { from: [src], to: [], protocol: proto.name, candidates: proto.candidates, records: 0, first: NaN, last: NaN } }));
    entry.dsts.add(c.dstAsset ?? names.assetOf(f.dst));
    entry.f.records += f.count;
    entry.f.first = minTime(entry.f.first, f.first);
    entry.f.last = maxTime(entry.f.last, f.last);
  }
  for (const [key, sources] of [...bySource.entries()].sort((a, b) => compareStrings(a[0], b[0]))) {
    conduits.get(key.split('\u0000')[0])!.flows.push(...mergeSources(sources));
  }
  return { conduits: [...conduits.values()].sort((a, b) => compareStrings(a.id, b.id)), skipped };
}

/** One flow per source; sources that reach exactly the same destinations share one flow (still exactly what was seen). */
function mergeSources(sources: Map<string, { dsts: Set<string>; f: SuggestedFlow }>): SuggestedFlow[] {
  const merged = new Map<string, SuggestedFlow>();
  for (const src of [...sources.keys()].sort(compareStrings)) {
    const { dsts, f } = sources.get(src)!;
    const to = [...dsts].sort(compareStrings);
    const known = merged.get(to.join(','));
    if (known) {
      known.from.push(src); known.records += f.records; known.first = minTime(known.first, f.first); known.last = maxTime(known.last, f.last);
    } else merged.set(to.join(','), { ...f, to });
  }
  return [...merged.values()];
}

const list = (ids: string[]) => (ids.length === 1 ? ids[0] : `[${ids.join(', ')}]`);

function flowLine(f: SuggestedFlow): string {
  const seen = `${f.records} connection(s)${Number.isNaN(f.first) ? '' : `, ${isoTime(f.first)} to ${isoTime(f.last)}`}`;
  const also = f.candidates.length > 0 ? `; catalogue protocols on this port: ${f.candidates.join(', ')}` : '';
  return `      - { from: ${list(f.from)}, to: ${list(f.to)}, protocol: ${f.protocol} }   # observed ${seen}${also}`;
}

function render(site: string, names: Names, conduits: SuggestedConduit[], skipped: ClassifiedFlow[]): string {
  const out = [
    `# otpc discover: suggested additions to the policy of ${site}, from observed flows.`,
    '# Review every entry before pasting: give each new device its real id, type, vendor',
    '# and profile, and remove the flows that should not exist (they will be denied).',
    '# Merge: add the zones, assets and conduits below to the same sections of the policy;',
    '# for an existing conduit, append the flows to its "flows:" list.',
  ];
  if (names.zones.length === 0 && names.assets.length === 0 && conduits.length === 0) return `${out.join('\n')}\n# Nothing to add: every observed device and flow is documented.\n{}\n`;
  if (names.zones.length > 0) {
    out.push('zones:');
    for (const z of names.zones) {
      out.push(`  ${z.id}:`, `    # TODO name, purdue, sl-target and criticality: a network outside every zone (${z.devices} device(s) seen)`,
        '    purdue: 3', '    sl-target: 1', '    criticality: low', '    trust: untrusted   # TODO until someone vouches for it', `    networks: [${yamlAddress(z.network)}]`);
    }
  }
  if (names.assets.length > 0) {
    out.push('assets:');
    for (const a of names.assets) {
      out.push(`  ${a.id}:`, `    zone: ${a.zone}`, '    type: other   # TODO type/profile', `    address: ${yamlAddress(a.addr.text)}`);
    }
  }
  if (conduits.length > 0) {
    out.push('conduits:');
    for (const c of conduits) {
      out.push(c.existing ? `  ${c.id}:   # existing conduit: append these flows to its flows list` : `  ${c.id}:`);
      if (!c.existing) out.push(`    zones: [${c.zones[0]}, ${c.zones[1]}]`);
      out.push('    flows:', ...c.flows.map(flowLine));
    }
  }
  if (skipped.length > 0) out.push(`# Not expressible as a conduit flow (ICMP, other protocols, port 0): ${skipped.length} observed flow(s); see the report.`);
  return `${out.join('\n')}\n`;
}

/**
 * A YAML fragment an engineer can review and paste: the undocumented devices as
 * assets (generated id, zone, address, a TODO for type and profile), zones for
 * networks outside every zone, and the uncovered flows as conduit flows under the
 * conduit joining their zones (a new conduit when none does). Merged into the
 * policy, it validates (test/baseline checks this on every fixture).
 */
export function suggestYaml(model: Model, catalogs: Catalogs, coverage: ConduitCoverage, detail: DiscoveryDetail): string {
  const names = nameDevices(model, detail);
  const { conduits, skipped } = suggestFlows(model, catalogs, coverage, names, detail.uncoveredFlows);
  return render(model.site.id, names, conduits, skipped);
}
