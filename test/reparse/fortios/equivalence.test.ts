import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fortiosBackend } from '../../../src/backends/fortios/index.js';
import { evaluate, indexIR } from '../../../src/rules/evaluate.js';
import type { EnforcementIR, Packet } from '../../../src/rules/types.js';
import { buildCorpus } from '../../support/packetCorpus.js';
import { plantEP, renderContext } from '../../backends/fortios/fixtures.js';
import { enforcementIRArb } from './arbitraryEnforcementIR.js';
import { insideCorpus } from './insideCorpus.js';
import { fortiVerdict, fortiosDifferences, modelFor } from './harness.js';

function mismatches(ep: EnforcementIR, max: number): string[] {
  const r = fortiosBackend.render(ep, renderContext());
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return errors.map((d) => `${d.code} ${d.message}`);
  return fortiosDifferences(ep, r.text, [...buildCorpus(ep, { max }), ...insideCorpus(ep)], Number.MAX_SAFE_INTEGER);
}

describe('FortiOS re-parse equivalence (spec evaluator vs re-parsed rendered text)', () => {
  it.each([
    ['enforce'], ['monitor'], ['mixed'],
  ] as const)('plant fixture, %s phase', (phase) => {
    expect(mismatches(plantEP(phase), 20_000)).toEqual([]);
    expect(mismatches(plantEP(phase, { 'fortiguard-app-modbus-write': '48885 90001' }), 20_000)).toEqual([]);
  });

  it('the fixture corpus exercises allow, deny, operations and established packets', () => {
    const ep = plantEP('enforce');
    const corpus = buildCorpus(ep, { max: 20_000 });
    const idx = indexIR(ep);
    const verdicts = corpus.map((p) => evaluate(ep, p, idx).action);
    expect(corpus.length).toBeGreaterThan(2000);
    expect(verdicts.filter((v) => v === 'allow').length).toBeGreaterThan(20);
    const inside = insideCorpus(ep).map((p) => evaluate(ep, p, idx).action);
    expect(inside.filter((v) => v === 'allow').length).toBeGreaterThan(100);
    expect(verdicts.filter((v) => v === 'deny').length).toBeGreaterThan(100);
    expect(corpus.filter((p) => p.operation !== undefined).length).toBeGreaterThan(10);
    expect(corpus.filter((p) => p.family === 6).length).toBeGreaterThan(100);
    expect(corpus.filter((p) => p.established).length).toBeGreaterThan(100);
  });

  it.each([['enforce'], ['monitor']] as const)('intra-zone traffic (not in the shared corpus) meets the catch-all, %s', (phase) => {
    const ep = plantEP(phase);
    const model = modelFor(ep, fortiosBackend.render(ep, renderContext()).text);
    for (const z of ep.zones) {
      const p: Packet = { fromZone: z.id, toZone: z.id, family: 4, src: 0x0a140115n, dst: 0x0a14010bn, transport: 'tcp', sport: 40000, dport: 502 };
      const want = evaluate(ep, p);
      expect(fortiVerdict(ep, model, p)).toMatchObject({ action: want.action, log: true, policy: '9999999' });
    }
  });

  it('random enforcement IRs', () => {
    fc.assert(fc.property(enforcementIRArb, (ep) => {
      const bad = mismatches(ep, 600);
      if (bad.length > 0) throw new Error(bad.slice(0, 5).join('\n'));
    }), { numRuns: 200, seed: 20240611 });
  });

  it('the expected divergences are real: without an override, Modbus FC 6 passes in enforce', () => {
    const ep = plantEP('enforce');
    const model = modelFor(ep, fortiosBackend.render(ep, renderContext()).text);
    const base: Packet = { fromZone: 'dmz', toZone: 'control', family: 4, src: 0xac10_0a14n, dst: 0x0a14_010bn, transport: 'tcp', sport: 40000, dport: 502 };
    expect(evaluate(ep, { ...base, operation: 6 }).action).toBe('deny');
    expect(fortiVerdict(ep, model, { ...base, operation: 6 }).action).toBe('allow');
    expect(fortiVerdict(ep, model, { ...base, operation: 5 })).toMatchObject({ action: 'deny', log: true, app: 'APP-modbus-RO/1' });
    expect(fortiVerdict(ep, model, { ...base, operation: 3 }).action).toBe('allow');
  });
});
