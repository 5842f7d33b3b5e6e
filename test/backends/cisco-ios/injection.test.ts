import { describe, expect, it } from 'vitest';
import { ciscoIosBackend } from '../../../src/backends/cisco-ios/index.js';
import type { EnforcementIR } from '../../../src/rules/types.js';
import { parseIos } from '../../reparse/cisco-ios/parseIos.js';
import { checkEquivalence, irZoneNetworks } from '../../reparse/cisco-ios/iosEquivalence.js';
import { iosCorpus } from '../../reparse/cisco-ios/iosCorpus.js';
import { iosContext, plantEP } from './fixtures.js';
import { unknownLines } from './lineShapes.js';

/**
 * Injection corpus (vendors.md sections 0.4, 3 and 5): names are rejected, free text is
 * sanitised, and every output line belongs to the allow-list of line shapes and parses.
 */
const PAYLOADS = [
  'x\npermit ip any any', 'x\r\nip access-list extended EVIL', 'cr\ronly', 'say "hi"', "it's", 'back\\slash', 'what?', 'semi;colon',
  '{brace}', 'Kl\u00e4ranlage S\u00fcd \u2013 Ost', '!leading bang', 'tab\there', 'line\u2028sep', 'nel\u0085x', 'nul\u0000x', 'emoji \u{1F4A7}',
  'end\nend\nconfigure terminal', '\n', '   ', '#hash', 'a b',
];

const render = (ep: EnforcementIR) => ciscoIosBackend.render(ep, iosContext());

function withAssetName(name: string): EnforcementIR {
  const ep = plantEP();
  ep.addresses = ep.addresses.map((a) => (a.id === 'asset:historian' ? { ...a, name } : a));
  return ep;
}

function withZoneId(zone: string): EnforcementIR {
  const ep = plantEP();
  const rename = (z: string | undefined) => (z === 'dmz' ? zone : z);
  ep.zones = ep.zones.map((z) => ({ ...z, id: rename(z.id) as string }));
  ep.rules = ep.rules.map((r) => ({ ...r, fromZone: rename(r.fromZone), toZone: rename(r.toZone) }));
  ep.boundaries = ep.boundaries.map((b) => ({ ...b, zones: b.zones.map((z) => rename(z) as string) as [string, string] }));
  return ep;
}

function expectClean(text: string): void {
  expect(text).not.toBe('');
  expect(unknownLines(text)).toEqual([]);
  const cfg = parseIos(text);
  for (const acl of [...cfg.acls.values(), ...cfg.acls6.values()]) {
    for (const e of acl.entries) for (const r of e.remarks) expect(r.length).toBeLessThanOrEqual(100);
  }
  expect(text).not.toMatch(/^(permit|ip access-list extended EVIL|end|configure)/m);
}

