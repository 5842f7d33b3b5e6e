import { checkVendorName } from '../common/checkVendorName.js';
import type { NameRule } from '../common/checkVendorName.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AddressObject } from '../../rules/types.js';

/**
 * Vendor names for everything the IOS configuration names. IOS ACL names "cannot
 * contain a space or quotation mark, and must begin with an alphabetic character"
 * (`ip access-list` command reference); we use the stricter cross-vendor allow-list
 * of vendors.md section 1 for ACLs and object-groups alike, prefix every name by its
 * kind so a name can never be a keyword, and reject (never escape or truncate).
 */
export const IOS_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** Interface names as IOS prints them: GigabitEthernet1/0/1, Vlan20, Port-channel1, Gi0/0.100. */
export const IOS_INTERFACE_PATTERN = /^[A-Za-z][A-Za-z0-9/.:-]*$/;
export const IOS_INTERFACE_MAX = 64;

export const PREFIX = {
  asset: 'OG-H-', zone: 'OG-N-', service: 'OG-S-', merged: 'OG-M-', group: 'OG-G-',
  serviceGroup: 'OGS-', acl4: 'ACL-IN-', acl6: 'ACL6-IN-',
} as const;

export function addressObjectName(a: AddressObject): string {
  return PREFIX[a.source.kind] + a.name;
}

export { interfacePointer } from '../common/pointers.js';

export interface NameRequest {
  /** IR id or synthetic key ("acl4:<zone>") the name belongs to. */
  key: string;
  name: string;
  what: string;
  pointer: string;
}

/**
 * Check every requested name against the allow-list and the platform's length
 * limit (OTPC701/702), then for collisions (OTPC707, case-insensitive because IOS
 * show commands and operators do not reliably tell case apart).
 */
export function checkIosNames(requests: NameRequest[], nameMax: number, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, NameRequest>();
  for (const r of requests) {
    const rule: NameRule = { vendor: 'Cisco IOS', what: r.what, pattern: IOS_NAME_PATTERN, allowed: '[A-Za-z][A-Za-z0-9_-]*', max: nameMax };
    out.push(...checkVendorName(r.name, rule, file, r.pointer));
    const folded = r.name.toLowerCase();
    const prev = seen.get(folded);
    if (prev && prev.key !== r.key) {
      out.push({
        code: 'OTPC707', severity: 'error', file, pointer: r.pointer,
        message: `Cisco IOS ${r.what} name "${r.name}" (${r.key}) collides with "${prev.name}" (${prev.key})`,
      });
    } else if (!prev) {
      seen.set(folded, r);
    }
  }
  return out;
}

export function checkInterfaceName(name: string, file: string, pointer: string): Diagnostic[] {
  if (name.length <= IOS_INTERFACE_MAX && IOS_INTERFACE_PATTERN.test(name)) return [];
  return [{
    code: 'OTPC706', severity: 'error', file, pointer,
    message: `Cisco IOS interface name "${name}" is not valid (letters, digits and / . : -, starting with a letter, at most ${IOS_INTERFACE_MAX} characters)`,
    expected: `${IOS_INTERFACE_PATTERN.source}, <= ${IOS_INTERFACE_MAX} characters`,
    actual: name,
  }];
}
