import type { Platform, RateLimitKind } from '../catalog/types.js';
import type { EndpointRef, RateLimit, Transport } from './types.js';

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
 * connections with tcp_syn_flood but has no UDP counterpart). Kinds the platform counts
 * per destination address or per rule (`rate-limit-one-responder`: FortiOS tcp_syn_flood
 * counts SYNs per destination, the policy's new-connections-per-second is per source; an
 * ASA class's conn-max counts the whole class, the policy's max-connections is per
 * responder) mean what the policy asks only on a flow to one asset: elsewhere they are
 * not enforced. The assessment credits rate-limiting only when nothing is dropped; the
 * rule IR carries only the enforceable part, so backends never render a limit the
 * platform cannot apply as asked.
 */
export function rateLimitSupport(
  platform: Platform | undefined,
  limit: RateLimit,
  transports: readonly Transport[],
  oneResponder: boolean,
): { supported?: RateLimit; unsupported: string[] } {
  const kinds = platform?.supports.rateLimit ? platform.supports.rateLimitKinds ?? KEYS.map(([k]) => k) : [];
  const perDestination = platform?.supports.rateLimitOneResponder ?? [];
  const supported: RateLimit = {};
  const unsupported: string[] = [];
  for (const [kind, key] of KEYS) {
    if (limit[key] === undefined) continue;
    if (!enforces(kinds, kind, transports)) {
      unsupported.push(transports.some((t) => kinds.includes(`${kind}/${t}`)) ? `${kind} for ${transports.filter((t) => !kinds.includes(`${kind}/${t}`)).join('/')}` : kind);
    } else if (!oneResponder && perDestination.includes(kind)) {
      unsupported.push(`${kind} on a flow to several assets (counted per destination or per rule there, not as asked)`);
    } else {
      supported[key] = limit[key];
    }
  }
  return { ...(Object.keys(supported).length > 0 ? { supported } : {}), unsupported };
}

/** True when the flow goes to exactly one asset (a zone endpoint stands for many addresses). */
export function hasOneResponder(to: readonly EndpointRef[]): boolean {
  return to.length === 1 && to[0].kind === 'asset';
}

/** rateLimitSupport for a flow: its transports and whether it goes to one asset. */
export function flowRateLimitSupport(
  platform: Platform | undefined,
  limit: RateLimit,
  flow: { protocol: { ports: readonly { transport: Transport }[] }; to: readonly EndpointRef[] },
): { supported?: RateLimit; unsupported: string[] } {
  return rateLimitSupport(platform, limit, flowTransports(flow.protocol.ports), hasOneResponder(flow.to));
}

/** Distinct transports of a flow's ports. */
export function flowTransports(ports: readonly { transport: Transport }[]): Transport[] {
  return [...new Set(ports.map((p) => p.transport))].sort();
}
