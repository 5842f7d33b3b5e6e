import { describe, expect, it } from 'vitest';
import { ciscoIosBackend } from '../../../src/backends/cisco-ios/index.js';
import { blockOperand, objectGroupEntry, portOperator, subnetMask, wildcardMask } from '../../../src/backends/cisco-ios/iosAddresses.js';
import { ANY } from '../../../src/rules/types.js';
import type { EnforcementIR, Rule } from '../../../src/rules/types.js';
import { parseIos } from '../../reparse/cisco-ios/parseIos.js';
import { evaluateIos } from '../../reparse/cisco-ios/evaluateIos.js';
import { iosContext, net, plantEP, span, v4onlyEP } from './fixtures.js';
import { unknownLines } from './lineShapes.js';

const render = (ep: EnforcementIR, limits = {}) => ciscoIosBackend.render(ep, iosContext(limits));
const codes = (ep: EnforcementIR, limits = {}) => render(ep, limits).diagnostics.map((d) => d.code);
const lines = (text: string) => text.split('\n');

describe('golden files', () => {
  it.each([
    ['plant-enforce', () => plantEP('enforce')],
    ['plant-monitor', () => plantEP('monitor')],
    ['plant-classic', () => plantEP('enforce', { classic: true })],
  ] as const)('%s', async (name, make) => {
    const r = render(make());
    expect(r.diagnostics).toEqual([]);
    expect(unknownLines(r.text)).toEqual([]);
    parseIos(r.text);
    await expect(r.text).toMatchFileSnapshot(`golden/${name}.txt`);
  });
});

describe('output form', () => {
  const text = render(plantEP()).text;
  it('LF only, one newline at the end, no trailing blanks, deterministic', () => {
    expect(text).not.toMatch(/\r/);
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
    expect(text).not.toMatch(/[ \t]\n/);
    expect(render(plantEP()).text).toBe(text);
  });
  it('does not depend on the order of objects, zones or boundaries', () => {
    const ep = plantEP();
    const shuffled: EnforcementIR = { ...ep, zones: [...ep.zones].reverse(), addresses: [...ep.addresses].reverse(), services: [...ep.services].reverse(), boundaries: [...ep.boundaries].reverse() };
    expect(render(shuffled).text).toBe(text);
  });
  it('states site, enforcement point, phase, statelessness and review in the header', () => {
    const all = lines(text);
    const header = all.slice(0, all.findIndex((l) => !l.startsWith('!'))).join('\n');
    for (const want of ['Riverside Water Treatment (riverside-wtp)', 'enforcement point acl-core', 'Phase: enforce', 'stateless', 'Return traffic', 'Review before applying']) {
      expect(header).toContain(want);
    }
  });
  it('defines every object-group before use and every ACL before its interface', () => {
    const i = (s: string) => text.indexOf(s);
    expect(i('object-group network OG-H-hmi-1')).toBeLessThan(i('object-group network OG-G-scada-clients'));
    expect(i('object-group network OG-G-scada-clients')).toBeLessThan(i('ip access-list extended'));
    expect(i('ipv6 access-list ACL6-IN-supervisory')).toBeLessThan(i('interface Vlan20'));
  });
});

