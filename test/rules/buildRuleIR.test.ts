import { describe, expect, it } from 'vitest';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import type { RuleIR } from '../../src/rules/types.js';
import type { PolicyDoc } from '../support/modelFixtures.js';
import { fixture, waterPlantDoc } from '../support/modelFixtures.js';
import { irJson } from './irJson.js';

const plant = fixture(waterPlantDoc());
const build = (f = plant, options: Parameters<typeof buildRuleIR>[3] = { phase: 'enforce' }) =>
  buildRuleIR(f.model, f.catalogs, f.placement, options);
const ep = (ir: RuleIR, id: string) => ir.enforcement.find((e) => e.id === id)!;

/** Same document with every map's keys in reverse order. */
function reversedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reversedKeys) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)])) as T;
  }
  return v;
}

describe('buildRuleIR on a water plant', () => {
  it('matches the golden IR (enforce)', async () => {
    await expect(irJson(build())).toMatchFileSnapshot('golden/water-plant.enforce.json');
  });

  it('matches the golden IR (monitor)', async () => {
    await expect(irJson(build(plant, { phase: 'monitor' }))).toMatchFileSnapshot('golden/water-plant.monitor.json');
  });

  it('is deterministic whatever the key order of the document', () => {
    const shuffled = fixture(reversedKeys(waterPlantDoc()) as PolicyDoc);
    expect(irJson(build(shuffled))).toBe(irJson(build()));
  });

  it('one enforcement IR per point, sorted by id; the unplaced conduit is reported, never rendered', () => {
    const ir = build();
    expect(ir.site).toEqual({ id: 'riverside-wtp', name: 'Riverside Water Treatment' });
    expect(ir.enforcement.map((e) => e.id)).toEqual(['fw-control', 'fw-plant', 'sw-control']);
    expect(ir.unplaced).toEqual([{ conduit: 'enterprise-control', pointer: '/conduits/enterprise-control' }]);
    for (const e of ir.enforcement) {
      expect(e.rules.filter((r) => r.trace?.conduit === 'enterprise-control')).toEqual([]);
      expect(e.rules.some((r) => r.fromZone === 'enterprise' && r.toZone === 'control' && r.kind === 'flow')).toBe(false);
    }
  });

  it('a conduit is enforced on every point that joins its zones', () => {
    const ir = build();
    for (const id of ['fw-control', 'sw-control']) {
      expect(ep(ir, id).rules.filter((r) => r.kind === 'flow').map((r) => r.id).sort()).toEqual([
        'supervisory-control.1', 'supervisory-control.2', 'supervisory-control.3', 'supervisory-control.4',
      ]);
    }
    expect(ep(ir, 'fw-plant').rules.filter((r) => r.kind === 'flow').map((r) => r.id)).toEqual([
      'dmz-supervisory.1', 'dmz-supervisory.2', 'dmz-supervisory.3', 'enterprise-dmz.1',
    ]);
  });

  it('rule numbers do not depend on which other enforcement points exist', () => {
    const d = waterPlantDoc();
    delete d.enforcement!['fw-plant'];
    const without = build(fixture(d));
    const numbers = (ir: RuleIR) => ep(ir, 'fw-control').rules.map((r) => [r.id, r.number]);
    expect(numbers(without)).toEqual(numbers(build()));
  });

  it('the platform decides dpi versus port-only and rate limits', () => {
    const ir = build();
    const ro = (id: string) => ep(ir, id).rules.filter((r) => r.readOnly).map((r) => [r.id, r.readOnly!.protocol, r.readOnly!.mode]);
    expect(ro('fw-control')).toEqual([['supervisory-control.3', 'dnp3', 'port-only'], ['supervisory-control.2', 'modbus', 'dpi']]);
    expect(ro('sw-control')).toEqual([['supervisory-control.2', 'modbus', 'port-only'], ['supervisory-control.3', 'dnp3', 'port-only']]);
    expect(ep(ir, 'fw-control').rules.filter((r) => r.rateLimit).length).toBe(4);
    expect(ep(ir, 'sw-control').rules.filter((r) => r.rateLimit).length).toBe(0);
  });

  it('address objects: only those the rules reference', () => {
    const ir = build();
    expect(ep(ir, 'fw-plant').addresses.map((a) => a.id)).toEqual([
      'asset:ews-1', 'asset:hist-replica', 'asset:historian', 'asset:jump-host', 'asset:log-server', 'zone:enterprise', 'zone:supervisory',
    ]);
    expect(ep(ir, 'fw-plant').addressGroups).toEqual([]);
    expect(ep(ir, 'fw-plant').serviceGroups).toEqual([]);
  });

  it('no implicit rules: flow rules = placed flows, + 2 per boundary, + 1', () => {
    const ir = build();
    for (const e of ir.enforcement) {
      const placed = [...plant.model.conduits.values()]
        .filter((c) => plant.placement.byConduit.get(c.id)?.includes(e.id))
        .reduce((n, c) => n + c.flows.length, 0);
      expect(e.rules.length).toBe(placed + 2 * e.boundaries.length + 1);
      expect(e.rules.at(-1)!.kind).toBe('final');
    }
  });
});

