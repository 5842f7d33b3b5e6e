import { describe, expect, it } from 'vitest';
import { parseV4, parseV6 } from './iosIp.js';
import { IosParseError, parseIos } from './parseIos.js';
import { evaluateIos } from './evaluateIos.js';
import type { IosPacket } from './evaluateIos.js';

const v4 = (s: string) => parseV4(s) as bigint;
const v6 = (s: string) => parseV6(s) as bigint;

describe('iosIp', () => {
  it.each([
    ['10.20.1.11', 0x0a14010bn], ['0.0.0.0', 0n], ['255.255.255.255', 0xffffffffn],
    ['10.0.0.01', undefined], ['10.0.0.256', undefined], ['1.2.3', undefined], ['1.2.3.4 ', undefined],
  ])('v4 %j', (text, want) => expect(parseV4(text)).toBe(want));
  it.each([
    ['::', 0n], ['::1', 1n], ['2001:db8::1', (0x20010db8n << 96n) | 1n], ['2001:DB8:0:0:0:0:0:1', (0x20010db8n << 96n) | 1n],
    ['::ffff:10.0.0.1', (0xffffn << 32n) | 0x0a000001n], ['1:2:3:4:5:6:7::', 0x0001000200030004000500060007_0000n],
    ['1::2::3', undefined], ['1:2:3:4:5:6:7:8:9', undefined], ['12345::', undefined], ['g::', undefined], ['1:2:3:4:5:6:7', undefined],
  ])('v6 %j', (text, want) => expect(parseV6(text)).toBe(want));
});

const CONFIG = `! test
object-group network OG-A
 description a b c
 host 10.0.0.1
 10.0.1.0 255.255.255.0
 range 10.0.2.10 10.0.2.20
!
object-group network OG-NEST
 group-object OG-A
 host 10.9.9.9
!
object-group service OGS-X
 tcp eq 502
 udp range 2000 2010
 tcp-udp eq 20000
!
ip access-list extended ACL-1
 remark first
 20 permit tcp any host 10.5.0.1 gt 1023
 10 deny tcp any host 10.5.0.1 eq 8080 log
 30 permit tcp host 10.5.0.2 eq 502 object-group OG-NEST established
 40 permit object-group OGS-X object-group OG-A 10.5.0.0 0.0.255.0
 remark wildcard
 50 permit udp 10.7.0.0 0.0.0.255 any neq 53
 60 permit ip 10.8.0.1 0.255.0.0 any log-input
!
ipv6 access-list ACL6-1
 permit tcp 2001:db8:1::/64 host 2001:db8:2::20 eq 502 log sequence 10
 sequence 20 permit udp any any lt 100
 permit icmp any any nd-na sequence 30
 deny ipv6 any any log sequence 40
!
ipv6 access-list ACL6-2
 permit tcp any any eq 22 sequence 10
!
interface GigabitEthernet0/1
 ip access-group ACL-1 in
 ipv6 traffic-filter ACL6-1 in
!
interface Vlan20
 ipv6 traffic-filter ACL6-2 in
!
logging host 192.0.2.250
logging host ipv6 2001:db8::5
logging trap informational
ntp server 192.0.2.1
ntp server 2001:db8::7
ip access-list logging interval 10
monitor session 1 source vlan 20 both
monitor session 1 source interface Gi0/1 rx
monitor session 1 destination interface GigabitEthernet0/48
`;

const cfg = parseIos(CONFIG);

function pkt(over: Partial<IosPacket>): IosPacket {
  return { inInterface: 'GigabitEthernet0/1', family: 4, src: v4('192.0.2.1'), dst: v4('10.5.0.1'), protocol: 6, sport: 40000, dport: 80, tcp: { syn: true }, ...over };
}