describe('entries', () => {
  const text = render(plantEP()).text;
  it.each([
    ['service object-group for a protocol on TCP and UDP', ' 10 permit object-group OGS-enip object-group OG-H-hmi-1 object-group OG-H-plc-filter-1 log'],
    ['never tcp-udp in a service group', ' tcp eq 44818\n udp eq 2222\n'],
    ['protocol and port for a single service', ' permit tcp object-group OG-H-historian object-group OG-H-plc-filter-1 eq 502 log'],
    ['port range', ' permit tcp object-group OG-M-eng-workstations object-group OG-H-plc-filter-1 range 2000 2010 log'],
    ['address range in an object-group', ' range 192.0.2.200 192.0.2.210\n'],
    ['subnet in mask form', ' 10.20.2.64 255.255.255.192\n'],
    ['TCP return traffic: established, not logged', ' permit tcp object-group OG-H-plc-filter-1 eq 502 object-group OG-H-historian established\n'],
    ['UDP return traffic from the service port', ' permit udp object-group OG-S-syslog eq 514 object-group OG-N-control\n'],
    ['boundary-final by the to-zone networks', ' deny ip any object-group OG-N-supervisory log'],
    ['explicit logged catch-all', ' deny ip any any log\n!'],
    ['IPv6 inline with sequence', ' permit tcp host 2001:db8:20:2::21 host 2001:db8:20:1::11 eq 44818 log sequence 10'],
    ['IPv6 ND before the final deny', ' permit icmp any any nd-na sequence 40\n permit icmp any any nd-ns sequence 50\n permit icmp any any router-solicitation sequence 60\n remark final default deny'],
    ['read-only is not enforced, said in a remark', ' remark read-only NOT enforced on IOS: modbus writes pass this port-level rule (partial)\n'],
    ['zone networks from the zone binding when no flow names the zone', 'object-group network OG-N-field\n description otpc networks of zone field\n 192.0.2.0 255.255.255.0\n!'],
    ['boundary-final of the IPv6 ACL by the to-zone networks', ' deny ipv6 any 2001:db8:20:2::/64 log sequence'],
    ['interface binding', 'interface Vlan30\n ip access-group ACL-IN-supervisory in\n ipv6 traffic-filter ACL6-IN-supervisory in\n!'],
    ['syslog', 'logging host 172.16.10.5\nlogging trap informational\n'],
    ['ntp', 'ntp server 172.16.10.6\n'],
    ['NTP replies to the switch need an entry the policy cannot name: a note', '! NTP replies from 172.16.10.6 enter Vlan40: before the final entry of ACL-IN-dmz add permit udp host 172.16.10.6 eq 123 host <address of this device on Vlan40>\n'],
    ['SPAN of an SVI is its VLAN', 'monitor session 1 source vlan 20 both\n'],
    ['SPAN of a port', 'monitor session 1 source interface GigabitEthernet1/0/24 both\n'],
    ['SPAN destination port', 'monitor session 1 destination interface GigabitEthernet1/0/48\n'],
  ])('%s', (_name, want) => expect(text).toContain(want));

  it('remarks come right before the entries they describe and start with the rule id', () => {
    const ls = lines(text);
    const k = ls.indexOf(' 30 permit tcp object-group OG-H-historian object-group OG-H-plc-filter-1 eq 502 log');
    // A long label wraps over several remark lines (at most three), each at most 100 characters.
    expect(ls[k - 3]).toMatch(/^ remark supervisory-control\.2 historian -> plc-filter-1 modbus/);
    expect(ls[k - 2]).toBe(' remark SR 5.2 RE 1)');
    expect(ls[k - 1]).toMatch(/^ remark read-only NOT enforced/);
    expect(ls.filter((l) => l.startsWith(' remark ')).every((l) => l.length <= ' remark '.length + 100)).toBe(true);
  });

  it('sequence numbers go 10, 20, ... in every ACL', () => {
    const cfg = parseIos(text);
    for (const acl of [...cfg.acls.values(), ...cfg.acls6.values()]) {
      expect(acl.entries.map((e) => e.seq)).toEqual(acl.entries.map((_e, i) => (i + 1) * 10));
    }
  });

  it('monitor: the boundary and final entries permit and log', () => {
    const m = render(plantEP('monitor')).text;
    expect(m).toContain(' permit ip any object-group OG-N-supervisory log');
    expect(m).toContain(' permit ip any any log\n');
    expect(m).toContain(' permit ipv6 any any log sequence');
    expect(m).not.toMatch(/^ (\d+ )?deny /m);
  });
});

describe('classic form', () => {
  const text = render(plantEP('enforce', { classic: true })).text;
  it('has no object-groups', () => expect(text).not.toMatch(/^[^!].*object-group/m));
  it('splits 192.0.2.200-210 into /29, /31 and /32 with wildcard masks (vendors.md section 1)', () => {
    for (const dst of ['192.0.2.200 0.0.0.7', '192.0.2.208 0.0.0.1', 'host 192.0.2.210']) {
      expect(text).toContain(`permit tcp host 10.20.2.21 ${dst} eq 20000 log`);
      expect(text).toContain(`permit tcp 10.20.2.64 0.0.0.63 ${dst} eq 20000 log`);
    }
  });
  it('one entry per service x source block x destination block', () => {
    expect(text).toContain(' 10 permit tcp host 10.20.2.21 host 10.20.1.11 eq 44818 log\n 20 permit tcp host 10.20.2.21 host 10.20.1.12 eq 44818 log\n 30 permit udp host 10.20.2.21 host 10.20.1.11 eq 2222 log\n 40 permit udp host 10.20.2.21 host 10.20.1.12 eq 2222 log');
  });
});

