import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { compilePolicy } from '../../src/compilePolicy.js';
import type { Model } from '../../src/model/types.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { buildCorpus, zoneNetworks } from '../support/packetCorpus.js';
import { checkStructure } from './checkStructure.js';
import { differential } from './differential.js';
import { requireKernel, SKIP_KERNEL, SKIP_REASON } from './kernelEnv.js';
import { parseRuleset } from './nftJson.js';
import { oracleProblems, runOracle } from './oracle.js';
import { nftCheckSync, nftRoundTripSync } from './run.js';

/**
 * Every nftables enforcement point of the bundled examples, through the real
 * pipeline (analyzePolicy -> compilePolicy -> the registry's nftables backend):
 * nft -c, the kernel-normalised structure against the IR, the re-parsed ruleset's
 * verdicts against the spec evaluator on the full packet corpus, and real traffic.
 */
const DIR = new URL('../../examples/', import.meta.url);
const TODAY = '2026-06-01';

interface Case {
  name: string;
  ep: EnforcementIR;
  text: string;
  model: Model;
}

function compileExamples(phase: 'monitor' | 'enforce'): Case[] {
  const out: Case[] = [];
  for (const f of readdirSync(fileURLToPath(DIR)).filter((n) => n.endsWith('.yaml')).sort()) {
    const analysis = analyzePolicy({ text: readFileSync(new URL(f, DIR)), file: `examples/${f}`, today: TODAY });
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || !analysis.model || !analysis.catalogs || !analysis.placement) {
      throw new Error(`examples/${f} does not analyse: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
    }
    const result = compilePolicy({ model: analysis.model, catalogs: analysis.catalogs, placement: analysis.placement }, { target: 'nftables', phase });
    const errs = result.diagnostics.filter((d) => d.severity === 'error');
    if (errs.length > 0) throw new Error(`examples/${f}: ${errs.map((d) => `${d.code} ${d.message}`).join('; ')}`);
    for (const ep of result.ir?.enforcement.filter((e) => e.platform === 'nftables') ?? []) {
      const file = result.files.find((x) => x.path === `${ep.id}.nft`);
      if (!file) throw new Error(`examples/${f}: no ${ep.id}.nft in the compile result`);
      out.push({ name: `${f} ${ep.id} ${phase}`, ep, text: file.content, model: analysis.model });
    }
  }
  return out;
}

describe.skipIf(SKIP_KERNEL)(SKIP_KERNEL ? `kernel oracle: bundled examples (${SKIP_REASON})` : 'kernel oracle: nftables points of the bundled examples', () => {
  let cases: Case[] = [];
  beforeAll(() => {
    requireKernel();
    cases = [...compileExamples('enforce'), ...compileExamples('monitor')];
  });

  it('the examples have at least one nftables enforcement point', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it('nft -c accepts, the kernel-normalised ruleset matches the IR, and it decides the packet corpus like the spec', () => {
    for (const c of cases) {
      const check = nftCheckSync(c.text);
      expect(check.code, `${c.name}: ${check.stderr}`).toBe(0);
      const rt = nftRoundTripSync(c.text);
      expect(rt.code, `${c.name}: ${rt.stderr}`).toBe(0);
      const rs = parseRuleset(rt.stdout);
      expect(checkStructure(rs, c.ep), c.name).toEqual([]);
      const corpus = buildCorpus(c.ep, { max: 3000, networks: zoneNetworks(c.model, c.ep) });
      const d = differential(rs, c.ep, corpus);
      expect(d.mismatches, c.name).toEqual([]);
      expect(d.compared).toBeGreaterThan(500);
    }
  });

  it('real traffic: kernel == spec evaluator (enforce and monitor)', async () => {
    // independent labs (unique namespace names): run side by side
    const results = await Promise.all(cases.map((c) => runOracle(c.ep, c.text)));
    for (const [i, c] of cases.entries()) {
      const res = results[i];
      expect(oracleProblems(res, c.ep), c.name).toEqual([]);
      expect(res.skipped.map((p) => p.label), c.name).toEqual([]);
      const flows = c.ep.rules.filter((r) => r.kind === 'flow').length;
      expect(res.outcomes.length, c.name).toBeGreaterThanOrEqual(flows);
      if (c.ep.phase === 'monitor') expect(res.outcomes.filter((o) => o.kernel !== 'allow').map((o) => o.probe.label), c.name).toEqual([]);
    }
  }, 120_000);
});
