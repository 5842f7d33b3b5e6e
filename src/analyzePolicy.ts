import { analyzeRules } from './analysis/analyzeRules.js';
import { assess } from './assess/assess.js';
import type { Assessment } from './assess/types.js';
import { loadCatalogs } from './catalog/loadCatalogs.js';
import type { Catalogs } from './catalog/types.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { SourceMap } from './diagnostics/sourceMap.js';
import { loadPolicy } from './load/loadPolicy.js';
import { placeConduits } from './model/placeConduits.js';
import { optimize } from './optimize/optimize.js';
import { buildRuleIR } from './rules/buildRuleIR.js';
import type { Model, Placement } from './model/types.js';
import { validatePolicy } from './validate/validatePolicy.js';

export interface AnalyzeInput {
  text: string | Uint8Array;
  /** Display path of the policy (diagnostics only). */
  file: string;
  /** User catalogue files (--catalog), already read. */
  catalogFiles?: { file: string; text: string }[];
  /** "Today" (YYYY-MM-DD, UTC) for waiver expiry. */
  today: string;
  warnExpiringDays?: number;
}

export interface Analysis {
  diagnostics: Diagnostic[];
  sourceMap?: SourceMap;
  catalogs?: Catalogs;
  model?: Model;
  placement?: Placement;
  assessment?: Assessment;
}

/**
 * load → validate → model → place → assess (+ rule analysis findings), stopping at the first stage with errors.
 * Pure: takes text, returns data and diagnostics (the CLI does the I/O).
 */
export function analyzePolicy(input: AnalyzeInput): Analysis {
  const cat = loadCatalogs(input.catalogFiles ?? []);
  if (!cat.catalogs || cat.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: cat.diagnostics };
  const catalogs = cat.catalogs;
  const loaded = loadPolicy(input.text, input.file);
  const diagnostics = [...cat.diagnostics, ...loaded.diagnostics];
  if (loaded.doc === undefined || loaded.diagnostics.some((d) => d.severity === 'error')) {
    return { diagnostics, sourceMap: loaded.sourceMap, catalogs };
  }
  const validated = validatePolicy(loaded, catalogs, { today: input.today, warnExpiringDays: input.warnExpiringDays });
  diagnostics.push(...validated.diagnostics);
  if (!validated.model) return { diagnostics, sourceMap: loaded.sourceMap, catalogs };
  const model = validated.model;
  const placement = placeConduits(model);
  const assessed = assess(model, catalogs, placement, { date: input.today });
  // Rule analysis (OTPC751-757) on the IR compile renders; the phase changes no match, only final verdicts.
  const ir = buildRuleIR(model, catalogs, placement, { phase: 'enforce' });
  const findings = analyzeRules({ model, catalogs, ir, optimized: optimize(ir) });
  const assessment = { ...assessed, findings: [...assessed.findings, ...findings] };
  return { diagnostics, sourceMap: loaded.sourceMap, catalogs, model, placement, assessment };
}
