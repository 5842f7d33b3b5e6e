/**
 * Size limits of a site that later stages rely on. Rule numbers are
 * conduit ordinal * 1000 + flow ordinal and must stay below the boundary-final
 * block (9,000,000), so validation rejects larger sites up front.
 */
export const MAX_FLOWS_PER_CONDUIT = 999;
export const MAX_CONDUITS = 8999;

/**
 * Site size limits (docs/limits.md). Large sites (refineries, utilities with hundreds
 * of substations) have tens of thousands of assets, so validation, assessment and
 * compilation must handle them. The per-device reports grow with assets x requirements
 * (~100 rows per device); a report that outgrows the largest string V8 can hold fails
 * cleanly with OTPC903 (exit 2) rather than exhausting memory.
 */
export const MAX_ASSETS = 25000;
export const MAX_ZONES = 2500;
