import type { BindingFacts, EndpointFacts, EnforcementFacts } from '../backends/types.js';
import { joinPointer } from '../diagnostics/sourceMap.js';
import { parseNet } from '../model/ip.js';
import type { CheckContext } from './checkContext.js';
import type { ZoneNet } from './checkNetworks.js';
import { ID_PATTERN } from './mapAjvErrors.js';
import { asRecord, asString, entriesOf, oneOrMany, stringItems, type Raw } from './rawAccess.js';

export type { BindingFacts, EndpointFacts, EnforcementFacts } from '../backends/types.js';

type Family = 4 | 6;

/**
 * maxLength of enforcement/<ep>/interfaces values in schemas/policy.schema.json (type string,
 * 1-64 characters): keep the two equal. Others were reported (OTPC201/207).
 */
const INTERFACE_MAX = 64;

/** Address families of a zone's or asset's addresses, computed once per zone or asset. */
interface FamilyTables {
  /** zone id -> families of its valid networks (from checkNetworks). */
  zones: Map<string, Family[]>;
  /** asset id -> families of its parsable addresses, filled on first use. */
  assets: Map<string, Family[]>;
}

function sortedFamilies(found: ReadonlySet<Family>): Family[] {
  return [...found].sort();
}

function zoneFamilyTable(nets: readonly ZoneNet[]): Map<string, Family[]> {
  const found = new Map<string, Set<Family>>();
  for (const n of nets) {
    const set = found.get(n.zone) ?? new Set<Family>();
    set.add(n.net.family);
    found.set(n.zone, set);
  }
  return new Map([...found].map(([zone, set]) => [zone, sortedFamilies(set)]));
}

function zoneFamilies(tables: FamilyTables, zone: string): Family[] {
  return tables.zones.get(zone) ?? [];
}

function assetFamilies(ctx: CheckContext, tables: FamilyTables, asset: string): Family[] {
  const known = tables.assets.get(asset);
  if (known) return known;
  const a = asRecord(asRecord(ctx.doc.assets)?.[asset]);
  const found = new Set<Family>();
  for (const v of a ? [...oneOrMany(a.address, ''), ...oneOrMany(a.addresses, '')] : []) {
    const r = parseNet(v.value);
    if (r.ok) found.add(r.net.family);
  }
  const families = sortedFamilies(found);
  tables.assets.set(asset, families);
  return families;
}

function bindingsOf(ctx: CheckContext, tables: FamilyTables, ep: Raw, pointer: string): BindingFacts[] {
  const out: BindingFacts[] = [];
  for (const { key: zone, value, pointer: at } of entriesOf(ep.interfaces, joinPointer(pointer, 'interfaces'))) {
    const name = asString(value);
    if (!ID_PATTERN.test(zone) || !ctx.index.zones.has(zone) || name === undefined || name.length === 0 || name.length > INTERFACE_MAX) continue;
    out.push({ zone, interface: name, pointer: at, families: zoneFamilies(tables, zone) });
  }
  return out;
}

/** The endpoint a flow names, when it is exactly one defined asset or zone of one of the conduit's zones. */
function endpointOf(ctx: CheckContext, tables: FamilyTables, name: string, zones: readonly string[]): EndpointFacts | undefined {
  if (!ID_PATTERN.test(name)) return undefined;
  const isAsset = ctx.index.assetZone.has(name);
  const isZone = ctx.index.zones.has(name);
  if (isAsset === isZone) return undefined; // unknown (OTPC302) or ambiguous (OTPC320)
  if (isAsset) {
    const zone = ctx.index.assetZone.get(name);
    return zone !== undefined && zones.includes(zone) ? { kind: 'asset', id: name, pointer: joinPointer('/assets', name), families: assetFamilies(ctx, tables, name) } : undefined;
  }
  return zones.includes(name) ? { kind: 'zone', id: name, pointer: joinPointer('/zones', name), families: zoneFamilies(tables, name) } : undefined;
}

/** A well-formed conduit: its two distinct zones and the endpoints its flows name, each once. */
interface ConduitEndpoints {
  zones: [string, string];
  endpoints: EndpointFacts[];
}

/** Every conduit's flow endpoints, collected once for all enforcement points. */
function conduitEndpoints(ctx: CheckContext, tables: FamilyTables): ConduitEndpoints[] {
  const out: ConduitEndpoints[] = [];
  for (const { value } of entriesOf(ctx.doc.conduits, '/conduits')) {
    const conduit = asRecord(value);
    const zones = stringItems(conduit?.zones, '').map((z) => z.value);
    if (!conduit || zones.length !== 2 || zones[0] === zones[1]) continue;
    const found = new Map<string, EndpointFacts>();
    for (const flow of Array.isArray(conduit.flows) ? conduit.flows : []) {
      const f = asRecord(flow);
      for (const side of f ? [f.from, f.to] : []) {
        for (const { value: name } of oneOrMany(side, '')) {
          const e = endpointOf(ctx, tables, name, zones);
          if (e) found.set(`${e.kind}:${e.id}`, e);
        }
      }
    }
    out.push({ zones: [zones[0], zones[1]], endpoints: [...found.values()] });
  }
  return out;
}

/**
 * Flow endpoints of the conduits placed on the enforcement point: a conduit is placed on every
 * enforcement point with an interface in both of its zones (src/model/placeConduits.ts).
 * Sorted by kind and id, each once.
 */
function endpointsOn(conduits: readonly ConduitEndpoints[], bound: ReadonlySet<string>): EndpointFacts[] {
  const found = new Map<string, EndpointFacts>();
  for (const c of conduits) {
    if (!c.zones.every((z) => bound.has(z))) continue;
    for (const e of c.endpoints) found.set(`${e.kind}:${e.id}`, e);
  }
  return [...found.keys()].sort().map((k) => found.get(k) as EndpointFacts);
}

/**
 * The enforcement points whose platform the catalogues know, with what the backends' policy
 * checks need (Backend.policyChecks): zone bindings and the assets and zones the rule IR will
 * give address objects there. `nets` are the valid zone networks (checkNetworks). Entries
 * that are not well-formed are skipped: the schema and the other semantic checks report them.
 */
export function enforcementFacts(ctx: CheckContext, nets: readonly ZoneNet[]): EnforcementFacts[] {
  const tables: FamilyTables = { zones: zoneFamilyTable(nets), assets: new Map() };
  let conduits: ConduitEndpoints[] | undefined;
  const out: EnforcementFacts[] = [];
  for (const { key: id, value, pointer } of entriesOf(ctx.doc.enforcement, '/enforcement')) {
    const ep = asRecord(value);
    const platform = ctx.catalogs.platforms.get(asString(ep?.platform) ?? '');
    if (!ep || !platform || !ID_PATTERN.test(id)) continue;
    const bindings = bindingsOf(ctx, tables, ep, pointer);
    conduits ??= conduitEndpoints(ctx, tables);
    const endpoints = endpointsOn(conduits, new Set(bindings.map((b) => b.zone)));
    out.push({ id, pointer, platform, options: asRecord(ep.options) ?? {}, bindings, endpoints });
  }
  return out;
}
