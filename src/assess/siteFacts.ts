import type { Catalogs } from '../catalog/types.js';
import type { Asset, Conduit, Flow, Model, Placement } from '../model/types.js';

/**
 * Indexes the assessment needs, computed once per site so per-device work stays
 * proportional to the device's own flows (large plants have 10k+ assets).
 */
export interface SiteFacts {
  model: Model;
  catalogs: Catalogs;
  placement: Placement;
  /** zone id -> conduits that have the zone on one side (sorted by id). */
  conduitsOfZone: Map<string, Conduit[]>;
  /** zone id -> enforcement point ids that enforce at least one conduit of the zone. */
  boundaryEps: Map<string, string[]>;
  /** zone id -> enforcement point ids with an interface in the zone. */
  epsWithInterface: Map<string, string[]>;
  /** zone id -> flows whose destination side is the zone. */
  flowsIntoZone: Map<string, Flow[]>;
  /** asset id -> flows whose destination includes the asset itself or its whole zone. */
  flowsIntoAsset: Map<string, Flow[]>;
  /** asset id -> conduits with a flow that names the asset or its zone on either side. */
  conduitsOfAsset: Map<string, Conduit[]>;
  /** zone id -> its assets, in model (id) order. */
  assetsOfZone: Map<string, Asset[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The assets one side of a flow touches: those it names and every asset of a zone it
 * names, limited to assets of `zones`. Resolved from the endpoints (not by testing every
 * asset of the zone against every flow), so the cost stays linear when zones are large.
 */
function touchedAssets(refs: Flow['from'], zones: readonly string[], model: Model, assetsOfZone: Map<string, Asset[]>): Set<Asset> {
  const out = new Set<Asset>();
  for (const e of refs) {
    if (e.kind === 'zone') {
      if (zones.includes(e.id)) for (const a of assetsOfZone.get(e.id) ?? []) out.add(a);
    } else {
      const a = model.assets.get(e.id);
      if (a && zones.includes(a.zone)) out.add(a);
    }
  }
  return out;
}

export function buildSiteFacts(model: Model, catalogs: Catalogs, placement: Placement): SiteFacts {
  const conduitsOfZone = new Map<string, Conduit[]>();
  const boundary = new Map<string, Set<string>>();
  const flowsIntoZone = new Map<string, Flow[]>();
  const flowsIntoAsset = new Map<string, Flow[]>();
  const conduitsOfAsset = new Map<string, Conduit[]>();
  const assetsOfZone = new Map<string, Asset[]>();
  for (const a of model.assets.values()) push(assetsOfZone, a.zone, a);

  for (const c of model.conduits.values()) {
    const eps = placement.byConduit.get(c.id) ?? [];
    for (const z of c.zones) {
      push(conduitsOfZone, z, c);
      const set = boundary.get(z) ?? new Set<string>();
      eps.forEach((e) => set.add(e));
      boundary.set(z, set);
    }
    const touched = new Set<Asset>();
    for (const f of c.flows) {
      push(flowsIntoZone, f.toZone, f);
      for (const a of touchedAssets(f.to, [f.toZone], model, assetsOfZone)) push(flowsIntoAsset, a.id, f);
      const sides = [f.fromZone, f.toZone];
      for (const a of [...touchedAssets(f.from, sides, model, assetsOfZone), ...touchedAssets(f.to, sides, model, assetsOfZone)]) {
        if (touched.has(a)) continue;
        touched.add(a);
        push(conduitsOfAsset, a.id, c);
      }
    }
  }
  const epsWithInterface = new Map<string, string[]>();
  for (const ep of model.enforcement.values()) {
    for (const z of Object.keys(ep.interfaces)) push(epsWithInterface, z, ep.id);
  }
  const boundaryEps = new Map<string, string[]>();
  for (const [z, set] of boundary) boundaryEps.set(z, [...set].sort());
  return { model, catalogs, placement, conduitsOfZone, boundaryEps, epsWithInterface, flowsIntoZone, flowsIntoAsset, conduitsOfAsset, assetsOfZone };
}
