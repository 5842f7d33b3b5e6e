import type { Catalogs, Platform } from '../catalog/types.js';
import { ANY } from './types.js';
import type { Boundary, EnforcementIR, Rule } from './types.js';
import { sortRequirementIds } from './sortRequirementIds.js';
import { BOUNDARY_FIREWALL } from './planFlowControls.js';

export const BOUNDARY_FINAL_BASE = 9_000_000;
export const CATCH_ALL_NUMBER = 9_999_999;

/**
 * The SRs the default-deny rules cite: the boundary firewall's ruleTrace
 * (C1: SR 5.1, SR 5.2, SR 5.2 RE 1 deny by default), from the control catalogue.
 */
function finalSrs(catalogs: Catalogs): string {
  const srs = sortRequirementIds(catalogs.controls.get(BOUNDARY_FIREWALL)?.ruleTrace ?? []);
  return srs.length > 0 ? ` (${srs.join(', ')})` : '';
}

/**
 * An explicit final rule per boundary and direction (a->b, then b->a), logging:
 * the implicit deny does not log on IOS or ASA (vendors.md section 1, "Ordering").
 * monitor: the same rule permits and logs ("would deny"); enforce: denies and logs.
 */
export function buildBoundaryFinals(boundaries: Boundary[], catalogs: Catalogs): Rule[] {
  const srs = finalSrs(catalogs);
  const rules: Rule[] = [];
  for (const b of boundaries) {
    for (const [from, to] of [[b.zones[0], b.zones[1]], [b.zones[1], b.zones[0]]]) {
      const number = BOUNDARY_FINAL_BASE + rules.length + 1;
      if (number >= CATCH_ALL_NUMBER) throw new Error('rule IR: too many zone boundaries on one enforcement point');
      const enforce = b.phase === 'enforce';
      rules.push({
        id: `final.${from}>${to}`,
        number,
        kind: 'boundary-final',
        fromZone: from,
        toZone: to,
        action: enforce ? 'deny' : 'allow',
        log: true,
        src: [ANY],
        dst: [ANY],
        services: [ANY],
        comment: enforce ? `default deny ${from} -> ${to}${srs}` : `monitor phase: would deny ${from} -> ${to}, logged${srs}`,
      });
    }
  }
  return rules;
}

/**
 * The one catch-all after everything: traffic no boundary of the policy decides (within a
 * zone, or to or from interfaces the policy does not name: WAN, management, HA). Enforce:
 * deny and log. Monitor (or mixed): what the device does with that traffic without otpc's
 * rules (platform catalogue `monitor-catch-all`), so that a monitor rollout neither drops
 * traffic nor opens any: FortiOS and ASA deny by default (implicit deny policy; an
 * interface ACL ends in an implicit deny, and "permit any" there would bypass the security
 * levels), IOS and Linux forward everything without an ACL or ruleset.
 */
export function buildCatchAll(phase: EnforcementIR['phase'], catalogs: Catalogs, platform?: Platform): Rule {
  const srs = finalSrs(catalogs);
  const deny = phase === 'enforce' || platform?.supports.monitorCatchAll === 'deny';
  const comment = phase === 'enforce'
    ? `default deny all other traffic${srs}`
    : deny
      ? `${phase} phase: deny all other traffic (as the platform does by default), logged${srs}`
      : `${phase} phase: would deny all other traffic, logged${srs}`;
  return {
    id: 'final',
    number: CATCH_ALL_NUMBER,
    kind: 'final',
    action: deny ? 'deny' : 'allow',
    log: true,
    src: [ANY],
    dst: [ANY],
    services: [ANY],
    comment,
  };
}
