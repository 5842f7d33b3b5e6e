import { backendFor } from '../backends/registry.js';
import type { CheckContext } from './checkContext.js';
import type { ZoneNet } from './checkNetworks.js';
import { enforcementFacts } from './enforcementFacts.js';

/**
 * The vendor checks of each enforcement point's backend that depend only on the policy
 * (Backend.policyChecks in src/backends/<platform>/policyChecks.ts: interface names, names
 * built from ids, option values: OTPC701, 702, 706, 709), so that a policy `validate` and
 * `report` accept also compiles, and no report credits a boundary firewall whose
 * configuration cannot be rendered. The backends keep these checks when rendering (defence
 * in depth). `nets` are the valid zone networks (checkNetworks).
 *
 * Address object names are those of the unoptimised rule IR (`compile --no-optimize`, one
 * object per flow endpoint); names only the rule IR or the optimiser decides (groups, merged
 * objects, multi-range members, rule-numbered names, ASA MPF names, nftables chains,
 * application lists) are checked when compiling. A platform without a backend, or a backend
 * without policyChecks, has nothing checked here.
 */
export function checkVendorNames(ctx: CheckContext, nets: readonly ZoneNet[]): void {
  for (const ep of enforcementFacts(ctx, nets)) {
    const issues = backendFor(ep.platform.id)?.policyChecks?.(ep);
    if (issues) ctx.issues.list.push(...issues);
  }
}
