import { parseNet } from '../../../src/model/ip.js';
import type { IpRange } from '../../../src/model/types.js';
import type { Catalogs, Platform } from '../../../src/catalog/types.js';
import type { RenderContext } from '../../../src/backends/types.js';
import { ANY } from '../../../src/rules/types.js';
import type { AddressObject, Boundary, EnforcementIR, Rule, ServiceObject, ZoneBinding } from '../../../src/rules/types.js';

/** Hand-built rule IR for a water treatment plant firewall (fw-plant), shaped like buildRuleIR output. */

export function net(text: string): IpRange {
  const r = parseNet(text);
  if (!r.ok) throw new Error(r.error);
  return { family: r.net.family, first: r.net.first, last: r.net.last };
}

export function span(a: string, b: string): IpRange {
  const x = net(a);
  const y = net(b);
  return { family: x.family, first: x.first, last: y.last };
}

export const FORTIOS_PLATFORM: Platform = {
  id: 'fortios', title: 'Fortinet FortiOS', kind: 'firewall', stateful: true,
  supports: {
    ipv6: true, addressRanges: true, objectGroups: true, logging: true, syslog: true, ntp: true,
    readOnly: ['modbus'], rateLimit: true, span: false, monitorMode: true,
  },
  limits: { nameMax: 79, ruleNameMax: 35, commentMax: 1023 },
};

export const EMPTY_CATALOGS: Catalogs = {
  requirements: new Map(), capabilities: new Map(), profiles: new Map(),
  controls: new Map(), protocols: new Map(), platforms: new Map(),
};

export function renderContext(platform: Platform = FORTIOS_PLATFORM): RenderContext {
  return { platform, catalogs: EMPTY_CATALOGS, file: 'plant.yaml', site: { id: 'riverside-wtp', name: 'Riverside Water Treatment' } };
}

const SL3 = { FR1: 3, FR2: 3, FR3: 3, FR4: 3, FR5: 3, FR6: 3, FR7: 3 };
const SL2 = { FR1: 2, FR2: 2, FR3: 2, FR4: 1, FR5: 2, FR6: 2, FR7: 2 };
const SL1 = { FR1: 1, FR2: 1, FR3: 1, FR4: 1, FR5: 1, FR6: 1, FR7: 1 };

/** FortiOS matches zones by interface; the networks are carried as the rule IR carries them. */
export const PLANT_ZONES: ZoneBinding[] = [
  { id: 'control', interface: 'port3', description: 'IEC 62443 zone control (Purdue 1) SL-T 3-3-3-3-3-3-3', purdue: 1, slTarget: SL3, networks: [net('10.20.1.0/24'), net('2001:db8:20:1::/64')] },
  { id: 'dmz', interface: 'port4', description: 'IEC 62443 zone dmz (Purdue 3.5) SL-T 2-2-2-1-2-2-2', purdue: 3.5, slTarget: SL2, networks: [net('172.16.10.0/24'), net('2001:db8:10::/64')] },
  { id: 'enterprise', interface: 'port1', description: 'IEC 62443 zone enterprise (Purdue 4) SL-T 1-1-1-1-1-1-1', purdue: 4, slTarget: SL1, networks: [net('10.1.0.0/16')] },
  { id: 'supervisory', interface: 'port2', description: 'IEC 62443 zone supervisory (Purdue 2) SL-T 2-2-2-1-2-2-2', purdue: 2, slTarget: SL2, networks: [net('10.20.2.0/24'), net('2001:db8:20:2::/64')] },
];

function asset(id: string, ranges: IpRange[]): AddressObject {
  return { id: `asset:${id}`, name: id, source: { kind: 'asset', id }, ranges, pointer: `/assets/${id}` };
}

function zoneObj(id: string, ranges: IpRange[]): AddressObject {
  return { id: `zone:${id}`, name: id, source: { kind: 'zone', id }, ranges, pointer: `/zones/${id}` };
}

