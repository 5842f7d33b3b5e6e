import { mergeRanges } from '../model/ip.js';
import { FRS } from '../model/types.js';
import type { EnforcementPoint, Model, SLVector } from '../model/types.js';
import type { Boundary, EnforcementIR, ZoneBinding } from './types.js';
import { compareStrings } from './compareStrings.js';

export type Phase = 'monitor' | 'enforce';

/** "3-3-3-2-3-2-3": SL-T FR1..FR7 in one token (vendors.md section 1: SL-T in zone descriptions). */
export function compactSL(sl: SLVector): string {
  return FRS.map((fr) => String(sl[fr])).join('-');
}

/** The enforcement point's zones (its interface keys), sorted by zone id. */
export function buildZoneBindings(model: Model, ep: EnforcementPoint): ZoneBinding[] {
  return Object.keys(ep.interfaces).sort(compareStrings).map((id) => {
    const zone = model.zones.get(id);
    if (!zone) throw new Error(`rule IR: enforcement point ${ep.id} has an interface in unknown zone ${id}`);
    return {
      id,
      interface: ep.interfaces[id],
      description: `IEC 62443 zone ${id} (Purdue ${zone.purdue}) SL-T ${compactSL(zone.slTarget)}`,
      purdue: zone.purdue,
      slTarget: { ...zone.slTarget },
      networks: mergeRanges(zone.networks),
    };
  });
}

/** Key of a boundary in `boundaryPhases`: "<ep-id>:<boundary-id>". */
export function boundaryPhaseKey(epId: string, boundaryId: string): string {
  return `${epId}:${boundaryId}`;
}

/** Every unordered pair of the enforcement point's zones, "a|b" with a < b, in id order. */
export function buildBoundaries(
  epId: string,
  zones: ZoneBinding[],
  phase: Phase,
  boundaryPhases: Record<string, Phase> = {},
): Boundary[] {
  const out: Boundary[] = [];
  for (let i = 0; i < zones.length; i++) {
    for (let j = i + 1; j < zones.length; j++) {
      const a = zones[i];
      const b = zones[j];
      const id = `${a.id}|${b.id}`;
      const key = boundaryPhaseKey(epId, id);
      const own = Object.hasOwn(boundaryPhases, key) ? boundaryPhases[key] : phase;
      out.push({ id, zones: [a.id, b.id], interfaces: [a.interface, b.interface], phase: own });
    }
  }
  return out;
}

/**
 * monitor or enforce when every boundary agrees, mixed during a staged rollout.
 * An enforcement point without boundaries (fewer than two zones) takes the run's phase.
 */
export function epPhase(boundaries: Boundary[], phase: Phase): EnforcementIR['phase'] {
  if (boundaries.length === 0) return phase;
  const first = boundaries[0].phase;
  return boundaries.every((b) => b.phase === first) ? first : 'mixed';
}
