import { describe, expect, it } from 'vitest';
import type { Severity } from '../../src/diagnostics/diagnostic.js';
import { mutate, validate } from './helpers.js';

const FLOWS_END = '      - { from: ews-1, to: plc-filter-1, protocol: tcp/2222 }\n';
const addFlow = (flow: string): [string, string] => [FLOWS_END, `${FLOWS_END}      - ${flow}\n`];

type Case = [string, [string, string][], string, string, string, Severity?];

describe('semantic checks: one case per code, at the precise pointer, naming the thing', () => {
  it.each<Case>([
    ['301 asset in an undefined zone', [['zone: control\n    type: plc', 'zone: controll\n    type: plc']], 'OTPC301', '/assets/plc-filter-1/zone', 'asset "plc-filter-1" is in zone "controll", which is not defined under zones; did you mean "control"?'],
    ['301 conduit joins an undefined zone', [['zones: [dmz, supervisory]', 'zones: [dmz, superv]']], 'OTPC301', '/conduits/dmz-supervisory/zones/1', 'conduit "dmz-supervisory" joins the undefined zone "superv"'],
    ['302 unknown endpoint', [['to: [plc-filter-1], protocol: enip', 'to: [plc-filter-2], protocol: enip']], 'OTPC302', '/conduits/supervisory-control/flows/0/to/0', 'to endpoint "plc-filter-2" of flow 1 of conduit "supervisory-control" is neither an asset nor a zone; did you mean "plc-filter-1"?'],
    ['303 unknown protocol', [['protocol: rdp', 'protocol: rdpp']], 'OTPC303', '/conduits/dmz-supervisory/flows/0/protocol', 'uses the unknown protocol "rdpp"; did you mean "rdp"?'],
    ['303 raw form in capitals', [['protocol: tcp/2222', 'protocol: TCP/2222']], 'OTPC303', '/conduits/supervisory-control/flows/2/protocol', 'did you mean "tcp/2222"?'],
    ['304 interface of an undefined zone', [['dmz: port4', 'dmzz: port4']], 'OTPC304', '/enforcement/fw-plant/interfaces/dmzz', 'names the undefined zone "dmzz"; did you mean "dmz"?'],
    ['305 jump host is not an asset', [['jump-host: jump-host\n  backup', 'jump-host: jumphost\n  backup']], 'OTPC305', '/services/jump-host', 'services.jump-host: "jumphost" is not an asset id; did you mean "jump-host"?'],
    ['305 jump host names a zone', [['jump-host: jump-host\n  backup', 'jump-host: dmz\n  backup']], 'OTPC305', '/services/jump-host', '"dmz" is a zone, not an asset'],
    ['305 IDS monitors an undefined zone', [['monitors: [control, supervisory]', 'monitors: [control, scada]']], 'OTPC305', '/services/ids/monitors/1', 'services.ids monitors the undefined zone "scada"'],
    ['306 unknown capability', [['capabilities: [time-sync, backup]', 'capabilities: [time-sync, backups]']], 'OTPC306', '/assets/hmi-1/capabilities/1', 'asset "hmi-1" lists the unknown capability "backups"; did you mean "backup"?'],
    ['307 unknown profile', [['profile: legacy-plc', 'profile: legacy-plcs']], 'OTPC307', '/assets/plc-filter-1/profile', 'asset "plc-filter-1" uses the unknown device profile "legacy-plcs"'],
    ['308 flow from a zone the conduit does not join', [addFlow('{ from: jump-host, to: plc-filter-1, protocol: modbus }')], 'OTPC308', '/conduits/supervisory-control/flows/3/from', 'flow 4 of conduit "supervisory-control" goes from zone "dmz" to zone "control", but conduit "supervisory-control" joins zones "supervisory" and "control"'],
    ['308 flow inside one zone', [addFlow('{ from: hmi-1, to: historian, protocol: modbus }')], 'OTPC308', '/conduits/supervisory-control/flows/3/to', 'stays inside zone "supervisory"'],
    ['309 conduit without flows', [['flows:\n      - { from: jump-host', 'flows: []\n    x:\n      - { from: jump-host']], 'OTPC309', '/conduits/dmz-supervisory/flows', 'conduit "dmz-supervisory" has no flows'],
    ['310 conduit joins a zone to itself', [['zones: [dmz, supervisory]', 'zones: [dmz, dmz]']], 'OTPC310', '/conduits/dmz-supervisory/zones/1', 'joins zone "dmz" to itself'],
    ['311 unknown platform', [['platform: fortios', 'platform: fortigate']], 'OTPC311', '/enforcement/fw-plant/platform', 'enforcement point "fw-plant" has the unknown platform "fortigate"'],
    ['312 shared interface', [['supervisory: Vlan30', 'supervisory: Vlan20']], 'OTPC312', '/enforcement/acl-control/interfaces/supervisory', 'zones "control" and "supervisory" both use interface "Vlan20" of enforcement point "acl-control"'],
    ['313 read-only on a raw port', [['protocol: tcp/2222 }', 'protocol: tcp/2222, access: read-only }']], 'OTPC313', '/conduits/supervisory-control/flows/2/access', 'read-only on the raw port form "tcp/2222"'],
    ['313 read-only without catalogued operations', [['protocol: enip }', 'protocol: enip, access: read-only }']], 'OTPC313', '/conduits/supervisory-control/flows/0/access', '"enip", whose read and write operations are not catalogued'],
    ['314 flow to itself', [addFlow('{ from: [hmi-1], to: [plc-filter-1, hmi-1], protocol: modbus }')], 'OTPC314', '/conduits/supervisory-control/flows/3/to/1', 'goes from "hmi-1" to itself'],
    ['315 enforcement point joins one zone', [['interfaces: { control: Vlan20, supervisory: Vlan30 }', 'interfaces: { control: Vlan20 }']], 'OTPC315', '/enforcement/acl-control/interfaces', 'has interfaces in only zone "control"', 'warning'],
    ['316 one side spans two zones', [['from: hmi-1, to: [plc-filter-1]', 'from: [hmi-1, jump-host], to: [plc-filter-1]']], 'OTPC316', '/conduits/supervisory-control/flows/0/from', '"from" of flow 1 of conduit "supervisory-control" spans zones "dmz", "supervisory"'],
    ['317 zone without networks', [[', networks: [172.16.10.0/24] }', ' }']], 'OTPC317', '/zones/dmz', 'zone "dmz" has no networks', 'warning'],
    ['318 override of a row without alternatives', [['{ "SR 6.2": 1 }', '{ "SR 1.1": 2 }']], 'OTPC318', '/options/requirement-levels/SR 1.1', 'requirement "SR 1.1" has no alternative levels'],
    ['318 level not among the alternatives', [['{ "SR 6.2": 1 }', '{ "SR 6.2": 3 }']], 'OTPC318', '/options/requirement-levels/SR 6.2', 'level 3 is not available for requirement "SR 6.2"; choose 1 or 2'],
    ['319 unknown requirement in options', [['{ "SR 6.2": 1 }', '{ "SR 9.9": 1 }']], 'OTPC319', '/options/requirement-levels/SR 9.9', 'names the unknown requirement "SR 9.9"'],
    ['320 endpoint names an asset and a zone', [['  jump-host: { zone: dmz', '  dmz: { zone: supervisory, type: server, address: 10.20.2.50 }\n  jump-host: { zone: dmz'], ['from: jump-host, to: [hmi-1, ews-1]', 'from: dmz, to: [hmi-1, ews-1]']], 'OTPC320', '/conduits/dmz-supervisory/flows/0/from', 'from endpoint "dmz" of flow 1 of conduit "dmz-supervisory" names both an asset and a zone'],
    ['401 invalid address', [['address: 10.20.1.11', 'address: 10.20.1.300']], 'OTPC401', '/assets/plc-filter-1/address', 'address of asset "plc-filter-1": "10.20.1.300" is not a valid IPv4 address'],
    ['401 network given as an asset address', [['address: 10.20.1.11', 'address: 10.20.1.0/24']], 'OTPC401', '/assets/plc-filter-1/address', 'is a network; give the device\'s host address'],
    ['401 invalid IPv6 address', [['"2001:db8:2::21"]', '"2001:db8:2::zz"]']], 'OTPC401', '/assets/hmi-1/addresses/1', 'not a valid IPv6 address'],
    ['402 host bits set', [['networks: [10.20.1.0/24]', 'networks: [10.20.1.5/24]']], 'OTPC402', '/zones/control/networks/0', 'network of zone "control": "10.20.1.5/24" has host bits set; the network is 10.20.1.0/24'],
    ['402 invalid prefix', [['networks: [10.20.1.0/24]', 'networks: [10.20.1.0/33]']], 'OTPC402', '/zones/control/networks/0', 'invalid prefix length'],
    ['403 address used twice, at the later asset', [['address: 10.20.2.30', 'address: 10.20.2.21']], 'OTPC403', '/assets/historian/address', 'address 10.20.2.21 of asset "historian" is already used by asset "hmi-1"'],
    ['404 overlapping networks of two zones', [['networks: [10.1.0.0/16]', 'networks: [10.20.0.0/16]']], 'OTPC404', '/zones/control/networks/0', 'network 10.20.1.0/24 of zone "control" overlaps 10.20.0.0/16 of zone "enterprise"'],
    ['404 duplicate network in one zone', [['networks: [10.20.1.0/24]', 'networks: [10.20.1.0/24, 10.20.1.0/24]']], 'OTPC404', '/zones/control/networks/1', 'duplicates 10.20.1.0/24 also listed in zone "control"'],
    ['405 address outside its zone', [['address: 10.20.1.11', 'address: 10.30.1.11']], 'OTPC405', '/assets/plc-filter-1/address', 'address 10.30.1.11 of asset "plc-filter-1" is outside the networks of its zone "control" (10.20.1.0/24)'],
    ['406 port out of range', [['protocol: tcp/2222', 'protocol: tcp/70000']], 'OTPC406', '/conduits/supervisory-control/flows/2/protocol', 'uses "tcp/70000": port 70000 is outside 1-65535'],
    ['406 port zero', [['protocol: tcp/2222', 'protocol: udp/0']], 'OTPC406', '/conduits/supervisory-control/flows/2/protocol', 'port 0 is outside 1-65535'],
    ['406 reversed range', [['protocol: tcp/2222', 'protocol: tcp/2010-2000']], 'OTPC406', '/conduits/supervisory-control/flows/2/protocol', 'the range 2010-2000 is reversed'],
    ['407 invalid service address', [['syslog: 172.16.10.5', 'syslog: 172.16.10.500']], 'OTPC407', '/services/syslog', 'services.syslog: "172.16.10.500" is not a valid IPv4 address'],
    ['407 network as a service address', [['ntp: [172.16.10.6]', 'ntp: [172.16.10.0/24]']], 'OTPC407', '/services/ntp/0', 'is a network'],
    ['408 address inside another zone', [['address: 10.20.1.11', 'address: 10.20.2.11']], 'OTPC408', '/assets/plc-filter-1/address', 'address 10.20.2.11 of asset "plc-filter-1" (zone "control") lies in network 10.20.2.0/24 of zone "supervisory"'],
    ['501 waiver for an unknown asset', [['asset: plc-filter-1, requirement', 'asset: plc-filter-9, requirement']], 'OTPC501', '/waivers/0/asset', 'waiver 1 names the unknown asset "plc-filter-9"; did you mean "plc-filter-1"?'],
    ['501 waiver for an unknown zone', [['zone: control, requirement', 'zone: controls, requirement']], 'OTPC501', '/waivers/1/zone', 'waiver 2 names the unknown zone "controls"'],
    ['502 unknown requirement', [['requirement: SR 1.1 RE(1)', 'requirement: SR 1.1 RE 9']], 'OTPC502', '/waivers/0/requirement', 'waiver 1 names the unknown requirement "SR 1.1 RE 9"'],
    ['502 not a requirement id', [['requirement: SR 1.1 RE(1)', 'requirement: FR1']], 'OTPC502', '/waivers/0/requirement', '"FR1" is not a requirement id'],
    ['506 not a calendar date', [['expires: 2027-03-31', 'expires: 2027-02-29']], 'OTPC506', '/waivers/0/expires', 'expiry date "2027-02-29" is not a calendar date'],
    ['202 asset without an address', [['address: 10.20.2.31 }', 'vendor: x }']], 'OTPC202', '/assets/ews-1/address', 'asset "ews-1" is missing the required key "address" (or "addresses")'],
    ['207 asset with address and addresses', [['address: 10.20.2.31 }', 'address: 10.20.2.31, addresses: [10.20.2.32] }']], 'OTPC207', '/assets/ews-1/addresses', 'gives both address and addresses'],
    ['202 waiver without a subject', [['{ zone: control, requirement', '{ requirement']], 'OTPC202', '/waivers/1/asset', 'waiver 2 is missing the required key "asset" (or "zone")'],
    ['207 waiver with asset and zone', [['{ zone: control, requirement', '{ zone: control, asset: hmi-1, requirement']], 'OTPC207', '/waivers/1/zone', 'names both an asset and a zone'],
    ['202 IDS without an address', [['ids: { address: 10.20.2.99, ', 'ids: { ']], 'OTPC202', '/services/ids/address', 'services.ids is missing the required key "address"'],
    ['207 rollout date not on the calendar', [['baseline-start: 2026-09-01', 'baseline-start: 2026-09-31']], 'OTPC207', '/rollout/baseline-start', 'rollout.baseline-start "2026-09-31" is not a calendar date'],
  ])('%s', (_name, edits, code, pointer, message, severity = 'error') => {
    const r = validate(mutate(...edits));
    const found = r.diagnostics.filter((d) => d.code === code && d.pointer === pointer);
    expect(found.length, JSON.stringify(r.diagnostics.map((d) => [d.code, d.pointer, d.message]), null, 1)).toBe(1);
    expect(found[0].message).toContain(message);
    expect(found[0].severity).toBe(severity);
    expect(found[0].range).toBeDefined();
    if (severity === 'error') expect(r.model).toBeUndefined();
  });

  it('builds the model when there are only warnings', () => {
    const r = validate(mutate([', networks: [172.16.10.0/24] }', ' }']));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OTPC317']);
    expect(r.model).toBeDefined();
  });

  it('reports every problem at once, schema and semantic together, sorted', () => {
    const r = validate(mutate(['purdue: 2\n', 'purdue: high\n'], ['protocol: rdp', 'protocol: rdpp'], ['address: 10.20.1.11', 'address: 10.30.1.11'], ['platform: fortios', 'platform: fortigate']));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OTPC201', 'OTPC405', 'OTPC303', 'OTPC311']);
    const lines = r.diagnostics.map((d) => d.range?.start.line ?? 0);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it('does not cascade from values of the wrong type', () => {
    const r = validate(mutate(['networks: [10.20.1.0/24]', 'networks: 10.20.1.0/24'], ['to: [plc-filter-1], protocol: enip', 'to: { a: 1 }, protocol: enip']));
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['OTPC201', '/zones/control/networks'],
      ['OTPC201', '/conduits/supervisory-control/flows/0/to'],
    ]);
  });

  it('does not resolve ids through the prototype chain', () => {
    const r = validate(mutate(['zone: control\n    type: plc', 'zone: toString\n    type: plc'], ['from: hmi-1, to: [plc-filter-1]', 'from: constructor, to: [plc-filter-1]']));
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['OTPC301', '/assets/plc-filter-1/zone'],
      ['OTPC302', '/conduits/supervisory-control/flows/0/from'],
    ]);
  });
});

