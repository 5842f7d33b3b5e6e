import { describe, expect, it } from 'vitest';
import { resolveWriteSignatures } from '../../../src/backends/fortios/appSignatures.js';
import { addressName, appListName, checkInterfaceName, NameTable, policyName } from '../../../src/backends/fortios/naming.js';
import { rulePhase } from '../../../src/backends/fortios/phase.js';
import { toView } from '../../../src/backends/fortios/toView.js';
import { ANY } from '../../../src/rules/types.js';
import type { AddressObject, EnforcementIR, Rule } from '../../../src/rules/types.js';
import { net, plantEP, renderContext, span } from './fixtures.js';

const obj = (kind: AddressObject['source']['kind'], name = 'x'): AddressObject => ({ id: `${kind}:${name}`, name, source: { kind, id: name }, ranges: [], pointer: '' });
const rule = (kind: Rule['kind'], number: number): Rule => ({ id: 'r', number, kind, action: 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: '' });

describe('naming', () => {
  it.each([
    ['asset', 4, 'H-x'], ['asset', 6, 'H6-x'], ['zone', 4, 'N-x'], ['zone', 6, 'N6-x'],
    ['service', 4, 'SVC-x'], ['service', 6, 'SVC6-x'], ['merged', 4, 'M-x'], ['merged', 6, 'M6-x'],
  ] as const)('%s IPv%s object -> %s', (kind, family, want) => {
    expect(addressName(obj(kind), family)).toBe(want);
  });

  it.each([['flow', 4001, 'C4001'], ['boundary-final', 9000001, 'B9000001'], ['final', 9999999, 'F9999999'], ['flow', 4294967294, 'C4294967294']] as const)(
    '%s rule %d -> %s (always <= 35)', (kind, n, want) => {
      expect(policyName(rule(kind, n))).toBe(want);
      expect(want.length).toBeLessThanOrEqual(35);
    });

  it.each([['enforce', 'APP-modbus-RO'], ['monitor', 'APP-modbus-RO-MON']] as const)('application list in %s -> %s', (phase, want) => {
    expect(appListName('modbus', phase)).toBe(want);
  });

  it.each([
    ['port1', []], ['wan1.100', []], ['x'.repeat(15), []], ['x'.repeat(16), ['OTPC706']], ['po rt', ['OTPC706']],
    ['any', ['OTPC706']], ['ALL', ['OTPC706']], ['', ['OTPC706']], ['port1\nend', ['OTPC706']], ['port"1', ['OTPC706']],
  ])('interface %j', (name, want) => {
    expect(checkInterfaceName(name, 'p.yaml', '/enforcement/fw/interfaces/z').map((d) => d.code)).toEqual(want);
  });

  it('a namespace is case-insensitive and reports both owners', () => {
    const t = new NameTable('address');
    expect(t.claim('H-a', 'first', 'p.yaml', '/a')).toEqual([]);
    const d = t.claim('h-A', 'second', 'p.yaml', '/b');
    expect(d.map((x) => x.code)).toEqual(['OTPC707']);
    expect(d[0].message).toMatch(/first and second/);
  });
});

describe('FortiGuard write signatures', () => {
  it.each([
    ['modbus', {}, { ok: true, ids: [48885], covered: [5], origin: 'table' }],
    ['dnp3', {}, { ok: true, ids: [], covered: [], origin: 'table' }],
    ['modbus', { 'fortiguard-app-modbus-write': '90002, 90001 90002' }, { ok: true, ids: [90001, 90002], covered: 'all', origin: 'override' }],
    ['dnp3', { 'fortiguard-app-dnp3-write': 12345 }, { ok: true, ids: [12345], covered: 'all', origin: 'override' }],
    ['modbus', { 'fortiguard-app-modbus-write': '0' }, { ok: false }],
    ['modbus', { 'fortiguard-app-modbus-write': '123456789' }, { ok: false }],
    ['modbus', { 'fortiguard-app-modbus-write': '48885\nend' }, { ok: false }],
    ['modbus', { 'fortiguard-app-modbus-write': true }, { ok: false }],
    ['modbus', { 'fortiguard-app-modbus-write': '' }, { ok: false }],
  ] as const)('%s %j', (protocol, options, want) => {
    expect(resolveWriteSignatures(protocol, options as Record<string, string | number | boolean>)).toMatchObject(want);
  });
});

describe('rulePhase', () => {
  const ep = plantEP('mixed');
  it.each([
    ['dmz-control.1', 'enforce'], ['dmz-supervisory.1', 'monitor'], ['final.enterprise>dmz', 'monitor'], ['final.control>dmz', 'enforce'], ['final', 'monitor'],
  ])('%s -> %s', (id, want) => {
    expect(rulePhase(ep, ep.rules.find((r) => r.id === id)!)).toBe(want);
  });
  it('catch-all follows an enforcing point', () => {
    const e = plantEP('enforce');
    expect(rulePhase(e, e.rules[e.rules.length - 1])).toBe('enforce');
  });
});

