import { analyzePolicy } from '../../src/analyzePolicy.js';
import type { Analysis } from '../../src/analyzePolicy.js';
import { compilePolicy } from '../../src/compilePolicy.js';
import type { CompileResult } from '../../src/compilePolicy.js';
import { formatters } from '../../src/reports/registry.js';

/** A fixed "today" so that waiver expiry and report dates do not depend on the day the tests run. */
export const TODAY = '2026-06-01';
export const PHASES = ['monitor', 'enforce'] as const;

export interface PipelineRun {
  analysis: Analysis;
  /** Compile results for --target all, per phase (absent when the policy is invalid). */
  compiled: Partial<Record<(typeof PHASES)[number], CompileResult>>;
  /** Every artifact by name: "config/<phase>/<file>" and "report/<format>". */
  artifacts: Map<string, string>;
}

/**
 * The whole pipeline as the CLI runs it, in memory: analyzePolicy (load → validate →
 * model → place → assess), compilePolicy for target all in both phases, and every
 * report formatter of the registry (including the ones added after this file).
 */
export async function runPipeline(text: string | Uint8Array, file = 'policy.yaml', today = TODAY): Promise<PipelineRun> {
  const analysis = analyzePolicy({ text, file, today });
  const run: PipelineRun = { analysis, compiled: {}, artifacts: new Map() };
  const { model, catalogs, placement, assessment } = analysis;
  if (!model || !catalogs || !placement || !assessment) return run;
  for (const phase of PHASES) {
    const result = compilePolicy({ model, catalogs, placement }, { target: 'all', phase });
    run.compiled[phase] = result;
    for (const f of result.files) run.artifacts.set(`config/${phase}/${f.path}`, f.content);
  }
  const ctx = { model, catalogs, placement, file, locate: (p: string) => analysis.sourceMap?.locate(p, 'key') };
  for (const name of Object.keys(formatters).sort()) {
    run.artifacts.set(`report/${name}`, await formatters[name](assessment, ctx));
  }
  return run;
}
