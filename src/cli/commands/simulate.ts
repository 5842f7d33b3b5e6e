import type { Command } from 'commander';
import type { Runner } from '../action.js';
import { simulationFormatters } from '../../baseline/formatSimulation.js';
import { BASELINE_FORMATS } from '../../baseline/reportText.js';
import { simulateFlows } from '../../baseline/simulateFlows.js';
import type { Simulation } from '../../baseline/simulateFlows.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { buildRuleIR } from '../../rules/buildRuleIR.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { analyzeFile, hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { makeTerm } from '../term.js';
import { collect } from './validate.js';
import { baselineContext, classify, emit, loadFlows, parseFormat } from './discover.js';

interface SimulateOptions extends CommonOptions {
  flows: string;
  phase: string;
  format: string;
  output?: string;
}

function findingDiagnostics(path: string, phase: string, sim: Simulation): Diagnostic[] {
  const s = sim.summary;
  const out: Diagnostic[] = [];
  const add = (code: string, severity: Diagnostic['severity'], n: number, message: string) => { if (n > 0) out.push({ code, severity, file: path, message }); };
  add('OTPC806', 'warning', s.blockedFlows, `${s.blockedFlows} observed flow(s) (${s.blockedRecords} connection(s)) would be blocked in the ${phase} phase`);
  add('OTPC807', 'warning', s.unenforced, `${s.unenforced} observed flow(s) cross zones that no enforcement point joins`);
  add('OTPC804', 'warning', s.outside, `${s.outside} observed flow(s) have an end outside every zone network; not decided (run otpc discover)`);
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
    .option('--date <YYYY-MM-DD>', 'treat this date as today (waiver expiry; default: today in UTC)')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect, [])
    .addHelpText('after', `
Each flow is decided on every enforcement point whose interfaces join its two zones,
first match in rule order, exactly as the rendered configs decide it. Flows inside one
zone are never blocked; flows between zones that no enforcement point joins are listed
as unenforced. Read-only flows are checked against the operations column, if any.
Exit codes: 0 nothing observed would be blocked, 1 some observed flow (or a write on a
read-only flow) would be blocked: gate a policy change in CI; 2 invalid input or usage;
3 internal error.

Examples:
  $ otpc simulate examples/water-treatment.yaml --flows conn.log
  $ otpc simulate plant.yaml --flows baseline.csv.gz --format json -o simulation.json
  $ otpc simulate plant.yaml --flows flows.csv --phase monitor`)
    .action(run(async (file: string, opts: SimulateOptions) => {
      const term = makeTerm();
      const format = parseFormat(opts.format);
      if (opts.phase !== 'monitor' && opts.phase !== 'enforce') throw new UsageError(`--phase ${opts.phase}: expected enforce or monitor`);
      const phase: 'monitor' | 'enforce' = opts.phase;
      const analysis = analyzeFile(file, opts, 'placement');
      if (hasErrors(analysis.diagnostics) || !analysis.model) {
        printDiagnostics(analysis, term);
        return EXIT.invalid;
      }
      const loaded = await loadFlows(opts.flows, analysis.catalogs!, term);
      if (!loaded.set) {
        printDiagnostics(analysis, term, loaded.diagnostics);
        return EXIT.invalid;
      }
      const model = analysis.model;
      term.progress('simulating...');
      const ir = buildRuleIR(model, analysis.catalogs!, analysis.placement!, { phase });
      const simulation = simulateFlows(ir, classify({ model }, loaded.set));
      term.done();
      printDiagnostics(analysis, term, [...loaded.diagnostics, ...findingDiagnostics(opts.flows, phase, simulation)]);
      const report = { site: { id: model.site.id, name: model.site.name }, phase, simulation };
      emit(simulationFormatters[format](report, baselineContext(file, opts.flows, loaded.set)), opts.output);
      const s = simulation.summary;
      return s.blockedFlows > 0 || s.readOnlyBlocked > 0 ? EXIT.findings : EXIT.ok;
    }));
}
