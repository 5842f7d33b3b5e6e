import { describe, expect, it } from 'vitest';
import { maskPrefix, parseAddress, parseV6, parseV6Prefix } from './asaAddressText.js';
import { connectionClass, evaluateAsa } from './evaluateAsa.js';
import type { AsaPacket } from './evaluateAsa.js';
import { AsaParseError, parseAsa } from './parseAsa.js';

const cfgText = (lines: string[]) => `${lines.join('\n')}\n`;

function lineOfError(text: string): number | 'ok' {
  try {
    parseAsa(text);
    return 'ok';
  } catch (err) {
    if (err instanceof AsaParseError) return err.line;
    throw err;
  }
}

describe('asaAddressText', () => {
  it.each([
    ['10.0.0.1', 4, 0x0a000001n], ['255.255.255.255', 4, 0xffffffffn], ['2001:db8::1', 6, 0x20010db8000000000000000000000001n],
    ['::', 6, 0n], ['::1', 6, 1n], ['1::', 6, 1n << 112n], ['1:2:3:4:5:6:7:8', 6, 0x00010002000300040005000600070008n],
  ])('%s', (text, family, value) => {
    expect(parseAddress(text)).toEqual({ family, value });
  });
  it.each(['10.0.0', '10.0.0.256', '010.0.0.1', '1:2:3:4:5:6:7:8:9', '1::2::3', '1:2:3:4:5:6:7::8', 'g::1', ':::', '10.0.0.1 '])('rejects %j', (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });
  it('masks and prefixes', () => {
    expect(maskPrefix('255.255.255.192')).toBe(26);
    expect(maskPrefix('0.0.0.0')).toBe(0);
    expect(maskPrefix('255.0.255.0')).toBeUndefined();
    expect(parseV6Prefix('2001:db8::/64')).toEqual({ family: 6, first: parseV6('2001:db8::'), last: (parseV6('2001:db8::') as bigint) + (1n << 64n) - 1n });
    expect(parseV6Prefix('2001:db8::1/64')).toBeUndefined();
  });
});

const BASE = [
  'object network H_a',
  ' host 10.0.0.1',
  'object network R_b',
  ' range 10.0.1.5 10.0.1.9',
  'object network N6',
  ' subnet 2001:db8::/64',
  'object service S_502',
  ' service tcp destination eq 502',
];

describe('parseAsa rejects what it does not understand, with the line number', () => {
  it.each([
    ['named port', ['access-list A extended permit tcp any4 any4 eq www'], 1],
    ['unknown command', ['interface GigabitEthernet0/1'], 1],
    ['remark over 100 characters', [`access-list A remark ${'x'.repeat(101)}`], 1],
    ['remark at exactly 100 characters', [`access-list A remark ${'x'.repeat(100)}`], 'ok'],
    ['nested IPv6 group', [...BASE, 'object-group network G6', ' network-object object N6', 'object-group network G', ' group-object G6'], 12],
    ['nested IPv4 groups are fine', [...BASE, 'object-group network G4', ' network-object object H_a', 'object-group network G', ' group-object G4'], 'ok'],
    ['object network with two bodies', ['object network X', ' host 10.0.0.1', ' host 10.0.0.2'], 3],
    ['subnet with host bits', ['object network X', ' subnet 10.0.0.1 255.255.255.0'], 2],
    ['non-contiguous mask', ['object network X', ' subnet 10.0.0.0 255.0.255.0'], 2],
    ['range end before start', ['object network X', ' range 10.0.0.9 10.0.0.1'], 2],
    ['mixed-family range', ['object network X', ' range 10.0.0.1 2001:db8::1'], 2],
    ['object and group with one name', [...BASE, 'object-group network H_a', ' network-object host 10.0.0.9'], 9],
    ['undefined object', ['access-list A extended permit ip object NOPE any4'], 1],
    ['object used before definition', ['access-list A extended permit ip object H_a any4', ...BASE], 1],
    ['service object as address', [...BASE, 'access-list A extended permit ip object S_502 any4'], 9],
    ['ports after a service object', [...BASE, 'access-list A extended permit object S_502 any4 any4 eq 502'], 9],
    ['non-ASCII', ['access-list A remark Kläranlage'], 1],
    ['carriage return', ['access-list A remark x\r'], 1],
    ['blank line', ['!', '', '!'], 2],
    ['trailing space', ['logging enable '], 1],
    ['tab', ['logging\tenable'], 1],
    ['log interval 601', ['access-list A extended deny ip any4 any4 log warnings interval 601'], 1],
    ['time-range', ['access-list A extended deny ip any4 any4 time-range T'], 1],
    ['access-group for an unknown ACL', ['access-group NOPE in interface inside'], 1],
    ['two access-groups in on one interface', ['access-list A extended deny ip any4 any4', 'access-group A in interface x', 'access-group A in interface X'], 3],
    ['set connection over 2000000', ['access-list C extended permit ip any4 any4', 'class-map CM', ' match access-list C', 'policy-map PM', ' class CM', '  set connection conn-max 2000001'], 6],
    ['unknown set connection key', ['access-list C extended permit ip any4 any4', 'class-map CM', ' match access-list C', 'policy-map PM', ' class CM', '  set connection conn-rate 5'], 6],
    ['service-policy for an unknown policy-map', ['service-policy PM interface inside'], 1],
    ['sub-command at top level', [' host 10.0.0.1'], 1],
    ['empty object-group', ['object-group network G', 'logging enable'], 1],
    ['description over 200', ['object network X', ` description ${'d'.repeat(201)}`, ' host 10.0.0.1'], 2],
    ['port-object in an untyped group', ['object-group service SG', ' port-object eq 1'], 2],
    ['logging host with a bad address', ['logging host inside 10.0.0.256'], 1],
    ['ntp server extra token', ['ntp server 10.0.0.1 key 1'], 1],
    ['comment without a space', ['!x'], 1],
    ['no trailing newline', ['logging enable'], 0],
  ])('%s', (_name, lines, want) => {
    const text = want === 0 ? lines.join('\n') : cfgText(lines);
    expect(lineOfError(text)).toBe(want);
  });
});

