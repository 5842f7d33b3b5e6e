import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { checkVendorName } from '../common/checkVendorName.js';
import type { NameRule } from '../common/checkVendorName.js';
import type { AddressObject, Rule } from '../../rules/types.js';
import { FORTIOS_LIMITS } from './limits.js';

/**
 * FortiOS vendor names. Every generated name starts with a kind prefix, so it never
 * equals a predefined object ("all", "ALL", "always"), a keyword, or an interface
 * name (zones and interfaces share one namespace), and objects of different kinds
 * never collide (vendors.md section 1: "Reject, don't escape"). The prefix is
 * followed by the IR base name, which is validated, never escaped or truncated.
 *
 * | kind                         | IPv4              | IPv6               |
 * |------------------------------|-------------------|--------------------|
 * | asset address object         | H-<name>          | H6-<name>          |
 * | zone networks                | N-<name>          | N6-<name>          |
 * | site service address         | SVC-<name>        | SVC6-<name>        |
 * | optimiser-merged address     | M-<name>          | M6-<name>          |
 * | one range of a multi-range   | <object>_<k>      | <object>_<k>       |
 * | IR address group             | G-<name>          | G6-<name>          |
 * | service / service group      | S-<name> / SG-<name>                   |
 * | zone                         | Z-<zone id>                            |
 * | application list (read-only) | APP-<protocol>-RO / APP-<protocol>-RO-MON |
 * | policy name                  | C<number> flow, B<number> boundary final, F<number> catch-all |
 *
 * IR ids are `[a-z0-9-]`, so the `_<k>` suffix of a multi-range member never equals
 * another object's name; any remaining collision is reported as OTPC707.
 */
export const ALLOWED_NAME = /^[A-Za-z0-9_-]+$/;
export const ALLOWED_NAME_TEXT = '[A-Za-z0-9_-]';
const RESERVED = ['all', 'any', 'none', 'always'] as const;

export function nameRule(what: string, max: number): NameRule {
  return { vendor: 'FortiOS', what, pattern: ALLOWED_NAME, allowed: ALLOWED_NAME_TEXT, max, reserved: RESERVED };
}

const ADDRESS_PREFIX: Record<AddressObject['source']['kind'], string> = {
  asset: 'H', zone: 'N', service: 'SVC', merged: 'M',
};

function familyTag(family: 4 | 6): string {
  return family === 6 ? '6' : '';
}

export function addressName(obj: AddressObject, family: 4 | 6): string {
  return `${ADDRESS_PREFIX[obj.source.kind]}${familyTag(family)}-${obj.name}`;
}

export function rangeMemberName(objectName: string, k: number): string {
  return `${objectName}_${k}`;
}

export function addressGroupName(name: string, family: 4 | 6): string {
  return `G${familyTag(family)}-${name}`;
}

export function serviceName(name: string): string {
  return `S-${name}`;
}

export function serviceGroupName(name: string): string {
  return `SG-${name}`;
}

export function zoneName(zoneId: string): string {
  return `Z-${zoneId}`;
}

export function appListName(protocol: string, phase: 'monitor' | 'enforce'): string {
  return phase === 'monitor' ? `APP-${protocol}-RO-MON` : `APP-${protocol}-RO`;
}

const POLICY_LETTER: Record<Rule['kind'], string> = { flow: 'C', 'boundary-final': 'B', final: 'F' };

/**
 * A policy name that always fits the 35-character limit: a letter for the rule kind
 * and the policy id (uint32, at most 10 digits). The long, readable text (rule id,
 * conduit, SRs) goes into `comments`; names are never truncated.
 */
export function policyName(rule: Rule): string {
  return `${POLICY_LETTER[rule.kind]}${rule.number}`;
}

/**
 * FortiOS interface names: at most 15 characters from `[A-Za-z0-9_.-]` (system interface
 * name). "any" is the policy wildcard, so a real interface cannot be called that.
 */
const INTERFACE_NAME = /^[A-Za-z0-9_.-]+$/;

export function checkInterfaceName(name: string, file: string, pointer: string): Diagnostic[] {
  const max = FORTIOS_LIMITS.interfaceName;
  const problems: string[] = [];
  if (name.length === 0 || name.length > max) problems.push(`is ${name.length} characters (1-${max} allowed)`);
  if (!INTERFACE_NAME.test(name)) problems.push('contains characters outside [A-Za-z0-9_.-]');
  else if (RESERVED.includes(name.toLowerCase() as (typeof RESERVED)[number])) problems.push('is a FortiOS keyword');
  if (problems.length === 0) return [];
  return [{
    code: 'OTPC706', severity: 'error', file, pointer,
    message: `FortiOS interface name "${printable(name)}" ${problems.join(' and ')}`,
    expected: `[A-Za-z0-9_.-]{1,${max}}`, actual: printable(name),
  }];
}

/** A name as it may appear inside a diagnostic message: control characters made visible. */
export function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * One FortiOS namespace (case-insensitive, to be safe across versions). Claiming a
 * name twice reports OTPC707 with both owners.
 */
export class NameTable {
  private readonly owners = new Map<string, string>();

  constructor(private readonly what: string) {}

  claim(name: string, owner: string, file: string, pointer: string): Diagnostic[] {
    const key = name.toLowerCase();
    const first = this.owners.get(key);
    if (first === undefined) {
      this.owners.set(key, owner);
      return [];
    }
    return [{
      code: 'OTPC707', severity: 'error', file, pointer,
      message: `FortiOS ${this.what} name "${name}" is produced by both ${first} and ${owner}`,
      hint: 'Rename one of the ids so their FortiOS names differ.',
    }];
  }
}
