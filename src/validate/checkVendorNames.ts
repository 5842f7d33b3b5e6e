import type { CheckContext } from './checkContext.js';
import { enforcementFacts } from './enforcementFacts.js';
import { VENDOR_POLICY_CHECKS } from './vendorPolicyChecks.js';

/**
 * The vendor checks of each enforcement point's backend that depend only on the policy
 * (interface names, names built from ids, option values: OTPC701, 702, 706, 709), so that a
 * policy `validate` and `report` accept also compiles, and no report credits a boundary
 * firewall whose configuration cannot be rendered. See vendorPolicyChecks.ts.
 */
export function checkVendorNames(ctx: CheckContext): void {
  for (const ep of enforcementFacts(ctx)) {
    const check = Object.prototype.hasOwnProperty.call(VENDOR_POLICY_CHECKS, ep.platform.id) ? VENDOR_POLICY_CHECKS[ep.platform.id] : undefined;
    if (check) ctx.issues.list.push(...check(ep));
  }
}