function svc(name: string, transport: 'tcp' | 'udp', lo: number, hi: number, protocol?: string): ServiceObject {
  const s: ServiceObject = { id: `svc:${name}`, name, transport, ports: [lo, hi] };
  if (protocol) s.protocol = protocol;
  return s;
}

export const PLANT_ADDRESSES: AddressObject[] = [
  asset('ews-pool', [span('10.20.2.50', '10.20.2.60')]),
  asset('historian', [net('172.16.10.20'), net('2001:db8:10::20')]),
  asset('hmi-1', [net('10.20.2.21'), net('2001:db8:20:2::21')]),
  asset('jump-host', [net('172.16.10.30')]),
  asset('plc-filter-1', [net('10.20.1.11')]),
  asset('plc-filter-2', [net('10.20.1.12')]),
  asset('rtu-intake', [net('10.20.1.21'), net('10.20.1.23'), span('2001:db8:20:1::a', '2001:db8:20:1::f')]),
  zoneObj('enterprise', [net('10.1.0.0/16')]),
  zoneObj('supervisory', [net('10.20.2.0/24'), net('2001:db8:20:2::/64')]),
];

export const PLANT_SERVICES: ServiceObject[] = [
  svc('dnp3-tcp-20000', 'tcp', 20000, 20000, 'dnp3'),
  svc('dnp3-udp-20000', 'udp', 20000, 20000, 'dnp3'),
  svc('enip-tcp-44818', 'tcp', 44818, 44818, 'enip'),
  svc('enip-udp-2222', 'udp', 2222, 2222, 'enip'),
  svc('https-tcp-443', 'tcp', 443, 443, 'https'),
  svc('modbus-tcp-502', 'tcp', 502, 502, 'modbus'),
  svc('rdp-tcp-3389', 'tcp', 3389, 3389, 'rdp'),
  svc('tcp-2000-2010', 'tcp', 2000, 2010),
];

const SRS = ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1'];

function flow(conduit: string, n: number, ordinal: number, from: string, to: string, src: string[], dst: string[], services: string[], text: string, extra: Partial<Rule> = {}): Rule {
  return {
    id: `${conduit}.${n}`, number: ordinal * 1000 + n, kind: 'flow', fromZone: from, toZone: to,
    action: 'allow', log: true, src, dst, services,
    comment: `${conduit} ${text} (${SRS.join(', ')})`,
    trace: { conduit, flowIndex: n - 1, flowKey: `${conduit}#${n}`, pointer: `/conduits/${conduit}/flows/${n - 1}`, srs: SRS, controls: ['boundary-firewall'] },
    ...extra,
  };
}

export const PLANT_FLOWS: Rule[] = [
  flow('dmz-control', 1, 1, 'dmz', 'control', ['asset:historian'], ['asset:plc-filter-1', 'asset:plc-filter-2'], ['svc:modbus-tcp-502'],
    'historian -> plc-filter-1,plc-filter-2 modbus read-only: polls filter levels', {
      readOnly: { protocol: 'modbus', field: 'modbus-function-code', payloadOffset: 7, allowed: [1, 2, 3, 4], denied: [5, 6, 15, 16, 22, 23], mode: 'dpi' },
    }),
  flow('dmz-supervisory', 1, 2, 'supervisory', 'dmz', ['asset:hmi-1'], ['asset:historian'], ['svc:https-tcp-443'], 'hmi-1 -> historian https'),
  flow('enterprise-dmz', 1, 3, 'enterprise', 'dmz', ['zone:enterprise'], ['asset:jump-host'], ['svc:rdp-tcp-3389'], 'enterprise -> jump-host rdp rate-limited', {
    rateLimit: { maxConnections: 64, perSourceConnections: 8, newConnectionsPerSecond: 20 },
  }),
  flow('supervisory-control', 1, 4, 'supervisory', 'control', ['asset:hmi-1'], ['grp:plcs'], ['sg:enip'], 'hmi-1 -> plc-filter-1,plc-filter-2 enip'),
  flow('supervisory-control', 2, 4, 'supervisory', 'control', ['asset:ews-pool', 'asset:hmi-1'], ['asset:rtu-intake'], ['svc:dnp3-tcp-20000', 'svc:dnp3-udp-20000'],
    'ews-pool,hmi-1 -> rtu-intake dnp3 rate-limited', { rateLimit: { perSourceConnections: 4, maxConnections: 16 } }),
  flow('supervisory-control', 3, 4, 'supervisory', 'control', ['zone:supervisory'], ['asset:plc-filter-2'], ['svc:tcp-2000-2010'], 'supervisory -> plc-filter-2 tcp/2000-2010'),
];

