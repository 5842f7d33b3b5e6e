import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { optimize, optimizeEnforcement } from '../../src/optimize/optimize.js';
import { arbitraryFixture } from '../support/arbitraryPolicy.js';
import { zoneNetworks } from '../support/packetCorpus.js';
import { denseIRArb, exhaustivePackets } from './denseIR.js';
import { bothCorpora, differences, memberIds, servedFlows } from './equivalence.js';

/**
 * The optimiser's contract, as properties: the optimised IR decides every packet as
 * the unoptimised one does (action, log, filter and limit of the deciding rule), every
 * rule of the unoptimised IR is accounted for by exactly one optimised rule, and a
 * second run changes nothing.
 */
/** The IR's ordering contract: plain flow rules, then read-only dpi rules, then boundary finals, then the catch-all. */
function orderClasses(ep: EnforcementIR): number[] {
  return ep.rules.map((r) => (r.kind === 'final' ? 3 : r.kind === 'boundary-final' ? 2 : r.readOnly?.mode === 'dpi' ? 1 : 0));
}

describe('optimize: equivalence and idempotence', () => {
  const everyPacket = exhaustivePackets();

  it('dense random IRs: every packet of the universe decided the same (exhaustive)', () => {
    fc.assert(fc.property(denseIRArb, (ep) => {
      const opt = optimizeEnforcement(ep);
      expect(differences(ep, opt, everyPacket)).toEqual([]);
      expect(memberIds(opt)).toEqual(memberIds(ep));
      expect(optimizeEnforcement(opt)).toEqual(opt);
    }), { numRuns: 100, seed: 7071 });
  });

  it('arbitrary policies -> buildRuleIR -> optimize: same verdicts on the corpus of both IRs', () => {
    fc.assert(fc.property(arbitraryFixture(), fc.constantFrom<'monitor' | 'enforce'>('monitor', 'enforce'), (f, phase) => {
      const ir = buildRuleIR(f.model, f.catalogs, f.placement, { phase });
      const opt = optimize(ir);
      expect(optimize(opt)).toEqual(opt);
      opt.enforcement.forEach((after, i) => {
        const before = ir.enforcement[i];
        const packets = bothCorpora(before, after, { max: 1500, networks: zoneNetworks(f.model, before) });
        expect(differences(before, after, packets)).toEqual([]);
        expect(servedFlows(after)).toEqual(servedFlows(before));
        expect(memberIds(after)).toEqual(memberIds(before));
        const classes = orderClasses(after);
        expect(classes).toEqual([...classes].sort((a, b) => a - b));
      });
    }), { numRuns: 60, seed: 424242 });
  });
});