describe('waiver expiry: valid through the end of the day, UTC', () => {
  const codesOn = (today: string, days?: number) => validate(mutate(), today, days).diagnostics.filter((d) => d.pointer === '/waivers/0/expires').map((d) => d.code);

  it.each<[string, number | undefined, string[]]>([
    ['2027-01-15', undefined, []],
    ['2027-03-01', undefined, ['OTPC504']],
    ['2027-03-30', undefined, ['OTPC504']],
    ['2027-03-31', undefined, ['OTPC504']],
    ['2027-03-31', 0, ['OTPC504']],
    ['2027-03-30', 0, []],
    ['2027-04-01', undefined, ['OTPC503']],
    ['2030-01-01', undefined, ['OTPC503']],
  ])('today %s (warn %s days)', (today, days, codes) => {
    expect(codesOn(today, days)).toEqual(codes);
  });

  it('names the date in the expiry error and the warning', () => {
    const expired = validate(mutate(), '2027-04-01').diagnostics.find((d) => d.code === 'OTPC503');
    expect(expired?.message).toBe('the waiver of SR 1.1 RE 1 on asset "plc-filter-1" expired on 2027-03-31 (1 day before 2027-04-01)');
    const soon = validate(mutate(), '2027-03-21').diagnostics.find((d) => d.code === 'OTPC504');
    expect(soon?.message).toBe('the waiver of SR 1.1 RE 1 on asset "plc-filter-1" expires on 2027-03-31, in 10 days');
    expect(soon?.severity).toBe('warning');
  });

  it('rejects a malformed "today" as a usage error', () => {
    expect(validate(mutate(), '31.03.2027').diagnostics.map((d) => d.code)).toEqual(['OTPC901']);
  });
});

