import type { EnforcementIR, Rule } from '../../rules/types.js';

/**
 * The rollout phase a rule is in: the phase of the boundary between its two zones
 * (a staged rollout enforces boundary by boundary, DESIGN "Rollout phases"); the
 * catch-all, or a rule between zones without a boundary, follows the enforcement
 * point (mixed counts as enforce only where a boundary says so, so it is monitor).
 */
export function rulePhase(ep: EnforcementIR, rule: Rule): 'monitor' | 'enforce' {
  if (rule.fromZone !== undefined && rule.toZone !== undefined) {
    const b = ep.boundaries.find((x) =>
      (x.zones[0] === rule.fromZone && x.zones[1] === rule.toZone) || (x.zones[1] === rule.fromZone && x.zones[0] === rule.toZone));
    if (b) return b.phase;
  }
  return ep.phase === 'enforce' ? 'enforce' : 'monitor';
}
