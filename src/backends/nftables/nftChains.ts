import type { Rule } from '../../rules/types.js';
import { internalError } from './nftContext.js';
import type { NftContext } from './nftContext.js';
import { boundaryChain } from './nftBoundaryChain.js';
import { boundaryDirections } from './nftDirections.js';
import { forwardChain } from './nftForward.js';
import { ruleVariants, servicePorts } from './nftMatch.js';
import type { Variant } from './nftMatch.js';
import { RateLimits } from './nftRateLimit.js';
import { ReadOnlyChecks } from './nftReadOnly.js';
import type { ChainView } from './nftRuleLine.js';
import type { AddressSets, SetView } from './nftSets.js';
import { nftNote } from './nftText.js';

export interface ChainsOutput {
  chains: ChainView[];
  sets: SetView[];
}

/**
 * Chain layout (vendors.md 2.6; DESIGN "Rollout phases"):
 *
 *   forward (hook forward, policy drop in enforce / accept otherwise)
 *     iifname A oifname B jump ro_A_B      read-only payload checks: BEFORE conntrack accept
 *     ct state established,related accept  return traffic of allowed connections
 *     ct state invalid drop                (unless every boundary enforces: log only)
 *     iifname A oifname B jump c_A_B       one chain per boundary direction
 *     catch-all (IR rule 'final')
 *   c_A_B: a new TCP connection must start with a SYN (drop; log only while the
 *          boundary monitors), the IR flow rules of A -> B in IR order (rate limits
 *          just before their accept), then the boundary-final rule.
 *
 * The SYN check makes "part of a connection" mean what the spec evaluator says: a
 * segment that claims to be established but has no connection (conntrack picks it up
 * mid-stream as `new`, nf_conntrack_tcp_loose) is not a new connection and must not
 * match a flow rule (FortiOS drops such sessions by default too). It sits in the
 * boundary chain so it follows the boundary's phase: when the plant first gets this
 * ruleset, long-lived sessions opened before conntrack ran are only logged while the
 * boundary monitors, never cut.
 *
 * `jump`, not `goto`: a boundary chain always ends in a verdict, but if it did not,
 * the packet would come back to the catch-all instead of the base chain policy.
 */
export function buildChains(nc: NftContext, sets: AddressSets): ChainsOutput {
  const variantCache = new Map<Rule, Variant[]>();
  const variantsOf = (rule: Rule): Variant[] => {
    let v = variantCache.get(rule);
    if (!v) {
      const ports = servicePorts(nc.ep, rule.services);
      const unknown = [...rule.src, ...rule.dst].filter((r) => !sets.known(r));
      if (ports === undefined || unknown.length > 0) internalError(nc, `rule ${rule.id} refers to an unknown object`);
      v = ports === undefined ? [] : ruleVariants(rule, sets, ports, rule.rateLimit !== undefined);
      variantCache.set(rule, v);
    }
    return v;
  };
  const directions = boundaryDirections(nc);
  const ro = new ReadOnlyChecks(nc, variantsOf);
  const rl = new RateLimits(nc);
  const roChains = directions.map((d) => ro.chainFor(d.from, d.to, d.rules));
  const boundary = directions.map((d) => boundaryChain(nc, d, variantsOf, rl, sets));
  const forward = forwardChain(nc, directions, roChains.map((c) => c?.name), boundary.map((c) => c?.name), variantsOf);
  const chains: ChainView[] = [forward];
  directions.forEach((d, i) => {
    const r = roChains[i];
    if (r) chains.push({ name: r.name, notes: [nftNote(`read-only checks ${d.from} -> ${d.to}, jumped to before the conntrack accept: writes arrive on established connections.`)], rules: r.rules });
  });
  for (const b of boundary) if (b) chains.push(b);
  return { chains, sets: [...ro.sets, ...rl.sets] };
}

