import { describe, expect, it } from 'vitest';
import { addressObject, buildAddresses, endpointRef } from '../../src/rules/buildAddresses.js';
import { formatAddress } from '../../src/model/ip.js';
import type { IpRange } from '../../src/model/types.js';
import { modelFromDocument } from '../support/modelFixtures.js';

const text = (rs: IpRange[]) => rs.map((r) => `${formatAddress(r.family, r.first)}-${formatAddress(r.family, r.last)}`);

const model = modelFromDocument({
  otpc: 1,
  site: { id: 's', name: 'S' },
  zones: {
    a: { purdue: 1, 'sl-target': 2, criticality: 'high', networks: ['10.0.1.0/25', '2001:db8::/64', '10.0.1.128/25', '10.0.0.0/24'] },
    b: { purdue: 2, 'sl-target': 1, criticality: 'low' },
  },
  assets: {
    plc: { zone: 'a', type: 'plc', addresses: ['2001:db8::2', '10.0.1.3', '10.0.1.2'] },
  },
});

describe('addressObject', () => {
  it.each([
    ['asset:plc', 'plc', 'asset', ['10.0.1.2-10.0.1.3', '2001:db8::2-2001:db8::2'], '/assets/plc'],
    ['zone:a', 'a', 'zone', ['10.0.0.0-10.0.1.255', '2001:db8::-2001:db8::ffff:ffff:ffff:ffff'], '/zones/a'],
    ['zone:b', 'b', 'zone', [], '/zones/b'],
  ])('%s', (ref, name, kind, ranges, pointer) => {
    const obj = addressObject(model, ref);
    expect(obj.id).toBe(ref);
    expect(obj.name).toBe(name);
    expect(obj.source).toEqual({ kind, id: name });
    expect(text(obj.ranges)).toEqual(ranges);
    expect(obj.pointer).toBe(pointer);
  });

  it.each(['asset:nope', 'zone:nope', 'host:plc'])('rejects %s', (ref) => {
    expect(() => addressObject(model, ref)).toThrow();
  });
});

describe('buildAddresses', () => {
  it('keeps only the referenced objects, once, sorted by id', () => {
    expect(buildAddresses(model, ['zone:a', 'asset:plc', 'zone:a']).map((a) => a.id)).toEqual(['asset:plc', 'zone:a']);
  });
  it('endpointRef', () => {
    expect(endpointRef({ kind: 'asset', id: 'x' })).toBe('asset:x');
    expect(endpointRef({ kind: 'zone', id: 'x' })).toBe('zone:x');
  });
});
