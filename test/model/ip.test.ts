import { describe, expect, it } from 'vitest';
import { formatAddress, mergeRanges, parseNet, rangeToCidrs } from '../../src/model/ip.js';

const v4 = (s: string) => { const r = parseNet(s); if (!r.ok) throw new Error(r.error); return r.net.first; };

describe('parseNet', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1', 32],
    ['10.20.1.0/24', '10.20.1.0/24', 24],
    ['2001:DB8::/32', '2001:db8::/32', 32],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', 128],
    ['::/0', '::/0', 0],
    ['fe80::1', 'fe80::1', 128],
  ])('%s -> %s', (input, text, prefix) => {
    const r = parseNet(input);
    expect(r.ok).toBe(true);
    if (r.ok) { expect(r.net.text).toBe(text); expect(r.net.prefix).toBe(prefix); }
  });
  it.each([
    ['10.0.0.01', 'address'], ['10.0.0.256', 'address'], ['10.0.0.1/24', 'network'], ['10.0.0.0/33', 'network'],
    ['2001:db8::g', 'address'], ['', 'address'], ['10.0.0.0/', 'network'], ['1.2.3', 'address'], [' 10.0.0.1', 'address'],
  ])('rejects %j (%s)', (input, kind) => {
    const r = parseNet(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.kind).toBe(kind);
  });
});

describe('rangeToCidrs', () => {
  it('splits 192.0.2.200-210 into /29 /31 /32 (vendors.md IOS example)', () => {
    const cidrs = rangeToCidrs({ family: 4, first: v4('192.0.2.200'), last: v4('192.0.2.210') });
    expect(cidrs.map((c) => `${formatAddress(4, c.first)}/${c.prefix}`)).toEqual(['192.0.2.200/29', '192.0.2.208/31', '192.0.2.210/32']);
  });
  it('covers the whole space with one block', () => {
    expect(rangeToCidrs({ family: 4, first: 0n, last: (1n << 32n) - 1n })).toEqual([{ first: 0n, prefix: 0 }]);
    expect(rangeToCidrs({ family: 6, first: 0n, last: (1n << 128n) - 1n })).toEqual([{ first: 0n, prefix: 0 }]);
  });
});

describe('mergeRanges', () => {
  it('merges adjacent and overlapping, keeps families apart', () => {
    const m = mergeRanges([
      { family: 4, first: 10n, last: 20n }, { family: 6, first: 1n, last: 2n },
      { family: 4, first: 21n, last: 30n }, { family: 4, first: 5n, last: 12n }, { family: 4, first: 40n, last: 40n },
    ]);
    expect(m).toEqual([
      { family: 4, first: 5n, last: 30n }, { family: 4, first: 40n, last: 40n }, { family: 6, first: 1n, last: 2n },
    ]);
  });
});
