import type { Issue } from '../../validate/issue.js';
import { endpointAddressObject, policyIssues } from '../common/policyIssues.js';
import type { EnforcementFacts } from '../types.js';
import { asaName, checkAsaNames, checkNameif } from './asaNames.js';
import { nameMax } from './asaObjects.js';

/**
 * The checks render would fail that the policy alone decides: nameifs, `ACL_<zone>_IN`,
 * `H_`/`N_` network objects (nameMax, as asaObjects.ts).
 */
export function ciscoAsaPolicyChecks(ep: EnforcementFacts): Issue[] {
  const out: Issue[] = [];
  const max = nameMax(ep);
  for (const b of ep.bindings) out.push(...policyIssues(checkNameif(b.interface, '', b.pointer), 'value'));
  const acls = ep.bindings.map((b) => ({ key: `acl:${b.zone}`, name: asaName.acl(b.zone), what: 'access-list', pointer: b.pointer, max }));
  out.push(...policyIssues(checkAsaNames(acls, ''), 'key'));
  // one object per range; a multi-range object's members (<name>_<k>) are longer still
  const objects = ep.endpoints.filter((e) => e.families.length > 0).map((e) => {
    const a = endpointAddressObject(e);
    return { key: a.id, name: asaName.address(a), what: 'network object', pointer: e.pointer, max };
  });
  out.push(...policyIssues(checkAsaNames(objects, ''), 'key', ep));
  return out;
}
