import type { Catalogs, Platform, Protocol, Requirement } from '../../src/catalog/types.js';
import type { FR, Transport } from '../../src/model/types.js';

/**
 * A small hand-made catalogue set for the validation tests. The real catalogues
 * (catalogs/*.yaml) are written and tested elsewhere; validation depends only on
 * the Catalogs type.
 */

function req(id: string, fr: FR, level: number, alternatives?: number[]): Requirement {
  const kind = id.includes(' RE ') ? 'RE' : 'SR';
  const r: Requirement = { id, fr, kind, title: id, level, scope: 'device', compensable: true, clause: '5.1' };
  if (kind === 'RE') r.parent = id.replace(/ RE \d+$/, '');
  if (alternatives) r.alternatives = alternatives;
  return r;
}

function proto(id: string, ports: [Transport, number, number][], extra: Partial<Protocol> = {}): Protocol {
  return {
    id, title: id, ports: ports.map(([transport, lo, hi]) => ({ transport, ports: [lo, hi] as [number, number] })),
    nativeAuth: false, nativeEncryption: false, interactive: false, industrial: false, ...extra,
  };
}

function platform(id: string, readOnly: string[]): Platform {
  return {
    id, title: id, kind: 'firewall', stateful: true,
    supports: { ipv6: true, addressRanges: true, objectGroups: true, logging: true, syslog: true, ntp: true, readOnly, rateLimit: true, span: false, monitorMode: true },
    limits: { nameMax: 31, commentMax: 255 },
  };
}

const byId = <T extends { id: string }>(items: T[]): Map<string, T> => new Map(items.map((i) => [i.id, i]));

export function testCatalogs(): Catalogs {
  return {
    requirements: byId([
      req('SR 1.1', 'FR1', 1), req('SR 1.1 RE 1', 'FR1', 3), req('SR 1.13', 'FR1', 1), req('SR 1.13 RE 1', 'FR1', 2, [3]),
      req('SR 4.1', 'FR4', 1), req('SR 4.1 RE 2', 'FR4', 4, [3]), req('SR 6.2', 'FR6', 2, [1]), req('SR 5.1', 'FR5', 1),
    ]),
    capabilities: byId(['user-auth', 'audit-log', 'syslog-export', 'time-sync', 'encrypted-transport', 'backup', 'mfa'].map((id) => ({ id, title: id, meets: [] }))),
    profiles: byId([
      { id: 'legacy-plc', title: 'Legacy PLC', description: 'no auth', capabilities: [] },
      { id: 'unsupported-windows', title: 'Old Windows', description: 'XP', capabilities: ['user-auth', 'audit-log'] },
      { id: 'certified-4-2', title: '4-2 certified', description: 'modern', capabilities: ['user-auth', 'mfa', 'syslog-export'] },
    ]),
    controls: new Map(),
    protocols: byId([
      proto('modbus', [['tcp', 502, 502]], { industrial: true, operations: { read: [1, 2, 3, 4], write: [5, 6, 15, 16], field: 'modbus-function-code', payloadOffset: 7 } }),
      proto('enip', [['udp', 2222, 2222], ['tcp', 44818, 44818], ['udp', 44818, 44818]], { industrial: true }),
      proto('dnp3', [['tcp', 20000, 20000]], { industrial: true, operations: { read: [1], write: [2, 3, 4, 5], field: 'dnp3-function-code' } }),
      proto('rdp', [['tcp', 3389, 3389]], { interactive: true, nativeAuth: true }),
      proto('https', [['tcp', 443, 443]], { nativeAuth: true, nativeEncryption: true }),
      proto('syslog', [['udp', 514, 514]]),
      proto('ntp', [['udp', 123, 123]]),
    ]),
    platforms: byId([platform('fortios', ['modbus']), platform('cisco-ios', []), platform('cisco-asa', []), platform('nftables', ['modbus'])]),
  };
}

export const TODAY = '2027-01-15';

/** A valid policy using every section of the format. */
export const VALID_POLICY = `# a valid policy
otpc: 1
site: { id: riverside-wtp, name: Riverside Water Treatment }
options:
  requirement-levels: { "SR 6.2": 1 }
rollout: { baseline-start: 2026-09-01, baseline-days: 90 }
zones:
  enterprise: { purdue: 4, sl-target: 1, criticality: low, trust: untrusted, networks: [10.1.0.0/16] }
  dmz: { purdue: 3.5, sl-target: 2, criticality: medium, networks: [172.16.10.0/24] }
  supervisory:
    purdue: 2
    criticality: high
    sl-target: { FR1: 2, FR2: 2, FR3: 2, FR4: 1, FR5: 3, FR6: 2, FR7: 2 }
    networks: [10.20.2.0/24, "2001:db8:2::/64"]
    port-security: true
  control: { purdue: 1, sl-target: 3, criticality: critical, networks: [10.20.1.0/24], segmentation: physical }
assets:
  plc-filter-1:
    zone: control
    type: plc
    vendor: Rockwell Automation
    model: SLC 5/05
    firmware: "FRN 10"
    firmware-year: 2008
    address: 10.20.1.11
    profile: legacy-plc
    capabilities: []
    essential: true
  hmi-1: { zone: supervisory, type: hmi, addresses: [10.20.2.21, "2001:db8:2::21"], profile: unsupported-windows, capabilities: [time-sync, backup] }
  historian: { zone: supervisory, type: historian, address: 10.20.2.30 }
  ews-1: { zone: supervisory, type: ews, address: 10.20.2.31 }
  jump-host: { zone: dmz, type: jump-host, address: 172.16.10.20 }
conduits:
  supervisory-control:
    zones: [supervisory, control]
    sl-target: 3
    rate-limit: { max-connections: 64 }
    flows:
      - { from: hmi-1, to: [plc-filter-1], protocol: enip }
      - { from: historian, to: plc-filter-1, protocol: modbus, access: read-only }
      - { from: ews-1, to: plc-filter-1, protocol: tcp/2222 }
  dmz-supervisory:
    zones: [dmz, supervisory]
    transit: untrusted
    flows:
      - { from: jump-host, to: [hmi-1, ews-1], protocol: rdp, description: "remote support" }
enforcement:
  fw-plant:
    platform: fortios
    interfaces: { enterprise: port1, supervisory: port2, control: port3, dmz: port4 }
    fail-mode: closed
  acl-control: { platform: cisco-ios, interfaces: { control: Vlan20, supervisory: Vlan30 }, options: { classic: true } }
services:
  syslog: 172.16.10.5
  ntp: [172.16.10.6]
  ids: { address: 10.20.2.99, monitors: [control, supervisory] }
  jump-host: jump-host
  backup: 10.20.2.40
waivers:
  - { asset: plc-filter-1, requirement: SR 1.1 RE(1), reason: "replacement 2027", approved-by: "J. Smith", expires: 2027-03-31 }
  - { zone: control, requirement: sr 1.13 re 1, reason: "vendor access", approved-by: "J. Smith", expires: 2028-01-01 }
`;
