import { compilePolicy } from '../compilePolicy.js';
import type { CompiledFile } from '../compilePolicy.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleIR } from '../rules/types.js';
import type { PlanInput, RolloutPlan } from './planRollout.js';
import { MONITOR_DIR } from './planRollout.js';

export interface PlanFolder {
  /** Folder name inside the output folder ("monitor", "step-1-fw-plant-chem-dosing-supervisory"). */
  dir: string;
  files: CompiledFile[];
}

/**
 * The configs of the plan: the monitor configs (phase 2, and the rollback of step 1)
 * and one folder per emitted step, each compiled exactly as `otpc compile` would
 * with the step's boundary phases. Held steps (not ready, no --force) get no folder,
 * so no config that enforces them is ever written. Pure: the CLI writes the folders.
 */
export function planConfigs(input: PlanInput, plan: RolloutPlan, optimize?: (ir: RuleIR) => RuleIR): { folders: PlanFolder[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const folders: PlanFolder[] = [];
  const compile = (dir: string, phases?: Record<string, 'monitor' | 'enforce'>) => {
    const result = compilePolicy(input, { target: 'all', phase: 'monitor', boundaryPhases: phases, optimize });
    // the same warnings come from every step; the CLI prints identical diagnostics once
    diagnostics.push(...result.diagnostics);
    if (!result.diagnostics.some((d) => d.severity === 'error')) folders.push({ dir, files: result.files });
  };
  compile(MONITOR_DIR);
  for (const step of plan.enforce.steps) {
    if (step.dir !== null) compile(step.dir, step.boundaryPhases);
  }
  return { folders, diagnostics };
}