describe('names are rejected, never escaped', () => {
  it.each(PAYLOADS)('object-group name %j: OTPC701 at the asset, empty text', (payload) => {
    const r = render(withAssetName(`historian${payload}`));
    expect(r.text).toBe('');
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toContainEqual(['OTPC701', '/assets/historian']);
  });
  it.each(PAYLOADS)('ACL name from zone id %j: OTPC701', (payload) => {
    const r = render(withZoneId(`dmz${payload}`));
    expect(r.text).toBe('');
    expect(r.diagnostics.some((d) => d.code === 'OTPC701')).toBe(true);
  });
  it.each(PAYLOADS)('interface name %j: OTPC706', (payload) => {
    const ep = plantEP();
    ep.zones[1] = { ...ep.zones[1], interface: `Vlan40${payload}` };
    const r = render(ep);
    expect(r.text).toBe('');
    expect(r.diagnostics.map((d) => d.code)).toContain('OTPC706');
  });
  it('a name may not start with a digit', () => {
    expect(render(withAssetName('x')).diagnostics).toEqual([]);
    expect(render(withZoneId('1dmz')).diagnostics).toEqual([]); // prefixed: ACL-IN-1dmz is a valid IOS name
  });
  it('names at the limit (64) pass; one past is OTPC702', () => {
    expect(render(withAssetName('h'.repeat(59))).diagnostics).toEqual([]);
    expect(render(withAssetName('h'.repeat(60))).diagnostics.map((d) => d.code)).toEqual(['OTPC702']);
    // The IPv6 ACL name is the longest one a zone gets: ACL6-IN-<zone>.
    expect(render(withZoneId('z'.repeat(56))).diagnostics).toEqual([]);
    expect(render(withZoneId('z'.repeat(57))).diagnostics.map((d) => d.code)).toEqual(['OTPC702']);
  });
  it('interface names at 64 pass, 65 is OTPC706', () => {
    const ep = plantEP();
    ep.zones[1] = { ...ep.zones[1], interface: `GigabitEthernet${'1'.repeat(49)}` };
    expect(render(ep).diagnostics).toEqual([]);
    ep.zones[1] = { ...ep.zones[1], interface: `GigabitEthernet${'1'.repeat(50)}` };
    expect(render(ep).diagnostics.map((d) => d.code)).toEqual(['OTPC706']);
  });
  it('SPAN interfaces and addresses are checked too', () => {
    const ep = plantEP();
    ep.span = { sources: ['Vlan20\nno monitor session 1'], destination: 'Gi1/0/1\nno ip routing' };
    expect(render(ep).diagnostics.map((d) => d.code)).toEqual(['OTPC706', 'OTPC706']);
    const ep2 = plantEP();
    ep2.syslog = ['172.16.10.5\nno logging host 1.1.1.1'];
    expect(render(ep2).diagnostics.map((d) => d.code)).toEqual(['OTPC407']);
  });
});

describe('free text is sanitised', () => {
  it.each(PAYLOADS)('rule comment, description and EP description %j', (payload) => {
    const ep = plantEP();
    ep.description = `rack ${payload} 2`;
    ep.rules = ep.rules.map((r) => ({ ...r, comment: `${r.comment} ${payload} tail` }));
    ep.addresses = ep.addresses.map((a) => (a.id === 'asset:hmi-1' ? { ...a, source: { ...a.source, id: `hmi ${payload}` } } : a));
    const r = render(ep);
    expect(r.diagnostics).toEqual([]);
    expectClean(r.text);
  });

  it('sanitising text never changes a verdict', () => {
    const ep = plantEP();
    ep.rules = ep.rules.map((r) => ({ ...r, comment: `${r.comment}\npermit ip any any` }));
    const rep = checkEquivalence(ep, parseIos(render(ep).text), iosCorpus(ep, irZoneNetworks(ep), 3000));
    expect(rep.mismatches).toEqual([]);
  });

  it('a remark of exactly 100 characters is kept whole; 101 are cut at a word boundary', () => {
    const ep = plantEP();
    const id = ep.rules[0].id;
    const at = `${id} ${'w'.repeat(100 - id.length - 1)}`;
    ep.rules[0] = { ...ep.rules[0], comment: at, trace: undefined };
    expect(render(ep).text).toContain(` remark ${at}\n`);
    ep.rules[0] = { ...ep.rules[0], comment: `${id} ${'word '.repeat(30)}` };
    const remark = render(ep).text.split('\n').find((l) => l.startsWith(` remark ${id} `)) ?? '';
    expect(remark.length - ' remark '.length).toBeLessThanOrEqual(100);
    expect(remark.endsWith('word')).toBe(true);
  });

  it('a comment that sanitises to nothing still gives a remark (the rule id)', () => {
    const ep = plantEP();
    ep.rules = ep.rules.map((r) => ({ ...r, comment: '???' }));
    const r = render(ep);
    expectClean(r.text);
    expect(r.text).toContain(' remark supervisory-control.1 ???'.replace(' ???', '\n'));
  });
});
