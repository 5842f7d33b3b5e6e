import { ASA_NAME_MAX, asaName, checkAsaNames, checkNameif } from '../backends/cisco-asa/asaNames.js';
import { PREFIX as IOS_PREFIX, addressObjectName as iosAddressName, checkInterfaceName as checkIosInterface, checkIosNames } from '../backends/cisco-ios/iosNames.js';
import { checkVendorName } from '../backends/common/checkVendorName.js';
import { overrideKey, resolveWriteSignatures } from '../backends/fortios/appSignatures.js';
import { FORTIOS_LIMITS } from '../backends/fortios/limits.js';
import { addressName as fortiosAddressName, checkInterfaceName as checkFortiosInterface, nameRule as fortiosNameRule, zoneName as fortiosZoneName } from '../backends/fortios/naming.js';
import { NFT_NAME_MAX, addressSetName, checkInterfaceName as checkNftInterface, tableName, validateName as validateNftName } from '../backends/nftables/nftNames.js';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/sourceMap.js';
import type { AddressObject } from '../rules/types.js';
import type { EndpointFacts, EnforcementFacts } from './enforcementFacts.js';
import type { Issue } from './issue.js';

/**
 * The backends' own name and interface checks (src/backends/<platform>/), run on what the
 * policy alone decides, so that `validate` and `report` reject what `compile` would: interface
 * names against each platform's allow-list (OTPC706), names built from zone, asset and
 * enforcement point ids against the vendor's allow-list and length limit (OTPC701/702), and
 * FortiOS FortiGuard id options (OTPC709). The backends keep these checks (defence in depth).
 *
 * Address object names are those of the unoptimised rule IR (`compile --no-optimize`, one
 * object per flow endpoint); names only the rule IR or the optimiser decides (groups, merged
 * objects, multi-range members, rule-numbered names, ASA MPF names, nftables chains,
 * application lists) are checked when compiling.
 */
export type VendorPolicyCheck = (ep: EnforcementFacts) => Issue[];

/**
 * Backend diagnostics (file '' here: issues are located later) as issues at the key or the
 * value. `ep` is given for names located outside the enforcement point (at an asset or zone),
 * whose message then says which enforcement point and platform the name is for.
 */
function issues(diagnostics: readonly Diagnostic[], at: 'key' | 'value', ep?: EnforcementFacts): Issue[] {
  return diagnostics.map((d) => {
    const issue: Issue = {
      code: d.code as Code, pointer: d.pointer ?? '', at, severity: d.severity,
      message: ep ? `${d.message} (enforcement point "${ep.id}", ${ep.platform.id})` : d.message,
    };
    if (d.hint) issue.hint = d.hint;
    return issue;
  });
}

/** The address object the rule IR makes for a flow endpoint (src/rules/buildAddresses.ts); ranges do not matter for names. */
function addressObject(e: EndpointFacts): AddressObject {
  return { id: `${e.kind}:${e.id}`, name: e.id, source: { kind: e.kind, id: e.id }, ranges: [], pointer: e.pointer };
}

/** FortiOS: interfaces, `Z-<zone>` (35), `H-`/`H6-`/`N-`/`N6-` objects (platform nameMax, else 79), FortiGuard id options. */
function fortios(ep: EnforcementFacts): Issue[] {
  const out: Issue[] = [];
  // as createViewContext (src/backends/fortios/viewContext.ts)
  const objectMax = ep.platform.limits.nameMax > 0 ? ep.platform.limits.nameMax : FORTIOS_LIMITS.objectName;
  for (const b of ep.bindings) {
    out.push(...issues(checkFortiosInterface(b.interface, '', b.pointer), 'value'));
    out.push(...issues(checkVendorName(fortiosZoneName(b.zone), fortiosNameRule('zone', FORTIOS_LIMITS.zoneName), '', b.pointer), 'key'));
  }
  for (const e of ep.endpoints) {
    for (const family of e.families) {
      const name = fortiosAddressName(addressObject(e), family);
      out.push(...issues(checkVendorName(name, fortiosNameRule('address', objectMax), '', e.pointer), 'key', ep));
    }
  }
  out.push(...fortiguardOptions(ep));
  return out;
}

