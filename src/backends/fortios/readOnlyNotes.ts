import type { Platform } from '../../catalog/types.js';
import { canFilterOperations } from '../../model/canFilterOperations.js';
import type { EnforcementIR, Rule } from '../../rules/types.js';
import { cmp } from './addresses.js';
import { overrideKey } from './appSignatures.js';
import { policyName } from './naming.js';

/**
 * Read-only flows the rule IR gives as 'port-only' on this FortiGate: the policy allows
 * the protocol's port, so writes pass. Said in the policy comment and in the header, with
 * the reason, so nobody takes such a policy for a filter that blocks writes (IOS and ASA
 * say the same in their remarks). The reason comes from the same test the assessment and
 * the rule IR use (canFilterOperations): FortiOS filters a protocol only where the
 * platforms catalogue lists it and the site has verified the FortiGuard ids of its write
 * signatures (option fortiguard-app-<protocol>-write, vendors.md 2.1: ids are versioned
 * with the FortiGuard database of the device).
 */
export function portOnlyReason(ep: EnforcementIR, platform: Platform | undefined, protocol: string): string {
  const can = canFilterOperations(ep, platform, protocol);
  if (can.ok) return 'the rule IR asks for port level';
  if (platform?.supports.readOnly.includes(protocol)) {
    return `the FortiGuard application ids of the ${protocol} write signatures are not set: look them up on this FortiGate and set enforcement option ${overrideKey(protocol)}`;
  }
  return `the otpc platforms catalogue lists no verified FortiGuard write signatures for ${protocol}; add them with --catalog once checked against the FortiGuard database`;
}

/** The sentence appended to the comments of a port-only read-only policy. */
export function portOnlyComment(ep: EnforcementIR, platform: Platform | undefined, rule: Rule): string {
  const ro = rule.readOnly;
  if (!ro || ro.mode !== 'port-only') return '';
  return ` READ-ONLY NOT ENFORCED: ${ro.protocol} writes pass this port-level policy (partial). Why: ${portOnlyReason(ep, platform, ro.protocol)}.`;
}

/** Header lines: one per protocol with port-only read-only policies, naming them. */
export function portOnlyHeader(ep: EnforcementIR, platform: Platform | undefined): string[] {
  const byProtocol = new Map<string, string[]>();
  for (const r of ep.rules) {
    if (r.readOnly?.mode !== 'port-only' || r.action !== 'allow') continue;
    byProtocol.set(r.readOnly.protocol, [...(byProtocol.get(r.readOnly.protocol) ?? []), policyName(r)]);
  }
  return [...byProtocol.keys()].sort(cmp).map((p) => {
    const names = byProtocol.get(p) ?? [];
    const which = names.length === 1 ? `policy ${names[0]} allows` : `policies ${names.join(' ')} allow`;
    return `READ-ONLY NOT ENFORCED (${p}): ${which} ${p} at port level, so writes pass (partial). Why: ${portOnlyReason(ep, platform, p)}.`;
  });
}
