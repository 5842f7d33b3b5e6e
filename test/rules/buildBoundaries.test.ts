import { describe, expect, it } from 'vitest';
import { buildBoundaries, buildZoneBindings, compactSL, epPhase } from '../../src/rules/buildBoundaries.js';
import type { Boundary, ZoneBinding } from '../../src/rules/types.js';
import { modelFromDocument, waterPlantDoc } from '../support/modelFixtures.js';

const model = modelFromDocument(waterPlantDoc());

describe('compactSL', () => {
  it.each([
    [{ FR1: 3, FR2: 3, FR3: 3, FR4: 2, FR5: 3, FR6: 2, FR7: 3 }, '3-3-3-2-3-2-3'],
    [{ FR1: 0, FR2: 0, FR3: 0, FR4: 0, FR5: 0, FR6: 0, FR7: 4 }, '0-0-0-0-0-0-4'],
  ])('%j -> %s', (sl, want) => expect(compactSL(sl)).toBe(want));
});

describe('buildZoneBindings', () => {
  it('lists the interface zones in id order with an IEC 62443 description', () => {
    const zones = buildZoneBindings(model, model.enforcement.get('fw-plant')!);
    expect(zones.map((z) => [z.id, z.interface, z.purdue])).toEqual([
      ['dmz', 'port4', 3.5], ['enterprise', 'port1', 4], ['supervisory', 'port2', 2],
    ]);
    expect(zones[2].description).toBe('IEC 62443 zone supervisory (Purdue 2) SL-T 2-2-2-1-3-2-2');
    expect(zones[0].description).toBe('IEC 62443 zone dmz (Purdue 3.5) SL-T 2-2-2-2-2-2-2');
  });
  it('rejects an interface in an unknown zone', () => {
    const ep = { ...model.enforcement.get('fw-plant')!, interfaces: { nowhere: 'port9' } };
    expect(() => buildZoneBindings(model, ep)).toThrow(/unknown zone nowhere/);
  });
});

const zb = (id: string, iface: string): ZoneBinding => ({
  id, interface: iface, description: '', purdue: 1, slTarget: { FR1: 1, FR2: 1, FR3: 1, FR4: 1, FR5: 1, FR6: 1, FR7: 1 },
});

describe('buildBoundaries', () => {
  const zones = [zb('a', 'p1'), zb('b', 'p2'), zb('c', 'p3')];
  it('every unordered pair, a<b, with interfaces', () => {
    expect(buildBoundaries('fw', zones, 'monitor')).toEqual([
      { id: 'a|b', zones: ['a', 'b'], interfaces: ['p1', 'p2'], phase: 'monitor' },
      { id: 'a|c', zones: ['a', 'c'], interfaces: ['p1', 'p3'], phase: 'monitor' },
      { id: 'b|c', zones: ['b', 'c'], interfaces: ['p2', 'p3'], phase: 'monitor' },
    ]);
  });
  it('takes per-boundary phases keyed "<ep>:<boundary>"', () => {
    const got = buildBoundaries('fw', zones, 'monitor', { 'fw:b|c': 'enforce', 'other:a|b': 'enforce' });
    expect(got.map((b) => b.phase)).toEqual(['monitor', 'monitor', 'enforce']);
  });
  it('a single zone has no boundary', () => {
    expect(buildBoundaries('fw', [zones[0]], 'enforce')).toEqual([]);
  });
});

describe('epPhase', () => {
  const b = (phase: Boundary['phase']): Boundary => ({ id: 'a|b', zones: ['a', 'b'], interfaces: ['x', 'y'], phase });
  it.each<[Boundary['phase'][], 'monitor' | 'enforce', string]>([
    [['monitor', 'monitor'], 'enforce', 'monitor'],
    [['enforce', 'enforce'], 'monitor', 'enforce'],
    [['enforce', 'monitor'], 'enforce', 'mixed'],
    [[], 'monitor', 'monitor'],
    [[], 'enforce', 'enforce'],
  ])('%j (run phase %s) -> %s', (phases, run, want) => {
    expect(epPhase(phases.map(b), run)).toBe(want);
  });
});
