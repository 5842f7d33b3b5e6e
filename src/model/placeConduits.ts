import type { Model, Placement } from './types.js';

/**
 * Topology-aware placement: a conduit is enforced on every enforcement point
 * that has an interface in BOTH of its zones (traffic between the zones
 * crosses that device). A conduit no enforcement point joins is unplaced: a
 * finding, and an SR 5.2 gap for the devices concerned.
 */
export function placeConduits(model: Model): Placement {
  const byConduit = new Map<string, string[]>();
  const unplaced: string[] = [];
  const conduitIds = [...model.conduits.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of conduitIds) {
    const [a, b] = model.conduits.get(id)!.zones;
    const points: string[] = [];
    for (const ep of model.enforcement.values()) {
      if (Object.prototype.hasOwnProperty.call(ep.interfaces, a) && Object.prototype.hasOwnProperty.call(ep.interfaces, b)) points.push(ep.id);
    }
    points.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    byConduit.set(id, points);
    if (points.length === 0) unplaced.push(id);
  }
  return { byConduit, unplaced };
}
