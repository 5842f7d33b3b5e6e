import type { Command } from 'commander';
import type { Runner } from '../action.js';
import { diagnosticFails, diagnosticFormatters } from '../../reports/diagnosticFormatters.js';
import type { ValidationRun } from '../../reports/diagnosticFormatters.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { analyzeFile, hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { makeTerm } from '../term.js';
import { planOutputs, writeOutputs } from './writeOutputs.js';
import { VERSION } from '../version.js';

interface ValidateOptions extends CommonOptions {
  failOn: string;
  quiet?: boolean;
  format?: string[];
  output?: string[];
}

export function registerValidate(program: Command, run: Runner): void {
  const names = Object.keys(diagnosticFormatters);
  program
    .command('validate')
    .description('check one or more policy files: schema, references, addresses, waivers')
    .argument('<policy...>', 'policy YAML files')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect)
    .option('--date <YYYY-MM-DD>', 'treat this date as today (waiver expiry; default: today in UTC)')
    .option('--warn-expiring <days>', 'warn about waivers expiring within DAYS', '30')
    .option('--fail-on <level>', 'error (default) or warning: exit 1 when warnings are found', 'error')
    .option('-f, --format <format>', `also write the diagnostics as ${names.join(', ')} (repeatable; to stdout, or -o)`, collect)
    .option('-o, --output <file>', 'write the --format output to FILE (one per --format; "-" is standard output)', collect)
    .option('-q, --quiet', 'print nothing when the files are valid')
    .addHelpText('after', `
Diagnostics are always printed to stderr as FILE:LINE:COL: severity CODE: message.
A waiver is valid through the end of its expiry day (UTC): expired is an error (OTPC503),
expiring within --warn-expiring days a warning (OTPC504).

Exit codes: 0 valid, 1 warnings with --fail-on warning, 2 invalid input or usage, 3 internal error.

Examples:
  $ otpc validate examples/water-treatment.yaml
  $ otpc validate site-a.yaml site-b.yaml --date 2027-01-15
  $ otpc validate plant.yaml --catalog my-protocols.yaml --fail-on warning
  $ otpc validate plant.yaml --format github
  $ otpc validate plant.yaml -f sarif -o validate.sarif -f junit -o validate.xml`)
    .action(run((files: string[], opts: ValidateOptions) => {
      const term = makeTerm();
      if (opts.failOn !== 'error' && opts.failOn !== 'warning') throw new UsageError(`--fail-on ${opts.failOn}: expected error or warning`);
      const plan = opts.format || opts.output ? planOutputs(opts.format ?? [], opts.output ?? [], names) : [];
      const runData: ValidationRun = { files: [], failOn: opts.failOn, toolVersion: VERSION };
      for (const file of files) {
        // every diagnostic validate prints comes from load and validation: no assessment, no rule analysis
        const analysis = analyzeFile(file, opts, 'model');
        runData.files.push({ file, diagnostics: printDiagnostics(analysis, term) });
        if (!hasErrors(analysis.diagnostics) && !opts.quiet) {
          process.stderr.write(`${file}: valid${analysis.diagnostics.length ? ` (${analysis.diagnostics.length} warning(s))` : ''}\n`);
        }
      }
      writeOutputs(plan.map((p) => ({ target: p.target, text: diagnosticFormatters[p.format](runData) })));
      const all = runData.files.flatMap((f) => f.diagnostics);
      if (hasErrors(all)) return EXIT.invalid;
      return all.some((d) => diagnosticFails(d, runData.failOn)) ? EXIT.findings : EXIT.ok;
    }));
}

/** Commander argParser of a repeatable option (no default given, so --help shows none). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
