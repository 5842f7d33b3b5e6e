import type { Platform, RateLimitKind } from '../catalog/types.js';
import type { RateLimit, Transport } from './types.js';

const KEYS: [RateLimitKind, keyof RateLimit][] = [
  ['max-connections', 'maxConnections'],
  ['per-source-connections', 'perSourceConnections'],
  ['new-connections-per-second', 'newConnectionsPerSecond'],
  ['max-embryonic', 'maxEmbryonic'],
];

/** True when the platform enforces `kind` for every transport the flow uses. */
function enforces(kinds: readonly string[], kind: RateLimitKind, transports: readonly Transport[]): boolean {
  if (kinds.includes(kind)) return true;
  return transports.length > 0 && transports.every((t) => kinds.includes(`${kind}/${t}`));
}

/**
 * Which parts of a requested rate limit a platform can enforce for a flow on the given
 * transports (platforms catalogue `rate-limit-kinds`, e.g. FortiOS limits new TCP
 * connections with tcp_syn_flood but has no UDP counterpart). The assessment credits
 * rate-limiting only when nothing is dropped; the rule IR carries only the enforceable
 * part, so backends never render a limit the platform cannot apply.
 */
export function rateLimitSupport(
  platform: Platform | undefined,
  limit: RateLimit,
  transports: readonly Transport[] = ['tcp'],
): { supported?: RateLimit; unsupported: string[] } {
  const kinds = platform?.supports.rateLimit ? platform.supports.rateLimitKinds ?? KEYS.map(([k]) => k) : [];
  const supported: RateLimit = {};
  const unsupported: string[] = [];
  for (const [kind, key] of KEYS) {
    if (limit[key] === undefined) continue;
    if (enforces(kinds, kind, transports)) supported[key] = limit[key];
    else unsupported.push(transports.some((t) => kinds.includes(`${kind}/${t}`)) ? `${kind} for ${transports.filter((t) => !kinds.includes(`${kind}/${t}`)).join('/')}` : kind);
  }
  return { ...(Object.keys(supported).length > 0 ? { supported } : {}), unsupported };
}

/** Distinct transports of a flow's ports. */
export function flowTransports(ports: readonly { transport: Transport }[]): Transport[] {
  return [...new Set(ports.map((p) => p.transport))].sort();
}
