import type { Analysis } from './analyzePolicy.js';
import { analyzeRules } from './analysis/analyzeRules.js';
import type { Finding } from './assess/types.js';
import { backendFor } from './backends/registry.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { optimize as defaultOptimize } from './optimize/optimize.js';
import { buildRuleIR } from './rules/buildRuleIR.js';
import type { RuleIROptions } from './rules/buildRuleIR.js';
import { buildTrace } from './rules/buildTrace.js';
import type { RuleIR } from './rules/types.js';

export interface CompileOptions {
  /** 'all' renders every enforcement point with its own platform; a platform id renders only those. */
  target: string;
  phase: 'monitor' | 'enforce';
  /** Per-boundary phases for a staged rollout ("<ep-id>:<zoneA>|<zoneB>" -> phase). */
  boundaryPhases?: Record<string, 'monitor' | 'enforce'>;
  /** Rule optimiser hook (the optimise stage); identity when absent. */
  optimize?: (ir: RuleIR) => RuleIR;
  /**
   * Also run the rule analysis (OTPC751-757, `CompileResult.findings`) on the RENDERED
   * enforcement points (all of them for target 'all'): their enforce-phase IR, with
   * platform limits counted on the optimised IR (the `optimize` hook, else the optimiser).
   * For target 'all' in the enforce phase these are exactly the rule findings that
   * `analyzePolicy` appends to the assessment, computed on the IR compiled here instead of
   * a second one.
   */
  analyze?: boolean;
}

export interface CompiledFile {
  /** Relative path inside the output folder. */
  path: string;
  content: string;
}

export interface CompileResult {
  files: CompiledFile[];
  diagnostics: Diagnostic[];
  /** The rule IR of the rendered enforcement points (optimised when the hook is given). */
  ir?: RuleIR;
  /** With `analyze`: the rule analysis findings of the rendered points (see CompileOptions.analyze). */
  findings?: Finding[];
}

type Analyzed = Required<Pick<Analysis, 'model' | 'catalogs' | 'placement'>>;

/**
 * The enforcement points of the target, as a rule IR filter (RuleIROptions.only): none
 * for 'all'. Only their IR is built and optimised; it is the same as in the IR of every
 * point (rule numbers come from all the model's conduits), and boundary phase keys are
 * still checked against every point.
 */
function selectPoints(target: string): RuleIROptions['only'] {
  return target === 'all' ? undefined : (ep) => ep.platform === target;
}

/**
 * rule IR → optimise → render, for the enforcement points of the target only (the IR of
 * the others is never built). Pure; the CLI writes the files atomically.
 */
export function compilePolicy(analysis: Analyzed, options: CompileOptions): CompileResult {
  const { model, catalogs, placement } = analysis;
  const only = selectPoints(options.target);
  const built = buildRuleIR(model, catalogs, placement, { phase: options.phase, boundaryPhases: options.boundaryPhases, only });
  const ir = options.optimize ? options.optimize(built) : built;
  const diagnostics: Diagnostic[] = [];
  const files: CompiledFile[] = [];
  const selected = ir.enforcement;
  if (selected.length === 0 && options.target !== 'all') {
    diagnostics.push({
      code: 'OTPC708', severity: 'warning', file: model.file, pointer: '/enforcement',
      message: `no enforcement point uses platform ${options.target}; nothing to render`,
    });
  }
  for (const ep of selected) {
    const backend = backendFor(ep.platform);
    const platform = catalogs.platforms.get(ep.platform);
    if (!backend || !platform) {
      diagnostics.push({ code: 'OTPC311', severity: 'error', file: model.file, pointer: ep.pointer, message: `no backend renders platform ${ep.platform} (enforcement point ${ep.id})` });
      continue;
    }
    const out = backend.render(ep, { platform, catalogs, file: model.file, site: { id: model.site.id, name: model.site.name } });
    diagnostics.push(...out.diagnostics);
    if (!out.diagnostics.some((d) => d.severity === 'error')) files.push({ path: `${ep.id}.${backend.extension}`, content: out.text });
  }
  const extra = options.analyze ? { findings: compileFindings(analysis, only, options, built, ir) } : {};
  if (diagnostics.some((d) => d.severity === 'error')) return { files: [], diagnostics, ir, ...extra };
  const trace = { ...buildTrace(ir), phase: options.phase, target: options.target };
  files.push({ path: 'trace.json', content: `${JSON.stringify(trace, null, 2)}\n` });
  return { files, diagnostics, ir, ...extra };
}

/**
 * Rule analysis of the rendered points. It is defined on the enforce-phase IR (the phase
 * changes no match, only final verdicts); when that is the IR just compiled, it and its
 * optimised form are reused instead of being built a second time.
 */
function compileFindings(analysis: Analyzed, only: RuleIROptions['only'], options: CompileOptions, built: RuleIR, compiled: RuleIR): Finding[] {
  const { model, catalogs, placement } = analysis;
  const reuse = options.phase === 'enforce' && options.boundaryPhases === undefined;
  const ir = reuse ? built : buildRuleIR(model, catalogs, placement, { phase: 'enforce', only });
  const optimized = reuse && options.optimize ? compiled : (options.optimize ?? defaultOptimize)(ir);
  return analyzeRules({ model, catalogs, ir, optimized });
}
