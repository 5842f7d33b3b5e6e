import type { Platform } from '../catalog/types.js';
import { joinPointer } from '../diagnostics/sourceMap.js';
import { parseNet } from '../model/ip.js';
import type { CheckContext } from './checkContext.js';
import { asRecord, asString, entriesOf, oneOrMany, stringItems, type Raw } from './rawAccess.js';

type Family = 4 | 6;

/** One zone -> interface entry of an enforcement point: the interface name and the zone it binds. */
export interface BindingFacts {
  zone: string;
  interface: string;
  /** /enforcement/<ep>/interfaces/<zone> */
  pointer: string;
  /** Address families of the zone's valid networks. */
  families: Family[];
}

/** An asset or zone some flow on the enforcement point names: the rule IR gives it an address object. */
export interface EndpointFacts {
  kind: 'asset' | 'zone';
  id: string;
  /** /assets/<id> or /zones/<id>, as AddressObject.pointer. */
  pointer: string;
  families: Family[];
}

/** What the vendor checks that depend only on the policy read about one enforcement point. */
export interface EnforcementFacts {
  id: string;
  pointer: string;
  platform: Platform;
  options: Raw;
  bindings: BindingFacts[];
  endpoints: EndpointFacts[];
}

/** Ids as the schema allows them: names built from other ids were already reported (OTPC205), not again. */
const ID = /^[a-z0-9][a-z0-9-]{0,47}$/;
/** interfaces values the schema accepts (type string, 1-64 characters); others were reported (OTPC201/207). */
const INTERFACE_MAX = 64;

function families(values: { value: string }[]): Family[] {
  const out = new Set<Family>();
  for (const v of values) {
    const r = parseNet(v.value);
    if (r.ok) out.add(r.net.family);
  }
  return [...out].sort();
}

function zoneFamilies(ctx: CheckContext, zone: string): Family[] {
  return families(stringItems(asRecord(asRecord(ctx.doc.zones)?.[zone])?.networks, ''));
}

function assetFamilies(ctx: CheckContext, asset: string): Family[] {
  const a = asRecord(asRecord(ctx.doc.assets)?.[asset]);
  return a ? families([...oneOrMany(a.address, ''), ...oneOrMany(a.addresses, '')]) : [];
}

function bindingsOf(ctx: CheckContext, ep: Raw, pointer: string): BindingFacts[] {
  const out: BindingFacts[] = [];
  for (const { key: zone, value, pointer: at } of entriesOf(ep.interfaces, joinPointer(pointer, 'interfaces'))) {
    const name = asString(value);
    if (!ID.test(zone) || !ctx.index.zones.has(zone) || name === undefined || name.length === 0 || name.length > INTERFACE_MAX) continue;
    out.push({ zone, interface: name, pointer: at, families: zoneFamilies(ctx, zone) });
  }
  return out;
}

/** The endpoint a flow names, when it is exactly one defined asset or zone of one of the conduit's zones. */
function endpointOf(ctx: CheckContext, name: string, zones: readonly string[]): EndpointFacts | undefined {
  if (!ID.test(name)) return undefined;
  const isAsset = ctx.index.assetZone.has(name);
  const isZone = ctx.index.zones.has(name);
  if (isAsset === isZone) return undefined; // unknown (OTPC302) or ambiguous (OTPC320)
  if (isAsset) {
    const zone = ctx.index.assetZone.get(name);
    return zone !== undefined && zones.includes(zone) ? { kind: 'asset', id: name, pointer: joinPointer('/assets', name), families: assetFamilies(ctx, name) } : undefined;
  }
  return zones.includes(name) ? { kind: 'zone', id: name, pointer: joinPointer('/zones', name), families: zoneFamilies(ctx, name) } : undefined;
}

/**
 * Flow endpoints of the conduits placed on the enforcement point: a conduit is placed on every
 * enforcement point with an interface in both of its zones (src/model/placeConduits.ts).
 * Sorted by kind and id, each once.
 */
function endpointsOn(ctx: CheckContext, bound: ReadonlySet<string>): EndpointFacts[] {
  const found = new Map<string, EndpointFacts>();
  for (const { value } of entriesOf(ctx.doc.conduits, '/conduits')) {
    const conduit = asRecord(value);
    const zones = stringItems(conduit?.zones, '').map((z) => z.value);
    if (!conduit || zones.length !== 2 || zones[0] === zones[1] || !zones.every((z) => bound.has(z))) continue;
    for (const flow of Array.isArray(conduit.flows) ? conduit.flows : []) {
      const f = asRecord(flow);
      for (const side of f ? [f.from, f.to] : []) {
        for (const { value: name } of oneOrMany(side, '')) {
          const e = endpointOf(ctx, name, zones);
          if (e) found.set(`${e.kind}:${e.id}`, e);
        }
      }
    }
  }
  return [...found.keys()].sort().map((k) => found.get(k) as EndpointFacts);
}

/**
 * The enforcement points whose platform the catalogues know, with what the vendor name and
 * interface checks need: zone bindings and the assets and zones the rule IR will give
 * address objects there. Entries that are not well-formed are skipped: the schema and the
 * other semantic checks report them.
 */
export function enforcementFacts(ctx: CheckContext): EnforcementFacts[] {
  const out: EnforcementFacts[] = [];
  for (const { key: id, value, pointer } of entriesOf(ctx.doc.enforcement, '/enforcement')) {
    const ep = asRecord(value);
    const platform = ctx.catalogs.platforms.get(asString(ep?.platform) ?? '');
    if (!ep || !platform || !ID.test(id)) continue;
    const bindings = bindingsOf(ctx, ep, pointer);
    const endpoints = endpointsOn(ctx, new Set(bindings.map((b) => b.zone)));
    out.push({ id, pointer, platform, options: asRecord(ep.options) ?? {}, bindings, endpoints });
  }
  return out;
}
