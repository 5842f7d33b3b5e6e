import type { Command } from 'commander';
import type { Runner } from '../action.js';
import { simulationFormatters } from '../../baseline/formatSimulation.js';
import { BASELINE_FORMATS } from '../../baseline/reportText.js';
import { simulateFlows } from '../../baseline/simulateFlows.js';
import type { Simulation } from '../../baseline/simulateFlows.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { buildRuleIR } from '../../rules/buildRuleIR.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { checkOutputFile } from '../io.js';
import { makeTerm } from '../term.js';
import { collect } from './validate.js';
import { analyzeWithFlows, baselineContext, classify, emit, parseFormat } from '../flowInput.js';

interface SimulateOptions extends CommonOptions {
  flows: string;
  phase: string;
  format: string;
  output?: string;
  failOn: string;
}

/** What makes `otpc simulate` exit 1: `blocked` (default), or `outside` (blocked, or any flow with an end outside every zone). */
export const SIMULATE_FAIL_ON = ['blocked', 'outside'] as const;
export type SimulateFailOn = (typeof SIMULATE_FAIL_ON)[number];

export function simulateFails(s: Simulation['summary'], failOn: SimulateFailOn): boolean {
  return s.blockedFlows > 0 || s.readOnlyBlocked > 0 || (failOn === 'outside' && s.outside > 0);
}

function findingDiagnostics(path: string, phase: string, sim: Simulation, failOn: SimulateFailOn): Diagnostic[] {
  const s = sim.summary;
  const out: Diagnostic[] = [];
  const add = (code: string, severity: Diagnostic['severity'], n: number, message: string) => { if (n > 0) out.push({ code, severity, file: path, message }); };
  add('OTPC806', 'warning', s.blockedFlows, `${s.blockedFlows} observed flow(s) (${s.blockedRecords} connection(s)) would be blocked in the ${phase} phase`);
  add('OTPC807', 'warning', s.unenforced, `${s.unenforced} observed flow(s) cross zones that no enforcement point joins`);
  add('OTPC804', 'warning', s.outside, `${s.outside} observed flow(s) have an end outside every zone network; not decided (run otpc discover)${failOn === 'outside' ? '; any enforcement point they cross drops them (--fail-on outside)' : ''}`);
  add('OTPC809', 'warning', s.readOnlyWrites, `${s.readOnlyWrites} read-only flow(s) carried write operations${s.readOnlyBlocked > 0 ? `; the ${phase} phase drops them on ${s.readOnlyBlocked}` : ''}`);
  add('OTPC808', 'note', s.unusedRules, `${s.unusedRules} allow rule(s) carried no observed flow`);
  return out;
}

export function registerSimulate(program: Command, run: Runner): void {
  program
    .command('simulate')
    .description('decide every observed flow with the compiled rules: exactly which flows the enforced policy would block')
    .argument('<policy>', 'policy YAML file')
    .requiredOption('--flows <file>', 'Zeek conn.log (TSV or JSON lines), flow CSV or nfdump CSV; gzip is detected; "-" reads stdin')
    .option('-p, --phase <phase>', 'enforce (final rules deny) or monitor (final rules log: what would show up as would-deny)', 'enforce')
    .option('-f, --format <format>', `report format: ${BASELINE_FORMATS.join(', ')}`, 'markdown')
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--fail-on <what>', 'exit 1 on: blocked (default; an observed flow or a read-only write the policy would block) or outside (also any observed flow with an end outside every zone network)', 'blocked')
    .option('--date <YYYY-MM-DD>', 'treat this date as today (waiver expiry; default: today in UTC)')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect, [])
    .addHelpText('after', `
Each flow is decided on every enforcement point whose interfaces join its two zones,
first match in rule order, exactly as the rendered configs decide it. Flows inside one
zone are never blocked; flows between zones that no enforcement point joins are listed
as unenforced. Read-only flows are checked against the operations column, if any.
Flows with an end outside every zone network (an NTP or update server the policy does
not document) are listed but not decided: no rule can name their outside address, so
every enforcement point they cross drops them. --fail-on outside makes them fail the gate.
Exit codes: 0 nothing observed would be blocked, 1 some observed flow (or a write on a
read-only flow) would be blocked, or with --fail-on outside some observed flow has an end
outside every zone network (either phase): gate a policy change in CI; 2 invalid input or
usage; 3 internal error.

Examples:
  $ otpc simulate examples/water-treatment.yaml --flows conn.log
  $ otpc simulate plant.yaml --flows baseline.csv.gz --format json -o simulation.json
  $ otpc simulate plant.yaml --flows flows.csv --phase monitor
  $ otpc simulate plant.yaml --flows conn.log --fail-on outside`)
    .action(run(async (file: string, opts: SimulateOptions) => {
      const term = makeTerm();
      const format = parseFormat(opts.format);
      if (opts.phase !== 'monitor' && opts.phase !== 'enforce') throw new UsageError(`--phase ${opts.phase}: expected enforce or monitor`);
      const phase: 'monitor' | 'enforce' = opts.phase;
      if (!(SIMULATE_FAIL_ON as readonly string[]).includes(opts.failOn)) throw new UsageError(`--fail-on ${opts.failOn}: expected ${SIMULATE_FAIL_ON.join(' or ')}`);
      const failOn = opts.failOn as SimulateFailOn;
      if (opts.output !== undefined && opts.output !== '-') checkOutputFile(opts.output);
      const input = await analyzeWithFlows(file, opts, 'placement', term);
      if (typeof input === 'number') return input;
      const { analysis, set } = input;
      const model = analysis.model;
      term.progress('simulating...');
      const ir = buildRuleIR(model, analysis.catalogs, analysis.placement!, { phase });
      const simulation = simulateFlows(ir, classify({ model }, set));
      term.done();
      printDiagnostics(analysis, term, [...input.diagnostics, ...findingDiagnostics(opts.flows, phase, simulation, failOn)]);
      const report = { site: { id: model.site.id, name: model.site.name }, phase, simulation };
      emit(simulationFormatters[format](report, baselineContext(file, opts.flows, set)), opts.output);
      return simulateFails(simulation.summary, failOn) ? EXIT.findings : EXIT.ok;
    }));
}
