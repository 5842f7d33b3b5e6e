import type { Analysis } from './analyzePolicy.js';
import { backendFor } from './backends/registry.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
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
}

export interface CompiledFile {
  /** Relative path inside the output folder. */
  path: string;
  content: string;
}

export interface CompileResult {
  files: CompiledFile[];
  diagnostics: Diagnostic[];
  ir?: RuleIR;
}

type Analyzed = Required<Pick<Analysis, 'model' | 'catalogs' | 'placement'>>;

/** rule IR → optimise → render, per enforcement point. Pure; the CLI writes the files atomically. */
export function compilePolicy(analysis: Analyzed, options: CompileOptions): CompileResult {
  const { model, catalogs, placement } = analysis;
  const built = buildRuleIR(model, catalogs, placement, { phase: options.phase, boundaryPhases: options.boundaryPhases });
  const ir = options.optimize ? options.optimize(built) : built;
  const diagnostics: Diagnostic[] = [];
  const files: CompiledFile[] = [];
  const selected = ir.enforcement.filter((ep) => options.target === 'all' || ep.platform === options.target);
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
  if (diagnostics.some((d) => d.severity === 'error')) return { files: [], diagnostics, ir };
  const trace = { ...buildTrace({ ...ir, enforcement: selected }), phase: options.phase, target: options.target };
  files.push({ path: 'trace.json', content: `${JSON.stringify(trace, null, 2)}\n` });
  return { files, diagnostics, ir };
}
