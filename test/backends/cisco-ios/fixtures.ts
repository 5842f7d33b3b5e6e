import { parseNet } from '../../../src/model/ip.js';
import type { IpRange } from '../../../src/model/types.js';
import type { Catalogs, Platform } from '../../../src/catalog/types.js';
import type { RenderContext } from '../../../src/backends/types.js';
import { ANY } from '../../../src/rules/types.js';
import type { AddressObject, Boundary, EnforcementIR, Rule, ServiceObject } from '../../../src/rules/types.js';

/**
 * Hand-built EnforcementIR fixtures for the Cisco IOS backend: a water plant's L3
 * switch (acl-core) between the supervisory, control, field (RTU) and DMZ zones.
 */

export const iosPlatform: Platform = {
  id: 'cisco-ios', title: 'Cisco IOS / IOS-XE', kind: 'switch', stateful: false,
  supports: {
    ipv6: true, addressRanges: true, objectGroups: true, logging: true, syslog: true, ntp: true,
    readOnly: [], rateLimit: false, span: true, monitorMode: true,
  },
  limits: { nameMax: 64, commentMax: 100 },
};

export const emptyCatalogs: Catalogs = {
  requirements: new Map(), capabilities: new Map(), profiles: new Map(),
  controls: new Map(), protocols: new Map(), platforms: new Map(),
};

export function iosContext(overrides: Partial<Platform['limits']> = {}): RenderContext & { site: { id: string; name: string } } {
  return {
    platform: { ...iosPlatform, limits: { ...iosPlatform.limits, ...overrides } },
    catalogs: emptyCatalogs, file: 'riverside.yaml',
    site: { id: 'riverside-wtp', name: 'Riverside Water Treatment' },
  };
}

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

function addr(id: string, kind: AddressObject['source']['kind'], name: string, ranges: IpRange[], pointer: string): AddressObject {
  return { id, name, source: { kind, id: name }, ranges, pointer };
}

/** The zones' networks (ZoneBinding.networks), merged as buildZoneBindings merges them. */
export const ZONE_NETS: Record<string, IpRange[]> = {
  control: [net('10.20.1.0/24'), net('2001:db8:20:1::/64')],
  dmz: [net('172.16.10.0/24')],
  field: [net('192.0.2.0/24')],
  supervisory: [net('10.20.2.0/24'), net('2001:db8:20:2::/64')],
};

const addresses: AddressObject[] = [
  addr('asset:hmi-1', 'asset', 'hmi-1', [net('10.20.2.21'), net('2001:db8:20:2::21')], '/assets/hmi-1'),
  addr('asset:historian', 'asset', 'historian', [net('10.20.2.30')], '/assets/historian'),
  addr('asset:plc-filter-1', 'asset', 'plc-filter-1', [net('10.20.1.11'), net('2001:db8:20:1::11')], '/assets/plc-filter-1'),
  addr('asset:plc-filter-2', 'asset', 'plc-filter-2', [net('10.20.1.12')], '/assets/plc-filter-2'),
  addr('net:1', 'merged', 'eng-workstations', [net('10.20.2.64/26')], '/assets/ews-1'),
  addr('net:2', 'merged', 'rtu-bank', [span('192.0.2.200', '192.0.2.210')], '/assets/rtu-1'),
  addr('svc:syslog', 'service', 'syslog', [net('172.16.10.5')], '/services/syslog'),
  addr('svc:ntp', 'service', 'ntp', [net('172.16.10.6')], '/services/ntp'),
  // As buildRuleIR does, only the zone a flow names has its object; the backend makes the others from ZONE_NETS.
  addr('zone:control', 'zone', 'control', [net('10.20.1.0/24'), net('2001:db8:20:1::/64')], '/zones/control'),
];

function svc(name: string, transport: 'tcp' | 'udp', lo: number, hi: number, protocol?: string): ServiceObject {
  return { id: `svc:${name}`, name, transport, ports: [lo, hi], ...(protocol ? { protocol } : {}) };
}

const services: ServiceObject[] = [
  svc('dnp3-tcp-20000', 'tcp', 20000, 20000, 'dnp3'),
  svc('enip-tcp-44818', 'tcp', 44818, 44818, 'enip'),
  svc('enip-udp-2222', 'udp', 2222, 2222, 'enip'),
  svc('modbus-tcp-502', 'tcp', 502, 502, 'modbus'),
  svc('ntp-udp-123', 'udp', 123, 123, 'ntp'),
  svc('syslog-udp-514', 'udp', 514, 514, 'syslog'),
  svc('tcp-2000-2010', 'tcp', 2000, 2010),
];

const SR = ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1'];

function flow(conduit: string, i: number, ord: number, from: string, to: string, src: string[], dst: string[], svcs: string[], text: string, extra: Partial<Rule> = {}): Rule {
  const id = `${conduit}.${i + 1}`;
  return {
    id, number: ord * 1000 + i + 1, kind: 'flow', fromZone: from, toZone: to, action: 'allow', log: true,
    src, dst, services: svcs, comment: `${conduit} ${text} (${SR.join(', ')})`,
    trace: { conduit, flowIndex: i, flowKey: `${text}`, pointer: `/conduits/${conduit}/flows/${i}`, srs: SR, controls: ['boundary-firewall'] },
    ...extra,
  };
}

const BOUNDARIES: [string, string][] = [['control', 'dmz'], ['control', 'supervisory'], ['field', 'supervisory']];