describe('parseIos', () => {
  it('reads every construct', () => {
    expect([...cfg.networkGroups.keys()]).toEqual(['OG-A', 'OG-NEST']);
    expect(cfg.networkGroups.get('OG-A')?.entries).toEqual([
      { kind: 'range', family: 4, lo: v4('10.0.0.1'), hi: v4('10.0.0.1') },
      { kind: 'range', family: 4, lo: v4('10.0.1.0'), hi: v4('10.0.1.255') },
      { kind: 'range', family: 4, lo: v4('10.0.2.10'), hi: v4('10.0.2.20') },
    ]);
    expect(cfg.acls.get('ACL-1')?.entries.map((e) => e.seq)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(cfg.acls6.get('ACL6-1')?.entries.map((e) => e.seq)).toEqual([10, 20, 30, 40]);
    expect(cfg.interfaces.get('GigabitEthernet0/1')).toEqual({ in: 'ACL-1', in6: 'ACL6-1' });
    expect(cfg.loggingHosts).toEqual(['192.0.2.250', '2001:db8::5']);
    expect(cfg.ntpServers).toEqual(['192.0.2.1', '2001:db8::7']);
    expect(cfg.aclLoggingInterval).toBe(10);
    expect(cfg.monitor.get(1)).toEqual({
      sources: [{ kind: 'vlan', name: '20', direction: 'both' }, { kind: 'interface', name: 'Gi0/1', direction: 'rx' }],
      destinations: ['GigabitEthernet0/48'],
    });
    // Remarks stay in force for the entries that follow them (sorted by sequence).
    expect(cfg.acls.get('ACL-1')?.entries.map((e) => e.remarks[0])).toEqual(['first', 'first', 'first', 'first', 'wildcard', 'wildcard']);
  });

  it.each([
    ['unknown global command', 'hostname x\n', 1],
    ['blank line', '!\n\n', 2],
    ['two-space indent', 'ip access-list extended A\n  10 permit ip any any\n', 2],
    ['trailing space', 'ip access-list extended A \n', 1],
    ['tab', 'ip access-list extended A\n\t10 permit ip any any\n', 2],
    ['indented line outside a block', ' host 1.2.3.4\n', 1],
    ['undefined object-group', 'ip access-list extended A\n 10 permit ip object-group NOPE any\n', 2],
    ['object-group used before definition', 'ip access-list extended A\n 10 permit ip object-group G any\nobject-group network G\n host 1.1.1.1\n', 2],
    ['ACL applied before definition', 'interface Vlan1\n ip access-group A in\nip access-list extended A\n 10 deny ip any any\n', 2],
    ['duplicate sequence', 'ip access-list extended A\n 10 permit ip any any\n 10 deny ip any any\n', 3],
    ['remark of 101 characters', `ip access-list extended A\n remark ${'x'.repeat(101)}\n 10 deny ip any any\n`, 2],
    ['remark describing nothing', 'ip access-list extended A\n 10 deny ip any any\n remark dangling\n!\n', 4],
    ['port name instead of number', 'ip access-list extended A\n 10 permit tcp any any eq www\n', 2],
    ['port out of range', 'ip access-list extended A\n 10 permit tcp any any eq 65536\n', 2],
    ['empty port range', 'ip access-list extended A\n 10 permit tcp any any range 10 9\n', 2],
    ['established on udp', 'ip access-list extended A\n 10 permit udp any any established\n', 2],
    ['port on ip', 'ip access-list extended A\n 10 permit ip any any eq 80\n', 2],
    ['non-contiguous subnet mask in an object-group', 'object-group network G\n 10.0.0.0 255.0.255.0\n', 2],
    ['wildcard in IPv6 ACL', 'ipv6 access-list B\n permit ipv6 2001:db8:: 0.0.0.255 any sequence 10\n', 2],
    ['two sequence numbers', 'ipv6 access-list B\n sequence 10 permit ipv6 any any sequence 20\n', 2],
    ['name with a quote', 'ip access-list extended "A"\n', 1],
    ['injected command after a remark line', 'ip access-list extended A\n remark x\npermit ip any any\n', 3],
    ['non-ASCII', 'ip access-list extended A\n remark K\u00e4se\n 10 deny ip any any\n', 2],
    ['monitor source direction', 'monitor session 1 source interface Gi0/1 sideways\n', 1],
    ['interface applies two ACLs inbound', 'ip access-list extended A\n 10 deny ip any any\ninterface Vlan1\n ip access-group A in\n ip access-group A in\n', 5],
    ['no final newline', 'logging trap informational', 0],
    ['ACL logging interval that is not a number', 'ip access-list logging interval 10ms\n', 1],
    ['ACL logging interval set twice', 'ip access-list logging interval 10\nip access-list logging interval 20\n', 2],
    ['ACL logging command otpc does not emit', 'ip access-list logging hash-generation\n', 1],
    ['ACL log-update threshold (otpc does not emit it)', 'ip access-list log-update threshold 100\n', 1],
    ['ACL logging interval indented inside an ACL', 'ip access-list extended A\n ip access-list logging interval 10\n', 2],
    ['ACL logging interval with trailing words', 'ip access-list logging interval 10 20\n', 1],
  ])('rejects %s', (_name, text, line) => {
    let err: unknown;
    try { parseIos(text); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(IosParseError);
    expect((err as IosParseError).line).toBe(line);
  });
});

describe('evaluateIos', () => {
  it.each<[string, Partial<IosPacket>, 'permit' | 'deny', number | undefined]>([
    ['first match by sequence, not by line order', { dport: 8080 }, 'deny', 10],
    ['gt 1023', { dport: 1024 }, 'permit', 20],
    ['gt 1023 excludes 1023', { dport: 1023 }, 'deny', undefined],
    ['established: SYN does not match', { src: v4('10.5.0.2'), sport: 502, dst: v4('10.9.9.9'), dport: 40000, tcp: { syn: true } }, 'deny', undefined],
    ['established: ACK matches', { src: v4('10.5.0.2'), sport: 502, dst: v4('10.9.9.9'), dport: 40000, tcp: { ack: true } }, 'permit', 30],
    ['established: RST matches', { src: v4('10.5.0.2'), sport: 502, dst: v4('10.0.1.7'), dport: 40000, tcp: { rst: true } }, 'permit', 30],
    ['established: wrong source port', { src: v4('10.5.0.2'), sport: 503, dst: v4('10.9.9.9'), dport: 40000, tcp: { ack: true } }, 'deny', undefined],
    ['service object-group: tcp 502', { src: v4('10.0.2.20'), dst: v4('10.5.7.0'), dport: 502 }, 'permit', 40],
    ['service object-group: range end', { src: v4('10.0.2.20'), dst: v4('10.5.7.0'), protocol: 17, dport: 2010 }, 'permit', 40],
    ['service object-group: range end + 1', { src: v4('10.0.2.20'), dst: v4('10.5.7.0'), protocol: 17, dport: 2011 }, 'deny', undefined],
    ['service object-group: tcp-udp as udp', { src: v4('10.0.1.0'), dst: v4('10.5.255.0'), protocol: 17, dport: 20000 }, 'permit', 40],
    ['object-group range first - 1', { src: v4('10.0.2.9'), dst: v4('10.5.7.0'), dport: 502 }, 'deny', undefined],
    ['wildcard 0.0.255.0: last octet must be 0', { src: v4('10.0.1.5'), dst: v4('10.5.7.1'), dport: 502 }, 'deny', undefined],
    ['neq 53', { protocol: 17, src: v4('10.7.0.200'), dport: 54 }, 'permit', 50],
    ['neq 53 excludes 53', { protocol: 17, src: v4('10.7.0.200'), dport: 53 }, 'deny', undefined],
    ['non-contiguous wildcard 0.255.0.0', { protocol: 47, src: v4('10.200.0.1') }, 'permit', 60],
    ['non-contiguous wildcard: fixed octet differs', { protocol: 47, src: v4('10.200.1.1') }, 'deny', undefined],
    ['no ACL for IPv4 on Vlan20', { inInterface: 'Vlan20' }, 'permit', undefined],
    ['unknown interface', { inInterface: 'Vlan99' }, 'permit', undefined],
  ])('%s', (_name, over, action, seq) => {
    const v = evaluateIos(cfg, pkt(over));
    expect(v.action).toBe(action);
    expect(v.seq).toBe(seq);
  });

  const p6 = (over: Partial<IosPacket>) => pkt({ family: 6, src: v6('2001:db8:1::5'), dst: v6('2001:db8:2::20'), dport: 502, ...over });
  it.each<[string, Partial<IosPacket>, 'permit' | 'deny', number | undefined, boolean]>([
    ['prefix /64 and host', {}, 'permit', 10, false],
    ['prefix /64 last + 1', { src: v6('2001:db8:1:1::') }, 'deny', 40, false],
    ['sequence-first syntax', { protocol: 17, dport: 99 }, 'permit', 20, false],
    ['nd-na before the explicit deny', { protocol: 58, icmpType: 136 }, 'permit', 30, false],
    ['nd-ns is denied by the explicit final entry', { protocol: 58, icmpType: 135 }, 'deny', 40, false],
    ['implicit entries: nd-ns permitted', { inInterface: 'Vlan20', protocol: 58, icmpType: 135 }, 'permit', undefined, true],
    ['implicit entries: deny ipv6 any any', { inInterface: 'Vlan20', protocol: 17, dport: 99 }, 'deny', undefined, true],
  ])('IPv6: %s', (_name, over, action, seq, implicit) => {
    const v = evaluateIos(cfg, p6(over));
    expect([v.action, v.seq, v.implicit]).toEqual([action, seq, implicit]);
  });

  it('implicit deny at the end of an IPv4 ACL does not log', () => {
    const v = evaluateIos(cfg, pkt({ dport: 23 }));
    expect(v).toMatchObject({ action: 'deny', log: false, implicit: true, acl: 'ACL-1' });
  });
});
