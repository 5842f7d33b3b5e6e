import type { Diagnostic } from '../../diagnostics/diagnostic.js';

/**
 * Names that reach a vendor CLI are checked against the vendor's allow-list and
 * length limit and rejected with a located error when they do not fit: never
 * escaped, never silently truncated (vendors.md section 1, "Reject, don't escape").
 */
export interface NameRule {
  /** Vendor, for the message. */
  vendor: string;
  /** What kind of object, for the message ("address object", "ACL"). */
  what: string;
  pattern: RegExp;
  /** Human description of the allow-list, for the message. */
  allowed: string;
  max: number;
  /** Lower-case words the vendor treats as keywords. */
  reserved?: readonly string[];
}

export function checkVendorName(name: string, rule: NameRule, file: string, pointer: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  // JSON quoting keeps control characters in a hostile name out of the terminal output.
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}...` : name);
  if (name.length > rule.max) {
    out.push({
      code: 'OTPC702', severity: 'error', file, pointer,
      message: `${rule.vendor} ${rule.what} name ${shown} is ${name.length} characters; the limit is ${rule.max}`,
      hint: `Shorten the id by ${name.length - rule.max} characters; otpc never truncates names.`,
      expected: `<= ${rule.max} characters`, actual: String(name.length),
    });
  }
  if (!rule.pattern.test(name)) {
    out.push({
      code: 'OTPC701', severity: 'error', file, pointer,
      message: `${rule.vendor} ${rule.what} name ${shown} contains characters outside ${rule.allowed}`,
      expected: rule.allowed,
    });
  } else if (rule.reserved?.includes(name.toLowerCase())) {
    out.push({
      code: 'OTPC701', severity: 'error', file, pointer,
      message: `${rule.vendor} ${rule.what} name ${shown} is a reserved word`,
      hint: 'Rename the id; keywords cannot be used as names.',
    });
  }
  return out;
}
