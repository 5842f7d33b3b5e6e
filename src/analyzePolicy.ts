import { analyzeRules } from './analysis/analyzeRules.js';
import { assess } from './assess/assess.js';
import { siteOnlyFindings } from './assess/buildFindings.js';
import { buildSiteFacts } from './assess/siteFacts.js';
import type { Assessment, Finding } from './assess/types.js';
import { loadCatalogs } from './catalog/loadCatalogs.js';
import type { Catalogs } from './catalog/types.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { SourceMap } from './diagnostics/sourceMap.js';
import { loadPolicy } from './load/loadPolicy.js';
import { placeConduits } from './model/placeConduits.js';
import { optimize } from './optimize/optimize.js';
import { buildRuleIR } from './rules/buildRuleIR.js';
import type { Model, Placement } from './model/types.js';
import type { RuleIR } from './rules/types.js';
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

/**
 * How far `analyzePolicy` goes, so that a command does only the work it prints:
 * - `model`: load, validate, build the model (`validate`, `discover`);
 * - `placement`: and place the conduits on the enforcement points (`compile`, `plan`, `simulate`);
 * - `statuses`: and assess every device and build the enforce-phase rule IR of every
 *   enforcement point, without optimising it or running the rule analysis, so
 *   `assessment.findings` lacks OTPC751-757 (`diff`, which compares statuses, SL-A and rules);
 * - `assessment` (default): and run the rule analysis on the optimised rule IR too (`report`).
 * The diagnostics are the same whatever the depth: they all come from load and validate.
 */
export type AnalysisDepth = 'model' | 'placement' | 'statuses' | 'assessment';

export interface AnalyzeOptions {
  through?: AnalysisDepth;
}

export interface Analysis {
  diagnostics: Diagnostic[];
  sourceMap?: SourceMap;
  catalogs?: Catalogs;
  model?: Model;
  /** From depth `placement` on. */
  placement?: Placement;
  /** From depth `statuses` on (without the rule analysis findings at `statuses`). */
  assessment?: Assessment;
  /** From depth `statuses` on: the enforce-phase rule IR of every enforcement point, not optimised. */
  ruleIR?: RuleIR;
}

/**
 * load → validate → model → place → assess (+ rule analysis findings), stopping at the first
 * stage with errors or at `options.through`. Pure: takes text, returns data and diagnostics
 * (the CLI does the I/O).
 */
export function analyzePolicy(input: AnalyzeInput, options: AnalyzeOptions = {}): Analysis {
  const through = options.through ?? 'assessment';
  const cat = loadCatalogs(input.catalogFiles ?? []);
  if (!cat.catalogs || cat.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: cat.diagnostics };
  const catalogs = cat.catalogs;
  const loaded = loadPolicy(input.text, input.file);
  if (loaded.doc === undefined) return { diagnostics: [...cat.diagnostics, ...loaded.diagnostics], sourceMap: loaded.sourceMap, catalogs };
  // a recoverable load error (duplicate key, tag) comes with the document: validation reports
  // it together with every other problem (its diagnostics include the load ones) and builds no model
  const validated = validatePolicy(loaded, catalogs, { today: input.today, warnExpiringDays: input.warnExpiringDays });
  const diagnostics = [...cat.diagnostics, ...validated.diagnostics];
  if (!validated.model) return { diagnostics, sourceMap: loaded.sourceMap, catalogs };
  const model = validated.model;
  if (through === 'model') return { diagnostics, sourceMap: loaded.sourceMap, catalogs, model };
  const placement = placeConduits(model);
  if (through === 'placement') return { diagnostics, sourceMap: loaded.sourceMap, catalogs, model, placement };
  const assessed = assess(model, catalogs, placement, { date: input.today });
  // Rule analysis (OTPC751-757) on the IR compile renders; the phase changes no match, only final verdicts.
  const ruleIR = buildRuleIR(model, catalogs, placement, { phase: 'enforce' });
  if (through === 'statuses') return { diagnostics, sourceMap: loaded.sourceMap, catalogs, model, placement, assessment: assessed, ruleIR };
  const findings = analyzeRules({ model, catalogs, ir: ruleIR, optimized: optimize(ruleIR) });
  const assessment = { ...assessed, findings: [...assessed.findings, ...findings] };
  return { diagnostics, sourceMap: loaded.sourceMap, catalogs, model, placement, assessment, ruleIR };
}

/**
 * The site findings that need no per-device rows: conduits no enforcement point joins
 * (OTPC703) and controls a platform cannot enforce (OTPC704), exactly as `assess` lists
 * them. `compile` prints these without assessing 100 requirements for every device.
 * Waiver findings (OTPC505, "the waiver changes nothing") are left out: they are
 * decided on the device rows.
 */
export function siteFindings(model: Model, catalogs: Catalogs, placement: Placement): Finding[] {
  return siteOnlyFindings(buildSiteFacts(model, catalogs, placement));
}
