import { checkVendorName } from '../common/checkVendorName.js';
import type { NameRule } from '../common/checkVendorName.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AddressObject } from '../../rules/types.js';

/**
 * Cisco ASA vendor names. ASA allows letters, digits and `. ! @ # $ % ^ & ( ) - _ { }`
 * in object names, up to 64 characters, case-sensitive, and objects and object-groups
 * share one namespace (vendors.md section 2.3). We use the stricter cross-vendor
 * allow-list of vendors.md section 1 on purpose (`!` starts a comment, braces and `$`
 * mean something to other tools that handle the file) and reject, never escape.
 *
 * | kind                               | name                    |
 * |------------------------------------|-------------------------|
 * | asset address object               | H_<name>                |
 * | zone networks                      | N_<name>                |
 * | site service address               | SV_<name>               |
 * | optimiser-merged address           | M_<name>                |
 * | one range of a multi-range object  | <object>_<k> (k from 1) |
 * | IR address group                   | G_<name>                |
 * | service object / IR service group  | S_<name> / SG_<name>    |
 * | several addresses in one rule      | G_R<number>_SRC / _DST  |
 * | several services in one rule       | SG_R<number>            |
 * | zone ingress ACL                   | ACL_<zone>_IN           |
 * | rate limit: ACL, class, policy     | ACL_CL_R<number>, CM_R<number>, PM_<zone> |
 *
 * IR ids are `[a-z0-9-]`, so an `_<k>` suffix never equals another object's name;
 * any remaining collision is reported as OTPC707.
 */
export const ASA_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const ASA_NAME_ALLOWED = '[A-Za-z][A-Za-z0-9_-]*';
/** Object, object-group and ACL names: "up to 64 characters" (ASA command reference, `object network`). */
export const ASA_NAME_MAX = 64;
/** policy-map and class-map names: "up to 40 characters in length" (ASA firewall CLI guide, MPF chapter). */
export const ASA_MPF_NAME_MAX = 40;
/** `nameif`: "a text string up to 48 characters, and is not case-sensitive" (ASA interface guide). */
export const ASA_NAMEIF_MAX = 48;
/** Words that read as keywords where a nameif is printed (`logging host <if>`, `access-group ... interface <if>`). */
const NAMEIF_RESERVED = ['any', 'any4', 'any6', 'host', 'object', 'object-group', 'interface', 'in', 'out', 'global', 'control-plane', 'source'];

const ADDRESS_PREFIX: Record<AddressObject['source']['kind'], string> = {
  asset: 'H_', zone: 'N_', service: 'SV_', merged: 'M_',
};

export const asaName = {
  address: (a: AddressObject): string => ADDRESS_PREFIX[a.source.kind] + a.name,
  rangeMember: (objectName: string, k: number): string => `${objectName}_${k}`,
  addressGroup: (name: string): string => `G_${name}`,
  service: (name: string): string => `S_${name}`,
  serviceGroup: (name: string): string => `SG_${name}`,
  ruleGroup: (n: number, side: 'SRC' | 'DST'): string => `G_R${n}_${side}`,
  ruleServices: (n: number): string => `SG_R${n}`,
  acl: (zone: string): string => `ACL_${zone}_IN`,
  classAcl: (n: number): string => `ACL_CL_R${n}`,
  classMap: (n: number): string => `CM_R${n}`,
  policyMap: (zone: string): string => `PM_${zone}`,
};

export { interfacePointer } from '../common/pointers.js';

export interface NameRequest {
  /** What the name stands for (IR id or a synthetic key such as "acl:<zone>"); the same key may ask twice. */
  key: string;
  name: string;
  what: string;
  pointer: string;
  /** Length limit for this kind of name. */
  max: number;
}

/**
 * Every rendered name against the allow-list and its length limit (OTPC701/702), then
 * for collisions (OTPC707). ASA names are case-sensitive, but operators and `show`
 * filters are not reliably so: two names that differ only in case are a collision too.
 */
export function checkAsaNames(requests: NameRequest[], file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, NameRequest>();
  const checked = new Set<string>();
  for (const r of requests) {
    if (!checked.has(`${r.key}\u0000${r.name}`)) {
      checked.add(`${r.key}\u0000${r.name}`);
      const rule: NameRule = { vendor: 'Cisco ASA', what: r.what, pattern: ASA_NAME_PATTERN, allowed: ASA_NAME_ALLOWED, max: r.max };
      out.push(...checkVendorName(r.name, rule, file, r.pointer));
    }
    const folded = r.name.toLowerCase();
    const prev = seen.get(folded);
    if (!prev) {
      seen.set(folded, r);
    } else if (prev.key !== r.key) {
      out.push({
        code: 'OTPC707', severity: 'error', file, pointer: r.pointer,
        message: `Cisco ASA ${r.what} name "${r.name}" (${r.key}) collides with ${prev.what} "${prev.name}" (${prev.key})`,
        hint: 'Objects and object-groups share one namespace on ASA; rename one of the ids.',
      });
    }
  }
  return out;
}

/** A nameif as it must appear after `interface` and in `logging host` (OTPC706). */
export function checkNameif(nameif: string, file: string, pointer: string): Diagnostic[] {
  const ok = nameif.length <= ASA_NAMEIF_MAX && ASA_NAME_PATTERN.test(nameif) && !NAMEIF_RESERVED.includes(nameif.toLowerCase());
  if (ok) return [];
  return [{
    code: 'OTPC706', severity: 'error', file, pointer,
    message: `Cisco ASA interface name (nameif) ${JSON.stringify(nameif)} is not valid: letters, digits, _ and -, starting with a letter, at most ${ASA_NAMEIF_MAX} characters, not a keyword`,
    hint: 'Give the nameif of the interface (show nameif), not the physical name such as GigabitEthernet0/1.',
    expected: `${ASA_NAME_ALLOWED}, <= ${ASA_NAMEIF_MAX} characters`,
    actual: nameif,
  }];
}
