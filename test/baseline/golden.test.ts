import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAddressBook } from '../../src/baseline/addressBook.js';
import { classifyFlows } from '../../src/baseline/classifyFlows.js';
import { buildConduitCoverage } from '../../src/baseline/conduitCoverage.js';
import { discoverFlows } from '../../src/baseline/discoverFlows.js';
import { discoveryFormatters } from '../../src/baseline/formatDiscovery.js';
import { planFormatters } from '../../src/baseline/formatPlan.js';
import { simulationFormatters } from '../../src/baseline/formatSimulation.js';
import { planRollout } from '../../src/baseline/planRollout.js';
import type { BaselineContext, BaselineFormat } from '../../src/baseline/reportText.js';
import { simulateFlows } from '../../src/baseline/simulateFlows.js';
import { suggestYaml } from '../../src/baseline/suggestYaml.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { FLOWS, POLICY } from './fixture.js';
import { analyzeExample, analyzeText, readText } from './support.js';
import type { Analyzed } from './support.js';

/** Golden reports (regenerate with `npm run test:golden:update`, review the diff). */
const cases: [string, () => Analyzed, string, () => string][] = [
  ['test-plant', () => analyzeText(POLICY, 'plant.yaml'), 'plant.yaml', () => FLOWS],
  ['water-treatment', () => analyzeExample('examples/water-treatment.yaml'), 'water-treatment.yaml', () => readFileSync('test/data/flows/water-treatment.csv', 'utf8')],
];
const FORMATS: [BaselineFormat, string][] = [['markdown', 'md'], ['json', 'json']];

describe.each(cases)('%s', (name, analyze, policyFile, flowsText) => {
  it.each(FORMATS)('discover, simulate and plan as %s', async (format, ext) => {
    const a = analyze();
    const set = await readText(flowsText(), a.catalogs);
    const classified = classifyFlows(set.flows, buildAddressBook(a.model));
    const ctx: BaselineContext = { policy: policyFile, flows: `${name}-flows`, stats: set.stats, distinct: set.flows.length };
    const site = { id: a.model.site.id, name: a.model.site.name };
    const coverage = buildConduitCoverage(a.model);
    const discovery = discoverFlows(a.model, classified, coverage);
    const suggestion = suggestYaml(a.model, a.catalogs, coverage, discovery);
    await expect(discoveryFormatters[format]({ site, discovery, assetCount: a.model.assets.size, suggestion }, ctx)).toMatchFileSnapshot(`golden/${name}.discover.${ext}`);
    const simulation = simulateFlows(buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'enforce' }), classified);
    await expect(simulationFormatters[format]({ site, phase: 'enforce', simulation }, ctx)).toMatchFileSnapshot(`golden/${name}.simulate.${ext}`);
    const plan = planRollout(a, { baselineStart: { value: '2026-09-01', source: 'policy' }, baselineDays: { value: 90, source: 'default' }, flows: classified, force: false });
    await expect(planFormatters[format](plan, ctx)).toMatchFileSnapshot(`golden/${name}.plan.${ext}`);
    expect(basename(policyFile)).toBe(policyFile);
  });
});
