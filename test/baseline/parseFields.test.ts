import { describe, expect, it } from 'vitest';
import { timeAt, transportAt } from '../../src/baseline/flowRecord.js';
import { formatIPv4, parseIPv4, parseOps, parsePort, parseTime, parseTransport, parseUint } from '../../src/baseline/parseFields.js';

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