describe('address and port forms', () => {
  it.each([[0, '0.0.0.0', '255.255.255.255'], [24, '255.255.255.0', '0.0.0.255'], [26, '255.255.255.192', '0.0.0.63'], [32, '255.255.255.255', '0.0.0.0']])(
    '/%i', (prefix, mask, wildcard) => {
      expect(subnetMask(prefix)).toBe(mask);
      expect(wildcardMask(prefix)).toBe(wildcard);
    });
  it.each([
    [4, '0.0.0.0', 0, 'any'], [4, '10.0.0.1', 32, 'host 10.0.0.1'], [4, '10.0.0.0', 8, '10.0.0.0 0.255.255.255'],
    [6, '2001:db8::', 32, '2001:db8::/32'], [6, '2001:db8::1', 128, 'host 2001:db8::1'], [6, '::', 0, 'any'],
  ] as const)('block IPv%i %s/%i', (family, a, prefix, want) => expect(blockOperand(family, net(a).first, prefix)).toBe(want));
  it.each([
    [net('10.0.0.1'), 'host 10.0.0.1'], [net('10.0.0.0/30'), '10.0.0.0 255.255.255.252'], [span('10.0.0.1', '10.0.0.2'), 'range 10.0.0.1 10.0.0.2'],
  ] as const)('object-group entry %#', (r, want) => expect(objectGroupEntry(r)).toBe(want));
  it.each([[502, 502, 'eq 502'], [2000, 2010, 'range 2000 2010'], [1, 65535, 'range 1 65535'], [0, 65535, undefined]] as const)(
    'ports %i-%i', (lo, hi, want) => expect(portOperator(lo, hi)).toBe(want));
});

