/**
 * Size limits of a site that later stages rely on. Rule numbers are
 * conduit ordinal * 1000 + flow ordinal and must stay below the boundary-final
 * block (9,000,000), so validation rejects larger sites up front.
 */
export const MAX_FLOWS_PER_CONDUIT = 999;
export const MAX_CONDUITS = 8999;
