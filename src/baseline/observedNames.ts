import type { Protocol } from '../catalog/types.js';
import { FAMILY_BITS, formatNet, overlaps } from '../model/ip.js';
import type { IpRange } from '../model/types.js';
import { compareStrings } from '../rules/compareStrings.js';
import type { Addr } from './types.js';

/** Ids in the policy format: ^[a-z0-9][a-z0-9-]{0,47}$. */
const MAX_ID = 48;

/** "dev-10-20-2-77" (IPv6: "dev-fd7a-3c21--5"), made unique against `taken` (which it extends). */
export function deviceId(a: Addr, taken: Set<string>): string {
  return uniqueId(`dev-${a.text.replace(/[.:]/g, '-')}`, taken);
}

export function uniqueId(base: string, taken: Set<string>): string {
  const stem = base.slice(0, MAX_ID);
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem.slice(0, MAX_ID - String(n).length - 1)}-${n}`;
  taken.add(id);
  return id;
}

/**
 * The network a suggested zone gets for an address outside every zone network:
 * the /24 (IPv6 /64) that holds it, narrowed until it overlaps no zone network
 * (OTPC404). Addresses that share a block get the same one.
 */
export function outsideNetwork(a: Addr, zoneNetworks: readonly IpRange[]): { range: IpRange; text: string } {
  const bits = FAMILY_BITS[a.family];
  for (let prefix = a.family === 4 ? 24 : 64; prefix <= bits; prefix++) {
    const size = 1n << BigInt(bits - prefix);
    const first = a.value - (a.value % size);
    const range: IpRange = { family: a.family, first, last: first + size - 1n };
    if (!zoneNetworks.some((z) => overlaps(z, range))) return { range, text: formatNet(a.family, first, prefix) };
  }
  // unreachable: the address itself is outside every zone network
  return { range: { family: a.family, first: a.value, last: a.value }, text: a.text };
}

/**
 * How to name an observed service in a conduit flow: a catalogue id when exactly one
 * catalogue protocol has exactly this one transport and port (so the flow allows what
 * was seen and nothing more), else the raw "tcp/N" form, with the catalogue protocols
 * that use the port as candidates for the reviewer.
 */
export function protocolName(protocols: Iterable<Protocol>, transport: 'tcp' | 'udp', port: number): { name: string; candidates: string[] } {
  const exact: string[] = [];
  const using: string[] = [];
  for (const p of protocols) {
    if (!p.ports.some((x) => x.transport === transport && x.ports[0] <= port && port <= x.ports[1])) continue;
    using.push(p.id);
    if (p.ports.length === 1 && p.ports[0].ports[0] === port && p.ports[0].ports[1] === port) exact.push(p.id);
  }
  using.sort(compareStrings);
  if (exact.length === 1) return { name: exact[0], candidates: using.filter((id) => id !== exact[0]) };
  return { name: `${transport}/${port}`, candidates: using };
}
