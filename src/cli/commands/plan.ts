import type { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Runner } from '../action.js';
import type { Analysis } from '../../analyzePolicy.js';
import type { ClassifiedFlow } from '../../baseline/classifyFlows.js';
import { planFormatters } from '../../baseline/formatPlan.js';
import { planConfigs } from '../../baseline/planConfigs.js';
import type { PlanFolder } from '../../baseline/planConfigs.js';
import { planRollout } from '../../baseline/planRollout.js';
import type { PlanOptions, RolloutPlan } from '../../baseline/planRollout.js';
import { BASELINE_FORMATS } from '../../baseline/reportText.js';
import type { BaselineContext } from '../../baseline/reportText.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { loadPolicy } from '../../load/loadPolicy.js';
import { optimize } from '../../optimize/optimize.js';
import type { RuleIR } from '../../rules/types.js';
import { isCalendarDate } from '../../validate/calendarDate.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { analyzeFile, hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { checkOutputFolder, readInputFile, refuseInputAsOutput, refuseInputsInFolder, writeFileAtomic, writeFolderAtomic } from '../io.js';
import { previousOutputs } from '../previousOutputs.js';
import { makeTerm } from '../term.js';
import { collect } from './validate.js';
import { baselineContext, classify, emit, loadFlows, parseFormat } from './discover.js';

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
function rolloutOf(file: string): { start?: string; days?: number } {
  const read = readInputFile(file);
  if (!read.ok) return {};
  const doc = loadPolicy(read.bytes, file).doc as { rollout?: { 'baseline-start'?: unknown; 'baseline-days'?: unknown } } | undefined;
  const r = doc?.rollout;
  return {
    ...(typeof r?.['baseline-start'] === 'string' ? { start: r['baseline-start'] } : {}),
    ...(typeof r?.['baseline-days'] === 'number' ? { days: r['baseline-days'] } : {}),
  };
}

function baselineOptions(file: string, opts: PlanCliOptions): Pick<PlanOptions, 'baselineStart' | 'baselineDays'> {
  if (opts.baselineStart !== undefined && !isCalendarDate(opts.baselineStart)) throw new UsageError(`--baseline-start ${opts.baselineStart}: expected a calendar date YYYY-MM-DD`);
  if (opts.baselineDays !== undefined && (!/^\d{1,4}$/.test(opts.baselineDays) || +opts.baselineDays < 1 || +opts.baselineDays > 3650)) {
    throw new UsageError(`--baseline-days ${opts.baselineDays}: expected a whole number of days, 1-3650`);
  }
  const policy = rolloutOf(file);
  const start = opts.baselineStart ?? policy.start;
  return {
    ...(start !== undefined ? { baselineStart: { value: start, source: opts.baselineStart !== undefined ? 'option' as const : 'policy' as const } } : {}),
    baselineDays: opts.baselineDays !== undefined ? { value: Number(opts.baselineDays), source: 'option' }
      : policy.days !== undefined ? { value: policy.days, source: 'policy' } : { value: 90, source: 'default' },
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

async function observedFlows(analysis: Analysis, flows: string | undefined, term: ReturnType<typeof makeTerm>): Promise<{ classified?: ClassifiedFlow[]; ctx?: BaselineContext; diagnostics: Diagnostic[]; failed: boolean }> {
  if (flows === undefined) return { diagnostics: [], failed: false };
  const loaded = await loadFlows(flows, analysis.catalogs!, term);
  if (!loaded.set) return { diagnostics: loaded.diagnostics, failed: true };
  return { classified: classify({ model: analysis.model! }, loaded.set), ctx: baselineContext('', flows, loaded.set), diagnostics: loaded.diagnostics, failed: false };
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
      const baseline = baselineOptions(file, opts);
      if (opts.output) checkOutputFolder(opts.output);
      const analysis = analyzeFile(file, opts, 'placement');
      if (hasErrors(analysis.diagnostics) || !analysis.model) {
        printDiagnostics(analysis, term);
        return EXIT.invalid;
      }
      const observed = await observedFlows(analysis, opts.flows, term);
      if (observed.failed) {
        printDiagnostics(analysis, term, observed.diagnostics);
        return EXIT.invalid;
      }
      const input = { model: analysis.model, catalogs: analysis.catalogs!, placement: analysis.placement! };
      term.progress('planning...');
      const plan = planRollout(input, { ...baseline, force: opts.force === true, ...(observed.classified ? { flows: observed.classified } : {}) });
      const configs = opts.output ? planConfigs(input, plan, opts.optimize ? (ir: RuleIR) => optimize(ir) : undefined) : { folders: [], diagnostics: [] };
      term.done();
      const extra = [...observed.diagnostics, ...findingDiagnostics(plan, opts.flows), ...configs.diagnostics, ...(opts.output ? staleFolders(opts.output, configs.folders) : [])];
      printDiagnostics(analysis, term, extra);
      if (hasErrors(configs.diagnostics)) return EXIT.invalid;
      const ctx: BaselineContext = { ...(observed.ctx ?? {}), policy: basename(file) };
      const report = planFormatters[format](plan, ctx);
      if (opts.output) {
        writePlan(opts.output, configs.folders, report, format);
        process.stderr.write(`wrote ${configs.folders.length} config folder(s) and plan.${format === 'json' ? 'json' : 'md'} to ${opts.output}\n`);
      }
      emit(report, undefined);
      return plan.enforce.steps.some((s) => s.status === 'not-ready') ? EXIT.findings : EXIT.ok;
    }));
}
