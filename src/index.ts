/**
 * otpc public API: pure functions from policy text to assessment, rule IR and
 * vendor configurations. Only src/cli touches files or the process.
 */
export { analyzePolicy } from './analyzePolicy.js';
export type { Analysis, AnalyzeInput } from './analyzePolicy.js';
export { compilePolicy } from './compilePolicy.js';
export type { CompileOptions, CompileResult, CompiledFile } from './compilePolicy.js';
export { formatters } from './reports/registry.js';
export { backends } from './backends/registry.js';
export { evaluate } from './rules/evaluate.js';
export { CODES } from './diagnostics/codes.js';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export type { Assessment, DeviceResult, RequirementResult, Status } from './assess/types.js';
export type { Model } from './model/types.js';
export type { RuleIR, EnforcementIR, Rule, Packet, Verdict } from './rules/types.js';
