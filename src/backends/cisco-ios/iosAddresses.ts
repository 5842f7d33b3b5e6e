import { FAMILY_BITS, formatAddress, isCidr, mergeRanges, rangeToCidrs } from '../../model/ip.js';
import type { IpRange } from '../../model/types.js';

/**
 * Address text in the forms IOS accepts (IOS Security Configuration Guide,
 * "IP Access List Overview" and "Object Groups for ACLs"):
 * - IPv4 ACEs take `any`, `host A.B.C.D` or `A.B.C.D <wildcard>`;
 * - IPv4 network object-groups take `host A.B.C.D`, `A.B.C.D <subnet mask>` or `range A B`;
 * - IPv6 ACEs take `any`, `host X:X::X` or `X:X::/len` (no wildcard masks).
 */

function maskValue(prefix: number): bigint {
  const bits = BigInt(FAMILY_BITS[4]);
  return prefix === 0 ? 0n : ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** Dotted-quad subnet mask, e.g. 26 -> 255.255.255.192. */
export function subnetMask(prefix: number): string {
  return formatAddress(4, maskValue(prefix));
}

/** Dotted-quad wildcard (inverse) mask, e.g. 26 -> 0.0.0.63. */
export function wildcardMask(prefix: number): string {
  return formatAddress(4, ((1n << 32n) - 1n) ^ maskValue(prefix));
}

/** One CIDR block as an ACE address operand of its family. */
export function blockOperand(family: 4 | 6, first: bigint, prefix: number): string {
  if (prefix === 0) return 'any';
  const addr = formatAddress(family, first);
  if (prefix === FAMILY_BITS[family]) return `host ${addr}`;
  return family === 4 ? `${addr} ${wildcardMask(prefix)}` : `${addr}/${prefix}`;
}

/** ACE address operands for a set of ranges: merged, split into CIDR blocks (classic IOS, vendors.md section 1). */
export function rangeOperands(ranges: readonly IpRange[], family: 4 | 6): string[] {
  const own = mergeRanges(ranges.filter((r) => r.family === family));
  return own.flatMap((r) => rangeToCidrs(r).map((b) => blockOperand(family, b.first, b.prefix)));
}

/** One IPv4 network object-group entry: host, subnet-mask form, or range. */
export function objectGroupEntry(r: IpRange): string {
  const first = formatAddress(4, r.first);
  if (r.first === r.last) return `host ${first}`;
  const cidr = isCidr(r);
  if (cidr) return `${first} ${subnetMask(cidr.prefix)}`;
  return `range ${first} ${formatAddress(4, r.last)}`;
}

/** IPv4 object-group entries for the ranges of an object (IPv6 ranges are rendered inline in the IPv6 ACL). */
export function objectGroupEntries(ranges: readonly IpRange[]): string[] {
  return mergeRanges(ranges.filter((r) => r.family === 4)).map(objectGroupEntry);
}

/** Port operator for an inclusive range; undefined when every port matches. */
export function portOperator(lo: number, hi: number): string | undefined {
  if (lo === 0 && hi === 65535) return undefined;
  return lo === hi ? `eq ${lo}` : `range ${lo} ${hi}`;
}
