import type { Model, Placement } from './types.js';

/**
 * Topology-aware placement: a conduit is enforced on every enforcement point
 * that has an interface in BOTH of its zones (traffic between the zones
 * crosses that device). A conduit no enforcement point joins is unplaced: a
 * finding, and an SR 5.2 gap for the devices concerned.
 */
export function placeConduits(model: Model): Placement {
  // zone -> enforcement points with an interface in it: a conduit's points are those of its
  // first zone that are also in the second (checking every point for every conduit was
  // O(conduits x points), quadratic as a plant grows)
  const pointsOfZone = new Map<string, string[]>();
  for (const ep of model.enforcement.values()) {
    for (const zone of Object.keys(ep.interfaces)) {
      const list = pointsOfZone.get(zone);
      if (list) list.push(ep.id);
      else pointsOfZone.set(zone, [ep.id]);
    }
  }
  const byConduit = new Map<string, string[]>();
  const unplaced: string[] = [];
  const conduitIds = [...model.conduits.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of conduitIds) {
    const [a, b] = model.conduits.get(id)!.zones;
    const inB = new Set(pointsOfZone.get(b) ?? []);
    const points = (pointsOfZone.get(a) ?? []).filter((ep) => inB.has(ep));
    points.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    byConduit.set(id, points);
    if (points.length === 0) unplaced.push(id);
  }
  return { byConduit, unplaced };
}
