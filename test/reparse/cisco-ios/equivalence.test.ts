import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ciscoIosBackend } from '../../../src/backends/cisco-ios/index.js';
import { evaluate } from '../../../src/rules/evaluate.js';
import type { EnforcementIR, Packet } from '../../../src/rules/types.js';
import { ZONE_NETS, iosContext, net, plantEP, v4onlyEP } from '../../backends/cisco-ios/fixtures.js';
import { unknownLines } from '../../backends/cisco-ios/lineShapes.js';
import { enforcementIRArb } from './arbitraryEnforcementIR.js';
import { evaluateIos } from './evaluateIos.js';
import { iosCorpus } from './iosCorpus.js';
import { checkEquivalence, irZoneNetworks, toIosPacket } from './iosEquivalence.js';
import type { EquivalenceReport } from './iosEquivalence.js';
import { parseIos } from './parseIos.js';

/**
 * The rendered IOS configuration, re-parsed by an independent parser and decided with
 * IOS's stateless semantics, allows exactly what the rule IR allows, except for the
 * accepted divergences documented (and bounded) in iosEquivalence.ts.
 */
function render(ep: EnforcementIR): string {
  const r = ciscoIosBackend.render(ep, iosContext());
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.text;
}

function show(rep: EquivalenceReport): string {
  return JSON.stringify(rep.mismatches.slice(0, 5), (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 1);
}

function mixedEP(): EnforcementIR {
  const ep = plantEP('enforce');
  const monitor = new Set(['control|dmz']);
  ep.boundaries = ep.boundaries.map((b) => ({ ...b, phase: monitor.has(b.id) ? 'monitor' : 'enforce' }));
  ep.phase = 'mixed';
  ep.rules = ep.rules.map((r) => {
    if (r.kind === 'final') return { ...r, action: 'allow', comment: 'mixed phase: would deny all other traffic, logged' };
    if (r.kind === 'boundary-final' && [r.fromZone, r.toZone].sort().join('|') === 'control|dmz') return { ...r, action: 'allow' };
    return r;
  });
  return ep;
}

const FIXTURES: [string, () => EnforcementIR][] = [
  ['enforce', () => plantEP('enforce')],
  ['monitor', () => plantEP('monitor')],
  ['classic enforce', () => plantEP('enforce', { classic: true })],
  ['classic monitor', () => plantEP('monitor', { classic: true })],
  ['mixed (control|dmz still monitoring)', mixedEP],
];

describe('re-parse equivalence: plant fixtures', () => {
  it.each(FIXTURES)('%s', (_name, make) => {
    const ep = make();
    const cfg = parseIos(render(ep));
    const rep = checkEquivalence(ep, cfg, iosCorpus(ep, irZoneNetworks(ep), 20000));
    expect(rep.mismatches, show(rep)).toEqual([]);
    expect(rep.compared).toBeGreaterThan(20000);
  });

  it.each(['enforce', 'monitor'] as const)('%s, zone field lists no networks: the final entry decides its traffic, same verdict', (phase) => {
    const ep = plantEP(phase);
    ep.zones = ep.zones.map((z) => (z.id === 'field' ? { ...z, networks: [] } : z));
    const wiring = { ...irZoneNetworks(ep), field: ZONE_NETS.field };
    const rep = checkEquivalence(ep, parseIos(render(ep)), iosCorpus(ep, wiring, 20000), wiring);
    expect(rep.mismatches, show(rep)).toEqual([]);
    expect(rep.compared).toBeGreaterThan(20000);
  });

  it.each(['enforce', 'monitor'] as const)('%s, no IPv6 address in the policy but IPv6 on the wire: IPv6 packets decided as the spec decides them', (phase) => {
    const ep = v4onlyEP(phase);
    // The wiring carries the IPv6 networks the policy does not know (IPv6 enabled on the SVIs).
    const wiring = { ...irZoneNetworks(ep), control: ZONE_NETS.control, supervisory: ZONE_NETS.supervisory };
    const packets = iosCorpus(ep, wiring, 20000);
    const v6 = packets.filter((p) => p.family === 6 && p.dst !== undefined);
    expect(v6.length).toBeGreaterThan(100);
    const rep = checkEquivalence(ep, parseIos(render(ep)), packets, wiring);
    expect(rep.mismatches, show(rep)).toEqual([]);
    const v6rep = checkEquivalence(ep, parseIos(render(ep)), v6, wiring);
    expect(v6rep.compared).toBeGreaterThan(100);
    expect(v6rep.mismatches, show(v6rep)).toEqual([]);
  });

  it('the accepted divergence exists in enforce and stays small', () => {
    const ep = plantEP('enforce');
    const rep = checkEquivalence(ep, parseIos(render(ep)), iosCorpus(ep, irZoneNetworks(ep), 20000));
    expect(rep.loose).toBeGreaterThan(0);
    expect(rep.loose / rep.compared).toBeLessThan(0.02);
  });
});

describe('re-parse equivalence: stateless divergences, packet by packet', () => {
  const ep = plantEP('enforce');
  const cfg = parseIos(render(ep));
  const ip = (s: string) => net(s).first;
  const p = (over: Partial<Packet>): Packet => ({ fromZone: 'dmz', toZone: 'control', family: 4, src: ip('172.16.10.5'), dst: ip('10.20.1.11'), transport: 'udp', sport: 514, dport: 40000, ...over });
  const both = (packet: Packet, flags: 'syn' | 'ack') => [evaluate(ep, packet).action, evaluateIos(cfg, toIosPacket(ep, packet, flags)).action];

  it.each<[string, Partial<Packet>, 'syn' | 'ack', [string, string]]>([
    // (L1) UDP from the responder's service port cannot be told from a reply.
    ['UDP from syslog:514 to a control host: IOS permits, spec denies', {}, 'syn', ['deny', 'permit']],
    ['... as a reply the spec allows it too', { established: true }, 'syn', ['allow', 'permit']],
    ['UDP from syslog:513: both deny', { sport: 513 }, 'syn', ['deny', 'deny']],
    ['UDP from syslog:515: both deny', { sport: 515 }, 'syn', ['deny', 'deny']],
    ['UDP from 172.16.10.4:514 (not the collector): both deny', { src: ip('172.16.10.4') }, 'syn', ['deny', 'deny']],
    ['UDP from syslog:514 to the supervisory zone: both deny', { toZone: 'supervisory', dst: ip('10.20.2.21') }, 'syn', ['deny', 'deny']],
    ['TCP from syslog:514 (the flow is UDP): both deny', { transport: 'tcp' }, 'ack', ['deny', 'deny']],
    // (L1) A TCP ACK from the service port without a session.
    ['TCP ACK from plc:502 to the historian: IOS permits, spec denies', { fromZone: 'control', toZone: 'supervisory', src: ip('10.20.1.11'), dst: ip('10.20.2.30'), transport: 'tcp', sport: 502 }, 'ack', ['deny', 'permit']],
    ['TCP SYN from plc:502 to the historian: both deny', { fromZone: 'control', toZone: 'supervisory', src: ip('10.20.1.11'), dst: ip('10.20.2.30'), transport: 'tcp', sport: 502 }, 'syn', ['deny', 'deny']],
    ['TCP ACK from plc:503 to the historian: both deny', { fromZone: 'control', toZone: 'supervisory', src: ip('10.20.1.11'), dst: ip('10.20.2.30'), transport: 'tcp', sport: 503 }, 'ack', ['deny', 'deny']],
    ['TCP ACK from plc-filter-2:502 (not in that flow): both deny', { fromZone: 'control', toZone: 'supervisory', src: ip('10.20.1.12'), dst: ip('10.20.2.30'), transport: 'tcp', sport: 502 }, 'ack', ['deny', 'deny']],
    ['TCP reply from an RTU (range last) to the HMI', { fromZone: 'field', toZone: 'supervisory', src: ip('192.0.2.210'), dst: ip('10.20.2.21'), transport: 'tcp', sport: 20000, established: true }, 'ack', ['allow', 'permit']],
    ['TCP ACK from range last + 1: both deny', { fromZone: 'field', toZone: 'supervisory', src: ip('192.0.2.211'), dst: ip('10.20.2.21'), transport: 'tcp', sport: 20000 }, 'ack', ['deny', 'deny']],
  ])('%s', (_name, over, flags, want) => {
    expect(both(p(over), flags)).toEqual(want);
  });

  it('IPv6 ND and router solicitations pass every IPv6 ACL before the final deny; router advertisements do not', () => {
    const nd = (icmpType: number, inInterface: string) => evaluateIos(cfg, { inInterface, family: 6, src: net('fe80::1').first, dst: net('ff02::1:ff00:11').first, protocol: 58, icmpType }).action;
    for (const iface of ['Vlan20', 'Vlan30', 'Vlan40', 'GigabitEthernet1/0/24']) {
      expect([136, 135, 133, 134, 128].map((t) => nd(t, iface))).toEqual(['permit', 'permit', 'permit', 'deny', 'deny']);
    }
  });
});

describe('re-parse equivalence: the check catches seeded bugs', () => {
  const MUTATIONS: [string, (s: string) => string][] = [
    ['wrong port', (s) => s.replace(' eq 502 log', ' eq 503 log')],
    ['established dropped', (s) => s.replace('eq 502 object-group OG-H-historian established', 'eq 502 object-group OG-H-historian')],
    ['reverse entry dropped', (s) => s.replace(/^ \d+ permit udp object-group OG-S-syslog.*\n/m, '')],
    ['boundary deny turned permit', (s) => s.replace('deny ip any object-group OG-N-supervisory log', 'permit ip any object-group OG-N-supervisory log')],
    ['range one too wide', (s) => s.replace('range 192.0.2.200 192.0.2.210', 'range 192.0.2.200 192.0.2.211')],
    ['mask too wide', (s) => s.replace('10.20.2.64 255.255.255.192', '10.20.2.64 255.255.255.128')],
    ['IPv6 prefix too narrow', (s) => s.replace('deny ipv6 any 2001:db8:20:1::/64 log', 'deny ipv6 any 2001:db8:20:1::/65 log')],
    ['log dropped', (s) => s.replace('eq 20000 log', 'eq 20000')],
    ['UDP reply from any port', (s) => s.replace('permit udp object-group OG-S-syslog eq 514', 'permit udp object-group OG-S-syslog')],
    ['final permits', (s) => s.replace('deny ip any any log', 'permit ip any any log')],
    ['entry moved after the boundary deny', (s) => s.replace(' 10 permit udp object-group OG-N-control', ' 95 permit udp object-group OG-N-control')],
  ];
  const ep = plantEP('enforce');
  const text = render(ep);
  const packets = iosCorpus(ep, irZoneNetworks(ep), 20000);
  it.each(MUTATIONS)('%s', (_name, mutate) => {
    const bad = mutate(text);
    expect(bad).not.toBe(text);
    expect(checkEquivalence(ep, parseIos(bad), packets).mismatches.length).toBeGreaterThan(0);
  });
  it('classic: a wildcard one bit too wide', () => {
    const cep = plantEP('enforce', { classic: true });
    const ctext = render(cep);
    const bad = ctext.replace('192.0.2.208 0.0.0.1', '192.0.2.208 0.0.0.3');
    expect(bad).not.toBe(ctext);
    expect(checkEquivalence(cep, parseIos(bad), iosCorpus(cep, irZoneNetworks(cep), 20000)).mismatches.length).toBeGreaterThan(0);
  });
});

describe('re-parse equivalence: random enforcement points', () => {
  it('every random IR renders, parses, fits the line shapes and agrees with the spec', () => {
    fc.assert(fc.property(enforcementIRArb, (ep) => {
      const text = render(ep);
      expect(unknownLines(text)).toEqual([]);
      const rep = checkEquivalence(ep, parseIos(text), iosCorpus(ep, irZoneNetworks(ep), 400));
      expect(rep.mismatches, show(rep)).toEqual([]);
    }), { numRuns: 150 });
  });
});
