import { describe, expect, it } from 'vitest';
import { aceTexts, logOption, operandPairs } from '../../../src/backends/cisco-asa/asaAces.js';
import type { Side } from '../../../src/backends/cisco-asa/asaAces.js';
import { asaName, checkAsaNames, checkNameif } from '../../../src/backends/cisco-asa/asaNames.js';
import { objectBody, serviceBody } from '../../../src/backends/cisco-asa/asaObjects.js';
import { ciscoAsaBackend } from '../../../src/backends/cisco-asa/index.js';
import type { EnforcementIR, Rule } from '../../../src/rules/types.js';
import { addr, asaContext, enforcementIR, flow, range, riverside, svc, zone } from './fixtures.js';

const codes = (ep: EnforcementIR) => ciscoAsaBackend.render(ep, asaContext()).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('object bodies', () => {
  it.each([
    ['10.0.0.1', 'host 10.0.0.1'],
    ['10.20.2.64/26', 'subnet 10.20.2.64 255.255.255.192'],
    ['0.0.0.0/0', 'subnet 0.0.0.0 0.0.0.0'],
    ['10.0.0.0/31', 'subnet 10.0.0.0 255.255.255.254'],
    ['192.0.2.200-192.0.2.210', 'range 192.0.2.200 192.0.2.210'],
    ['2001:db8::1', 'host 2001:db8::1'],
    ['2001:db8::/64', 'subnet 2001:db8::/64'],
    ['2001:db8::1-2001:db8::5', 'range 2001:db8::1 2001:db8::5'],
  ])('%s -> %s', (text, want) => {
    expect(objectBody(range(text))).toBe(want);
  });

  it.each([
    [svc('tcp', 502), 'service tcp destination eq 502'],
    [svc('udp', 2000, 2010), 'service udp destination range 2000 2010'],
    [svc('tcp', 1, 65535), 'service tcp destination range 1 65535'],
  ])('%j', (s, want) => {
    expect(serviceBody(s)).toBe(want);
  });
});

describe('ACE operands', () => {
  const any: Side = { kind: 'any' };
  const v4: Side = { kind: 'ref', text: 'object H_a', families: new Set([4]) };
  const v6: Side = { kind: 'ref', text: 'object H_b', families: new Set([6]) };
  const both: Side = { kind: 'ref', text: 'object-group G_c', families: new Set([4, 6]) };
  it.each([
    ['any/any', any, any, ['any4 any4', 'any6 any6']],
    ['any/v4', any, v4, ['any4 object H_a']],
    ['both/any', both, any, ['object-group G_c any4', 'object-group G_c any6']],
    ['v4/both', v4, both, ['object H_a object-group G_c']],
    ['v4/v6: no shared family', v4, v6, []],
    ['none', { kind: 'none' } as Side, any, []],
  ])('%s', (_name, src, dst, want) => {
    expect(operandPairs(src, dst)).toEqual(want);
  });

  it.each([
    [{ kind: 'flow', action: 'allow', log: true }, 'log informational interval 300'],
    [{ kind: 'flow', action: 'deny', log: true }, 'log warnings interval 60'],
    [{ kind: 'boundary-final', action: 'allow', log: true }, 'log warnings interval 60'],
    [{ kind: 'final', action: 'deny', log: true }, 'log warnings interval 60'],
    [{ kind: 'flow', action: 'allow', log: false }, 'log disable'],
  ])('log option %j', (rule, want) => {
    expect(logOption(rule as Rule)).toBe(want);
  });

  it('never renders the protocol as tcp-udp or a bare any', () => {
    expect(aceTexts({ src: any, dst: any, proto: { kind: 'ip' } }, 'deny', 'log warnings interval 60')).toEqual([
      'deny ip any4 any4 log warnings interval 60', 'deny ip any6 any6 log warnings interval 60',
    ]);
    expect(aceTexts({ src: v4, dst: { kind: 'zone-empty' }, proto: { kind: 'ip' } }, 'deny', undefined)).toEqual([]);
  });
});

describe('names', () => {
  it('prefixes by kind', () => {
    expect([asaName.address(addr('asset', 'plc-1', ['10.0.0.1'])), asaName.address(addr('zone', 'control', ['10.0.0.0/24'])),
      asaName.address(addr('service', 'syslog', ['10.0.0.5'])), asaName.rangeMember('H_x', 2), asaName.addressGroup('g'),
      asaName.service('modbus-tcp-502'), asaName.serviceGroup('sg'), asaName.ruleGroup(2001, 'SRC'), asaName.ruleServices(2001),
      asaName.acl('control'), asaName.classAcl(2003), asaName.classMap(2003), asaName.policyMap('control')])
      .toEqual(['H_plc-1', 'N_control', 'SV_syslog', 'H_x_2', 'G_g', 'S_modbus-tcp-502', 'SG_sg', 'G_R2001_SRC', 'SG_R2001',
        'ACL_control_IN', 'ACL_CL_R2003', 'CM_R2003', 'PM_control']);
  });

  it.each([
    ['H_ok', 64, []],
    [`H_${'a'.repeat(62)}`, 64, []],
    [`H_${'a'.repeat(63)}`, 64, ['OTPC702']],
    ['H_a b', 64, ['OTPC701']],
    ['H_a\nb', 64, ['OTPC701']],
    ['9abc', 64, ['OTPC701']],
    ['H_a.b', 64, ['OTPC701']],
    ['H_ä', 64, ['OTPC701']],
  ])('%j (max %d)', (name, max, want) => {
    expect(checkAsaNames([{ key: 'k', name, what: 'network object', pointer: '/assets/x', max }], 'p.yaml').map((d) => d.code)).toEqual(want);
  });

  it('one namespace, case-insensitive collisions; the same key twice is not a collision', () => {
    const r = (key: string, name: string) => ({ key, name, what: 'object', pointer: `/${key}`, max: 64 });
    expect(checkAsaNames([r('a', 'H_x'), r('b', 'h_X')], 'p.yaml').map((d) => [d.code, d.pointer])).toEqual([['OTPC707', '/b']]);
    expect(checkAsaNames([r('a', 'H_x'), r('a', 'H_x')], 'p.yaml')).toEqual([]);
  });

  it.each([
    ['inside', []], ['dmz-2', []], ['OUTSIDE_3', []], ['a'.repeat(48), []], ['a'.repeat(49), ['OTPC706']],
    ['GigabitEthernet0/1', ['OTPC706']], ['any', ['OTPC706']], ['Any4', ['OTPC706']], ['in side', ['OTPC706']], ['', ['OTPC706']],
  ])('nameif %j', (nameif, want) => {
    expect(checkNameif(nameif, 'p.yaml', '/enforcement/fw/interfaces/z').map((d) => d.code)).toEqual(want);
  });
});

