import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadPolicy } from '../../src/load/loadPolicy.js';
import type { Model } from '../../src/model/types.js';
import { validatePolicy } from '../../src/validate/validatePolicy.js';
import { testCatalogs, TODAY, VALID_POLICY } from '../validate/fixtures.js';
import { mulberry32 } from '../../bench/prng.js';

function modelOf(text: string): Model {
  const r = validatePolicy(loadPolicy(text, 'p.yaml'), testCatalogs(), { today: TODAY });
  expect(r.diagnostics).toEqual([]);
  return r.model as Model;
}

describe('buildModel', () => {
  const m = modelOf(VALID_POLICY);

  it('fills every map in ascending id order', () => {
    expect([...m.zones.keys()]).toEqual(['control', 'dmz', 'enterprise', 'supervisory']);
    expect([...m.assets.keys()]).toEqual(['ews-1', 'historian', 'hmi-1', 'jump-host', 'plc-filter-1']);
    expect([...m.conduits.keys()]).toEqual(['dmz-supervisory', 'supervisory-control']);
    expect([...m.enforcement.keys()]).toEqual(['acl-control', 'fw-plant']);
    expect(m.file).toBe('p.yaml');
    expect(m.site).toEqual({ id: 'riverside-wtp', name: 'Riverside Water Treatment' });
  });

  it('normalises zones: SL vector, trust, segmentation, port security', () => {
    const control = m.zones.get('control')!;
    expect(control).toMatchObject({ purdue: 1, criticality: 'critical', trust: 'trusted', segmentation: 'physical', portSecurity: false, pointer: '/zones/control' });
    expect(control.slTarget).toEqual({ FR1: 3, FR2: 3, FR3: 3, FR4: 3, FR5: 3, FR6: 3, FR7: 3 });
    expect(control.networks).toEqual([{ family: 4, first: 0x0a140100n, last: 0x0a1401ffn, prefix: 24, text: '10.20.1.0/24', pointer: '/zones/control/networks/0' }]);
    expect(m.zones.get('enterprise')).toMatchObject({ trust: 'untrusted', segmentation: 'logical' });
    const sup = m.zones.get('supervisory')!;
    expect(sup.portSecurity).toBe(true);
    expect(sup.slTarget.FR5).toBe(3);
    expect(sup.networks.map((n) => n.text)).toEqual(['10.20.2.0/24', '2001:db8:2::/64']);
  });

  it('normalises assets: sorted addresses, own and effective capabilities', () => {
    const hmi = m.assets.get('hmi-1')!;
    expect(hmi.addresses.map((a) => [a.text, a.pointer])).toEqual([['10.20.2.21', '/assets/hmi-1/addresses/0'], ['2001:db8:2::21', '/assets/hmi-1/addresses/1']]);
    expect(hmi.capabilities).toEqual(['backup', 'time-sync']);
    expect(hmi.effectiveCapabilities).toEqual(['audit-log', 'backup', 'time-sync', 'user-auth']);
    expect(hmi.essential).toBe(false);
    const plc = m.assets.get('plc-filter-1')!;
    expect(plc).toMatchObject({ zone: 'control', type: 'plc', vendor: 'Rockwell Automation', model: 'SLC 5/05', firmware: 'FRN 10', firmwareYear: 2008, profile: 'legacy-plc', essential: true, capabilities: [], effectiveCapabilities: [] });
    expect(m.assets.get('historian')).not.toHaveProperty('profile');
  });

  it('normalises conduits: sorted zones, default SL-T per FR, flows by canonical key with resolved ports', () => {
    const ds = m.conduits.get('dmz-supervisory')!;
    expect(ds.zones).toEqual(['dmz', 'supervisory']);
    expect(ds.slTarget).toEqual({ FR1: 2, FR2: 2, FR3: 2, FR4: 2, FR5: 3, FR6: 2, FR7: 2 });
    expect(ds.unidirectional).toBe(false);
    expect(ds.transit).toBe('untrusted');
    expect(m.conduits.get('supervisory-control')!.transit).toBe('trusted');
    expect(ds.flows[0]).toMatchObject({
      key: 'jump-host>ews-1,hmi-1:rdp:read-write', fromZone: 'dmz', toZone: 'supervisory', description: 'remote support',
      from: [{ kind: 'asset', id: 'jump-host' }], to: [{ kind: 'asset', id: 'ews-1' }, { kind: 'asset', id: 'hmi-1' }],
      protocol: { name: 'rdp', catalogId: 'rdp', ports: [{ transport: 'tcp', ports: [3389, 3389] }] },
    });
    const sc = m.conduits.get('supervisory-control')!;
    expect(sc.zones).toEqual(['control', 'supervisory']);
    expect(sc.slTarget.FR1).toBe(3);
    expect(sc.rateLimit).toEqual({ maxConnections: 64 });
    expect(sc.flows.map((f) => [f.key, f.index])).toEqual([
      ['ews-1>plc-filter-1:tcp/2222:read-write', 2],
      ['historian>plc-filter-1:modbus:read-only', 1],
      ['hmi-1>plc-filter-1:enip:read-write', 0],
    ]);
    expect(sc.flows[0].protocol).toEqual({ name: 'tcp/2222', ports: [{ transport: 'tcp', ports: [2222, 2222] }] });
    expect(sc.flows[2].protocol.ports).toEqual([
      { transport: 'tcp', ports: [44818, 44818] }, { transport: 'udp', ports: [2222, 2222] }, { transport: 'udp', ports: [44818, 44818] },
    ]);
    expect(sc.flows[2].pointer).toBe('/conduits/supervisory-control/flows/0');
  });

  it('normalises enforcement points, services, waivers and options', () => {
    const fw = m.enforcement.get('fw-plant')!;
    expect(Object.keys(fw.interfaces)).toEqual(['control', 'dmz', 'enterprise', 'supervisory']);
    expect(fw).toMatchObject({ platform: 'fortios', failMode: 'closed', islandMode: false, options: {} });
    expect(m.enforcement.get('acl-control')!.options).toEqual({ classic: true });
    expect(m.services.syslog.map((a) => a.text)).toEqual(['172.16.10.5']);
    expect(m.services.ids).toMatchObject({ monitors: ['control', 'supervisory'], pointer: '/services/ids' });
    expect(m.services.jumpHost).toBe('jump-host');
    expect(m.services.backup?.addresses.map((a) => a.text)).toEqual(['10.20.2.40']);
    expect(m.waivers.map((w) => [w.asset ?? `zone:${w.zone}`, w.requirement, w.expires, w.index])).toEqual([
      ['zone:control', 'SR 1.13 RE 1', '2028-01-01', 1],
      ['plc-filter-1', 'SR 1.1 RE 1', '2027-03-31', 0],
    ]);
    expect(m.waivers[1]).toMatchObject({ reason: 'replacement 2027', approvedBy: 'J. Smith', pointer: '/waivers/0' });
    expect(m.requirementLevels).toEqual({ 'SR 6.2': 1 });
  });

  it('handles a minimal policy', () => {
    const min = modelOf('otpc: 1\nsite: { id: s, name: S }\nzones:\n  z: { purdue: 0, sl-target: 0, criticality: low, networks: [192.0.2.0/24] }\n');
    expect(min.assets.size).toBe(0);
    expect(min.services).toEqual({ syslog: [], ntp: [], pointer: '/services' });
    expect(min.waivers).toEqual([]);
    expect(min.requirementLevels).toEqual({});
  });
});

