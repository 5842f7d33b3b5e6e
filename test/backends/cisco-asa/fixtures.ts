import type { Platform } from '../../../src/catalog/types.js';
import type { RenderContext } from '../../../src/backends/types.js';
import type { IpRange, RateLimit, SLVector } from '../../../src/model/types.js';
import { parseNet } from '../../../src/model/ip.js';
import { buildBoundaries, epPhase } from '../../../src/rules/buildBoundaries.js';
import { buildBoundaryFinals, buildCatchAll } from '../../../src/rules/buildFinalRules.js';
import type { AddressObject, EnforcementIR, ReadOnlyFilter, Rule, ServiceObject, ZoneBinding } from '../../../src/rules/types.js';
import { fixtureCatalogs } from '../../support/modelFixtures.js';

/**
 * Hand-built EnforcementIRs for the Cisco ASA backend: hosts, a subnet, a range
 * (192.0.2.200-210), IPv6, a protocol on TCP and UDP as two services, a read-only
 * Modbus flow (port-only on ASA), a rate-limited flow, syslog and NTP.
 */

export const catalogs = fixtureCatalogs();

/** The cisco-asa platform row with ASA's documented limits (names 64, remarks 100). */
export function asaPlatform(): Platform {
  const base = catalogs.platforms.get('cisco-asa') as Platform;
  return { ...base, limits: { ...base.limits, nameMax: 64, commentMax: 100 } };
}

export function asaContext(file = 'plant.yaml'): RenderContext {
  return { platform: asaPlatform(), catalogs, file, site: { id: 'riverside-wtp', name: 'Riverside Water Treatment' } } as RenderContext;
}

export function range(text: string): IpRange {
  const dash = text.indexOf('-');
  if (dash > 0 && !text.includes('/')) {
    const a = parseNet(text.slice(0, dash));
    const b = parseNet(text.slice(dash + 1));
    if (!a.ok || !b.ok) throw new Error(`fixture: bad range ${text}`);
    return { family: a.net.family, first: a.net.first, last: b.net.last };
  }
  const r = parseNet(text);
  if (!r.ok) throw new Error(`fixture: ${r.error}`);
  return { family: r.net.family, first: r.net.first, last: r.net.last };
}

export function addr(kind: 'asset' | 'zone' | 'service', id: string, texts: string[], pointer?: string): AddressObject {
  const root = kind === 'asset' ? 'assets' : kind === 'zone' ? 'zones' : 'services';
  return { id: `${kind}:${id}`, name: id, source: { kind, id }, ranges: texts.map(range), pointer: pointer ?? `/${root}/${id}` };
}

export function svc(transport: 'tcp' | 'udp', lo: number, hi = lo, protocol?: string): ServiceObject {
  const ports = lo === hi ? `${lo}` : `${lo}-${hi}`;
  const name = protocol ? `${protocol}-${transport}-${ports}` : `${transport}-${ports}`;
  return { id: `svc:${name}`, name, transport, ports: [lo, hi], ...(protocol ? { protocol } : {}) };
}

const SL: SLVector = { FR1: 2, FR2: 2, FR3: 2, FR4: 2, FR5: 2, FR6: 2, FR7: 2 };

/** A zone binding; `networks` are the zone's merged networks (buildZoneBindings). */
export function zone(id: string, nameif: string, purdue = 2, networks: IpRange[] = []): ZoneBinding {
  return { id, interface: nameif, description: `IEC 62443 zone ${id} (Purdue ${purdue}) SL-T 2-2-2-2-2-2-2`, purdue, slTarget: { ...SL }, networks };
}

export interface FlowSpec {
  conduit: string;
  ordinal: number;
  n: number;
  from: string;
  to: string;
  src: string[];
  dst: string[];
  services: string[];
  comment?: string;
  readOnly?: ReadOnlyFilter;
  rateLimit?: RateLimit;
  action?: 'allow' | 'deny';
  log?: boolean;
}

