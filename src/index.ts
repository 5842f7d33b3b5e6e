/**
 * otpc public API: pure functions from policy text to assessment, rule IR and
 * vendor configurations. Only src/cli touches files or the process.
 */
export { analyzePolicy } from './analyzePolicy.js';
export type { Analysis, AnalyzeInput } from './analyzePolicy.js';
export { compilePolicy } from './compilePolicy.js';
export type { CompileOptions, CompileResult, CompiledFile } from './compilePolicy.js';
export { buildRuleIR } from './rules/buildRuleIR.js';
export { evaluate } from './rules/evaluate.js';
export { optimize } from './optimize/optimize.js';
export { analyzeRules } from './analysis/analyzeRules.js';
export { formatters } from './reports/registry.js';
export { backends } from './backends/registry.js';
export { diffPolicies } from './diff/diffPolicies.js';
export { readBaselineReport } from './baselineReport/readBaselineReport.js';
export { compareWithBaseline } from './baselineReport/compareWithBaseline.js';
export { readFlows } from './baseline/readFlows.js';
export { simulateFlows } from './baseline/simulateFlows.js';
export { discoverFlows } from './baseline/discoverFlows.js';
export { planRollout } from './baseline/planRollout.js';
export { CODES } from './diagnostics/codes.js';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export type { Assessment, DeviceResult, RequirementResult, Status } from './assess/types.js';
export type { Model } from './model/types.js';
export type { RuleIR, EnforcementIR, Rule, Packet, Verdict } from './rules/types.js';