describe('phases', () => {
  it('monitor: nothing denies', () => {
    const ir = build(plant, { phase: 'monitor' });
    for (const e of ir.enforcement) {
      expect(e.phase).toBe('monitor');
      expect(e.rules.filter((r) => r.action === 'deny')).toEqual([]);
    }
  });

  it('a staged rollout: per-boundary phases, mixed point, catch-all stays permissive', () => {
    const ir = build(plant, { phase: 'monitor', boundaryPhases: { 'fw-plant:dmz|supervisory': 'enforce' } });
    const e = ep(ir, 'fw-plant');
    expect(e.phase).toBe('mixed');
    expect(e.boundaries.map((b) => [b.id, b.phase])).toEqual([
      ['dmz|enterprise', 'monitor'], ['dmz|supervisory', 'enforce'], ['enterprise|supervisory', 'monitor'],
    ]);
    expect(e.rules.filter((r) => r.action === 'deny').map((r) => r.id)).toEqual(['final.dmz>supervisory', 'final.supervisory>dmz']);
    expect(e.rules.at(-1)!.action).toBe('allow');
    expect(ep(ir, 'fw-control').phase).toBe('monitor');
  });

  it('enforce everywhere: catch-all denies', () => {
    const ir = build(plant, { phase: 'monitor', boundaryPhases: {
      'fw-plant:dmz|enterprise': 'enforce', 'fw-plant:dmz|supervisory': 'enforce', 'fw-plant:enterprise|supervisory': 'enforce',
    } });
    expect(ep(ir, 'fw-plant').phase).toBe('enforce');
    expect(ep(ir, 'fw-plant').rules.at(-1)!.action).toBe('deny');
  });

  it('rejects a boundary key that names no boundary', () => {
    expect(() => build(plant, { phase: 'monitor', boundaryPhases: { 'fw-plant:supervisory|dmz': 'enforce' } })).toThrow(/unknown boundaries: fw-plant:supervisory\|dmz/);
  });
});

describe('edge cases', () => {
  it('a point with one zone has no boundary: only the catch-all, in the run phase', () => {
    const d = waterPlantDoc();
    d.enforcement = { lonely: { platform: 'fortios', interfaces: { control: 'port1' } } };
    const ir = build(fixture(d), { phase: 'monitor' });
    expect(ir.enforcement[0].boundaries).toEqual([]);
    expect(ir.enforcement[0].phase).toBe('monitor');
    expect(ir.enforcement[0].rules.map((r) => [r.id, r.action])).toEqual([['final', 'allow']]);
  });

  it('rejects a placement that puts a conduit on a point without both zones', () => {
    const bad = { ...plant.placement, byConduit: new Map([['enterprise-control', ['fw-plant']]]) };
    expect(() => buildRuleIR(plant.model, plant.catalogs, bad, { phase: 'enforce' })).toThrow(/no interface in zone control/);
  });

  it('an unknown platform renders rules without optional controls (no crash)', () => {
    const d = waterPlantDoc();
    d.enforcement!['fw-control'].platform = 'juniper-srx';
    const e = ep(build(fixture(d)), 'fw-control');
    expect(e.rules.some((r) => r.rateLimit || r.readOnly?.mode === 'dpi')).toBe(false);
    expect(e.syslog).toEqual([]);
  });
});
