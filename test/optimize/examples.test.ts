import { expect, it } from 'vitest';
import { optimize } from '../../src/optimize/optimize.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { analyseExample, EXAMPLES } from '../golden/exampleFiles.js';

/**
 * What the optimiser does to the bundled examples, per enforcement point, as a golden
 * table (the equivalence of the same IRs is checked in backends.test.ts): a change in
 * an example or a pass shows up here as a diff a reviewer can read.
 */
function counts(ep: EnforcementIR): string {
  const flows = ep.rules.filter((r) => r.kind === 'flow').length;
  const merged = ep.addresses.filter((a) => a.source.kind === 'merged').length;
  return `rules ${ep.rules.length} (flow ${flows}), address objects ${ep.addresses.length} (merged ${merged}), address groups ${ep.addressGroups.length}, services ${ep.services.length}, service groups ${ep.serviceGroups.length}`;
}

it('rule and object counts before and after optimisation', async () => {
  const lines: string[] = [];
  for (const file of EXAMPLES) {
    const a = analyseExample(file);
    const ir = buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'enforce' });
    const opt = optimize(ir);
    expect(optimize(opt), `${file}: a second run changes nothing`).toEqual(opt);
    for (const [i, ep] of ir.enforcement.entries()) {
      lines.push(`${file} ${ep.id} (${ep.platform})`, `  before: ${counts(ep)}`, `  after:  ${counts(opt.enforcement[i])}`);
    }
  }
  await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('golden/example-counts.txt');
});
