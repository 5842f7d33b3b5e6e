import type { Command } from 'commander';
import type { Runner } from '../action.js';
import { backends } from '../../backends/registry.js';
import { siteFindings } from '../../analyzePolicy.js';
import { compilePolicy } from '../../compilePolicy.js';
import { optimize } from '../../optimize/optimize.js';
import type { RuleIR } from '../../rules/types.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { analyzeFile, findingsAsDiagnostics, hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { checkOutputFolder, writeFolderAtomic } from '../io.js';
import { previousOutputs } from '../previousOutputs.js';
import { makeTerm } from '../term.js';
import { collect } from './validate.js';

interface CompileCliOptions extends CommonOptions {
  target: string;
  phase: string;
  output?: string;
  optimize: boolean;
}

export function registerCompile(program: Command, run: Runner): void {
  const targets = ['all', ...Object.keys(backends).sort()];
  program
    .command('compile')
    .description('render the firewall/ACL configuration of every enforcement point, plus trace.json')
    .argument('<policy>', 'policy YAML file')
    .requiredOption('-o, --output <dir>', 'output folder: DIR/<enforcement-point>.<ext> and DIR/trace.json')
    .option('-t, --target <platform>', `render only enforcement points of this platform: ${targets.join(', ')}`, 'all')
    .option('-p, --phase <phase>', 'monitor (final rules permit and log) or enforce (final rules deny and log)', 'enforce')
    .option('--no-optimize', 'keep one rule per conduit flow (for auditors)')
    .option('--date <YYYY-MM-DD>', 'treat this date as today (waiver expiry; default: today in UTC)')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect, [])
    .addHelpText('after', `
The folder is written all-or-nothing: on any error it is left as it was.
Warnings printed: the site findings (unenforced conduits, controls a platform cannot
enforce) and the rule findings for the rendered enforcement points: with --target, the
shadowed, redundant and platform-limit findings (OTPC751, OTPC752, OTPC757) of the other
points are not computed ("otpc report" lists them for every point).
Exit codes: 0 written, 2 invalid input or usage (nothing written), 3 internal error.

Examples:
  $ otpc compile examples/water-treatment.yaml -o out/configs
  $ otpc compile plant.yaml --target fortios --phase monitor -o out/monitor
  $ otpc compile plant.yaml --target cisco-ios --no-optimize -o out/audit`)
    .action(run((file: string, opts: CompileCliOptions) => {
      const term = makeTerm();
      if (!targets.includes(opts.target)) throw new UsageError(`--target ${opts.target}: expected one of ${targets.join(', ')}`);
      if (opts.phase !== 'monitor' && opts.phase !== 'enforce') throw new UsageError(`--phase ${opts.phase}: expected monitor or enforce`);
      checkOutputFolder(opts.output!);
      // compile prints no device rows: no assessment, only what the configs and their findings need
      const analysis = analyzeFile(file, opts, 'placement');
      if (hasErrors(analysis.diagnostics) || !analysis.model || !analysis.placement) {
        printDiagnostics(analysis, term);
        return EXIT.invalid;
      }
      term.progress('compiling rules...');
      const result = compilePolicy(
        { model: analysis.model, catalogs: analysis.catalogs!, placement: analysis.placement },
        { target: opts.target, phase: opts.phase, analyze: true, ...(opts.optimize ? { optimize: (ir: RuleIR) => optimize(ir) } : {}) },
      );
      term.done();
      // the site findings (OTPC703/704) as `report` lists them, and the rule findings of the rendered points
      const findings = findingsAsDiagnostics([...siteFindings(analysis.model, analysis.catalogs!, analysis.placement), ...(result.findings ?? [])], file);
      printDiagnostics(analysis, term, [...findings, ...result.diagnostics]);
      if (hasErrors(result.diagnostics)) return EXIT.invalid;
      // files of an earlier compile that this one does not write (a renamed enforcement point) are removed
      const { removed } = writeFolderAtomic(opts.output!, result.files, { previous: previousOutputs });
      process.stderr.write(`wrote ${result.files.length} file(s) to ${opts.output}: ${result.files.map((f) => f.path).join(', ')}\n`);
      if (removed.length > 0) process.stderr.write(`removed ${removed.length} stale file(s) of an earlier compile: ${removed.join(', ')}\n`);
      return EXIT.ok;
    }));
}
