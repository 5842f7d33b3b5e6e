import { loadCatalogs } from '../../../src/catalog/loadCatalogs.js';
import type { Catalogs, Platform } from '../../../src/catalog/types.js';
import { parseNet } from '../../../src/model/ip.js';
import type { IpRange } from '../../../src/model/types.js';
import { buildRuleIR } from '../../../src/rules/buildRuleIR.js';
import { ANY } from '../../../src/rules/types.js';
import type { AddressObject, EnforcementIR, Rule } from '../../../src/rules/types.js';
import type { RenderContext } from '../../../src/backends/types.js';
import { fixture, waterPlantDoc } from '../../support/modelFixtures.js';
import type { PolicyDoc } from '../../support/modelFixtures.js';

/**
 * Realistic nftables fixtures for the golden, re-parse and kernel tests:
 * - water: the shared water plant (test/support) at its nftables point fw-control;
 * - cell: a pumping station with three zones on one Linux router, IPv4 and IPv6,
 *   a read-write Modbus flow next to a read-only one (the first-match exemption),
 *   DNP3 on TCP and UDP, a port range and rate limits;
 * - ranges: a hand-built IR with what the optimiser may produce (address ranges that
 *   are not prefixes, groups, service groups with overlapping ports, a zone without
 *   networks, a rule whose sides share no address family).
 * Built with the real catalogues (catalogs/*.yaml), the test-only model builder and
 * the real rule IR builder.
 */

let cached: Catalogs | undefined;

