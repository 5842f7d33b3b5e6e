import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fortiosBackend } from '../../../src/backends/fortios/index.js';
import type { EnforcementIR } from '../../../src/rules/types.js';
import { parseFortios } from '../../reparse/fortios/parseFortios.js';
import { modelFor } from '../../reparse/fortios/harness.js';
import { plantEP, renderContext } from './fixtures.js';
import { unexpectedLines } from './lineShapes.js';

/** Invalid in every FortiOS name (the backend must reject them with OTPC701/702/706). */
const EVIL = [
  'x\nset subnet 0.0.0.0 0.0.0.0',
  'x\r\nend\r\nconfig firewall policy',
  'a"b', "a'b", 'a\\b', 'a?b', 'a;b', 'a{b}', 'a#b', 'Kläranlage', 'a b', 'a\u0000b', 'a\tb',
];
/** Keywords: harmless behind a kind prefix ("H-all"), and quoted where printed. */
const KEYWORDS = ['end', 'all', 'next', 'config', 'ALL', 'any'];

function codes(ep: EnforcementIR): string[] {
  const r = fortiosBackend.render(ep, renderContext());
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) expect(r.text).toBe('');
  return [...new Set(errors.map((d) => d.code))].sort();
}

function expectSafe(text: string): void {
  expect(text).not.toBe('');
  expect(unexpectedLines(text)).toEqual([]);
  expect(() => parseFortios(text)).not.toThrow();
}

describe('names are validated, never escaped', () => {
  it.each(EVIL.map((s) => [s]))('address object name %j', (bad) => {
    const ep = plantEP('enforce');
    ep.addresses = ep.addresses.map((a) => (a.id === 'asset:hmi-1' ? { ...a, name: bad } : a));
    const got = codes(ep);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((c) => c === 'OTPC701' || c === 'OTPC702')).toBe(true);
  });

  it.each(KEYWORDS.map((s) => [s]))('keyword %j as a base name is prefixed and accepted', (word) => {
    const ep = plantEP('enforce');
    ep.addresses = ep.addresses.map((a) => (a.id === 'asset:hmi-1' ? { ...a, name: word } : a));
    ep.services = ep.services.map((s) => (s.id === 'svc:rdp-tcp-3389' ? { ...s, name: word } : s));
    expect(codes(ep)).toEqual([]);
    expectSafe(fortiosBackend.render(ep, renderContext()).text);
  });

  it.each([['all'], ['any'], ['ANY'], ['']])('interface %j is rejected (OTPC706)', (word) => {
    const ep = plantEP('enforce');
    ep.zones = ep.zones.map((z) => (z.id === 'dmz' ? { ...z, interface: word } : z));
    expect(codes(ep)).toEqual(['OTPC706']);
  });

  it.each(EVIL.map((s) => [s]))('interface name and zone id %j', (bad) => {
    const ep = plantEP('enforce');
    ep.zones = ep.zones.map((z) => (z.id === 'dmz' ? { ...z, interface: bad } : z));
    expect(codes(ep)).toEqual(['OTPC706']);
    const ep2 = plantEP('enforce');
    const rename = (z: string) => (z === 'dmz' ? bad : z);
    ep2.zones = ep2.zones.map((z) => ({ ...z, id: rename(z.id) }));
    ep2.rules = ep2.rules.map((r) => ({ ...r, fromZone: r.fromZone && rename(r.fromZone), toZone: r.toZone && rename(r.toZone) }));
    ep2.boundaries = ep2.boundaries.map((b) => ({ ...b, zones: [rename(b.zones[0]), rename(b.zones[1])] }));
    const got = codes(ep2);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((c) => c === 'OTPC701' || c === 'OTPC702')).toBe(true);
  });

  it.each(EVIL.map((s) => [s]))('service, service group, address group and protocol name %j', (bad) => {
    const mutate: ((ep: EnforcementIR) => void)[] = [
      (ep) => { ep.services = ep.services.map((s) => (s.id === 'svc:rdp-tcp-3389' ? { ...s, name: bad } : s)); },
      (ep) => { ep.serviceGroups = ep.serviceGroups.map((g) => ({ ...g, name: bad })); },
      (ep) => { ep.addressGroups = ep.addressGroups.map((g) => ({ ...g, name: bad })); },
      (ep) => {
        ep.rules = ep.rules.map((r) => (r.readOnly ? { ...r, readOnly: { ...r.readOnly, protocol: bad } } : r));
        ep.options = { [`fortiguard-app-${bad}-write`]: '48885' };
      },
    ];
    for (const m of mutate) {
      const ep = plantEP('enforce');
      m(ep);
      const got = codes(ep);
      expect(got.length).toBeGreaterThan(0);
      expect(got.every((c) => c === 'OTPC701' || c === 'OTPC702')).toBe(true);
    }
  });

  it.each([
    ['address name at the 79 limit (H-<77>)', (ep: EnforcementIR) => { ep.addresses[0] = { ...ep.addresses[0], name: 'a'.repeat(77) }; }, []],
    ['address name one past (H-<78>)', (ep: EnforcementIR) => { ep.addresses[0] = { ...ep.addresses[0], name: 'a'.repeat(78) }; }, ['OTPC702']],
    ['multi-range member at the limit (H-<75>_2)', (ep: EnforcementIR) => { ep.addresses[6] = { ...ep.addresses[6], name: 'a'.repeat(75) }; }, []],
    ['multi-range member one past (H-<76>_2)', (ep: EnforcementIR) => { ep.addresses[6] = { ...ep.addresses[6], name: 'a'.repeat(76) }; }, ['OTPC702']],
    ['zone name at the 35 limit (Z-<33>)', (ep: EnforcementIR) => { renameZone(ep, 'dmz', 'd'.repeat(33)); }, []],
    ['zone name one past (Z-<34>)', (ep: EnforcementIR) => { renameZone(ep, 'dmz', 'd'.repeat(34)); }, ['OTPC702']],
    ['interface at the 15 limit', (ep: EnforcementIR) => { ep.zones[0] = { ...ep.zones[0], interface: 'x'.repeat(15) }; }, []],
    ['interface one past', (ep: EnforcementIR) => { ep.zones[0] = { ...ep.zones[0], interface: 'x'.repeat(16) }; }, ['OTPC706']],
    ['interface named any', (ep: EnforcementIR) => { ep.zones[0] = { ...ep.zones[0], interface: 'any' }; }, ['OTPC706']],
    ['interface shared by two zones', (ep: EnforcementIR) => { ep.zones[0] = { ...ep.zones[0], interface: 'port4' }; }, ['OTPC312']],
    ['two objects with one vendor name', (ep: EnforcementIR) => { ep.addresses[1] = { ...ep.addresses[1], name: 'EWS-POOL' }; ep.addresses[0] = { ...ep.addresses[0], name: 'ews-pool' }; }, ['OTPC707']],
    ['policy id 0', (ep: EnforcementIR) => { ep.rules[0] = { ...ep.rules[0], number: 0 }; }, ['OTPC705']],
    ['two rules with one number', (ep: EnforcementIR) => { ep.rules[1] = { ...ep.rules[1], number: ep.rules[0].number }; }, ['OTPC707']],
    ['unknown address reference', (ep: EnforcementIR) => { ep.rules[0] = { ...ep.rules[0], src: ['asset:ghost'] }; }, ['OTPC999']],
    ['bad DPI override', (ep: EnforcementIR) => { ep.options = { 'fortiguard-app-modbus-write': '48885; end' }; }, ['OTPC709']],
    ['bad syslog address', (ep: EnforcementIR) => { ep.syslog = ['172.16.10.5\nend']; }, ['OTPC407']],
  ] as const)('%s', (_name, mutate, want) => {
    const ep = plantEP('enforce');
    mutate(ep);
    expect(codes(ep)).toEqual(want);
    if (want.length === 0) expectSafe(fortiosBackend.render(ep, renderContext()).text);
  });
});

