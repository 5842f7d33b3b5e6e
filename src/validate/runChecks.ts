import { checkAssetAddresses } from './checkAssetAddresses.js';
import { checkAssets } from './checkAssets.js';
import { checkConduits } from './checkConduits.js';
import type { CheckContext } from './checkContext.js';
import { checkEnforcement } from './checkEnforcement.js';
import { checkNetworks } from './checkNetworks.js';
import { checkOptions } from './checkOptions.js';
import { checkServices } from './checkServices.js';
import { checkSiteSize } from './checkSiteSize.js';
import { checkVendorNames } from './checkVendorNames.js';
import { checkWaivers } from './checkWaivers.js';

/** Every semantic check, in a fixed order; each reports all it finds into ctx.issues. */
export function runChecks(ctx: CheckContext): void {
  checkSiteSize(ctx);
  checkAssets(ctx);
  const nets = checkNetworks(ctx);
  checkAssetAddresses(ctx, nets);
  checkConduits(ctx);
  checkEnforcement(ctx);
  checkVendorNames(ctx, nets);
  checkServices(ctx);
  checkWaivers(ctx);
  checkOptions(ctx);
}
