import { expect, it } from 'vitest';
import { generatePlant } from '../../bench/generatePlant.js';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { optimize } from '../../src/optimize/optimize.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { zoneNetworks } from '../support/packetCorpus.js';
import { bothCorpora, differences, memberIds } from './equivalence.js';

/**
 * The optimiser on a generated plant (bench/generatePlant.js): every enforcement point's
 * optimised IR decides every corpus packet as the one-rule-per-flow IR does, serves the
 * same conduit flows, and a second run changes nothing. 1,000 assets (6 points) in
 * `npm test`; OTPC_EQUIVALENCE_ASSETS=10000 checks the benchmark's largest plant
 * (51 points, ~440,000 packets, a few minutes).
 */
const ASSETS = Number(process.env.OTPC_EQUIVALENCE_ASSETS ?? 1000);

it(`optimised IR of the generated ${ASSETS}-asset plant: same verdicts, same flows, idempotent`, { timeout: 60_000 * Math.max(1, ASSETS / 1000) }, () => {
  const { text } = generatePlant(ASSETS) as { text: string };
  const a = analyzePolicy({ text, file: 'plant.yaml', today: '2026-11-25' }, { through: 'placement' });
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const ir = buildRuleIR(a.model!, a.catalogs!, a.placement!, { phase: 'enforce' });
  const opt = optimize(ir);
  let packets = 0;
  let before = 0;
  let after = 0;
  const wrong: string[] = [];
  for (const [i, b] of ir.enforcement.entries()) {
    const o = opt.enforcement[i];
    before += b.rules.length;
    after += o.rules.length;
    const corpus = bothCorpora(b, o, { max: 2000, networks: zoneNetworks(a.model!, b) });
    packets += corpus.length;
    const d = differences(b, o, corpus, 3);
    if (d.length > 0) wrong.push(`${b.id}: ${d.join('; ')}`);
    expect(memberIds(o), `${b.id}: the same conduit flows`).toEqual(memberIds(b));
  }
  expect(wrong).toEqual([]);
  expect(after).toBeLessThan(before);
  expect(packets).toBeGreaterThan(1000 * ir.enforcement.length);
  expect(optimize(opt)).toEqual(opt);
});