describe('IPv6', () => {
  const ZONES: [string, string][] = [['control', 'Vlan20'], ['dmz', 'Vlan40'], ['field', 'GigabitEthernet1/0/24'], ['supervisory', 'Vlan30']];
  /** The ND block of an IPv6 ACL: its remark and permits, as the ACLs of a policy with IPv6 addresses print them. */
  function ndBlock(text: string): string {
    const m = / remark IPv6 ND[^\n]*\n(?: permit icmp any any \S+ sequence \d+\n)+/.exec(text);
    if (!m) throw new Error('no ND block');
    return m[0].replace(/sequence \d+/g, 'sequence N');
  }
  const head = (text: string) => lines(text).filter((l) => l.startsWith('! ')).join('\n');

  it('no IPv6 address in the policy: every zone interface still gets an IPv6 ACL inbound, ND then the logged final deny', () => {
    const r = render(v4onlyEP());
    expect(r.diagnostics).toEqual([]);
    expect(unknownLines(r.text)).toEqual([]);
    for (const [zone, iface] of ZONES) {
      expect(r.text).toContain(`ipv6 access-list ACL6-IN-${zone}
 remark IPv6 ND and router solicitation: the explicit final entry overrides the implicit ND permits
 permit icmp any any nd-na sequence 10
 permit icmp any any nd-ns sequence 20
 permit icmp any any router-solicitation sequence 30
 remark final default deny all other traffic (SR 5.1, SR 5.2, SR 5.2 RE 1)
 deny ipv6 any any log sequence 40
!
`);
      expect(r.text).toMatch(new RegExp(`^interface ${iface}\n ip access-group ACL-IN-${zone} in\n ipv6 traffic-filter ACL6-IN-${zone} in\n!$`, 'm'));
    }
    // The same ND entries as the IPv6 ACLs of a policy with IPv6 addresses.
    expect(ndBlock(r.text)).toBe(ndBlock(render(plantEP()).text));
    expect(head(r.text)).toContain('IPv6: the policy has no IPv6 addresses. Each interface still gets an ipv6 traffic-filter');
    expect(head(r.text)).toContain('the final entry denies and logs all other IPv6');
    expect(head(r.text)).toContain('Where IPv6 is not used, disable it on these interfaces as well.');
    expect(r.text).not.toContain('no IPv6 ACL is rendered');
  });

  it('no IPv6 address in the policy: IPv6 entering a zone interface is denied and logged (the boundary is not bypassed), ND passes', () => {
    const cfg = parseIos(render(v4onlyEP()).text);
    const pkt = (inInterface: string, protocol: number, extra = {}) => evaluateIos(cfg, {
      inInterface, family: 6, src: net('2001:db8:20:2::21').first, dst: net('2001:db8:20:1::11').first, protocol, ...extra,
    });
    for (const [, iface] of ZONES) {
      expect(pkt(iface, 6, { sport: 40000, dport: 502, tcp: { syn: true } })).toMatchObject({ action: 'deny', log: true, implicit: false });
      expect(pkt(iface, 17, { sport: 40000, dport: 2222 })).toMatchObject({ action: 'deny', log: true, implicit: false });
      expect([136, 135, 133].map((icmpType) => pkt(iface, 58, { icmpType }).action)).toEqual(['permit', 'permit', 'permit']);
    }
  });

  it('no IPv6 address in the policy, monitor: the IPv6 final entry mirrors the IPv4 one (permit and log)', () => {
    const text = render(v4onlyEP('monitor')).text;
    expect(unknownLines(text)).toEqual([]);
    for (const [zone] of ZONES) {
      expect(text).toContain(`ipv6 access-list ACL6-IN-${zone}\n remark IPv6 ND`);
      expect(text).toContain(`ipv6 traffic-filter ACL6-IN-${zone} in`);
    }
    expect(text).toContain(' remark final monitor phase: would deny all other traffic, logged (SR 5.1, SR 5.2, SR 5.2 RE 1)\n permit ipv6 any any log sequence 40\n');
    expect(text).toMatch(/^ \d+ permit ip any any log$/m);
    expect(text).not.toMatch(/^ (\d+ )?deny /m);
    expect(head(text)).toContain('the final entry permits and logs all other IPv6');
    const cfg = parseIos(text);
    expect(evaluateIos(cfg, { inInterface: 'Vlan30', family: 6, src: net('2001:db8::1').first, dst: net('2001:db8::2').first, protocol: 6, sport: 1, dport: 2, tcp: { syn: true } }))
      .toMatchObject({ action: 'permit', log: true, implicit: false });
  });

  it('no IPv6 address and a platform that filters no IPv6: no IPv6 ACL, and the header says to disable IPv6', () => {
    const ctx = iosContext();
    const r = ciscoIosBackend.render(v4onlyEP(), { ...ctx, platform: { ...ctx.platform, supports: { ...ctx.platform.supports, ipv6: false } } });
    expect(r.text).not.toMatch(/^ipv6 |ipv6 traffic-filter/m);
    expect(head(r.text)).toContain('IPv6: the policy has no IPv6 addresses and this platform filters no IPv6: disable IPv6 on these interfaces.');
  });
  it('an IPv6 syslog collector uses logging host ipv6', () => {
    const ep = plantEP();
    ep.syslog = ['2001:db8:20:2::5'];
    expect(render(ep).text).toContain('logging host ipv6 2001:db8:20:2::5\n');
  });
});

describe('ACL logging rate limit', () => {
  const CMD = 'ip access-list logging interval 10';
  const count = (text: string) => lines(text).filter((l) => l === CMD).length;
  const head = (text: string) => lines(text).filter((l) => l.startsWith('! ')).join('\n');

  it.each([
    ['enforce', () => plantEP('enforce')],
    ['monitor', () => plantEP('monitor')],
    ['classic', () => plantEP('enforce', { classic: true })],
    ['IPv4 only, monitor', () => v4onlyEP('monitor')],
  ] as const)('%s: rendered once, before any ACL is defined or applied, and the re-parser accepts it', (_name, make) => {
    const text = render(make()).text;
    expect(count(text)).toBe(1);
    const at = text.indexOf(`\n${CMD}\n`);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(text.indexOf('\nip access-list extended '));
    expect(at).toBeLessThan(text.indexOf('\ninterface '));
    expect(unknownLines(text)).toEqual([]);
    expect(parseIos(text).aclLoggingInterval).toBe(10);
    expect(head(text)).toContain('ACL logging costs CPU: a packet that matches a log entry is process-switched (punted to the CPU) to be logged.');
    expect(head(text)).toContain('unverified on IOS-XE');
    expect(text).not.toContain('not rendered here');
  });

  it('monitor: the header says that the permit-and-log entries log every packet that reaches them; enforce does not', () => {
    const line = 'The final entry and the boundary entries not yet enforced permit and log: every packet that reaches them is logged';
    expect(head(render(plantEP('monitor')).text)).toContain(line);
    expect(head(render(plantEP('enforce')).text)).not.toContain(line);
  });

  it('no entry logs: no rate limit and no logging note', () => {
    const ep = plantEP();
    ep.rules = ep.rules.map((r) => ({ ...r, log: false }));
    const text = render(ep).text;
    expect(text).not.toMatch(/ log(\n| sequence)/);
    expect(count(text)).toBe(0);
    expect(head(text)).not.toContain('ACL logging');
    parseIos(text);
  });
});