/** `fortiguard-app-<protocol>-write` options that resolveWriteSignatures (appSignatures.ts) rejects, as dpi.ts does. */
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

/** Cisco IOS: interfaces, `ACL-IN-<zone>` (and `ACL6-IN-` with IPv6), `OG-H-`/`OG-N-` object-groups unless classic. */
function ciscoIos(ep: EnforcementFacts): Issue[] {
  const out: Issue[] = [];
  for (const b of ep.bindings) out.push(...issues(checkIosInterface(b.interface, '', b.pointer), 'value'));
  // IPv6 ACLs on every interface as soon as a zone network or address object is IPv6 (buildIosView.ts hasIpv6)
  const v6 = [...ep.bindings, ...ep.endpoints].some((x) => x.families.includes(6));
  const acls = ep.bindings.flatMap((b) => [
    { key: `ip:${b.zone}`, name: IOS_PREFIX.acl4 + b.zone, what: 'ACL', pointer: b.pointer },
    ...(v6 ? [{ key: `ipv6:${b.zone}`, name: IOS_PREFIX.acl6 + b.zone, what: 'ACL', pointer: b.pointer }] : []),
  ]);
  out.push(...issues(checkIosNames(acls, ep.platform.limits.nameMax, ''), 'key'));
  // object-groups hold IPv4 only and are not used at all with `classic: true` (iosAces.ts addressOperands)
  if (ep.options.classic !== true) {
    const groups = ep.endpoints.filter((e) => e.families.includes(4))
      .map((e) => ({ key: `network:${e.kind}:${e.id}`, name: iosAddressName(addressObject(e)), what: 'network object-group', pointer: e.pointer }));
    out.push(...issues(checkIosNames(groups, ep.platform.limits.nameMax, ''), 'key', ep));
  }
  return out;
}

/** Cisco ASA: nameifs, `ACL_<zone>_IN`, `H_`/`N_` network objects (min(platform nameMax, 64), as asaObjects.ts nameMax). */
function ciscoAsa(ep: EnforcementFacts): Issue[] {
  const out: Issue[] = [];
  const max = Math.min(ep.platform.limits.nameMax, ASA_NAME_MAX);
  for (const b of ep.bindings) out.push(...issues(checkNameif(b.interface, '', b.pointer), 'value'));
  const acls = ep.bindings.map((b) => ({ key: `acl:${b.zone}`, name: asaName.acl(b.zone), what: 'access-list', pointer: b.pointer, max }));
  out.push(...issues(checkAsaNames(acls, ''), 'key'));
  // one object per range; a multi-range object's members (<name>_<k>) are longer still
  const objects = ep.endpoints.filter((e) => e.families.length > 0)
    .map((e) => ({ key: `${e.kind}:${e.id}`, name: asaName.address(addressObject(e)), what: 'network object', pointer: e.pointer, max }));
  out.push(...issues(checkAsaNames(objects, ''), 'key', ep));
  return out;
}

/** nftables: interfaces, the table `otpc_<ep>`, one set per address object and family (min(platform nameMax, 255)). */
function nftables(ep: EnforcementFacts): Issue[] {
  const out: Issue[] = [];
  // as createNftContext (src/backends/nftables/nftContext.ts)
  const max = Math.min(ep.platform.limits.nameMax > 0 ? ep.platform.limits.nameMax : NFT_NAME_MAX, NFT_NAME_MAX);
  for (const b of ep.bindings) out.push(...issues(checkNftInterface(b.interface, '', b.pointer), 'value'));
  out.push(...issues(validateNftName(tableName(ep.id), 'table', max, '', ep.pointer), 'key'));
  for (const e of ep.endpoints) {
    for (const family of e.families) out.push(...issues(validateNftName(addressSetName(addressObject(e), family), 'set', max, '', e.pointer), 'key', ep));
  }
  return out;
}

/** Per platform id (the backend registry's keys); a platform without an entry has nothing checked here. */
export const VENDOR_POLICY_CHECKS: Readonly<Record<string, VendorPolicyCheck>> = {
  fortios,
  'cisco-ios': ciscoIos,
  'cisco-asa': ciscoAsa,
  nftables,
};
