import type { Issue } from '../../validate/issue.js';
import { endpointAddressObject, policyIssues } from '../common/policyIssues.js';
import type { EnforcementFacts } from '../types.js';
import { ipv6Acls } from './buildIosView.js';
import { isClassic } from './iosIndex.js';
import { PREFIX, addressObjectName, checkInterfaceName, checkIosNames } from './iosNames.js';

/**
 * The checks render would fail that the policy alone decides: interfaces, `ACL-IN-<zone>`
 * and `ACL6-IN-<zone>` (when ipv6Acls writes IPv6 ACLs), `OG-H-`/`OG-N-` object-groups
 * unless classic.
 */
export function ciscoIosPolicyChecks(ep: EnforcementFacts): Issue[] {
  const out: Issue[] = [];
  for (const b of ep.bindings) out.push(...policyIssues(checkInterfaceName(b.interface, '', b.pointer), 'value'));
  // a zone network or an address object is IPv6 (buildIosView.ts hasIpv6)
  const v6 = ipv6Acls([...ep.bindings, ...ep.endpoints].some((x) => x.families.includes(6)), ep.platform);
  const acls = ep.bindings.flatMap((b) => [
    { key: `ip:${b.zone}`, name: PREFIX.acl4 + b.zone, what: 'ACL', pointer: b.pointer },
    ...(v6 ? [{ key: `ipv6:${b.zone}`, name: PREFIX.acl6 + b.zone, what: 'ACL', pointer: b.pointer }] : []),
  ]);
  out.push(...policyIssues(checkIosNames(acls, ep.platform.limits.nameMax, ''), 'key'));
  // object-groups hold IPv4 only and are not used at all with `classic: true` (iosAces.ts addressOperands)
  if (!isClassic(ep.options)) {
    const groups = ep.endpoints.filter((e) => e.families.includes(4)).map((e) => {
      const a = endpointAddressObject(e);
      return { key: `network:${a.id}`, name: addressObjectName(a), what: 'network object-group', pointer: e.pointer };
    });
    out.push(...policyIssues(checkIosNames(groups, ep.platform.limits.nameMax, ''), 'key', ep));
  }
  return out;
}
