import type { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Runner } from '../action.js';
import { planFormatters } from '../../baseline/formatPlan.js';
import { planConfigs } from '../../baseline/planConfigs.js';
import type { PlanFolder } from '../../baseline/planConfigs.js';
import { planRollout } from '../../baseline/planRollout.js';
import type { PlanOptions, RolloutPlan } from '../../baseline/planRollout.js';
import { BASELINE_FORMATS } from '../../baseline/reportText.js';
import type { BaselineContext } from '../../baseline/reportText.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { optimize } from '../../optimize/optimize.js';
import type { Model } from '../../model/types.js';
import type { RuleIR } from '../../rules/types.js';
import { isCalendarDate } from '../../validate/calendarDate.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { checkOutputFolder, refuseInputAsOutput, refuseInputsInFolder, writeFileAtomic, writeFolderAtomic } from '../io.js';
import { previousOutputs } from '../previousOutputs.js';
import { makeTerm } from '../term.js';
import { collect } from './validate.js';
import { analyzeWithFlows, baselineContext, classify, emit, parseFormat } from '../flowInput.js';

interface PlanCliOptions extends CommonOptions {
  flows?: string;
  format: string;
  output?: string;
  baselineStart?: string;
  baselineDays?: string;
  force?: boolean;
  optimize: boolean;
}

/** The policy's `rollout:` section (validated by the schema; the model does not carry it). */
/** The --baseline-* flags, checked before any work (usage errors). */
function checkBaselineFlags(opts: PlanCliOptions): void {
  if (opts.baselineStart !== undefined && !isCalendarDate(opts.baselineStart)) throw new UsageError(`--baseline-start ${opts.baselineStart}: expected a calendar date YYYY-MM-DD`);
  if (opts.baselineDays !== undefined && (!/^\d{1,4}$/.test(opts.baselineDays) || +opts.baselineDays < 1 || +opts.baselineDays > 3650)) {
    throw new UsageError(`--baseline-days ${opts.baselineDays}: expected a whole number of days, 1-3650`);
  }
}

/** The baseline dates: the flags, else the policy's `rollout:`, else 90 days. */
function baselineOptions(model: Model, opts: PlanCliOptions): Pick<PlanOptions, 'baselineStart' | 'baselineDays'> {
  const policy = model.rollout ?? {};
  const start = opts.baselineStart ?? policy.baselineStart;
  return {
    ...(start !== undefined ? { baselineStart: { value: start, source: opts.baselineStart !== undefined ? 'option' as const : 'policy' as const } } : {}),
    baselineDays: opts.baselineDays !== undefined ? { value: Number(opts.baselineDays), source: 'option' }
      : policy.baselineDays !== undefined ? { value: policy.baselineDays, source: 'policy' } : { value: 90, source: 'default' },
  };
}

function findingDiagnostics(plan: RolloutPlan, flowsFile: string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of plan.enforce.steps.filter((x) => x.status === 'not-ready')) {
    const how = s.held ? 'held in monitor' : 'enforced anyway (--force)';
    out.push({ code: s.held ? 'OTPC810' : 'OTPC812', severity: 'warning', file: flowsFile ?? '', message: `step ${s.step}, boundary ${s.zones[0]} | ${s.zones[1]} on ${s.enforcement}: ${s.blocking.length} observed flow(s) would be blocked; ${how}` });
  }
  const o = plan.baseline.observed;
  if (o && flowsFile && o.days < plan.baseline.days) {
    out.push({ code: 'OTPC811', severity: 'note', file: flowsFile, message: `the flow file covers ${o.days} day(s); the baseline is ${plan.baseline.days} days` });
  }
  return out;
}

/** Step folders of an earlier plan that this one does not write: listed, never removed (a human may have loaded them). */
function staleFolders(dir: string, folders: PlanFolder[]): Diagnostic[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const ours = new Set(folders.map((f) => f.dir));
  return names.filter((n) => /^step-\d+-/.test(n) && !ours.has(n)).sort().map((n) => ({
    code: 'OTPC813', severity: 'warning' as const, file: join(dir, n), message: 'step folder of an earlier plan; this plan did not write it',
  }));
}

