import { formatAddress, formatNet, isCidr } from '../model/ip.js';
import type { IpRange } from '../model/types.js';

/** A range as people write it: "10.20.1.11", "10.20.1.0/24", or "10.20.1.5-10.20.1.9". */
export function rangeText(r: IpRange): string {
  if (r.first === r.last) return formatAddress(r.family, r.first);
  const cidr = isCidr(r);
  return cidr ? formatNet(r.family, r.first, cidr.prefix) : `${formatAddress(r.family, r.first)}-${formatAddress(r.family, r.last)}`;
}