function view(ep: EnforcementIR) {
  const r = toView(ep, renderContext());
  return { ...r, v: r.view! };
}

describe('toView', () => {
  it.each([
    [[net('10.20.1.11')], 4, { cidr: '10.20.1.11 255.255.255.255', isRange: false }],
    [[net('10.0.0.0/8')], 4, { cidr: '10.0.0.0 255.0.0.0', isRange: false }],
    [[net('0.0.0.0/0')], 4, { cidr: '0.0.0.0 0.0.0.0', isRange: false }],
    [[span('10.0.0.1', '10.0.0.2')], 4, { isRange: true, start: '10.0.0.1', end: '10.0.0.2' }],
    [[net('2001:db8::/64')], 6, { cidr: '2001:db8::/64', isRange: false }],
    [[span('2001:db8::1', '2001:db8::3')], 6, { isRange: true, start: '2001:db8::1', end: '2001:db8::3' }],
  ] as const)('address %#', (ranges, family, want) => {
    const ep = plantEP('enforce');
    ep.addresses = ep.addresses.map((a) => (a.id === 'asset:jump-host' ? { ...a, ranges: [...ranges] } : a));
    const { v } = view(ep);
    const list = family === 4 ? v.addresses : v.addresses6;
    expect(list.find((a) => a.name === (family === 4 ? 'H-jump-host' : 'H6-jump-host'))).toMatchObject(want);
  });

  it('an object with several ranges becomes members plus a group with the object name', () => {
    const { v } = view(plantEP('enforce'));
    expect(v.addresses.filter((a) => a.name.startsWith('H-rtu-intake')).map((a) => a.name)).toEqual(['H-rtu-intake_1', 'H-rtu-intake_2']);
    expect(v.addrgrps[0]).toMatchObject({ name: 'H-rtu-intake', members: ['H-rtu-intake_1', 'H-rtu-intake_2'] });
    expect(v.addresses6.find((a) => a.name === 'H6-rtu-intake')).toMatchObject({ isRange: true });
  });

  it('policies: ANY is all/ALL in both families; families follow the objects', () => {
    const { v } = view(plantEP('enforce'));
    const final = v.policies[v.policies.length - 1];
    expect(final).toMatchObject({ srcintf: ['any'], dstintf: ['any'], v4: true, v6: true, srcaddr: ['all'], srcaddr6: ['all'], service: ['ALL'], action: 'deny' });
    expect(v.policies.find((p) => p.id === '2001')).toMatchObject({ v4: true, v6: true, srcaddr6: ['H6-hmi-1'], dstaddr6: ['H6-historian'] });
    expect(v.policies.find((p) => p.id === '4002')).toMatchObject({ v4: true, v6: true, srcaddr: ['H-ews-pool', 'H-hmi-1'], srcaddr6: ['H6-hmi-1'], dstaddr6: ['H6-rtu-intake'] });
    expect(v.policies.find((p) => p.id === '4003')).toMatchObject({ v4: true, v6: false, srcaddr6: [], dstaddr6: [], srcaddr: ['N-supervisory'] });
    expect(v.policies.map((p) => p.id)).toEqual(plantEP('enforce').rules.map((r) => String(r.number)));
  });

  it('a rule without a common address family or without services is not rendered (OTPC751)', () => {
    const ep = plantEP('enforce');
    ep.rules[1] = { ...ep.rules[1], src: ['asset:plc-filter-1'], dst: ['asset:historian'] };
    ep.rules[1] = { ...ep.rules[1], dst: ['zone:supervisory'], src: ['asset:ews-pool'] };
    ep.addresses = ep.addresses.map((a) => (a.id === 'asset:ews-pool' ? { ...a, ranges: [net('2001:db8::5')] } : a));
    ep.addresses = ep.addresses.map((a) => (a.id === 'zone:supervisory' ? { ...a, ranges: [net('10.20.2.0/24')] } : a));
    ep.serviceGroups = [{ id: 'sg:enip', name: 'enip', members: [] }];
    const { v, diagnostics } = view(ep);
    expect(diagnostics.filter((d) => d.code === 'OTPC751').map((d) => d.message)).toEqual([
      expect.stringMatching(/dmz-supervisory\.1 .*no address family/),
      expect.stringMatching(/supervisory-control\.1 .*no services/),
    ]);
    expect(v.policies.map((p) => p.id)).not.toContain('2001');
    expect(v.policies.map((p) => p.id)).not.toContain('4001');
  });

  it('DoS policies: ingress interface, anomaly mapping, pass in monitor, UDP new-connection rate warned', () => {
    const ep = plantEP('monitor');
    ep.rules[4] = { ...ep.rules[4], rateLimit: { newConnectionsPerSecond: 5 } };
    const { v, diagnostics } = view(ep);
    expect(v.dos[0]).toMatchObject({ interface: 'port1', srcaddr: ['N-enterprise'], dstaddr: ['H-jump-host'] });
    expect(v.dos[0].anomalies).toEqual([
      { name: 'tcp_syn_flood', action: 'pass', threshold: '20' },
      { name: 'tcp_src_session', action: 'pass', threshold: '8' },
      { name: 'tcp_dst_session', action: 'pass', threshold: '64' },
    ]);
    expect(v.dos[1].anomalies).toEqual([{ name: 'tcp_syn_flood', action: 'pass', threshold: '5' }]);
    expect(diagnostics.filter((d) => d.code === 'OTPC704' && /DoS/.test(d.message)).map((d) => d.message)).toEqual([
      expect.stringMatching(/new-connections-per-second limit for UDP for rule supervisory-control\.2; it is rendered for TCP only/),
    ]);
  });

  it('an embryonic limit (not in the fortios rate-limit-kinds) is refused, not dropped (OTPC705)', () => {
    const ep = plantEP('enforce');
    ep.rules[4] = { ...ep.rules[4], rateLimit: { maxConnections: 16, maxEmbryonic: 3 } };
    const { view: v, diagnostics } = toView(ep, renderContext());
    expect(v).toBeUndefined();
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pointer])).toEqual([['OTPC705', '/conduits/supervisory-control/flows/1']]);
  });

  it('syslog: at most four collectors (OTPC757 for the rest); ntp: one server per address', () => {
    const ep = plantEP('enforce');
    ep.syslog = ['192.0.2.1', '192.0.2.2', '2001:db8::3', '192.0.2.4', '192.0.2.5'];
    const { v, diagnostics } = view(ep);
    expect(v.syslog.map((s) => `${s.section} ${s.server}`)).toEqual(['syslogd 192.0.2.1', 'syslogd2 192.0.2.2', 'syslogd3 2001:db8::3', 'syslogd4 192.0.2.4']);
    expect(diagnostics.map((d) => d.code)).toContain('OTPC757');
    expect(v.ntp).toEqual([{ id: '1', server: '172.16.10.6' }, { id: '2', server: '172.16.10.7' }]);
  });

  it('no DPI list and no ips global when no read-only rule is in dpi mode', () => {
    const ep = plantEP('enforce');
    ep.rules = ep.rules.map((r) => (r.readOnly ? { ...r, readOnly: { ...r.readOnly, mode: 'port-only' as const } } : r));
    const { v } = view(ep);
    expect(v.otSignatures).toBe(false);
    expect(v.appLists).toEqual([]);
    expect(v.policies.every((p) => !p.utm)).toBe(true);
  });

  it.each([
    ['the site has not verified the FortiGuard ids', { readOnly: ['modbus'], readOnlyOption: 'fortiguard-app-{protocol}-write' }, /Why: the FortiGuard application ids of the modbus write signatures are not set: look them up on this FortiGate and set enforcement option fortiguard-app-modbus-write\./],
    ['the catalogue lists no filter for the protocol', { readOnly: [] }, /Why: the otpc platforms catalogue lists no verified FortiGuard write signatures for modbus/],
  ])('a port-only read-only policy says that writes pass and why: %s', (_name, supports, why) => {
    const ep = plantEP('enforce');
    ep.rules = ep.rules.map((r) => (r.readOnly ? { ...r, readOnly: { ...r.readOnly, mode: 'port-only' as const } } : r));
    const platform = { ...renderContext().platform, supports: { ...renderContext().platform.supports, ...supports } };
    const { view: v } = toView(ep, renderContext(platform));
    const policy = v?.policies.find((p) => p.id === '1001');
    expect(policy?.comments).toMatch(/READ-ONLY NOT ENFORCED: modbus writes pass this port-level policy \(partial\)\. Why: /);
    expect(policy?.comments).toMatch(why);
    expect(v?.header.join(' ')).toMatch(/READ-ONLY NOT ENFORCED \(modbus\): policy C1001 allows modbus at port level, so writes pass \(partial\)\. Why: /);
    expect(v?.policies.filter((p) => /READ-ONLY/.test(p.comments)).map((p) => p.id)).toEqual(['1001']);
  });

  it('a shorter platform name limit (FortiOS 6.0: 63) is honoured', () => {
    const ep = plantEP('enforce');
    ep.addresses[0] = { ...ep.addresses[0], name: 'a'.repeat(62) };
    const ctx = renderContext({ ...renderContext().platform, limits: { nameMax: 63, commentMax: 1023 } });
    expect(toView(ep, ctx).diagnostics.map((d) => d.code)).toContain('OTPC702');
  });
});