describe('render refuses what ASA cannot do, with located errors, never throwing', () => {
  it('two zones on one interface (OTPC706)', () => {
    const ep = riverside('enforce');
    ep.zones[1] = { ...ep.zones[1], interface: 'CONTROL' };
    const r = ciscoAsaBackend.render(ep, asaContext());
    expect(r.text).toBe('');
    expect(r.diagnostics.find((d) => d.code === 'OTPC706')?.pointer).toBe('/enforcement/fw-plant/interfaces/dmz');
  });

  it('a read-only rule asking for dpi (OTPC705)', () => {
    const ep = riverside('enforce');
    const rule = ep.rules[1];
    rule.readOnly = { ...(rule.readOnly as NonNullable<Rule['readOnly']>), mode: 'dpi' };
    expect(codes(ep)).toEqual(['OTPC705']);
  });

  it.each([[2_000_000, []], [2_000_001, ['OTPC705']], [0, ['OTPC705']]])('conn-max %d', (n, want) => {
    const ep = riverside('enforce');
    ep.rules[2].rateLimit = { maxConnections: n };
    expect(codes(ep)).toEqual(want);
  });

  it('a per-second limit (which the catalogue does not list for ASA) is refused, not dropped (OTPC705)', () => {
    const ep = riverside('enforce');
    ep.rules[2].rateLimit = { newConnectionsPerSecond: 5 };
    const r = ciscoAsaBackend.render(ep, asaContext());
    expect(r.text).toBe('');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pointer])).toEqual([['OTPC705', '/conduits/control-supervisory/flows/2']]);
  });

  it('policy-map names longer than 40 (OTPC702 at the interface)', () => {
    const long = 'z'.repeat(38);
    const ep = enforcementIR({
      id: 'fw', zones: [zone('a', 'inside'), zone(long, 'outside')], phase: 'enforce',
      addresses: [addr('asset', 'h', ['10.0.0.1']), addr('asset', 'p', ['10.0.1.1'])], services: [svc('tcp', 502)],
      flows: [flow({ conduit: 'c', ordinal: 1, n: 1, from: long, to: 'a', src: ['asset:p'], dst: ['asset:h'], services: ['svc:tcp-502'], rateLimit: { maxConnections: 5 } })],
    });
    const r = ciscoAsaBackend.render(ep, asaContext());
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pointer])).toEqual([['OTPC702', `/enforcement/fw/interfaces/${long}`]]);
  });

  it('more than 63 rate-limited classes on one interface (OTPC705)', () => {
    const flows = Array.from({ length: 64 }, (_, i) => flow({ conduit: 'c', ordinal: 1, n: i + 1, from: 'b', to: 'a', src: ['asset:p'], dst: ['asset:h'], services: ['svc:tcp-502'], rateLimit: { maxConnections: 5 } }));
    const ep = enforcementIR({ id: 'fw', zones: [zone('a', 'inside'), zone('b', 'outside')], phase: 'enforce', addresses: [addr('asset', 'h', ['10.0.0.1']), addr('asset', 'p', ['10.0.1.1'])], services: [svc('tcp', 502)], flows });
    expect(codes(ep)).toEqual(['OTPC705']);
  });

  it('a syslog address that is not one host (OTPC407)', () => {
    const ep = riverside('enforce');
    ep.syslog = ['10.0.0.0/24'];
    expect(codes(ep)).toEqual(['OTPC407']);
  });

  it('a rule from a zone without an interface is an internal error, not a throw', () => {
    const ep = riverside('enforce');
    ep.rules[0] = { ...ep.rules[0], fromZone: 'nowhere' };
    expect(codes(ep)).toEqual(['OTPC999']);
  });

  it('an object without addresses is left out and its rules match nothing', () => {
    const ep = riverside('enforce');
    ep.addresses = ep.addresses.map((a) => (a.id === 'asset:eng-ws' ? { ...a, ranges: [] } : a));
    const r = ciscoAsaBackend.render(ep, asaContext());
    expect(r.text).toContain('! asset:eng-ws: no addresses, not rendered');
    expect(r.text).toContain('! control-supervisory.4: matches no packet');
    expect(r.text).not.toMatch(/H_eng-ws/);
  });
});
