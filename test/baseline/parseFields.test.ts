import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeAt, transportAt } from '../../src/baseline/flowRecord.js';
import { formatIPv4, isoTimeAt, parseIPv4, parseOps, parsePort, parseTime, parseTimeGeneral, parseTransport, parseUint } from '../../src/baseline/parseFields.js';

const whole = <T>(f: (t: string, s: number, e: number) => T) => (t: string) => f(t, 0, t.length);

describe('parseIPv4', () => {
  it.each([
    ['10.20.1.11', 0x0a14010b],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['192.168.0.1', 0xc0a80001],
    ['10.0.0.256', -1],
    ['10.0.0', -1],
    ['10.0.0.1.2', -1],
    ['010.0.0.1', -1],
    ['10..0.1', -1],
    ['10.0.0.1 ', -1],
    ['', -1],
    ['1.2.3.4a', -1],
    ['fe80::1', -1],
  ])('%s -> %d', (text, want) => {
    expect(whole(parseIPv4)(text)).toBe(want);
  });

  it('reads a slice of a longer line', () => {
    const line = 'x,10.1.2.3,y';
    expect(parseIPv4(line, 2, 10)).toBe(0x0a010203);
  });

  it.each([[0x0a14010b, '10.20.1.11'], [0xffffffff, '255.255.255.255'], [0, '0.0.0.0']])('formatIPv4(%d) = %s', (v, text) => {
    expect(formatIPv4(v)).toBe(text);
  });
});

describe('numbers', () => {
  it.each([['0', 0], ['502', 502], ['65535', 65535], ['65536', -1], ['-1', -1], ['', -1], ['5 02', -1], ['0x1f', -1]])('parsePort(%s) = %d', (t, want) => {
    expect(whole(parsePort)(t)).toBe(want);
  });
  it.each([['123456789012345', 123456789012345], ['1234567890123456', -1], ['12a', -1]])('parseUint(%s) = %d', (t, want) => {
    expect(whole(parseUint)(t)).toBe(want);
  });
});

describe('times', () => {
  it.each([
    ['1352726529.252792', 1352726529253],
    ['1352726529', 1352726529000],
    ['1352726529.5', 1352726529500],
    ['2012-11-12T13:22:09.252792Z', Date.UTC(2012, 10, 12, 13, 22, 9, 252)],
    ['2012-11-12 13:22:09', Date.UTC(2012, 10, 12, 13, 22, 9)],
    ['2012-11-12 13:22:09.123', Date.UTC(2012, 10, 12, 13, 22, 9, 123)],
    ['2012-11-12T13:22:09+02:00', Date.UTC(2012, 10, 12, 11, 22, 9)],
    ['2012-11-12T13:22:09+0200', Date.UTC(2012, 10, 12, 11, 22, 9)],
  ])('%s', (t, want) => {
    expect(whole(timeAt)(t)).toBe(want);
    expect(parseTime(t)).toBe(want);
  });
  it.each(['yesterday', '2012-13-40T00:00:00Z', '12:00', ''])('%s is not a time', (t) => {
    expect(whole(timeAt)(t)).toBeNaN();
  });
});

