import type { EndpointRef, Model } from '../model/types.js';
import { mergeRanges } from '../model/ip.js';
import type { AddressObject } from './types.js';
import { compareStrings } from './compareStrings.js';

/** IR reference of a flow endpoint: "asset:<id>" or "zone:<id>". */
export function endpointRef(ep: EndpointRef): string {
  return `${ep.kind}:${ep.id}`;
}

/**
 * The address object an endpoint reference stands for: an asset's host addresses,
 * or a zone's networks, merged (sorted by family then address, non-overlapping).
 * A zone without networks gives an object without ranges: it matches nothing, so
 * the rule allows nothing rather than more than the policy asked for.
 */
export function addressObject(model: Model, ref: string): AddressObject {
  const colon = ref.indexOf(':');
  const kind = ref.slice(0, colon);
  const id = ref.slice(colon + 1);
  if (kind === 'asset') {
    const asset = model.assets.get(id);
    if (!asset) throw new Error(`rule IR: flow endpoint ${ref} is not an asset of the model`);
    return { id: ref, name: id, source: { kind: 'asset', id }, ranges: mergeRanges(asset.addresses), pointer: asset.pointer };
  }
  if (kind === 'zone') {
    const zone = model.zones.get(id);
    if (!zone) throw new Error(`rule IR: flow endpoint ${ref} is not a zone of the model`);
    return { id: ref, name: id, source: { kind: 'zone', id }, ranges: mergeRanges(zone.networks), pointer: zone.pointer };
  }
  throw new Error(`rule IR: unknown endpoint reference ${ref}`);
}

/** Address objects for the given references (only those the rules use), sorted by id. */
export function buildAddresses(model: Model, refs: Iterable<string>): AddressObject[] {
  return [...new Set(refs)].sort(compareStrings).map((ref) => addressObject(model, ref));
}
