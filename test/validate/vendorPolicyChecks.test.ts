import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/catalog/loadCatalogs.js';
import type { Catalogs } from '../../src/catalog/types.js';
import { compilePolicy } from '../../src/compilePolicy.js';
import { loadPolicy } from '../../src/load/loadPolicy.js';
import { buildModel } from '../../src/model/buildModel.js';
import { placeConduits } from '../../src/model/placeConduits.js';
import { optimize } from '../../src/optimize/optimize.js';
import type { PolicyDocument } from '../../src/validate/policyDocument.js';
import { validatePolicy } from '../../src/validate/validatePolicy.js';
import { at } from './helpers.js';
import { testCatalogs, TODAY } from './fixtures.js';

/**
 * The backends' vendor checks that depend only on the policy run during validation
 * (each backend's policyChecks.ts under src/backends): `validate` and `report` reject what `compile` would.
 */

interface Site {
  platform: string;
  epId?: string;
  control?: string;
  supervisory?: string;
  /** zone id of the control zone */
  zone?: string;
  asset?: string;
  hmiAddress?: string;
  options?: string;
}

function policy(s: Site): string {
  const zone = s.zone ?? 'control';
  const asset = s.asset ?? 'plc-1';
  return `otpc: 1
site: { id: test-site, name: Test Site }
zones:
  supervisory: { purdue: 2, sl-target: 2, criticality: high, networks: [10.20.2.0/24, "2001:db8:2::/64"] }
  ${zone}: { purdue: 1, sl-target: 3, criticality: critical, networks: [10.20.1.0/24] }
  spare: { purdue: 1, sl-target: 1, criticality: low, networks: [10.20.9.0/24] }
assets:
  hmi-1: { zone: supervisory, type: hmi, address: ${s.hmiAddress ?? '10.20.2.21'} }
  ${asset}: { zone: ${zone}, type: plc, address: 10.20.1.11 }
  unused-${asset}: { zone: spare, type: plc, address: 10.20.9.11 }
conduits:
  sup-ctl:
    zones: [supervisory, ${zone}]
    flows:
      - { from: hmi-1, to: ${asset}, protocol: modbus }
enforcement:
  ${s.epId ?? 'ep-1'}:
    platform: ${s.platform}
    interfaces: { supervisory: ${JSON.stringify(s.supervisory ?? 'port1')}, ${zone}: ${JSON.stringify(s.control ?? 'port2')} }
    options: { ${s.options ?? ''} }
`;
}

function check(text: string, catalogs: Catalogs = testCatalogs()) {
  return validatePolicy(loadPolicy(text, 'p.yaml'), catalogs, { today: TODAY });
}

const vendorCodes = new Set(['OTPC701', 'OTPC702', 'OTPC706', 'OTPC707', 'OTPC709']);

