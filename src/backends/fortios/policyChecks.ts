import { joinPointer } from '../../diagnostics/sourceMap.js';
import type { Issue } from '../../validate/issue.js';
import { checkVendorName } from '../common/checkVendorName.js';
import { endpointAddressObject, policyIssues } from '../common/policyIssues.js';
import type { EnforcementFacts } from '../types.js';
import { overrideKey, resolveWriteSignatures } from './appSignatures.js';
import { FORTIOS_LIMITS } from './limits.js';
import { addressName, checkInterfaceName, nameRule, zoneName } from './naming.js';
import { objectNameMax } from './viewContext.js';

/** `fortiguard-app-<protocol>-write` options that resolveWriteSignatures (appSignatures.ts) rejects, as dpi.ts does (OTPC709). */
function fortiguardOptions(ep: EnforcementFacts): Issue[] {
  const out: Issue[] = [];
  for (const [key, value] of Object.entries(ep.options)) {
    const protocol = /^fortiguard-app-(.+)-write$/.exec(key)?.[1];
    // values of another type were reported by the schema
    if (protocol === undefined || overrideKey(protocol) !== key || !['string', 'number', 'boolean'].includes(typeof value)) continue;
    const resolved = resolveWriteSignatures(protocol, { [key]: value as string | number | boolean });
    if (resolved.ok) continue;
    out.push({
      code: 'OTPC709', pointer: joinPointer(joinPointer(ep.pointer, 'options'), key), message: `enforcement point "${ep.id}": ${resolved.error}`,
      hint: 'Give the ids shown by the FortiGate (Security Profiles > Application Signatures), e.g. "48885 12345".',
    });
  }
  return out;
}

/**
 * The checks render would fail that the policy alone decides: interfaces, `Z-<zone>` (35),
 * `H-`/`H6-`/`N-`/`N6-` address objects (objectNameMax, as createViewContext), FortiGuard
 * id options.
 */
export function fortiosPolicyChecks(ep: EnforcementFacts): Issue[] {
  const out: Issue[] = [];
  const objectMax = objectNameMax(ep.platform);
  for (const b of ep.bindings) {
    out.push(...policyIssues(checkInterfaceName(b.interface, '', b.pointer), 'value'));
    out.push(...policyIssues(checkVendorName(zoneName(b.zone), nameRule('zone', FORTIOS_LIMITS.zoneName), '', b.pointer), 'key'));
  }
  for (const e of ep.endpoints) {
    for (const family of e.families) {
      const name = addressName(endpointAddressObject(e), family);
      out.push(...policyIssues(checkVendorName(name, nameRule('address', objectMax), '', e.pointer), 'key', ep));
    }
  }
  out.push(...fortiguardOptions(ep));
  return out;
}