describe('overlapping networks', () => {
  const zones = (nets: Record<string, string[]>) => {
    const body = Object.entries(nets).map(([z, n]) => `  ${z}: { purdue: 1, sl-target: 1, criticality: low, networks: [${n.join(', ')}] }`).join('\n');
    return validate(`otpc: 1\nsite: { id: s, name: S }\nzones:\n${body}\n`).diagnostics.map((d) => `${d.code} ${d.pointer}`);
  };
  it.each<[string, Record<string, string[]>, string[]]>([
    ['disjoint', { a: ['10.0.0.0/24'], b: ['10.0.1.0/24'] }, []],
    ['nested in one zone is fine', { a: ['10.0.0.0/8', '10.1.0.0/16'] }, []],
    ['duplicate in one zone', { a: ['10.0.0.0/24', '10.0.0.0/24'] }, ['OTPC404 /zones/a/networks/1']],
    ['nested across zones', { a: ['10.0.0.0/8'], b: ['10.1.0.0/16'] }, ['OTPC404 /zones/b/networks/0']],
    ['hidden behind a same-zone superset', { b: ['10.0.0.0/24'], a: ['10.0.0.0/8', '10.0.0.128/25'] }, ['OTPC404 /zones/a/networks/0', 'OTPC404 /zones/a/networks/1']],
    ['IPv4 and IPv6 never overlap', { a: ['0.0.0.0/0'], b: ['::/0'] }, []],
    ['IPv6 overlap', { a: ['2001:db8::/32'], b: ['2001:db8:1::/48'] }, ['OTPC404 /zones/b/networks/0']],
  ])('%s', (_name, nets, want) => {
    expect(zones(nets)).toEqual(want);
  });
});
