import type { Command } from 'commander';
import type { Runner } from '../action.js';
import type { Assessment, Status } from '../../assess/types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatters } from '../../reports/registry.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { analyzeFile, hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { writeFileAtomic } from '../io.js';
import { makeTerm } from '../term.js';
import { collect } from './validate.js';

interface ReportOptions extends CommonOptions {
  format: string[];
  output: string[];
  failOn: string;
}

const FAIL_ON: Record<string, Status[]> = { gap: ['gap'], partial: ['gap', 'partial'], never: [] };

export function failingStatuses(failOn: string): Status[] {
  const s = FAIL_ON[failOn];
  if (!s) throw new UsageError(`--fail-on ${failOn}: expected gap, partial or never`);
  return s;
}

export function countFailing(a: Assessment, failOn: string): number {
  const statuses = failingStatuses(failOn);
  return a.devices.reduce((n, d) => n + d.requirements.filter((r) => statuses.includes(r.status)).length, 0);
}

export function registerReport(program: Command, run: Runner): void {
  program
    .command('report')
    .description('assess every device against IEC 62443-3-3 and write the gap report')
    .argument('<policy>', 'policy YAML file')
    .option('-f, --format <format>', `report format: ${Object.keys(formatters).join(', ')} (repeatable, default markdown)`, collect, [])
    .option('-o, --output <file>', 'write the report to FILE instead of stdout (one per --format, in the same order)', collect, [])
    .option('--fail-on <level>', 'exit 1 when a requirement has this status or worse: gap, partial, never', 'gap')
    .option('--date <YYYY-MM-DD>', 'assess as of this date (waiver expiry; default: today in UTC)')
    .option('--warn-expiring <days>', 'warn about waivers expiring within DAYS', '30')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect, [])
    .addHelpText('after', `
Exit codes: 0 no requirement at or above --fail-on, 1 findings, 2 invalid input or usage, 3 internal error.

Examples:
  $ otpc report examples/water-treatment.yaml
  $ otpc report plant.yaml --format json -o report.json --date 2027-01-15
  $ otpc report plant.yaml -f markdown -o gaps.md -f json -o gaps.json --fail-on partial`)
    .action(run((file: string, opts: ReportOptions) => {
      const term = makeTerm();
      const formats = opts.format.length > 0 ? opts.format : ['markdown'];
      for (const f of formats) if (!formatters[f]) throw new UsageError(`--format ${f}: expected one of ${Object.keys(formatters).join(', ')}`);
      if (opts.output.length > formats.length || (formats.length > 1 && opts.output.length !== formats.length)) {
        throw new UsageError('give one -o FILE per --format (or none to print a single format to stdout)');
      }
      failingStatuses(opts.failOn);
      const analysis = analyzeFile(file, opts);
      const findings: Diagnostic[] = (analysis.assessment?.findings ?? []).map((f) => ({ code: f.code, severity: f.severity, message: f.message, file, pointer: f.pointer }));
      printDiagnostics(analysis, term, findings);
      if (hasErrors(analysis.diagnostics) || !analysis.assessment || !analysis.model) return EXIT.invalid;
      const ctx = {
        model: analysis.model, catalogs: analysis.catalogs!, placement: analysis.placement!, file,
        locate: (p: string) => analysis.sourceMap?.locate(p),
      };
      formats.forEach((f, i) => {
        const text = formatters[f](analysis.assessment!, ctx);
        if (opts.output[i] && opts.output[i] !== '-') writeFileAtomic(opts.output[i], text);
        else process.stdout.write(text);
      });
      return countFailing(analysis.assessment, opts.failOn) > 0 ? EXIT.findings : EXIT.ok;
    }));
}
