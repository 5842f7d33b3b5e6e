import type { Protocol } from '../catalog/types.js';
import type { Transport } from '../model/types.js';

export type ProtocolRef =
  | { kind: 'catalog'; protocol: Protocol }
  | { kind: 'raw'; transport: Transport; ports: [number, number] }
  | { kind: 'invalid-port'; reason: string }
  | { kind: 'unknown' };

/** tcp/N, udp/N, tcp/N-M, udp/N-M (DESIGN "Policy file format"). */
const RAW = /^(tcp|udp)\/(\d+)(?:-(\d+))?$/;

/** Resolves a flow's protocol: a catalogue id, or a raw transport/port form with ports 1-65535 and N <= M. */
export function parseProtocolRef(name: string, protocols: ReadonlyMap<string, Protocol>): ProtocolRef {
  const protocol = protocols.get(name);
  if (protocol) return { kind: 'catalog', protocol };
  const m = RAW.exec(name);
  if (!m) return { kind: 'unknown' };
  const texts = [m[2], m[3] ?? m[2]];
  for (const t of texts) {
    const p = Number(t);
    if (p < 1 || p > 65535) return { kind: 'invalid-port', reason: `port ${t.length > 12 ? `${t.slice(0, 12)}…` : t} is outside 1-65535` };
  }
  const [lo, hi] = texts.map(Number);
  if (lo > hi) return { kind: 'invalid-port', reason: `the range ${lo}-${hi} is reversed (N must be <= M)` };
  return { kind: 'raw', transport: m[1] as Transport, ports: [lo, hi] };
}