export function plantBoundaries(phaseOf: (id: string) => 'monitor' | 'enforce'): Boundary[] {
  const out: Boundary[] = [];
  for (let i = 0; i < PLANT_ZONES.length; i++) {
    for (let j = i + 1; j < PLANT_ZONES.length; j++) {
      const a = PLANT_ZONES[i];
      const b = PLANT_ZONES[j];
      const id = `${a.id}|${b.id}`;
      out.push({ id, zones: [a.id, b.id], interfaces: [a.interface, b.interface], phase: phaseOf(id) });
    }
  }
  return out;
}

/** Boundary finals and the catch-all exactly as buildFinalRules shapes them. */
export function finals(boundaries: Boundary[], epPhase: EnforcementIR['phase']): Rule[] {
  const rules: Rule[] = [];
  for (const b of boundaries) {
    for (const [from, to] of [[b.zones[0], b.zones[1]], [b.zones[1], b.zones[0]]]) {
      const enforce = b.phase === 'enforce';
      rules.push({
        id: `final.${from}>${to}`, number: 9_000_000 + rules.length + 1, kind: 'boundary-final', fromZone: from, toZone: to,
        action: enforce ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY],
        comment: enforce ? `default deny ${from} -> ${to} (SR 5.1, SR 5.2)` : `monitor phase: would deny ${from} -> ${to}, logged (SR 5.1, SR 5.2)`,
      });
    }
  }
  const enforce = epPhase === 'enforce';
  rules.push({
    id: 'final', number: 9_999_999, kind: 'final', action: enforce ? 'deny' : 'allow', log: true,
    src: [ANY], dst: [ANY], services: [ANY],
    comment: enforce ? 'default deny all other traffic (SR 5.1, SR 5.2)' : `${epPhase} phase: would deny all other traffic, logged (SR 5.1, SR 5.2)`,
  });
  return rules;
}

export function plantEP(phase: EnforcementIR['phase'], options: EnforcementIR['options'] = {}): EnforcementIR {
  const boundaries = plantBoundaries((id) => (phase === 'mixed' ? (id.includes('control') ? 'enforce' : 'monitor') : phase));
  return structuredClone({
    id: 'fw-plant', platform: 'fortios', description: 'Plant core firewall between enterprise, DMZ, supervisory and control',
    phase, zones: PLANT_ZONES, boundaries,
    addresses: PLANT_ADDRESSES,
    addressGroups: [{ id: 'grp:plcs', name: 'plcs', members: ['asset:plc-filter-1', 'asset:plc-filter-2'], pointer: '/assets' }],
    services: PLANT_SERVICES,
    serviceGroups: [{ id: 'sg:enip', name: 'enip', members: ['svc:enip-tcp-44818', 'svc:enip-udp-2222'] }],
    rules: [...PLANT_FLOWS, ...finals(boundaries, phase)],
    syslog: ['172.16.10.5'],
    ntp: ['172.16.10.6', '172.16.10.7'],
    options,
    pointer: '/enforcement/fw-plant',
  } satisfies EnforcementIR);
}
