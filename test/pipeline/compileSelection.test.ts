import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { analyzePolicy, siteFindings } from '../../src/analyzePolicy.js';
import type { AnalysisDepth } from '../../src/analyzePolicy.js';
import { compilePolicy } from '../../src/compilePolicy.js';
import type { CompileOptions } from '../../src/compilePolicy.js';
import { optimize } from '../../src/optimize/optimize.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { conduitOrdinals } from '../../src/rules/buildFlowRules.js';
import type { Model } from '../../src/model/types.js';
import { generatePlant } from '../../bench/generatePlant.js';
import { runCli, tempDir } from '../cli/runCli.js';
import { conduit, site } from '../analysis/sitePolicy.js';
import { analyseExample, EXAMPLES, TODAY } from '../golden/exampleFiles.js';

/**
 * Each command does only the work it prints (issue 7): `compile` builds and optimises the
 * rule IR of the rendered enforcement points only, once, and runs the rule analysis on
 * that IR; `validate`, `discover`, `plan` and `simulate` stop before the assessment.
 */
const RULE_CODES = (code: string) => code >= 'OTPC751' && code <= 'OTPC757';

describe('analyzePolicy depth', () => {
  it.each(EXAMPLES)('%s: every depth reports the same diagnostics and stops where asked', (file) => {
    const input = { text: readExample(file), file: `examples/${file}`, today: TODAY };
    const full = analyzePolicy(input);
    for (const [through, has] of [['model', ['model']], ['placement', ['model', 'placement']], ['assessment', ['model', 'placement', 'assessment']]] as [AnalysisDepth, string[]][]) {
      const a = analyzePolicy(input, { through });
      expect(a.diagnostics).toEqual(full.diagnostics);
      expect(['model', 'placement', 'assessment'].filter((k) => (a as Record<string, unknown>)[k] !== undefined)).toEqual(has);
    }
  });

  it.each(EXAMPLES)('%s: siteFindings are the assessment\'s site findings without waiver findings', (file) => {
    const a = analyseExample(file);
    const assessed = a.assessment.findings.filter((f) => !RULE_CODES(f.code) && f.code !== 'OTPC505');
    expect(siteFindings(a.model, a.catalogs, a.placement)).toEqual(assessed);
  });

  it('a generated plant with unenforced conduits and downgraded controls: the same site findings', () => {
    const a = analyzePolicy({ text: generatePlant(100).text, file: 'plant.yaml', today: TODAY });
    const site = siteFindings(a.model!, a.catalogs!, a.placement!);
    expect(site.length).toBeGreaterThan(0);
    expect(site).toEqual(a.assessment!.findings.filter((f) => !RULE_CODES(f.code) && f.code !== 'OTPC505'));
  });
});

function readExample(file: string): string {
  return readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');
}