const CONFIG = cfgText([
  '! test',
  ...BASE,
  'object service S_tu',
  ' service tcp-udp destination range 2000 2010',
  'object-group service SG',
  ' service-object object S_502',
  ' service-object udp destination eq 47808',
  'object-group service PORTS tcp',
  ' port-object eq 22',
  ' port-object range 100 102',
  'object-group network G',
  ' description mixed families',
  ' network-object object H_a',
  ' network-object 10.9.0.0 255.255.0.0',
  ' network-object host 2001:db8:9::9',
  ' network-object object N6',
  'access-list IN remark r1 first',
  'access-list IN remark r1 second line',
  'access-list IN extended deny object S_502 object H_a any4 log warnings interval 60',
  'access-list IN extended permit object-group SG object-group G any log',
  'access-list IN remark r3',
  'access-list IN extended permit tcp any4 object R_b object-group PORTS',
  'access-list IN extended permit tcp any6 gt 1023 object N6 neq 23',
  'access-list IN extended permit object S_tu any4 host 10.7.7.7 inactive',
  'access-list IN extended permit icmp any4 any4 log disable',
  'access-list IN extended permit udp any 10.8.0.0 255.255.255.0 lt 10',
  'access-group IN in interface inside',
  'access-list OUT extended permit ip any6 any6',
  'access-group OUT in interface outside',
  'access-list ACL_CL extended deny tcp host 10.0.0.1 any4',
  'access-list ACL_CL extended permit tcp any4 object R_b',
  'class-map CM',
  ' match access-list ACL_CL',
  'policy-map PM',
  ' class CM',
  '  set connection conn-max 10 per-client-max 2',
  'service-policy PM interface inside',
  'logging enable',
  'logging trap informational',
  'logging host inside 10.0.0.5',
  'ntp server 2001:db8::123 source inside prefer',
]);

const v4 = (s: string) => (parseAddress(s) as { value: bigint }).value;
function pkt(src: string, dst: string, transport: AsaPacket['transport'], dport: number, extra: Partial<AsaPacket> = {}): AsaPacket {
  const a = parseAddress(src) as { family: 4 | 6; value: bigint };
  return { ingress: 'inside', egress: 'outside', family: a.family, src: a.value, dst: v4(dst), transport, sport: 40000, dport, ...extra };
}