describe('discover phase SPAN', () => {
  it('an IDS address only gives a commented destination template', () => {
    const ep = plantEP();
    ep.span = { sources: ['Vlan20'], destination: '10.20.2.99' };
    const text = render(ep).text;
    expect(text).toContain('! Set the switch port that connects the IDS sensor 10.20.2.99 and remove the leading !:\n! monitor session 1 destination interface <port-to-IDS>\n');
    expect(text).not.toMatch(/^monitor session 1 destination/m);
    parseIos(text);
  });
  it('no destination at all gives the template too; no span gives nothing', () => {
    const ep = plantEP();
    ep.span = { sources: ['Vlan20'] };
    expect(render(ep).text).toContain('! monitor session 1 destination interface <port-to-IDS>');
    delete ep.span;
    expect(render(ep).text).not.toContain('monitor session');
  });
  it('a platform without SPAN renders it as comments with a warning', () => {
    const r = ciscoIosBackend.render(plantEP(), { ...iosContext(), platform: { ...iosContext().platform, supports: { ...iosContext().platform.supports, span: false } } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OTPC704']);
    expect(r.text).not.toMatch(/^monitor/m);
  });
});

describe('diagnostics', () => {
  it('a name over the platform limit is OTPC702 at the IR object pointer; text is empty', () => {
    const r = render(plantEP(), { nameMax: 16 });
    expect(r.text).toBe('');
    const d = r.diagnostics.find((x) => x.message.includes('OG-H-plc-filter-1'));
    expect(d).toMatchObject({ code: 'OTPC702', file: 'riverside.yaml', pointer: '/assets/plc-filter-1', severity: 'error' });
    expect(r.diagnostics.find((x) => x.message.includes('ACL-IN-supervisory'))).toMatchObject({ code: 'OTPC702', pointer: '/enforcement/acl-core/interfaces/supervisory' });
  });
  it('names that differ only in case collide (OTPC707)', () => {
    const ep = plantEP();
    const a = ep.addresses.find((x) => x.id === 'asset:historian');
    if (!a) throw new Error('fixture');
    ep.addresses.push({ ...a, id: 'asset:Historian', name: 'Historian', pointer: '/assets/Historian' });
    ep.rules[1] = { ...ep.rules[1], src: ['asset:Historian', 'asset:historian'] };
    expect(codes(ep)).toEqual(['OTPC707']);
  });
  it('an interface name outside the allow-list is OTPC706', () => {
    const ep = plantEP();
    ep.zones[0] = { ...ep.zones[0], interface: 'Vlan20 ip access-group x' };
    expect(codes(ep)).toEqual(['OTPC706']);
  });
  it('two zones on one interface is OTPC706', () => {
    const ep = plantEP();
    ep.zones[1] = { ...ep.zones[1], interface: 'vlan20' };
    expect(codes(ep)).toEqual(['OTPC706']);
  });
  it('a bad syslog address is OTPC407', () => {
    const ep = plantEP();
    ep.ntp = ['ntp.example.org'];
    expect(codes(ep)).toEqual(['OTPC407']);
  });
  it('a malformed IR is OTPC999, never a throw', () => {
    const noFinal = plantEP();
    noFinal.rules = noFinal.rules.filter((r) => r.kind !== 'final');
    expect(codes(noFinal)).toEqual(['OTPC999']);
    const dangling = plantEP();
    dangling.rules[0] = { ...dangling.rules[0], dst: ['asset:nope'] };
    expect(codes(dangling)).toEqual(['OTPC999']);
    const garbage = { ...plantEP(), rules: null } as unknown as EnforcementIR;
    const r = render(garbage);
    expect([r.text, r.diagnostics.map((d) => d.code)]).toEqual(['', ['OTPC999']]);
  });
  it('a zone without networks (OTPC317): a note in enforce and monitor, OTPC705 when the final entry would decide otherwise', () => {
    const noNets = (ep: EnforcementIR) => ({ ...ep, zones: ep.zones.map((z) => (z.id === 'field' ? { ...z, networks: [] } : z)) });
    for (const phase of ['enforce', 'monitor'] as const) {
      const r = render(noNets(plantEP(phase)));
      expect(r.diagnostics).toEqual([]);
      expect(r.text).toContain('! final.supervisory>field: no entry; zone field lists no networks, so its destinations cannot be matched here.');
      expect(r.text).toContain('Zones without networks in the policy (field)');
      expect(r.text).not.toContain('OG-N-field');
    }
    const mixed = noNets(plantEP());
    mixed.rules = mixed.rules.map((x) => (x.kind === 'final' ? { ...x, action: 'allow' } : x));
    mixed.phase = 'mixed';
    const r = render(mixed);
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['OTPC705', '/zones/field']]);
    expect(r.diagnostics[0].message).toMatch(/zone "field" of rule final\.supervisory>field .* the final entry would permit and log what rule final\.supervisory>field must deny and log/);
    expect(r.text).toBe('');
  });
  it('zone networks come from the zone binding; an IR zone object with other ranges is a malformed IR (OTPC999)', () => {
    const ep = plantEP();
    ep.addresses = ep.addresses.map((a) => (a.id === 'zone:control' ? { ...a, ranges: [net('10.20.1.0/25')] } : a));
    expect(codes(ep)).toEqual(['OTPC999']);
  });
  it('controls an ACL cannot apply are refused, not downgraded (OTPC705): a rate limit, a dpi read-only filter', () => {
    const ep = plantEP();
    const ro = ep.rules[1].readOnly;
    if (!ro) throw new Error('fixture');
    ep.rules[1] = { ...ep.rules[1], readOnly: { ...ro, mode: 'dpi' } };
    ep.rules[2] = { ...ep.rules[2], rateLimit: { maxConnections: 64 } };
    const r = render(ep);
    expect(r.text).toBe('');
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['OTPC705', '/conduits/supervisory-control/flows/1'], ['OTPC705', '/conduits/supervisory-control/flows/2'],
    ]);
  });
  it('an IPv6 zone network alone is enough to render the IPv6 ACLs', () => {
    const ep = plantEP();
    ep.addresses = ep.addresses.filter((a) => a.source.kind !== 'zone').map((a) => ({ ...a, ranges: a.ranges.filter((r) => r.family === 4) }));
    ep.rules = ep.rules.filter((r) => !r.src.includes('zone:control'));
    expect(render(ep).text).toContain('ipv6 traffic-filter ACL6-IN-control in');
  });
  it('an ACL longer than rulesMax is a warning (OTPC757)', () => {
    expect(codes(plantEP('enforce', { classic: true }), { rulesMax: 10 })).toContain('OTPC757');
  });
});

