import type { Command } from 'commander';
import type { Runner } from '../action.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { EXIT } from '../exitCodes.js';
import { analyzeFile, hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { makeTerm } from '../term.js';

interface ValidateOptions extends CommonOptions {
  failOn?: string;
  quiet?: boolean;
}

export function registerValidate(program: Command, run: Runner): void {
  program
    .command('validate')
    .description('check one or more policy files: schema, references, addresses, waivers')
    .argument('<policy...>', 'policy YAML files')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect, [])
    .option('--date <YYYY-MM-DD>', 'treat this date as today (waiver expiry; default: today in UTC)')
    .option('--warn-expiring <days>', 'warn about waivers expiring within DAYS', '30')
    .option('--fail-on <level>', 'error (default) or warning: exit 1 when warnings are found', 'error')
    .option('-q, --quiet', 'print nothing when the files are valid')
    .addHelpText('after', `
Exit codes: 0 valid, 1 warnings with --fail-on warning, 2 invalid input or usage, 3 internal error.

Examples:
  $ otpc validate examples/water-treatment.yaml
  $ otpc validate site-a.yaml site-b.yaml --date 2027-01-15
  $ otpc validate plant.yaml --catalog my-protocols.yaml --fail-on warning`)
    .action(run((files: string[], opts: ValidateOptions) => {
      const term = makeTerm();
      let worst: number = EXIT.ok;
      const all: Diagnostic[] = [];
      for (const file of files) {
        const analysis = analyzeFile(file, opts);
        printDiagnostics(analysis, term);
        all.push(...analysis.diagnostics);
        if (hasErrors(analysis.diagnostics)) worst = EXIT.invalid;
        else if (!opts.quiet) process.stderr.write(`${file}: valid${analysis.diagnostics.length ? ` (${analysis.diagnostics.length} warning(s))` : ''}\n`);
      }
      if (worst === EXIT.ok && opts.failOn === 'warning' && all.some((d) => d.severity === 'warning')) worst = EXIT.findings;
      return worst;
    }));
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
