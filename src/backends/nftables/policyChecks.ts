import type { Issue } from '../../validate/issue.js';
import { endpointAddressObject, policyIssues } from '../common/policyIssues.js';
import type { EnforcementFacts } from '../types.js';
import { nftNameMax } from './nftContext.js';
import { addressSetName, checkInterfaceName, tableName, validateName } from './nftNames.js';

/**
 * The checks render would fail that the policy alone decides: interfaces, the table
 * `otpc_<ep>`, one set per address object and family (nftNameMax, as createNftContext).
 */
export function nftablesPolicyChecks(ep: EnforcementFacts): Issue[] {
  const out: Issue[] = [];
  const max = nftNameMax(ep.platform);
  for (const b of ep.bindings) out.push(...policyIssues(checkInterfaceName(b.interface, '', b.pointer), 'value'));
  out.push(...policyIssues(validateName(tableName(ep.id), 'table', max, '', ep.pointer), 'key'));
  for (const e of ep.endpoints) {
    for (const family of e.families) out.push(...policyIssues(validateName(addressSetName(endpointAddressObject(e), family), 'set', max, '', e.pointer), 'key', ep));
  }
  return out;
}