describe('ISO 8601 fast path (isoTimeAt) decides exactly as the general parser', () => {
  // [text, fast path taken, ms since the epoch (NaN: not a time)]
  it.each([
    ['2024-02-29T12:00:00Z', true, Date.UTC(2024, 1, 29, 12)], // leap day
    ['2000-02-29 00:00:00', true, Date.UTC(2000, 1, 29)], // leap day of a year divisible by 400
    ['1900-02-29T00:00:00Z', false, Date.UTC(1900, 2, 1)], // no leap day: Date.parse rolls it over, as before
    ['2023-02-29T00:00:00Z', false, Date.UTC(2023, 2, 1)],
    ['2026-04-31T00:00:00Z', false, Date.UTC(2026, 4, 1)],
    ['2026-12-31T23:59:59.999Z', true, Date.UTC(2026, 11, 31, 23, 59, 59, 999)],
    ['1970-01-01T00:00:00Z', true, 0],
    ['1969-12-31T23:59:59.5Z', true, -500],
    ['0000-01-01T00:00:00Z', true, -62167219200000], // year 0 (Date.UTC would read 0-99 as 1900-1999)
    ['0099-03-01T00:00:00Z', true, -59037897600000],
    ['9999-12-31T23:59:59Z', true, 253402300799000],
    ['2012-11-12T13:22:09.252792Z', true, Date.UTC(2012, 10, 12, 13, 22, 9, 252)], // microseconds: truncated to ms
    ['2012-11-12T13:22:09.9999999Z', true, Date.UTC(2012, 10, 12, 13, 22, 9, 999)],
    ['2012-11-12T13:22:09.5', true, Date.UTC(2012, 10, 12, 13, 22, 9, 500)],
    ['2012-11-12T13:22:09.25Z', true, Date.UTC(2012, 10, 12, 13, 22, 9, 250)],
    ['2012-11-12 13:22:09.123', true, Date.UTC(2012, 10, 12, 13, 22, 9, 123)], // nfdump: space, no zone
    ['2012-11-12 13:22:09', true, Date.UTC(2012, 10, 12, 13, 22, 9)],
    ['2012-11-12T13:22:09', true, Date.UTC(2012, 10, 12, 13, 22, 9)],
    ['2012-11-12T13:22:09+02:00', false, Date.UTC(2012, 10, 12, 11, 22, 9)],
    ['2012-11-12T13:22:09.5-0130', false, Date.UTC(2012, 10, 12, 14, 52, 9, 500)],
    ['2012-11-12T24:00:00Z', false, Date.UTC(2012, 10, 13)], // hour 24: Date.parse's end of day, as before
    ['2012-13-01T00:00:00Z', false, NaN],
    ['2012-00-10T00:00:00Z', false, NaN],
    ['2012-11-00T00:00:00Z', false, NaN],
    ['2012-11-32T00:00:00Z', false, NaN],
    ['2012-11-12T13:60:00Z', false, NaN],
    ['2012-11-12T23:59:60Z', false, NaN],
    ['2012-11-12T13:22:09.Z', false, NaN],
    ['2012-11-12T13:22:09ZZ', false, NaN],
    ['2012-11-12T13:22:09z', false, NaN],
    ['2012-11-12t13:22:09Z', false, NaN],
    ['2012-11-12_13:22:09Z', false, NaN],
    ['2012-11-12T13:22:9Z', false, NaN],
    ['2012-1-12T13:22:09Z', false, NaN],
    ['+2012-11-12T13:22:09Z', false, NaN],
    ['2012-11-12T13:22:09 ', false, NaN],
    ['2012-11-12', false, NaN],
  ])('%s', (t, fast, want) => {
    expect(parseTimeGeneral(t)).toBe(want);
    expect(whole(timeAt)(t)).toBe(want);
    expect(parseTime(t)).toBe(want);
    expect(Number.isNaN(whole(isoTimeAt)(t))).toBe(!fast);
    // inside a longer line, as the readers call it
    const line = `x,${t},y`;
    expect(timeAt(line, 2, 2 + t.length)).toBe(want);
  });

  it('agrees with the general parser on any string of the shape, in range or not', () => {
    const dd = (max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(2, '0'));
    const text = fc.tuple(
      fc.integer({ min: 0, max: 9999 }).map((v) => String(v).padStart(4, '0')), dd(19), dd(39), fc.constantFrom('T', ' ', 't', '_'), dd(29), dd(69), dd(69),
      fc.option(fc.stringMatching(/^\.\d{0,9}$/), { nil: '' }), fc.constantFrom('', 'Z', '+02:00', '-0130', 'z', ' '),
    ).map(([y, mo, d, sep, h, mi, s, frac, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${zone}`);
    fc.assert(fc.property(text, (t) => {
      const want = parseTimeGeneral(t);
      expect(whole(timeAt)(t)).toBe(want);
      expect(parseTime(t)).toBe(want);
      const fast = whole(isoTimeAt)(t);
      if (!Number.isNaN(fast)) expect(fast).toBe(want);
    }), { numRuns: 5000 });
  });
});

describe('transport', () => {
  it.each([['tcp', 0], ['TCP', 0], ['6', 0], ['udp', 1], ['17', 1], ['icmp', 2], ['1', 2], ['58', 2], ['ICMP6', 2], ['47', 3], ['gre', 3], ['unknown_transport', 3], ['', -1], ['999', -1]])('%s -> %d', (t, want) => {
    expect(whole(transportAt)(t)).toBe(want);
    if (t !== '') expect(parseTransport(t)).toBe(want);
  });
});

describe('parseOps', () => {
  it.each([
    ['3;16', [3, 16]],
    ['3 16', [3, 16]],
    ['3,16', [3, 16]],
    ['[3, 16]', [3, 16]],
    ['0x04|0x05', [4, 5]],
    ['', []],
    ['256', null],
    ['write', null],
    ['-1', null],
  ])('%s', (t, want) => {
    expect(parseOps(t)).toEqual(want);
  });
});