describe('evaluateAsa: ASA 9.x semantics', () => {
  const cfg = parseAsa(CONFIG);

  it('parses the whole sample', () => {
    expect(cfg.acls.get('IN')?.filter((e) => e.kind === 'ace')).toHaveLength(7);
    expect(cfg.networkGroups.get('G')?.ranges).toHaveLength(4);
    expect(cfg.ntp[0]).toMatchObject({ family: 6, source: 'inside', prefer: true });
  });

  it.each([
    ['first match: the deny before the permit', pkt('10.0.0.1', '10.0.0.2', 'tcp', 502), 'deny', true],
    ['the service group, another source', pkt('10.9.1.1', '10.0.0.2', 'tcp', 502), 'allow', true],
    ['udp member of the group', pkt('10.9.1.1', '10.0.0.2', 'udp', 47808), 'allow', true],
    ['udp member, wrong port', pkt('10.9.1.1', '10.0.0.2', 'udp', 47809), 'deny', false],
    ['typed port group: eq 22', pkt('10.1.1.1', '10.0.1.5', 'tcp', 22), 'allow', false],
    ['typed port group: range end', pkt('10.1.1.1', '10.0.1.9', 'tcp', 102), 'allow', false],
    ['typed port group: past the range', pkt('10.1.1.1', '10.0.1.9', 'tcp', 103), 'deny', false],
    ['range object: one past the end', pkt('10.1.1.1', '10.0.1.10', 'tcp', 22), 'deny', false],
    ['inactive entry skipped', pkt('10.1.1.1', '10.7.7.7', 'udp', 2005), 'deny', false],
    ['log disable', pkt('10.1.1.1', '10.1.1.2', 'icmp', 0), 'allow', false],
    ['bare any matches IPv4 too', pkt('10.1.1.1', '10.8.0.3', 'udp', 9), 'allow', false],
    ['lt is strict', pkt('10.1.1.1', '10.8.0.3', 'udp', 10), 'deny', false],
    ['implicit deny does not log', pkt('10.1.1.1', '10.99.0.1', 'other', 0), 'deny', false],
  ])('%s', (_name, p, action, log) => {
    expect(evaluateAsa(cfg, p)).toMatchObject({ action, log });
  });

  it('remark groups attach to the entries that follow', () => {
    const v = evaluateAsa(cfg, pkt('10.0.0.1', '10.0.0.2', 'tcp', 502));
    expect(v.ace?.remarks).toEqual(['r1 first', 'r1 second line']);
    expect(evaluateAsa(cfg, pkt('10.9.1.1', '10.0.0.2', 'tcp', 502)).ace?.remarks).toEqual(['r1 first', 'r1 second line']);
    expect(evaluateAsa(cfg, pkt('10.1.1.1', '10.0.1.5', 'tcp', 22)).ace?.remarks).toEqual(['r3']);
  });

  it('any4 does not match IPv6, any and any6 do; icmp is IPv4 only', () => {
    const six = (dst: bigint, transport: AsaPacket['transport'], dport: number, sport = 40000): AsaPacket => ({
      ingress: 'inside', egress: 'outside', family: 6, src: v4('10.0.0.1') + (1n << 100n), dst, transport, sport, dport,
    });
    const n6 = parseV6('2001:db8::5') as bigint;
    expect(evaluateAsa(cfg, six(n6, 'tcp', 80)).action).toBe('allow');
    expect(evaluateAsa(cfg, six(n6, 'tcp', 23)).action).toBe('deny');
    expect(evaluateAsa(cfg, six(n6, 'tcp', 80, 1023)).action).toBe('deny');
    expect(evaluateAsa(cfg, six(n6, 'icmp', 0)).action).toBe('deny');
    // `object-group G any`: an IPv6 member of the mixed group as source, bare any as destination
    expect(evaluateAsa(cfg, { ...six(n6, 'udp', 47808), src: parseV6('2001:db8:9::9') as bigint })).toMatchObject({ action: 'allow', log: true });
    expect(evaluateAsa(cfg, { ...six(n6, 'udp', 47808), src: parseV6('2001:db8:9::8') as bigint }).action).toBe('deny');
  });

  it('is stateful: replies of permitted connections pass, others do not, neither logs', () => {
    const reply = { ...pkt('10.0.1.5', '10.1.1.1', 'tcp', 40000), sport: 22, ingress: 'outside', egress: 'inside', established: true };
    expect(evaluateAsa(cfg, reply)).toMatchObject({ action: 'allow', log: false, reason: 'connection' });
    expect(evaluateAsa(cfg, { ...reply, sport: 23 })).toMatchObject({ action: 'deny', log: false });
    expect(evaluateAsa(cfg, { ...reply, established: false }).action).toBe('deny');
  });

  it('an interface without an access-group is not modelled', () => {
    expect(evaluateAsa(cfg, { ...pkt('10.1.1.1', '10.0.1.5', 'tcp', 22), ingress: 'dmz' }).reason).toBe('no-acl');
  });

  it('the connection class: first class whose ACL permits the packet', () => {
    expect(connectionClass(cfg, pkt('10.1.1.1', '10.0.1.5', 'tcp', 22))).toEqual({ name: 'CM', set: { 'conn-max': 10, 'per-client-max': 2 } });
    expect(connectionClass(cfg, pkt('10.0.0.1', '10.0.1.5', 'tcp', 22))).toBeUndefined();
    expect(connectionClass(cfg, { ...pkt('10.1.1.1', '10.0.1.5', 'tcp', 22), ingress: 'outside' })).toBeUndefined();
  });
});