describe('service object-groups', () => {
  it('uses an IR service group by name, and gives two sets of one protocol distinct names', () => {
    const ep = plantEP();
    ep.services.push({ id: 'svc:enip-udp-44818', name: 'enip-udp-44818', transport: 'udp', ports: [44818, 44818], protocol: 'enip' });
    ep.serviceGroups = [{ id: 'grp:svc-ot', name: 'ot', members: ['svc:modbus-tcp-502', 'svc:dnp3-tcp-20000'] }];
    const extra: Rule = { ...ep.rules[0], id: 'extra.1', services: ['svc:enip-tcp-44818', 'svc:enip-udp-44818'] };
    const grp: Rule = { ...ep.rules[0], id: 'extra.2', services: ['grp:svc-ot'] };
    ep.rules.splice(1, 0, extra, grp);
    const text = render(ep).text;
    expect(text).toContain('object-group service OGS-enip\n');
    expect(text).toContain('object-group service OGS-enip-2\n');
    expect(text).toContain('object-group service OGS-ot\n description otpc services modbus dnp3\n tcp eq 502\n tcp eq 20000\n');
    expect(text).toContain('permit object-group OGS-ot ');
  });
  it('a flow on any service is an ip entry with TCP, UDP and ICMP replies', () => {
    const ep = plantEP();
    ep.rules[0] = { ...ep.rules[0], services: [ANY] };
    const text = render(ep).text;
    expect(text).toContain(' 10 permit ip object-group OG-H-hmi-1 object-group OG-H-plc-filter-1 log');
    expect(text).toContain('permit icmp object-group OG-H-plc-filter-1 object-group OG-H-hmi-1\n');
  });
});
