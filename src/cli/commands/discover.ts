import type { Command } from 'commander';
import type { Runner } from '../action.js';
import { buildConduitCoverage } from '../../baseline/conduitCoverage.js';
import { discoverFlows } from '../../baseline/discoverFlows.js';
import { discoveryFormatters } from '../../baseline/formatDiscovery.js';
import { BASELINE_FORMATS } from '../../baseline/reportText.js';
import { suggestYaml } from '../../baseline/suggestYaml.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { printDiagnostics } from '../context.js';
import { EXIT } from '../exitCodes.js';
import type { CommonOptions } from '../context.js';
import { checkOutputFile, writeFileAtomic } from '../io.js';
import { makeTerm } from '../term.js';
import { analyzeWithFlows, baselineContext, classify, emit, parseFormat } from '../flowInput.js';
import { collect } from './validate.js';

interface DiscoverOptions extends CommonOptions {
  flows: string;
  format: string;
  output?: string;
  suggest?: string;
}

function findingDiagnostics(path: string, s: ReturnType<typeof discoverFlows>['summary']): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (code: string, severity: Diagnostic['severity'], n: number, message: string) => { if (n > 0) out.push({ code, severity, file: path, message }); };
  add('OTPC803', 'warning', s.undocumented, `${s.undocumented} observed address(es) are not documented assets (${s.undocumentedInZones} inside zone networks, ${s.undocumentedOutside} outside every zone network)`);
  add('OTPC804', 'warning', s.uncoveredFlows, `${s.uncoveredFlows} observed flow(s) between zones are covered by no conduit flow`);
  add('OTPC805', 'note', s.unseenAssets, `${s.unseenAssets} documented asset(s) never appear in the flows`);
  return out;
}

export function registerDiscover(program: Command, run: Runner): void {
  program
    .command('discover')
    .description('compare observed flows with the policy: undocumented devices and flows, assets never seen, and a YAML fragment to add')
    .argument('<policy>', 'policy YAML file')
    .requiredOption('--flows <file>', 'Zeek conn.log (TSV or JSON lines), flow CSV or nfdump CSV; gzip is detected; "-" reads stdin')
    .option('-f, --format <format>', `report format: ${BASELINE_FORMATS.join(', ')}`, 'markdown')
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--suggest <file>', 'also write the suggested YAML fragment to FILE')
    .option('--date <YYYY-MM-DD>', 'treat this date as today (waiver expiry; default: today in UTC)')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect, [])
    .addHelpText('after', `
A CSV needs a header with src, dst, proto and dport (sport, packets, bytes, first, last
and an operations column such as modbus_fc are used when present; nfdump's sa, da, pr,
dp, ipkt, ibyt also work). Flows recorded backwards (a PLC shown as the client of its own
service port) are re-oriented by their well-known or catalogued service port.
Exit codes: 0 report written, 2 invalid input or usage, 3 internal error.

Examples:
  $ otpc discover examples/water-treatment.yaml --flows conn.log
  $ otpc discover plant.yaml --flows flows.csv.gz --format json -o discovery.json
  $ zcat conn.*.log.gz | otpc discover plant.yaml --flows - --suggest additions.yaml`)
    .action(run(async (file: string, opts: DiscoverOptions) => {
      const term = makeTerm();
      const format = parseFormat(opts.format);
      for (const out of [opts.output, opts.suggest]) if (out !== undefined && out !== '-') checkOutputFile(out);
      const input = await analyzeWithFlows(file, opts, 'model', term);
      if (typeof input === 'number') return input;
      const { analysis, set } = input;
      const model = analysis.model;
      const coverage = buildConduitCoverage(model);
      const detail = discoverFlows(model, classify({ model }, set), coverage);
      const suggestion = suggestYaml(model, analysis.catalogs, coverage, detail);
      printDiagnostics(analysis, term, [...input.diagnostics, ...findingDiagnostics(opts.flows, detail.summary)]);
      const report = { site: { id: model.site.id, name: model.site.name }, discovery: detail, assetCount: model.assets.size, suggestion };
      emit(discoveryFormatters[format](report, baselineContext(file, opts.flows, set)), opts.output);
      if (opts.suggest) writeFileAtomic(opts.suggest, suggestion);
      return EXIT.ok;
    }));
}