describe('compilePolicy for one target', () => {
  it.each(EXAMPLES)('%s: builds only the points of the platform, each exactly as in the IR of every point', (file) => {
    const a = analyseExample(file);
    const all = compilePolicy(a, { target: 'all', phase: 'enforce', optimize });
    for (const platform of new Set([...a.model.enforcement.values()].map((e) => e.platform))) {
      const one = compilePolicy(a, { target: platform, phase: 'enforce', optimize });
      expect(one.ir!.enforcement.map((e) => e.platform)).toEqual(one.ir!.enforcement.map(() => platform));
      expect(one.ir!.enforcement).toEqual(all.ir!.enforcement.filter((e) => e.platform === platform));
      const configs = (r: typeof one) => r.files.filter((f) => f.path !== 'trace.json');
      expect(configs(one)).toEqual(configs(all).filter((f) => one.ir!.enforcement.some((e) => f.path.startsWith(`${e.id}.`))));
    }
  });

  it.each(EXAMPLES)('%s: target all, the rule findings are analyzePolicy\'s, in every phase and with or without the optimiser', (file) => {
    const a = analyseExample(file);
    const want = a.assessment.findings.filter((f) => RULE_CODES(f.code));
    const variants: CompileOptions[] = [
      { target: 'all', phase: 'enforce', optimize, analyze: true },
      { target: 'all', phase: 'enforce', analyze: true },
      { target: 'all', phase: 'monitor', optimize, analyze: true },
    ];
    for (const options of variants) expect(compilePolicy(a, options).findings, JSON.stringify(options)).toEqual(want);
  });

  it('a staged rollout names boundaries of every point; only those of the rendered points are used', () => {
    const a = analyseExample('water-treatment.yaml');
    const ep = [...a.model.enforcement.values()].find((e) => e.platform === 'cisco-ios') ?? [...a.model.enforcement.values()][0];
    const zones = Object.keys(ep.interfaces).sort();
    const boundaryPhases = { [`${ep.id}:${zones[0]}|${zones[1]}`]: 'enforce' as const };
    const all = compilePolicy(a, { target: 'all', phase: 'monitor', boundaryPhases });
    const other = [...a.model.enforcement.values()].find((e) => e.platform !== ep.platform);
    if (other) expect(compilePolicy(a, { target: other.platform, phase: 'monitor', boundaryPhases }).ir!.enforcement).toEqual(all.ir!.enforcement.filter((e) => e.platform === other.platform));
    expect(compilePolicy(a, { target: ep.platform, phase: 'monitor', boundaryPhases }).ir!.enforcement).toEqual(all.ir!.enforcement.filter((e) => e.platform === ep.platform));
    expect(() => compilePolicy(a, { target: ep.platform, phase: 'monitor', boundaryPhases: { 'no-such-point:a|b': 'enforce' } })).toThrow(/unknown boundaries/);
  });
});

/** Two points on two platforms, both over a declared rule limit (OTPC757 each). */
function twoPlatforms(): string {
  const doc = site({ 'supervisory-control': conduit('supervisory', 'control', { from: 'hmi-1', to: 'plc-1', protocol: 'modbus' }) }, { options: { 'max-rules': 1 } });
  doc.enforcement['acl-1'] = { platform: 'cisco-ios', interfaces: { supervisory: 'Vlan20', control: 'Vlan10' }, options: { 'max-rules': 1 } };
  return stringify(doc);
}

describe('otpc compile --target: rule findings of the rendered points', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('all targets: both points\' platform-limit findings; one target: only its points\'', async () => {
    const file = `${t.dir}/two.yaml`;
    writeFileSync(file, twoPlatforms());
    const run = async (...extra: string[]) => (await runCli(['compile', file, '--date', '2026-06-01', '-o', `${t.dir}/out-${extra.join('-') || 'all'}`, ...extra])).stderr;
    const all = await run();
    expect(all).toMatch(/OTPC757: fw-1 \(fortios\) needs/);
    expect(all).toMatch(/OTPC757: acl-1 \(cisco-ios\) needs/);
    const ios = await run('--target', 'cisco-ios');
    expect(ios).toMatch(/OTPC757: acl-1 \(cisco-ios\) needs/);
    expect(ios).not.toMatch(/fw-1 \(fortios\)/);
    const a = analyzePolicy({ text: twoPlatforms(), file, today: '2026-06-01' });
    expect(a.assessment!.findings.filter((f) => f.code === 'OTPC757')).toHaveLength(2);
  });
});

describe('conduitOrdinals', () => {
  it('is computed once per conduit table and again when the table grows', () => {
    const a = analyseExample('water-treatment.yaml');
    const first = conduitOrdinals(a.model);
    expect(conduitOrdinals({ ...a.model, enforcement: new Map() } as Model)).toBe(first);
    const conduits = new Map(a.model.conduits);
    const model = { ...a.model, conduits } as Model;
    const before = conduitOrdinals(model);
    conduits.set('0-first', [...a.model.conduits.values()][0]);
    const after = conduitOrdinals(model);
    expect(after).not.toBe(before);
    expect(after.get('0-first')).toBe(1);
    expect(buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'enforce' })).toEqual(buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'enforce' }));
  });
});