function finals(phase: 'monitor' | 'enforce'): Rule[] {
  const action = phase === 'enforce' ? 'deny' : 'allow';
  const out: Rule[] = [];
  for (const [a, b] of BOUNDARIES) {
    for (const [from, to] of [[a, b], [b, a]]) {
      out.push({
        id: `final.${from}>${to}`, number: 9_000_001 + out.length, kind: 'boundary-final', fromZone: from, toZone: to,
        action, log: true, src: [ANY], dst: [ANY], services: [ANY],
        comment: phase === 'enforce' ? `default deny ${from} -> ${to} (SR 5.1, SR 5.2, SR 5.2 RE 1)` : `monitor phase: would deny ${from} -> ${to}, logged (SR 5.1, SR 5.2, SR 5.2 RE 1)`,
      });
    }
  }
  out.push({
    id: 'final', number: 9_999_999, kind: 'final', action, log: true, src: [ANY], dst: [ANY], services: [ANY],
    comment: phase === 'enforce' ? 'default deny all other traffic (SR 5.1, SR 5.2, SR 5.2 RE 1)' : 'monitor phase: would deny all other traffic, logged (SR 5.1, SR 5.2, SR 5.2 RE 1)',
  });
  return out;
}

export function plantEP(phase: 'monitor' | 'enforce' = 'enforce', options: EnforcementIR['options'] = {}): EnforcementIR {
  const boundaries: Boundary[] = BOUNDARIES.map(([a, b]) => ({ id: `${a}|${b}`, zones: [a, b], interfaces: ['', ''], phase }));
  const iface: Record<string, string> = { control: 'Vlan20', dmz: 'Vlan40', field: 'GigabitEthernet1/0/24', supervisory: 'Vlan30' };
  for (const b of boundaries) b.interfaces = [iface[b.zones[0]], iface[b.zones[1]]];
  const rules: Rule[] = [
    flow('supervisory-control', 0, 1, 'supervisory', 'control', ['asset:hmi-1'], ['asset:plc-filter-1', 'asset:plc-filter-2'], ['svc:enip-tcp-44818', 'svc:enip-udp-2222'], 'hmi-1 -> plc-filter-1,plc-filter-2 enip'),
    flow('supervisory-control', 1, 1, 'supervisory', 'control', ['asset:historian'], ['asset:plc-filter-1'], ['svc:modbus-tcp-502'], 'historian -> plc-filter-1 modbus read-only (port-level only)', {
      readOnly: { protocol: 'modbus', field: 'modbus-function-code', payloadOffset: 7, allowed: [1, 2, 3, 4, 7, 8, 11, 12, 17, 20, 24, 43], denied: [5, 6, 15, 16, 21, 22, 23], mode: 'port-only' },
    }),
    // No rate limit: the platforms catalogue lists none for cisco-ios, so the IR never carries one (render.test.ts checks the refusal).
    flow('supervisory-control', 2, 1, 'supervisory', 'control', ['net:1'], ['asset:plc-filter-1'], ['svc:tcp-2000-2010'], 'eng-workstations -> plc-filter-1 tcp/2000-2010'),
    flow('supervisory-field', 0, 2, 'supervisory', 'field', ['grp:scada-clients'], ['net:2'], ['svc:dnp3-tcp-20000'], 'scada-clients -> rtu-bank dnp3'),
    flow('control-dmz', 0, 0, 'control', 'dmz', ['zone:control'], ['svc:syslog'], ['svc:syslog-udp-514'], 'control -> syslog collector syslog'),
    flow('control-dmz', 1, 0, 'control', 'dmz', ['zone:control'], ['svc:ntp'], ['svc:ntp-udp-123'], 'control -> ntp server ntp'),
    ...finals(phase),
  ];
  return {
    id: 'acl-core', platform: 'cisco-ios', description: 'Core L3 switch, plant room rack 2', phase,
    zones: [
      { id: 'control', interface: 'Vlan20', description: 'Filtration control', purdue: 1, slTarget: sl(3), networks: ZONE_NETS.control },
      { id: 'dmz', interface: 'Vlan40', description: 'Industrial DMZ', purdue: 3.5, slTarget: sl(2), networks: ZONE_NETS.dmz },
      { id: 'field', interface: 'GigabitEthernet1/0/24', description: 'Remote RTUs', purdue: 1, slTarget: sl(2), networks: ZONE_NETS.field },
      { id: 'supervisory', interface: 'Vlan30', description: 'SCADA', purdue: 2, slTarget: sl(2), networks: ZONE_NETS.supervisory },
    ],
    boundaries,
    addresses,
    addressGroups: [{ id: 'grp:scada-clients', name: 'scada-clients', members: ['asset:hmi-1', 'net:1'], pointer: '/conduits/supervisory-field/flows/0/from' }],
    services,
    serviceGroups: [],
    rules,
    syslog: ['172.16.10.5'],
    ntp: ['172.16.10.6'],
    span: { sources: ['Vlan20', 'Vlan30', 'GigabitEthernet1/0/24', 'Vlan40'], destination: 'GigabitEthernet1/0/48' },
    options,
    pointer: '/enforcement/acl-core',
  };
}

function sl(n: number): Record<'FR1' | 'FR2' | 'FR3' | 'FR4' | 'FR5' | 'FR6' | 'FR7', number> {
  return { FR1: n, FR2: n, FR3: n, FR4: n, FR5: n, FR6: n, FR7: n };
}

/** The plant without any IPv6 address: objects and zone networks keep their IPv4 ranges only. */
export function v4onlyEP(phase: 'monitor' | 'enforce' = 'enforce', options: EnforcementIR['options'] = {}): EnforcementIR {
  const ep = plantEP(phase, options);
  ep.addresses = ep.addresses.map((a) => ({ ...a, ranges: a.ranges.filter((r) => r.family === 4) }));
  ep.zones = ep.zones.map((z) => ({ ...z, networks: z.networks.filter((r) => r.family === 4) }));
  return ep;
}
