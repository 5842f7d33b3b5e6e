import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { daysBetween, isCalendarDate } from '../../src/validate/calendarDate.js';
import { collapseAlternatives } from '../../src/validate/collapseAlternatives.js';
import { describePointer } from '../../src/validate/describePointer.js';
import { parseProtocolRef } from '../../src/validate/protocolRef.js';
import { kindOf, quote } from '../../src/validate/quote.js';
import { canonicalRequirementId } from '../../src/validate/requirementId.js';
import { didYouMean, editDistance, suggest } from '../../src/validate/suggest.js';
import { testCatalogs } from './fixtures.js';

describe('canonicalRequirementId', () => {
  it.each([
    ['SR 1.1', 'SR 1.1'], ['SR 1.1 RE 1', 'SR 1.1 RE 1'], ['SR 1.1 RE(1)', 'SR 1.1 RE 1'], ['SR1.1 RE1', 'SR 1.1 RE 1'],
    ['sr 1.1 re 1', 'SR 1.1 RE 1'], ['SR 1.1 RE (1)', 'SR 1.1 RE 1'], ['  SR 7.6 RE 1 ', 'SR 7.6 RE 1'], ['SR 01.13', 'SR 1.13'],
  ])('%j -> %j', (text, id) => expect(canonicalRequirementId(text)).toBe(id));
  it.each(['FR1', 'SR 1', 'SR 1.1 RE', 'SR 1.1 RE(1', 'CR 1.1', '', 'SR 1.1; RE 1'])('rejects %j', (text) => expect(canonicalRequirementId(text)).toBeUndefined());
});

describe('calendar dates', () => {
  it.each([['2027-03-31', true], ['2028-02-29', true], ['2027-02-29', false], ['2027-13-01', false], ['2027-00-10', false], ['2027-04-31', false], ['27-03-31', false], ['2027-3-31', false]])(
    '%s is a calendar date: %s', (text, ok) => expect(isCalendarDate(text)).toBe(ok));
  it('counts whole UTC days', () => {
    expect(daysBetween('2027-03-31', '2027-04-01')).toBe(1);
    expect(daysBetween('2027-04-01', '2027-03-31')).toBe(-1);
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2); // across the EU DST change: still whole days
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(() => daysBetween('2027-02-30', '2027-03-01')).toThrow(RangeError);
  });
});

describe('parseProtocolRef', () => {
  const protocols = testCatalogs().protocols;
  it.each<[string, unknown]>([
    ['modbus', { kind: 'catalog' }],
    ['tcp/502', { kind: 'raw', transport: 'tcp', ports: [502, 502] }],
    ['udp/47808', { kind: 'raw', transport: 'udp', ports: [47808, 47808] }],
    ['tcp/2000-2010', { kind: 'raw', transport: 'tcp', ports: [2000, 2010] }],
    ['tcp/1-65535', { kind: 'raw', transport: 'tcp', ports: [1, 65535] }],
    ['tcp/0', { kind: 'invalid-port' }],
    ['tcp/65536', { kind: 'invalid-port' }],
    ['udp/99999999999999999999', { kind: 'invalid-port', reason: 'port 999999999999… is outside 1-65535' }],
    ['tcp/10-9', { kind: 'invalid-port' }],
    ['TCP/502', { kind: 'unknown' }],
    ['sctp/5', { kind: 'unknown' }],
    ['tcp/', { kind: 'unknown' }],
    ['tcp/5-', { kind: 'unknown' }],
    ['tcp/any', { kind: 'unknown' }],
    ['modbus ', { kind: 'unknown' }],
  ])('%s', (name, want) => expect(parseProtocolRef(name, protocols)).toMatchObject(want as object));
});

describe('suggestions', () => {
  it('measures edit distance', () => {
    expect(editDistance('adress', 'address')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
  it('suggests only close names, ties by id order', () => {
    expect(suggest('adress', ['zone', 'address', 'addresses'])).toBe('address');
    expect(suggest('fortigate', ['fortios', 'nftables'])).toBeUndefined();
    expect(suggest('ab', ['ac', 'aa'])).toBe('aa');
    expect(suggest('Control', ['control'])).toBe('control');
    expect(didYouMean('zone', ['zones'])).toBe('; did you mean "zones"?');
    expect(didYouMean('zones', ['zones'])).toBe('');
  });
});

describe('message helpers', () => {
  it.each([
    ['', 'the policy'], ['/zones/control', 'zone "control"'], ['/zones/control/sl-target/FR1', 'sl-target.FR1 of zone "control"'],
    ['/assets/plc-1/addresses/2', 'addresses[3] of asset "plc-1"'], ['/conduits/c/flows/0', 'flow 1 of conduit "c"'],
    ['/conduits/c/flows/1/to/0', 'to[1] of flow 2 of conduit "c"'], ['/enforcement/fw/interfaces', 'interfaces of enforcement point "fw"'],
    ['/waivers/4/expires', 'expires of waiver 5'], ['/services/ids/monitors/0', 'services.ids.monitors[1]'], ['/site', 'site'], ['/otpc', '"otpc"'],
  ])('describes %j as %j', (pointer, words) => expect(describePointer(pointer)).toBe(words));

  it('quotes values, shortening long strings', () => {
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('x'.repeat(100))).toBe(`"${'x'.repeat(60)}…" (100 characters)`);
    expect(quote(3)).toBe('3');
    expect(kindOf([])).toBe('a list');
    expect(kindOf(null)).toBe('nothing (null)');
  });
});

describe('collapseAlternatives', () => {
  const e = (instancePath: string, keyword: string, params: Record<string, unknown> = {}): ErrorObject => ({ instancePath, keyword, params, schemaPath: '#' });
  it('keeps the errors of the branch whose type matched', () => {
    const out = collapseAlternatives([e('/a', 'required'), e('/z/s', 'maximum'), e('/z/s', 'type', { type: 'object' }), e('/z/s', 'anyOf')]);
    expect(out.map((x) => `${x.instancePath}:${x.keyword}`)).toEqual(['/a:required', '/z/s:maximum']);
  });
  it('merges the types when every branch failed on type', () => {
    const out = collapseAlternatives([e('/f', 'type', { type: 'string' }), e('/f', 'type', { type: 'array' }), e('/f', 'anyOf')]);
    expect(out).toMatchObject([{ instancePath: '/f', keyword: 'type', params: { type: 'string,array' } }]);
  });
  it('keeps deeper errors of a list branch', () => {
    const out = collapseAlternatives([e('/s', 'type', { type: 'string' }), e('/s/0', 'type', { type: 'string' }), e('/s', 'anyOf')]);
    expect(out.map((x) => x.instancePath)).toEqual(['/s/0']);
  });
});