function writePlan(dir: string, folders: PlanFolder[], report: string, format: string): void {
  const planFile = join(dir, `plan.${format === 'json' ? 'json' : 'md'}`);
  // every file this plan replaces or removes is checked against the inputs before the first folder is written
  for (const f of folders) refuseInputsInFolder(join(dir, f.dir), [...f.files.map((x) => x.path), ...previousOutputs(join(dir, f.dir))]);
  refuseInputAsOutput(planFile);
  for (const f of folders) writeFolderAtomic(join(dir, f.dir), f.files, { previous: previousOutputs });
  writeFileAtomic(planFile, report);
}

export function registerPlan(program: Command, run: Runner): void {
  program
    .command('plan')
    .description('the rollout plan: discover, baseline, monitor, then enforce boundary by boundary, most critical first')
    .argument('<policy>', 'policy YAML file')
    .option('--flows <file>', 'observed flows (as for simulate): readiness of every enforce step')
    .option('-f, --format <format>', `plan format: ${BASELINE_FORMATS.join(', ')}`, 'markdown')
    .option('-o, --output <dir>', 'also write DIR/plan.md (or .json), DIR/monitor/ and one config folder per step')
    .option('--baseline-start <YYYY-MM-DD>', 'date the passive baseline began (default: rollout.baseline-start)')
    .option('--baseline-days <days>', 'length of the baseline (default: rollout.baseline-days, else 90)')
    .option('--force', 'write configs that enforce boundaries the observed flows show are not ready')
    .option('--no-optimize', 'keep one rule per conduit flow in the step configs')
    .option('--date <YYYY-MM-DD>', 'treat this date as today (waiver expiry; default: today in UTC)')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect, [])
    .addHelpText('after', `
Step k's configs enforce boundaries 1..k (the rest log only); its rollback is step k-1's.
With --flows, a step is ready when enforcing it blocks no observed flow; a step that is
not ready is held in monitor (no config enforces it) unless --force is given.
Exit codes: 0 plan written, 1 some boundary is not ready, 2 invalid input or usage, 3 internal error.

Examples:
  $ otpc plan examples/water-treatment.yaml
  $ otpc plan plant.yaml --flows conn.log -o out/rollout
  $ otpc plan plant.yaml --flows flows.csv --baseline-start 2026-09-01 --format json`)
    .action(run(async (file: string, opts: PlanCliOptions) => {
      const term = makeTerm();
      const format = parseFormat(opts.format);
      checkBaselineFlags(opts);
      if (opts.output) checkOutputFolder(opts.output);
      const read = await analyzeWithFlows(file, opts, 'placement', term);
      if (typeof read === 'number') return read;
      const { analysis, set } = read;
      const baseline = baselineOptions(analysis.model, opts);
      const observed = set && opts.flows !== undefined
        ? { classified: classify({ model: analysis.model }, set), ctx: baselineContext('', opts.flows, set) }
        : undefined;
      const input = { model: analysis.model, catalogs: analysis.catalogs, placement: analysis.placement! };
      term.progress('planning...');
      const plan = planRollout(input, { ...baseline, force: opts.force === true, ...(observed ? { flows: observed.classified } : {}) });
      const configs = opts.output ? planConfigs(input, plan, opts.optimize ? (ir: RuleIR) => optimize(ir) : undefined) : { folders: [], diagnostics: [] };
      term.done();
      const extra = [...read.diagnostics, ...findingDiagnostics(plan, opts.flows), ...configs.diagnostics, ...(opts.output ? staleFolders(opts.output, configs.folders) : [])];
      printDiagnostics(analysis, term, extra);
      if (hasErrors(configs.diagnostics)) return EXIT.invalid;
      const ctx: BaselineContext = { ...(observed?.ctx ?? {}), policy: basename(file) };
      const report = planFormatters[format](plan, ctx);
      if (opts.output) {
        writePlan(opts.output, configs.folders, report, format);
        process.stderr.write(`wrote ${configs.folders.length} config folder(s) and plan.${format === 'json' ? 'json' : 'md'} to ${opts.output}\n`);
      }
      emit(report, undefined);
      return plan.enforce.steps.some((s) => s.status === 'not-ready') ? EXIT.findings : EXIT.ok;
    }));
}
