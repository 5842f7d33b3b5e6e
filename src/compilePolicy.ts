import type { Analysis } from './analyzePolicy.js';
import { analyzeRules } from './analysis/analyzeRules.js';
import type { Finding } from './assess/types.js';
import { backendFor } from './backends/registry.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { Model } from './model/types.js';
import { optimize as defaultOptimize } from './optimize/optimize.js';
import { buildRuleIR } from './rules/buildRuleIR.js';
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
 * The model restricted to the enforcement points of one platform, so that only their rule
 * IR is built and optimised. An enforcement point's IR depends on its own interfaces, the
 * conduits placed on it and the whole model's conduit numbering (conduitOrdinals), never
 * on the other points, so it is the same as in the IR of every point.
 */
function selectEnforcement(model: Model, target: string): Model {
  if (target === 'all') return model;
  return { ...model, enforcement: new Map([...model.enforcement].filter(([, ep]) => ep.platform === target)) };
}

/**
 * Boundary phase keys ("<ep-id>:<boundary>") of points that are not rendered are left out
 * (their points are not built); a key naming no enforcement point at all is kept, so the
 * rule IR still refuses it.
 */
function selectPhases(model: Model, selected: Model, phases: CompileOptions['boundaryPhases']): CompileOptions['boundaryPhases'] {
  if (!phases || selected === model) return phases;
  const keep = Object.entries(phases).filter(([key]) => {
    const ep = key.slice(0, key.indexOf(':'));
    return selected.enforcement.has(ep) || !model.enforcement.has(ep);
  });
  return Object.fromEntries(keep);
}

/**
 * rule IR → optimise → render, for the enforcement points of the target only (the IR of
 * the others is never built). Pure; the CLI writes the files atomically.
 */
export function compilePolicy(analysis: Analyzed, options: CompileOptions): CompileResult {
  const { model, catalogs, placement } = analysis;
  const selectedModel = selectEnforcement(model, options.target);
  const boundaryPhases = selectPhases(model, selectedModel, options.boundaryPhases);
  const built = buildRuleIR(selectedModel, catalogs, placement, { phase: options.phase, boundaryPhases });
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
  const extra = options.analyze ? { findings: compileFindings(analysis, selectedModel, options, built, ir) } : {};
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
function compileFindings(analysis: Analyzed, selectedModel: Model, options: CompileOptions, built: RuleIR, compiled: RuleIR): Finding[] {
  const { model, catalogs, placement } = analysis;
  const reuse = options.phase === 'enforce' && options.boundaryPhases === undefined;
  const ir = reuse ? built : buildRuleIR(selectedModel, catalogs, placement, { phase: 'enforce' });
  const optimized = reuse && options.optimize ? compiled : (options.optimize ?? defaultOptimize)(ir);
  return analyzeRules({ model, catalogs, ir, optimized });
}
