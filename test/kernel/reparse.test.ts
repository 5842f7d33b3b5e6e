import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { nftablesBackend } from '../../src/backends/nftables/index.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { arbitraryNftIRs, FC_SEED } from '../backends/nftables/arbitraryNft.js';
import { GOLDEN_CASES, renderContext } from '../backends/nftables/fixtures.js';
import { buildCorpus } from '../support/packetCorpus.js';
import { checkStructure } from './checkStructure.js';
import { differential } from './differential.js';
import { requireKernel, SKIP_KERNEL, SKIP_REASON } from './kernelEnv.js';
import { parseRuleset } from './nftJson.js';
import { nftRoundTripSync } from './run.js';

/**
 * The kernel's own normalisation as an independent re-parser (vendors.md 5): load the
 * rendered file twice into a private namespace (idempotent reload), read it back with
 * `nft -j list ruleset`, check every set and rule against the IR (checkStructure) and
 * decide the packet corpus with the re-parsed ruleset against the spec evaluator.
 */
function roundTrip(ep: EnforcementIR): ReturnType<typeof parseRuleset> {
  const out = nftablesBackend.render(ep, renderContext());
  expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const r = nftRoundTripSync(out.text);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return parseRuleset(r.stdout);
}

describe.skipIf(SKIP_KERNEL)(SKIP_KERNEL ? `kernel oracle: nft -j re-parse (${SKIP_REASON})` : 'kernel oracle: nft -j re-parse against the IR and the spec evaluator', () => {
  beforeAll(requireKernel);

  it.each(GOLDEN_CASES)('%s', (_name, build) => {
    const ep = build();
    const rs = roundTrip(ep);
    expect(checkStructure(rs, ep)).toEqual([]);
    const d = differential(rs, ep, buildCorpus(ep, { max: 2000 }));
    expect(d.mismatches).toEqual([]);
    expect(d.compared).toBeGreaterThan(1000);
  });

  it('the re-parser rejects what it does not understand', () => {
    const json = JSON.stringify({ nftables: [{ table: { family: 'inet', name: 't' } }, { chain: { name: 'c', table: 't' } },
      { rule: { chain: 'c', handle: 1, expr: [{ match: { op: '==', left: { payload: { protocol: 'ip', field: 'protocol' } }, right: { set: ['tcp', 'udp'] } } }, { accept: null }] } }] });
    expect(() => parseRuleset(json)).toThrow(/unsupported/);
  });

  it('random policies: structure and verdicts', () => {
    fc.assert(fc.property(arbitraryNftIRs(), (eps) => {
      for (const ep of eps) {
        const rs = roundTrip(ep);
        expect(checkStructure(rs, ep)).toEqual([]);
        expect(differential(rs, ep, buildCorpus(ep, { max: 600 })).mismatches).toEqual([]);
      }
    }), { numRuns: 20, seed: FC_SEED });
  }, 60_000);
});
