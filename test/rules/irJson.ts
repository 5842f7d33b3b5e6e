import { formatAddress } from '../../src/model/ip.js';

/**
 * JSON text for golden files: bigint addresses written as address strings
 * (the holder of a bigint is an IpRange or a Packet, both with `family`), LF, 2 spaces.
 */
export function irJson(value: unknown): string {
  return `${JSON.stringify(value, function (this: { family?: 4 | 6 }, _key: string, v: unknown) {
    if (typeof v === 'bigint') return this.family ? formatAddress(this.family, v) : v.toString();
    return v;
  }, 2)}\n`;
}