export function realCatalogs(): Catalogs {
  if (!cached) {
    const r = loadCatalogs();
    if (!r.catalogs) throw new Error(`catalogues do not load: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    cached = r.catalogs;
  }
  return cached;
}

export function nftPlatform(): Platform {
  const p = realCatalogs().platforms.get('nftables');
  if (!p) throw new Error('catalogs/platforms.yaml has no nftables row');
  return p;
}

export function renderContext(site = { id: 'fixture-site', name: 'Fixture site' }): RenderContext & { site: { id: string; name: string } } {
  return { platform: nftPlatform(), catalogs: realCatalogs(), file: 'fixture.yaml', site };
}

export function waterDoc(): PolicyDoc {
  return waterPlantDoc();
}

export function cellDoc(): PolicyDoc {
  return {
    otpc: 1,
    site: { id: 'lakeside-pump', name: 'Lakeside Pumping Station' },
    zones: {
      ops: { purdue: 2, 'sl-target': 2, criticality: 'high', networks: ['10.40.2.0/24', 'fd00:40:2::/64'] },
      cell: { purdue: 1, 'sl-target': 3, criticality: 'critical', networks: ['10.40.1.0/24', 'fd00:40:1::/64'] },
      dmz: { purdue: 3.5, 'sl-target': 2, criticality: 'medium', networks: ['172.16.40.0/24'] },
    },
    assets: {
      'hmi-1': { zone: 'ops', type: 'hmi', addresses: ['10.40.2.21', 'fd00:40:2::21'] },
      'hmi-2': { zone: 'ops', type: 'hmi', address: '10.40.2.22' },
      historian: { zone: 'ops', type: 'historian', addresses: ['10.40.2.40', 'fd00:40:2::40'] },
      'ews-1': { zone: 'ops', type: 'ews', address: '10.40.2.50' },
      'plc-pump-1': { zone: 'cell', type: 'plc', addresses: ['10.40.1.11', 'fd00:40:1::11'] },
      'plc-pump-2': { zone: 'cell', type: 'plc', address: '10.40.1.12' },
      'rtu-well': { zone: 'cell', type: 'rtu', address: '10.40.1.30' },
      'hist-replica': { zone: 'dmz', type: 'historian', address: '172.16.40.20' },
      'log-server': { zone: 'dmz', type: 'server', address: '172.16.40.5' },
    },
    conduits: {
      'ops-cell': {
        zones: ['ops', 'cell'],
        'rate-limit': { 'per-source-connections': 16, 'new-connections-per-second': 20 },
        flows: [
          { from: ['hmi-1', 'hmi-2'], to: ['plc-pump-1', 'plc-pump-2'], protocol: 'modbus', description: 'HMI polling and setpoints' },
          { from: 'historian', to: 'cell', protocol: 'modbus', access: 'read-only', description: 'process history' },
          { from: 'historian', to: 'rtu-well', protocol: 'dnp3', access: 'read-only' },
          {
            from: 'ews-1', to: 'plc-pump-1', protocol: 'tcp/2000-2010', description: 'vendor engineering tool',
            'rate-limit': { 'per-source-connections': 4, 'max-connections': 8, 'new-connections-per-second': 5, 'max-embryonic': 4 },
          },
          { from: 'hmi-1', to: 'plc-pump-1', protocol: 'enip' },
        ],
      },
      'ops-dmz': {
        zones: ['ops', 'dmz'],
        flows: [
          { from: 'historian', to: 'hist-replica', protocol: 'tcp/5450-5460' },
          { from: 'ops', to: 'log-server', protocol: 'syslog' },
        ],
      },
    },
    enforcement: {
      'fw-cell': { platform: 'nftables', description: 'Debian 12 router between the pump cell, operations and the DMZ', interfaces: { ops: 'ens3', cell: 'ens4', dmz: 'ens5' } },
    },
    services: { syslog: '172.16.40.5', ntp: ['172.16.40.6'] },
  };
}

export type Phase = 'monitor' | 'enforce';

/** The rule IR of one enforcement point of a policy document, built with the real catalogues. */
export function irOf(doc: PolicyDoc, epId: string, phase: Phase, boundaryPhases?: Record<string, Phase>): EnforcementIR {
  const f = fixture(doc, realCatalogs());
  const ir = buildRuleIR(f.model, f.catalogs, f.placement, { phase, ...(boundaryPhases ? { boundaryPhases } : {}) });
  const ep = ir.enforcement.find((e) => e.id === epId);
  if (!ep) throw new Error(`fixture: no enforcement point ${epId}`);
  return ep;
}

export function waterIR(phase: Phase): EnforcementIR {
  return irOf(waterDoc(), 'fw-control', phase);
}

export function cellIR(phase: Phase, boundaryPhases?: Record<string, Phase>): EnforcementIR {
  return irOf(cellDoc(), 'fw-cell', phase, boundaryPhases);
}

// ---------------------------------------------------------------- hand-built IR

function range(text: string): IpRange {
  const dash = text.indexOf('-');
  if (dash > 0) {
    const a = parseNet(text.slice(0, dash));
    const b = parseNet(text.slice(dash + 1));
    if (!a.ok || !b.ok) throw new Error(`fixture: bad range ${text}`);
    return { family: a.net.family, first: a.net.first, last: b.net.first };
  }
  const r = parseNet(text);
  if (!r.ok) throw new Error(`fixture: ${r.error}`);
  return { family: r.net.family, first: r.net.first, last: r.net.last };
}

function obj(id: string, kind: AddressObject['source']['kind'], ranges: string[]): AddressObject {
  const name = id.slice(id.indexOf(':') + 1);
  return { id, name, source: { kind, id: name }, ranges: ranges.map(range), pointer: `/${kind === 'zone' ? 'zones' : 'assets'}/${name}` };
}

function flow(id: string, number: number, src: string[], dst: string[], services: string[], comment: string, extra: Partial<Rule> = {}): Rule {
  return {
    id, number, kind: 'flow', fromZone: 'hmi', toZone: 'plc', action: 'allow', log: true, src, dst, services, comment,
    trace: { conduit: 'hmi-plc', flowIndex: number % 1000 - 1, flowKey: id, pointer: `/conduits/hmi-plc/flows/${number % 1000 - 1}`, srs: ['SR 5.1', 'SR 5.2'], controls: ['boundary-firewall'] },
    ...extra,
  };
}

/** The vendors.md example topology (documentation addresses) as an optimiser might leave it. */
export function rangesIR(phase: Phase): EnforcementIR {
  const enforce = phase === 'enforce';
  const finals: Rule[] = [
    { id: 'final.hmi>plc', number: 9000001, kind: 'boundary-final', fromZone: 'hmi', toZone: 'plc', action: enforce ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: enforce ? 'default deny hmi -> plc' : 'monitor phase: would deny hmi -> plc, logged' },
    { id: 'final.plc>hmi', number: 9000002, kind: 'boundary-final', fromZone: 'plc', toZone: 'hmi', action: enforce ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: enforce ? 'default deny plc -> hmi' : 'monitor phase: would deny plc -> hmi, logged' },
    { id: 'final', number: 9999999, kind: 'final', action: enforce ? 'deny' : 'allow', log: true, src: [ANY], dst: [ANY], services: [ANY], comment: enforce ? 'default deny all other traffic' : 'monitor phase: would deny all other traffic, logged' },
  ];
  return {
    id: 'fw-lab', platform: 'nftables', phase,
    zones: [
      {
        id: 'hmi', interface: 'lan0', description: 'IEC 62443 zone hmi (Purdue 2) SL-T 2-2-2-2-2-2-2', purdue: 2,
        slTarget: { FR1: 2, FR2: 2, FR3: 2, FR4: 2, FR5: 2, FR6: 2, FR7: 2 }, networks: ['192.0.2.0/24', '2001:db8:1::/64'].map(range),
      },
      {
        id: 'plc', interface: 'lan1.20', description: 'IEC 62443 zone plc (Purdue 1) SL-T 3-3-3-3-3-3-3', purdue: 1,
        slTarget: { FR1: 3, FR2: 3, FR3: 3, FR4: 3, FR5: 3, FR6: 3, FR7: 3 }, networks: ['198.51.100.0/24', '2001:db8:2::/64'].map(range),
      },
    ],
    boundaries: [{ id: 'hmi|plc', zones: ['hmi', 'plc'], interfaces: ['lan0', 'lan1.20'], phase }],
    addresses: [
      obj('asset:plc-01', 'asset', ['198.51.100.20', '2001:db8:2::20']),
      obj('asset:plc-02', 'asset', ['198.51.100.21']),
      obj('asset:v6-only', 'asset', ['2001:db8:2::30']),
      obj('merged:hmi-clients', 'merged', ['192.0.2.10', '192.0.2.64/26', '192.0.2.200-192.0.2.210', '2001:db8:1::/64']),
      obj('zone:empty', 'zone', []),
    ],
    addressGroups: [{ id: 'group:plcs', name: 'plcs', members: ['asset:plc-01', 'asset:plc-02'], pointer: '/conduits/hmi-plc' }],
    services: [
      { id: 'svc:dnp3-tcp-20000', name: 'dnp3-tcp-20000', transport: 'tcp', ports: [20000, 20000], protocol: 'dnp3' },
      { id: 'svc:dnp3-udp-20000', name: 'dnp3-udp-20000', transport: 'udp', ports: [20000, 20000], protocol: 'dnp3' },
      { id: 'svc:modbus-tcp-502', name: 'modbus-tcp-502', transport: 'tcp', ports: [502, 502], protocol: 'modbus' },
      { id: 'svc:tcp-2000-2010', name: 'tcp-2000-2010', transport: 'tcp', ports: [2000, 2010] },
      { id: 'svc:tcp-2005-2020', name: 'tcp-2005-2020', transport: 'tcp', ports: [2005, 2020] },
    ],
    serviceGroups: [{ id: 'svcgroup:ot', name: 'ot', members: ['svc:modbus-tcp-502', 'svc:dnp3-tcp-20000', 'svc:dnp3-udp-20000'] }],
    rules: [
      flow('hmi-plc.1', 1001, ['merged:hmi-clients'], ['group:plcs'], ['svcgroup:ot'], 'hmi-plc clients -> plcs modbus+dnp3: "polling"; {overlapping} #ranges'),
      flow('hmi-plc.2', 1002, ['merged:hmi-clients', 'asset:plc-02'], ['asset:plc-01'], ['svc:tcp-2000-2010', 'svc:tcp-2005-2020'], 'hmi-plc two sources -> plc-01 tcp/2000-2020 (overlapping ranges merged)'),
      flow('hmi-plc.3', 1003, ['asset:plc-02'], ['asset:v6-only'], ['svc:modbus-tcp-502'], 'hmi-plc no common family: matches nothing'),
      flow('hmi-plc.4', 1004, ['zone:empty'], ['asset:plc-01'], ['svc:modbus-tcp-502'], 'hmi-plc zone without networks: matches nothing'),
      ...finals,
    ],
    syslog: ['192.0.2.5'],
    ntp: [],
    options: {},
    pointer: '/enforcement/fw-lab',
  };
}

/** The golden cases (golden.test.ts), also loaded into the kernel by test/kernel/reparse.test.ts. */
export const GOLDEN_CASES: [string, () => EnforcementIR][] = [
  ['water-fw-control-enforce', () => waterIR('enforce')],
  ['water-fw-control-monitor', () => waterIR('monitor')],
  ['cell-fw-cell-enforce', () => cellIR('enforce')],
  ['cell-fw-cell-monitor', () => cellIR('monitor')],
  ['cell-fw-cell-mixed', () => cellIR('enforce', { 'fw-cell:cell|ops': 'monitor' })],
  ['ranges-fw-lab-enforce', () => rangesIR('enforce')],
  ['ranges-fw-lab-monitor', () => rangesIR('monitor')],
];
