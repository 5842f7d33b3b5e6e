import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCatalogs } from '../../src/catalog/loadCatalogs.js';
import type { Catalogs } from '../../src/catalog/types.js';
import { loadPolicy } from '../../src/load/loadPolicy.js';
import { buildModel } from '../../src/model/buildModel.js';
import { placeConduits } from '../../src/model/placeConduits.js';
import type { Model, Placement } from '../../src/model/types.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import type { RuleIROptions } from '../../src/rules/buildRuleIR.js';
import { buildTrace } from '../../src/rules/buildTrace.js';
import { evaluate, indexIR } from '../../src/rules/evaluate.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import type { PolicyDocument } from '../../src/validate/policyDocument.js';
import { validatePolicy } from '../../src/validate/validatePolicy.js';
import { arbitraryPolicy } from '../support/arbitraryPolicy.js';
import { fixtureCatalogs, modelFromDocument, placeByInterfaces } from '../support/modelFixtures.js';
import type { PolicyDoc } from '../support/modelFixtures.js';
import { buildCorpus, zoneNetworks } from '../support/packetCorpus.js';
import { irJson } from './irJson.js';
import { phaseFromOptions, policyAllows } from './policyOracle.js';

/**
 * The rule IR behind the real front end: load (YAML) -> validatePolicy ->
 * buildModel -> placeConduits, with the built-in catalogues. Checks that the
 * arbitrary documents really are valid, that the test-only model builder agrees
 * with the real one, and that the IR is faithful on the shipped example.
 */

function realCatalogs(): Catalogs {
  const loaded = loadCatalogs();
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.catalogs!;
}

function throughFrontEnd(text: string, file: string, catalogs: Catalogs): { model: Model; placement: Placement } {
  const result = validatePolicy(loadPolicy(text, file), catalogs, { today: '2026-01-01' });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.pointer}: ${d.message}`);
  expect(errors, text).toEqual([]);
  return { model: result.model!, placement: placeConduits(result.model!) };
}

function checkFaithful(model: Model, catalogs: Catalogs, placement: Placement, options: RuleIROptions, ep: EnforcementIR): void {
  const phaseOf = phaseFromOptions(options);
  const idx = indexIR(ep);
  for (const p of buildCorpus(ep, { max: 1500, networks: zoneNetworks(model, ep) })) {
    const v = evaluate(ep, p, idx);
    const allowed = policyAllows(model, catalogs, placement, ep.id, p, phaseOf);
    const enforced = phaseOf(ep.id, p.fromZone, p.toZone) === 'enforce';
    expect(v.action, `${ep.id} ${irJson(p).trim()} -> ${v.rule}`).toBe(enforced ? (allowed ? 'allow' : 'deny') : 'allow');
  }
}

describe('through the real front end', () => {
  const catalogs = realCatalogs();

  it('the example plant: faithful IR in every phase, trace.json is plain JSON', () => {
    const file = 'examples/water-treatment.yaml';
    const { model, placement } = throughFrontEnd(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file, catalogs);
    for (const options of [{ phase: 'enforce' }, { phase: 'monitor' }] as RuleIROptions[]) {
      const ir = buildRuleIR(model, catalogs, placement, options);
      expect(ir.enforcement.length).toBe(model.enforcement.size);
      for (const ep of ir.enforcement) checkFaithful(model, catalogs, placement, options, ep);
      const trace = buildTrace(ir);
      expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
    }
  });

  it('arbitrary policies are valid for validatePolicy, and their IR is faithful', () => {
    fc.assert(fc.property(arbitraryPolicy(), fc.constantFrom<'monitor' | 'enforce'>('monitor', 'enforce'), (doc, phase) => {
      const { model, placement } = throughFrontEnd(stringify(doc), 'arbitrary.yaml', catalogs);
      const ir = buildRuleIR(model, catalogs, placement, { phase });
      for (const ep of ir.enforcement) checkFaithful(model, catalogs, placement, { phase }, ep);
    }), { numRuns: 40 });
  });

  it('the test-only model builder and placement agree with buildModel and placeConduits (same IR)', () => {
    const fixtures = fixtureCatalogs();
    fc.assert(fc.property(arbitraryPolicy(), (doc: PolicyDoc) => {
      const real = buildModel(doc as unknown as PolicyDocument, fixtures, 'fixture.yaml');
      const mine = modelFromDocument(doc, fixtures);
      const a = buildRuleIR(real, fixtures, placeConduits(real), { phase: 'enforce' });
      const b = buildRuleIR(mine, fixtures, placeByInterfaces(mine), { phase: 'enforce' });
      expect(irJson(b)).toBe(irJson(a));
    }), { numRuns: 100 });
  });
});
