import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/load/loadPolicy.js';
import { placeConduits } from '../../src/model/placeConduits.js';
import type { Model } from '../../src/model/types.js';
import { validatePolicy } from '../../src/validate/validatePolicy.js';
import { testCatalogs, TODAY } from '../validate/fixtures.js';
import { mutate } from '../validate/helpers.js';

function modelOf(text: string): Model {
  const r = validatePolicy(loadPolicy(text, 'p.yaml'), testCatalogs(), { today: TODAY });
  if (!r.model) throw new Error(JSON.stringify(r.diagnostics));
  return r.model;
}

describe('placeConduits', () => {
  it('places a conduit on every enforcement point with interfaces in both zones, sorted', () => {
    const p = placeConduits(modelOf(mutate()));
    expect([...p.byConduit.entries()]).toEqual([
      ['dmz-supervisory', ['fw-plant']],
      ['supervisory-control', ['acl-control', 'fw-plant']],
    ]);
    expect(p.unplaced).toEqual([]);
  });

  it('reports conduits no enforcement point joins as unplaced', () => {
    const text = mutate(['dmz: port4 }', 'extra: port5 }'], ['  enterprise: { purdue: 4', '  extra: { purdue: 4, sl-target: 1, criticality: low }\n  enterprise: { purdue: 4']);
    const p = placeConduits(modelOf(text));
    expect(p.byConduit.get('dmz-supervisory')).toEqual([]);
    expect(p.unplaced).toEqual(['dmz-supervisory']);
  });

  it('needs both zones on one device: one zone each on two devices is not enough', () => {
    const text = mutate(
      ['interfaces: { enterprise: port1, supervisory: port2, control: port3, dmz: port4 }', 'interfaces: { enterprise: port1, dmz: port4 }'],
      ['interfaces: { control: Vlan20, supervisory: Vlan30 }', 'interfaces: { supervisory: Vlan30, control: Vlan20 }'],
    );
    const p = placeConduits(modelOf(text));
    expect(p.byConduit.get('supervisory-control')).toEqual(['acl-control']);
    expect(p.unplaced).toEqual(['dmz-supervisory']);
  });

  it('handles a model without conduits or enforcement points', () => {
    const m = modelOf('otpc: 1\nsite: { id: s, name: S }\nzones:\n  z: { purdue: 0, sl-target: 0, criticality: low, networks: [192.0.2.0/24] }\n');
    expect(placeConduits(m)).toEqual({ byConduit: new Map(), unplaced: [] });
  });
});