export function flow(f: FlowSpec): Rule {
  const rule: Rule = {
    id: `${f.conduit}.${f.n}`, number: f.ordinal * 1000 + f.n, kind: 'flow', fromZone: f.from, toZone: f.to,
    action: f.action ?? 'allow', log: f.log ?? true, src: f.src, dst: f.dst, services: f.services,
    comment: f.comment ?? `${f.conduit} flow ${f.n} (SR 5.1, SR 5.2, SR 5.2 RE 1)`,
    trace: { conduit: f.conduit, flowIndex: f.n - 1, flowKey: `${f.conduit}#${f.n}`, pointer: `/conduits/${f.conduit}/flows/${f.n - 1}`, srs: ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1'], controls: ['boundary-firewall'] },
  };
  if (f.readOnly) rule.readOnly = f.readOnly;
  if (f.rateLimit) rule.rateLimit = f.rateLimit;
  return rule;
}

export const MODBUS_PORT_ONLY: ReadOnlyFilter = {
  protocol: 'modbus', field: 'modbus-function-code', payloadOffset: 7,
  allowed: [1, 2, 3, 4, 7, 8, 11, 12, 17, 20, 24, 43], denied: [5, 6, 15, 16, 21, 22, 23], mode: 'port-only',
};

export interface EpSpec {
  id: string;
  zones: ZoneBinding[];
  addresses: AddressObject[];
  services: ServiceObject[];
  flows: Rule[];
  phase: 'monitor' | 'enforce';
  boundaryPhases?: Record<string, 'monitor' | 'enforce'>;
  syslog?: string[];
  ntp?: string[];
  description?: string;
}

/** An EnforcementIR the way buildRuleIR lays it out: flows, boundary finals, catch-all. */
export function enforcementIR(spec: EpSpec): EnforcementIR {
  const zones = [...spec.zones].sort((a, b) => (a.id < b.id ? -1 : 1));
  const boundaries = buildBoundaries(spec.id, zones, spec.phase, spec.boundaryPhases);
  const phase = epPhase(boundaries, spec.phase);
  const ir: EnforcementIR = {
    id: spec.id, platform: 'cisco-asa', phase, zones, boundaries,
    addresses: [...spec.addresses].sort((a, b) => (a.id < b.id ? -1 : 1)), addressGroups: [],
    services: [...spec.services].sort((a, b) => (a.id < b.id ? -1 : 1)), serviceGroups: [],
    rules: [...spec.flows, ...buildBoundaryFinals(boundaries, catalogs), buildCatchAll(phase, catalogs)],
    syslog: spec.syslog ?? [], ntp: spec.ntp ?? [], options: {}, pointer: `/enforcement/${spec.id}`,
  };
  if (spec.description) ir.description = spec.description;
  return ir;
}

/** Zone networks of the riverside fixture (what routing sends to each zone). */
export const RIVERSIDE_NETS: Record<string, string[]> = {
  control: ['10.20.1.0/24', '2001:db8:20:1::/64'],
  dmz: ['192.0.2.0/24'],
  supervisory: ['10.20.2.0/24', '2001:db8:20:2::/64'],
};

const S = {
  dnp3t: svc('tcp', 20000, 20000, 'dnp3'), dnp3u: svc('udp', 20000, 20000, 'dnp3'),
  enipt: svc('tcp', 44818, 44818, 'enip'), enipu1: svc('udp', 2222, 2222, 'enip'), enipu2: svc('udp', 44818, 44818, 'enip'),
  modbus: svc('tcp', 502, 502, 'modbus'), ssh: svc('tcp', 22, 22, 'ssh'), range: svc('tcp', 2000, 2010),
};

function riversideFlows(): Rule[] {
  const cs = { conduit: 'control-supervisory', ordinal: 2, from: 'supervisory', to: 'control' };
  return [
    flow({ ...cs, n: 1, src: ['asset:hmi-1'], dst: ['asset:plc-1', 'asset:plc-2'], services: [S.enipt.id, S.enipu1.id, S.enipu2.id],
      comment: 'control-supervisory hmi-1 -> plc-1,plc-2 enip: HMI polls the filter PLCs (SR 5.1, SR 5.2, SR 5.2 RE 1)' }),
    flow({ ...cs, n: 2, src: ['zone:supervisory'], dst: ['asset:plc-1'], services: [S.modbus.id], readOnly: MODBUS_PORT_ONLY,
      comment: 'control-supervisory supervisory -> plc-1 modbus read-only (port-level only) (SR 5.1, SR 5.2, SR 5.2 RE 1)' }),
    flow({ ...cs, n: 3, src: ['asset:eng-lan', 'asset:hmi-1'], dst: ['asset:plc-1'], services: [S.range.id],
      // As the IR carries it for ASA: no new-connections-per-second (not in the platform's rate-limit-kinds).
      rateLimit: { maxConnections: 64, perSourceConnections: 8, maxEmbryonic: 16 },
      comment: 'control-supervisory eng-lan,hmi-1 -> plc-1 tcp/2000-2010 rate-limited (SR 5.1, SR 5.2, SR 5.2 RE 1, SR 7.1 RE 1)' }),
    flow({ ...cs, n: 4, src: ['asset:eng-ws'], dst: ['asset:plc-1'], services: [S.ssh.id],
      comment: 'control-supervisory eng-ws -> plc-1 ssh: IPv6 engineering access (SR 5.1, SR 5.2, SR 5.2 RE 1)' }),
    flow({ conduit: 'control-dmz', ordinal: 1, n: 1, from: 'control', to: 'dmz', src: ['asset:plc-1'], dst: ['asset:historian'], services: [S.dnp3t.id, S.dnp3u.id],
      comment: 'control-dmz plc-1 -> historian dnp3: line1\nline2? "quoted" \\ back; {braces} Kläranlage (SR 5.1, SR 5.2)' }),
    flow({ conduit: 'dmz-supervisory', ordinal: 3, n: 1, from: 'supervisory', to: 'dmz', src: ['asset:hmi-1'], dst: ['asset:historian'], services: [S.range.id] }),
  ];
}

/** The IR's address objects: like buildRuleIR, only the zone a flow names (supervisory) has one, unless `zoneObjects`. */
function riversideAddresses(zoneObjects: boolean): AddressObject[] {
  const out = [
    addr('asset', 'plc-1', ['10.20.1.11', '2001:db8:20:1::11']),
    addr('asset', 'plc-2', ['10.20.1.12']),
    addr('asset', 'hmi-1', ['10.20.2.21']),
    addr('asset', 'eng-lan', ['10.20.2.64/26']),
    addr('asset', 'eng-ws', ['2001:db8:20:2::50']),
    addr('asset', 'historian', ['192.0.2.200-192.0.2.210']),
    addr('zone', 'supervisory', RIVERSIDE_NETS.supervisory),
  ];
  if (zoneObjects) out.push(addr('zone', 'control', RIVERSIDE_NETS.control), addr('zone', 'dmz', RIVERSIDE_NETS.dmz));
  return out;
}

export interface RiversideOptions {
  /** Put "zone:<id>" objects for every zone in the IR (default: only the one a flow names). */
  zoneObjects?: boolean;
  /** Zones whose binding lists no networks (a zone without networks, OTPC317). */
  emptyZones?: string[];
  boundaryPhases?: Record<string, 'monitor' | 'enforce'>;
}

/** The main fixture: three zones, every address and service shape, syslog and NTP. */
export function riverside(phase: 'monitor' | 'enforce', options: RiversideOptions = {}): EnforcementIR {
  const nets = (id: string) => (options.emptyZones?.includes(id) ? [] : RIVERSIDE_NETS[id].map(range));
  return enforcementIR({
    id: 'fw-plant',
    description: 'Plant core ASA\nbetween supervisory, control and DMZ',
    zones: [zone('control', 'control', 1, nets('control')), zone('dmz', 'dmz', 3.5, nets('dmz')), zone('supervisory', 'supervisory', 2, nets('supervisory'))],
    addresses: riversideAddresses(options.zoneObjects ?? false),
    services: Object.values(S),
    flows: riversideFlows(),
    phase,
    boundaryPhases: options.boundaryPhases,
    syslog: ['192.0.2.5', '203.0.113.9'],
    ntp: ['10.20.2.6', '198.51.100.6'],
  });
}

/** Riverside with the control|supervisory boundary enforced and the others monitored. */
export function riversideMixed(emptyZones: string[] = []): EnforcementIR {
  return riverside('monitor', { emptyZones, boundaryPhases: { 'fw-plant:control|supervisory': 'enforce' } });
}

/** Control and DMZ list no networks: boundary entries towards them cannot be rendered. */
export const NO_NETS = ['control', 'dmz'];

export const FIXTURES: [string, () => EnforcementIR][] = [
  ['riverside-enforce', () => riverside('enforce')],
  ['riverside-monitor', () => riverside('monitor')],
  ['riverside-mixed', () => riversideMixed()],
  ['riverside-no-zone-nets-enforce', () => riverside('enforce', { emptyZones: NO_NETS })],
  ['riverside-no-zone-nets-monitor', () => riverside('monitor', { emptyZones: NO_NETS })],
];
