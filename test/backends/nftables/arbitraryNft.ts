import fc from 'fast-check';
import { buildRuleIR } from '../../../src/rules/buildRuleIR.js';
import type { EnforcementIR } from '../../../src/rules/types.js';
import { arbitraryPolicy } from '../../support/arbitraryPolicy.js';
import { fixture } from '../../support/modelFixtures.js';
import type { PolicyDoc } from '../../support/modelFixtures.js';
import { realCatalogs } from './fixtures.js';

/**
 * Random valid policies (test/support/arbitraryPolicy.ts) with every enforcement point
 * turned into an nftables router (interfaces eth0..), built into rule IRs with the
 * real catalogues, in enforce, monitor, or mixed phase (the first boundary of every
 * point monitors, the rest enforces). Read-only Modbus, overlapping read-write flows,
 * rate limits, IPv6 and hostile descriptions come from the policy arbitrary.
 */
export type RandomPhase = 'enforce' | 'monitor' | 'mixed';

function asNftables(doc: PolicyDoc): PolicyDoc {
  const copy = structuredClone(doc);
  for (const ep of Object.values(copy.enforcement ?? {})) {
    ep.platform = 'nftables';
    ep.interfaces = Object.fromEntries(Object.keys(ep.interfaces).map((z, i) => [z, `eth${i}`]));
  }
  return copy;
}

export function nftIRs(doc: PolicyDoc, phase: RandomPhase): EnforcementIR[] {
  const f = fixture(asNftables(doc), realCatalogs());
  const boundaryPhases: Record<string, 'monitor' | 'enforce'> = {};
  if (phase === 'mixed') {
    for (const ep of f.model.enforcement.values()) {
      const zones = Object.keys(ep.interfaces).sort();
      if (zones.length >= 2) boundaryPhases[`${ep.id}:${zones[0]}|${zones[1]}`] = 'monitor';
    }
  }
  const ir = buildRuleIR(f.model, f.catalogs, f.placement, { phase: phase === 'monitor' ? 'monitor' : 'enforce', boundaryPhases });
  return ir.enforcement;
}

export function arbitraryNftIRs(): fc.Arbitrary<EnforcementIR[]> {
  return fc.tuple(arbitraryPolicy(), fc.constantFrom<RandomPhase>('enforce', 'monitor', 'mixed')).map(([doc, phase]) => nftIRs(doc, phase));
}

/** Fixed seed so CI runs are reproducible; OTPC_FC_SEED explores other seeds. */
export const FC_SEED = Number(process.env.OTPC_FC_SEED ?? 62443);