function renameZone(ep: EnforcementIR, from: string, to: string): void {
  const rename = (z: string) => (z === from ? to : z);
  ep.zones = ep.zones.map((z) => ({ ...z, id: rename(z.id) }));
  ep.rules = ep.rules.map((r) => ({ ...r, fromZone: r.fromZone && rename(r.fromZone), toZone: r.toZone && rename(r.toZone) }));
  ep.boundaries = ep.boundaries.map((b) => ({ ...b, zones: [rename(b.zones[0]), rename(b.zones[1])] }));
}

describe('free text is sanitised, and no line exists that the IR did not produce', () => {
  it.each([...EVIL, ...KEYWORDS, ''].map((s) => [s]))('comments and descriptions %j', (bad) => {
    const ep = plantEP('monitor');
    ep.description = bad;
    ep.rules = ep.rules.map((r) => ({ ...r, comment: `${bad} ${r.comment} ${bad}` }));
    ep.zones = ep.zones.map((z) => ({ ...z, description: bad + z.description }));
    const r = fortiosBackend.render(ep, { ...renderContext(), site: { id: bad } });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectSafe(r.text);
    const clean = fortiosBackend.render(plantEP('monitor'), renderContext()).text;
    const structure = (t: string) => t.split('\n').filter((l) => !/^#|set (comments?|description) /.test(l.trim()));
    expect(structure(r.text)).toEqual(structure(clean));
  });

  it('a 2000-character comment is cut to 1023 bytes', () => {
    const ep = plantEP('enforce');
    ep.rules[0] = { ...ep.rules[0], comment: 'word '.repeat(400) };
    const text = fortiosBackend.render(ep, renderContext()).text;
    const line = text.split('\n').find((l) => l.startsWith('        set comments "otpc dmz-control.1'))!;
    expect(line.length - '        set comments ""'.length).toBeLessThanOrEqual(1023);
    expectSafe(text);
  });

  it('random names and comments never throw and never produce an unexpected line', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(fc.property(text, text, text, text, (name, zone, iface, note) => {
      const ep = plantEP('enforce');
      ep.addresses = ep.addresses.map((a, i) => (i === 2 ? { ...a, name } : a));
      ep.services = ep.services.map((s, i) => (i === 1 ? { ...s, name: zone } : s));
      ep.zones = ep.zones.map((z, i) => (i === 1 ? { ...z, interface: iface, description: note } : z));
      ep.rules = ep.rules.map((r) => ({ ...r, comment: note }));
      const r = fortiosBackend.render(ep, renderContext());
      if (r.diagnostics.some((d) => d.severity === 'error')) {
        expect(r.text).toBe('');
        return;
      }
      expectSafe(r.text);
      modelFor(ep, r.text);
    }), { numRuns: 300, seed: 7 });
  });
});
