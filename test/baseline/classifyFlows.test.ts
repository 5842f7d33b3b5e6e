import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFlows, sortByFlow } from '../../src/baseline/classifyFlows.js';
import { formatIPv4 } from '../../src/baseline/parseFields.js';
import type { Addr, FlowTransport, ObservedFlow } from '../../src/baseline/types.js';
import { formatAddress } from '../../src/model/ip.js';

const addr = fc.oneof(
  // mostly a few values (so flows share a source and destination and the later keys decide), with the 12-bit split edges
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(0, 4095, 4096, 0xffffffff) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) }).map((v): Addr => ({ text: formatIPv4(v), family: 4, v4: v, value: BigInt(v) })),
  fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((v): Addr => ({ text: formatAddress(6, v), family: 6, v4: -1, value: v })),
);
const flow = fc.tuple(addr, addr, fc.constantFrom<FlowTransport>('tcp', 'udp', 'icmp', 'other'), fc.oneof(fc.constantFrom(0, 502, 65535), fc.integer({ min: 0, max: 65535 })))
  .filter(([s, d]) => s.family === d.family)
  .map(([src, dst, transport, dport]): ObservedFlow => ({ src, dst, transport, dport, count: 1, packets: 0, bytes: 0, first: NaN, last: NaN }));

describe('sortByFlow', () => {
  it('orders exactly as compareFlows (source, destination, transport, port; IPv4 before IPv6)', () => {
    fc.assert(fc.property(fc.array(flow, { maxLength: 200 }), (flows) => {
      const got = sortByFlow(flows, (f) => f);
      // a permutation of the input...
      expect(got).toHaveLength(flows.length);
      expect(new Set(got)).toEqual(new Set(flows));
      // ...in compareFlows order
      for (let i = 1; i < got.length; i++) expect(compareFlows(got[i - 1], got[i])).toBeLessThanOrEqual(0);
    }), { numRuns: 300 });
  });
});
