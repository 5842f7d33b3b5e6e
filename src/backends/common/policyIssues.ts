import type { Code } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AddressObject } from '../../rules/types.js';
import type { Issue } from '../../validate/issue.js';
import type { EndpointFacts, EnforcementFacts } from '../types.js';

/**
 * Backend diagnostics (file '' in policy checks: issues are located later) as issues at the
 * key or the value. `ep` is given for names located outside the enforcement point (at an
 * asset or zone), whose message then says which enforcement point and platform the name is for.
 */
export function policyIssues(diagnostics: readonly Diagnostic[], at: 'key' | 'value', ep?: EnforcementFacts): Issue[] {
  return diagnostics.map((d) => {
    const issue: Issue = {
      code: d.code as Code, pointer: d.pointer ?? '', at, severity: d.severity,
      message: ep ? `${d.message} (enforcement point "${ep.id}", ${ep.platform.id})` : d.message,
    };
    if (d.hint) issue.hint = d.hint;
    return issue;
  });
}

/**
 * The address object the unoptimised rule IR makes for a flow endpoint
 * (src/rules/buildAddresses.ts, `compile --no-optimize`); ranges do not matter for names.
 */
export function endpointAddressObject(e: EndpointFacts): AddressObject {
  return { id: `${e.kind}:${e.id}`, name: e.id, source: { kind: e.kind, id: e.id }, ranges: [], pointer: e.pointer };
}
