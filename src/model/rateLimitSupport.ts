import type { Platform, RateLimitKind } from '../catalog/types.js';
import type { RateLimit } from './types.js';

const KEYS: [RateLimitKind, keyof RateLimit][] = [
  ['max-connections', 'maxConnections'],
  ['per-source-connections', 'perSourceConnections'],
  ['new-connections-per-second', 'newConnectionsPerSecond'],
  ['max-embryonic', 'maxEmbryonic'],
];

/**
 * Which parts of a requested rate limit a platform can enforce (platforms catalogue
 * `rate-limit-kinds`). The assessment credits rate-limiting only when nothing is
 * dropped; the rule IR carries only the enforceable part, so backends never render
 * a limit the platform cannot apply.
 */
export function rateLimitSupport(platform: Platform | undefined, limit: RateLimit): { supported?: RateLimit; unsupported: RateLimitKind[] } {
  const kinds = platform?.supports.rateLimit ? platform.supports.rateLimitKinds ?? KEYS.map(([k]) => k) : [];
  const supported: RateLimit = {};
  const unsupported: RateLimitKind[] = [];
  for (const [kind, key] of KEYS) {
    if (limit[key] === undefined) continue;
    if (kinds.includes(kind)) supported[key] = limit[key];
    else unsupported.push(kind);
  }
  return { ...(Object.keys(supported).length > 0 ? { supported } : {}), unsupported };
}