/** The model without trace fields (index, pointer) and with Maps as entry lists, so order is compared too. */
function comparable(value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [k, comparable(v)]);
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).filter(([k]) => k !== 'index' && k !== 'pointer').map(([k, v]) => [k, comparable(v)]);
  }
  return value;
}

/** Deterministic shuffle (mulberry32) so a failing seed can be replayed. */
function shuffler(seed: number): <T>(list: T[]) => T[] {
  const next = mulberry32(seed);
  return (list) => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
}

/** Every mapping's keys and every list reordered: nothing in a policy has a meaningful order. */
function reorder(value: unknown, shuffle: <T>(list: T[]) => T[]): unknown {
  if (Array.isArray(value)) return shuffle(value.map((v) => reorder(v, shuffle)));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of shuffle(Object.keys(value))) out[k] = reorder((value as Record<string, unknown>)[k], shuffle);
    return out;
  }
  return value;
}

describe('buildModel is independent of key and list order', () => {
  const doc = loadPolicy(VALID_POLICY, 'p.yaml').doc;
  const baseline = comparable(modelOf(VALID_POLICY));

  it('gives a deep-equal model (trace fields aside) for any reordering', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const text = stringify(reorder(doc, shuffler(seed)));
        expect(comparable(modelOf(text))).toEqual(baseline);
      }),
      { numRuns: 40 },
    );
  });
});