describe('validate runs the vendor interface checks of the enforcement point platform', () => {
  it.each<[string, string, string]>([
    ['cisco-ios', 'Vlan 20; shutdown', 'Cisco IOS interface name "Vlan 20; shutdown" is not valid'],
    ['cisco-ios', 'Gi0/1\nshutdown', 'Cisco IOS interface name'],
    ['fortios', 'internal-switch-1', 'FortiOS interface name "internal-switch-1" is 17 characters'],
    ['fortios', 'port 2', 'contains characters outside [A-Za-z0-9_.-]'],
    ['fortios', 'any', 'is a FortiOS keyword'],
    ['cisco-asa', 'GigabitEthernet0/1', 'Cisco ASA interface name (nameif) "GigabitEthernet0/1" is not valid'],
    ['cisco-asa', 'any', 'not a keyword'],
    ['nftables', 'eth1/0', 'nftables: interface name "eth1/0" is not a valid Linux interface name'],
    ['nftables', 'enp0s31f6-uplink', 'nftables: interface name "enp0s31f6-uplink"'],
  ])('%s rejects %j at the YAML line of the interface', (platform, name, message) => {
    const r = check(policy({ platform, control: name }));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.pointer])).toEqual([['OTPC706', '/enforcement/ep-1/interfaces/control']]);
    expect(errors[0].message).toContain(message);
    expect(at(errors[0])).toBe('OTPC706@19:50');
    expect(r.model).toBeUndefined();
  });

  it.each([
    ['cisco-ios', 'GigabitEthernet1/0/1.100'], ['cisco-ios', 'Vlan20'], ['fortios', 'port2'], ['fortios', 'internal1.100'],
    ['cisco-asa', 'inside'], ['cisco-asa', 'dmz_2'], ['nftables', 'eth0.20'], ['nftables', 'enp0s31f6'],
  ])('%s accepts %j', (platform, name) => {
    const r = check(policy({ platform, control: name }));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.model).toBeDefined();
  });

  it('reports every enforcement point and every bad interface at once, with the other errors', () => {
    const text = policy({ platform: 'cisco-ios', control: 'Vlan 20; shutdown', supervisory: 'Vlan 30' }).replace('protocol: modbus', 'protocol: modbuss');
    const codes = check(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.pointer}`);
    expect(codes.sort()).toEqual(['OTPC303 /conduits/sup-ctl/flows/0/protocol', 'OTPC706 /enforcement/ep-1/interfaces/control', 'OTPC706 /enforcement/ep-1/interfaces/supervisory']);
  });

  it('leaves interface values of the wrong shape to the schema (no second error)', () => {
    const long = 'x'.repeat(65);
    const r = check(policy({ platform: 'fortios', control: long }));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['OTPC207']);
  });
});

describe('validate checks the names the backends build from ids', () => {
  it('FortiOS zone names Z-<zone> (35 characters) at the zone key of the interfaces', () => {
    const zone = 'filtration-and-chemical-dosing-control';
    const r = check(policy({ platform: 'fortios', zone }));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.pointer])).toEqual([['OTPC702', `/enforcement/ep-1/interfaces/${zone}`]]);
    expect(errors[0].message).toBe(`FortiOS zone name "Z-${zone}" is 40 characters; the limit is 35`);
    expect(errors[0].hint).toBe('Shorten the id by 5 characters; otpc never truncates names.');
    expect(at(errors[0])).toBe('OTPC702@19:41');
  });

  it('the same zone fits the other platforms', () => {
    for (const platform of ['cisco-ios', 'cisco-asa', 'nftables']) {
      const r = check(policy({ platform, zone: 'filtration-and-chemical-dosing-control', control: 'x1' }), loadCatalogs().catalogs);
      expect(r.diagnostics.filter((d) => d.severity === 'error'), platform).toEqual([]);
    }
  });

  it.each<[string, string, string]>([
    // the test catalogues give every platform nameMax 31
    ['fortios', 'H-', 'FortiOS address name'],
    ['cisco-ios', 'OG-H-', 'Cisco IOS network object-group name'],
    ['cisco-asa', 'H_', 'Cisco ASA network object name'],
    ['nftables', 'a_', 'nftables set name'],
  ])('%s: address objects of the flow endpoints on the enforcement point, at the asset id', (platform, prefix, message) => {
    const asset = 'filter-plc-with-a-long-name-001'; // H- + 31 = 33 characters
    const r = check(policy({ platform, asset, control: 'x1' }));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.pointer])).toEqual([['OTPC702', `/assets/${asset}`]]);
    expect(errors[0].message).toContain(message);
    expect(errors[0].message).toContain(prefix);
    expect(errors[0].message).toContain(`(enforcement point "ep-1", ${platform})`);
    expect(at(errors[0])).toBe('OTPC702@9:3');
    // an asset no flow on the enforcement point names gets no object there
    expect(errors.some((d) => d.pointer?.includes('unused-'))).toBe(false);
  });

  it('cisco-ios with classic: true renders no object-groups, so no object-group names are checked', () => {
    const r = check(policy({ platform: 'cisco-ios', asset: 'filter-plc-with-a-long-name-1', control: 'x1', options: 'classic: true' }));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('cisco-ios ACL names, IPv6 ones on every zone interface of a platform that filters IPv6', () => {
    const zone = 'chemical-dosing-control-z'; // ACL-IN- + 25 = 32, ACL6-IN- + 25 = 33 > 31
    const r = check(policy({ platform: 'cisco-ios', zone, control: 'x1', options: 'classic: true' }));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      `Cisco IOS ACL name "ACL-IN-${zone}" is 32 characters; the limit is 31`,
      `Cisco IOS ACL name "ACL6-IN-${zone}" is 33 characters; the limit is 31`,
    ]);
    const shorter = check(policy({ platform: 'cisco-ios', zone: 'chemical-dosing-control', control: 'x1', options: 'classic: true' }));
    expect(shorter.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // without IPv6 in the policy the IPv6 ACL is still rendered (IPv6 enabled on an SVI must not
    // bypass the boundary), so its name is checked too, as compile checks it
    const v4 = check(policy({ platform: 'cisco-ios', zone: 'chemical-dosing-control-zz', control: 'x1', options: 'classic: true' }).replace(', "2001:db8:2::/64"', ''));
    expect(v4.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'Cisco IOS ACL name "ACL-IN-chemical-dosing-control-zz" is 33 characters; the limit is 31',
      'Cisco IOS ACL name "ACL6-IN-chemical-dosing-control-zz" is 34 characters; the limit is 31',
    ]);
  });

  it('nftables table name otpc_<enforcement point id>', () => {
    const r = check(policy({ platform: 'nftables', epId: 'plant-floor-firewall-north-1', control: 'x1' }));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.pointer, d.message])).toEqual([
      ['OTPC702', '/enforcement/plant-floor-firewall-north-1', 'nftables table name "otpc_plant_floor_firewall_north_1" is 33 characters; the limit is 31'],
    ]);
  });

  it('FortiOS: an invalid fortiguard-app-<protocol>-write option (OTPC709) at the option', () => {
    const r = check(policy({ platform: 'fortios', options: 'fortiguard-app-modbus-write: "48885, x"' }));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.pointer])).toEqual([['OTPC709', '/enforcement/ep-1/options/fortiguard-app-modbus-write']]);
    expect(check(policy({ platform: 'fortios', options: 'fortiguard-app-modbus-write: "48885, 12345"' })).model).toBeDefined();
  });

  it('skips ids the schema already rejected (no second error for the same id)', () => {
    const r = check(policy({ platform: 'fortios', zone: `z${'x'.repeat(48)}` }));
    expect([...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))]).toEqual(['OTPC205']);
  });
});

describe('validate and compile agree on the vendor names and interfaces (built-in catalogues)', () => {
  const catalogs = loadCatalogs().catalogs as Catalogs;
  const PLATFORMS = ['fortios', 'cisco-ios', 'cisco-asa', 'nftables'];
  const idChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split(''));
  const id = fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), fc.string({ unit: idChars, minLength: 0, maxLength: 47 })).map(([a, b]) => a + b);
  const ifChars = fc.constantFrom(...'abcdefgGiVlan0123456789/.:-_ ;"!'.split(''));
  const iface = fc.oneof(
    fc.constantFrom('port1', 'Vlan20', 'GigabitEthernet0/1', 'inside', 'eth0', 'any', 'in', 'x'.repeat(16), 'Port-channel1.100'),
    fc.string({ unit: ifChars, minLength: 1, maxLength: 20 }),
  );

  it('validate reports a vendor error exactly when compiling the same policy (--no-optimize) does', () => {
    fc.assert(fc.property(fc.constantFrom(...PLATFORMS), id, id, iface, iface, (platform, zone, asset, control, supervisory) => {
      // two zones on one interface differing only in case (IOS, ASA: OTPC706) is left to compile
      fc.pre(zone !== 'supervisory' && zone !== 'spare' && asset !== 'hmi-1' && !asset.startsWith('unused-') && zone !== asset && control.toLowerCase() !== supervisory.toLowerCase());
      const text = policy({ platform, zone, asset, control, supervisory });
      const loaded = loadPolicy(text, 'p.yaml');
      const validated = validatePolicy(loaded, catalogs, { today: TODAY });
      const errors = validated.diagnostics.filter((d) => d.severity === 'error');
      // only policies whose other parts are valid: then the model can be built without the vendor checks
      fc.pre(errors.every((d) => vendorCodes.has(d.code)));
      const model = buildModel(loaded.doc as PolicyDocument, catalogs, 'p.yaml');
      const compiled = compilePolicy({ model, catalogs, placement: placeConduits(model) }, { target: 'all', phase: 'enforce' });
      const compileErrors = compiled.diagnostics.filter((d) => d.severity === 'error');
      expect(compileErrors.length > 0, `${text}\nvalidate: ${JSON.stringify(errors)}\ncompile: ${JSON.stringify(compileErrors)}`).toBe(errors.length > 0);
      for (const e of errors) expect(compileErrors.map((d) => `${d.code} ${d.pointer}`)).toContain(`${e.code} ${e.pointer}`);
      if (errors.length === 0) {
        // and `compile` as it runs by default, optimised
        const optimized = compilePolicy({ model, catalogs, placement: placeConduits(model) }, { target: 'all', phase: 'enforce', optimize });
        expect(optimized.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      }
    }), { numRuns: 300, seed: 62443 });
  });
});
