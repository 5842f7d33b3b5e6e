import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../src/catalog/loadCatalogs.js';
import { loadPolicy } from '../../src/load/loadPolicy.js';
import { validatePolicy } from '../../src/validate/validatePolicy.js';
import { testCatalogs, TODAY, VALID_POLICY } from './fixtures.js';

const run = (input: string | Uint8Array) => validatePolicy(loadPolicy(input, 'fuzz.yaml'), testCatalogs(), { today: TODAY });

describe('never throws, always locates', () => {
  it('on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const r = run(bytes);
      for (const d of r.diagnostics) expect(d.range).toBeDefined();
    }), { numRuns: 300 });
  });

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
      const r = run(text);
      for (const d of r.diagnostics) expect(d.range).toBeDefined();
    }), { numRuns: 300 });
  });

  it('on the valid policy with a slice cut out or pasted elsewhere', () => {
    const n = VALID_POLICY.length;
    fc.assert(fc.property(fc.nat(n), fc.nat(40), fc.nat(n), fc.boolean(), (from, len, to, paste) => {
      const cut = VALID_POLICY.slice(from, from + len);
      const without = VALID_POLICY.slice(0, from) + VALID_POLICY.slice(from + len);
      const text = paste ? without.slice(0, to) + cut + without.slice(to) : without;
      const r = run(text);
      if (!r.model) expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      for (const d of r.diagnostics) {
        expect(d.range).toBeDefined();
        expect(d.message).not.toMatch(/\bat .*\.ts:\d+/);
      }
    }), { numRuns: 300 });
  });
});

describe('with the built-in catalogues', () => {
  it('validates the test fixture', () => {
    const { catalogs } = loadCatalogs();
    if (!catalogs) return; // the catalogues are checked by their own tests
    const r = validatePolicy(loadPolicy(VALID_POLICY, 'p.yaml'), catalogs, { today: TODAY });
    expect(r.diagnostics).toEqual([]);
    expect(r.model?.assets.get('hmi-1')?.effectiveCapabilities.length).toBeGreaterThan(0);
  });
});
