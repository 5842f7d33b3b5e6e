import type { Platform } from '../catalog/types.js';
import type { EnforcementPoint } from './types.js';

/**
 * Whether an enforcement point can enforce `access: read-only` for a protocol: the
 * platform must list the protocol, and where the platform needs site-specific data
 * (FortiGuard signature ids are versioned with the device database, vendors.md 2.1)
 * the enforcement point must provide it. The assessment, the rule IR and the reports
 * all use this one test so they never disagree about what is enforced.
 */
export function canFilterOperations(ep: Pick<EnforcementPoint, 'id' | 'platform' | 'options'>, platform: Platform | undefined, protocol: string | undefined): { ok: true } | { ok: false; reason: string } {
  if (!protocol || !platform?.supports.readOnly.includes(protocol)) {
    return { ok: false, reason: `${ep.id} (${ep.platform}) cannot filter ${protocol ?? 'raw-port'} operations` };
  }
  const option = platform.supports.readOnlyOption?.replace('{protocol}', protocol);
  if (option && (ep.options[option] === undefined || String(ep.options[option]).trim() === '')) {
    return { ok: false, reason: `${ep.id} (${ep.platform}) can filter ${protocol} operations only with the site-verified signature ids in options.${option}` };
  }
  return { ok: true };
}
