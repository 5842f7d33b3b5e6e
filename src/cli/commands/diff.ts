import type { Command } from 'commander';
import type { Runner } from '../action.js';
import { diffFormatters } from '../../diff/diffFormatters.js';
import { diffPolicies, isEmptyDiff, isRegression } from '../../diff/diffPolicies.js';
import { DEFAULT_MAX_MARKDOWN_CHARS } from '../../diff/formatDiffMarkdown.js';
import type { DiffSide } from '../../diff/diffPolicies.js';
import type { Analysis } from '../../analyzePolicy.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { analyzeFile, hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { makeTerm } from '../term.js';
import { collect } from './validate.js';
import { planOutputs, writeOutputs } from './writeOutputs.js';

interface DiffOptions extends CommonOptions {
  format?: string[];
  output?: string[];
  failOn: string;
  maxMarkdownChars: string;
}

const FAIL_ON = ['never', 'regression', 'change'] as const;

function maxChars(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(`--max-markdown-chars ${value}: expected a whole number of characters (0 = unlimited)`);
  return Number(value);
}

function side(a: Analysis): DiffSide | undefined {
  if (hasErrors(a.diagnostics) || !a.model || !a.catalogs || !a.placement || !a.assessment || !a.ruleIR) return undefined;
  return { model: a.model, catalogs: a.catalogs, placement: a.placement, assessment: a.assessment, ruleIR: a.ruleIR };
}

export function registerDiff(program: Command, run: Runner): void {
  const names = Object.keys(diffFormatters);
  program
    .command('diff')
    .description('compare two versions of a policy: devices, requirement statuses, SL-A, rules, flows newly allowed')
    .argument('<old>', 'the policy before the change (e.g. git show origin/main:plant.yaml > /tmp/old.yaml)')
    .argument('<new>', 'the policy after the change')
    .option('-f, --format <format>', `${names.join(' or ')} (repeatable, default markdown)`, collect)
    .option('-o, --output <file>', 'write to FILE (one per --format, in the same order; "-" is standard output)', collect)
    .option('--fail-on <change>', 'exit 1 on: never (default), regression (a status worse, SL-A lower, a flow newly allowed, a conduit unenforced), change (anything)', 'never')
    .option('--max-markdown-chars <n>', `cut the Markdown at a whole item so it stays within N characters, most security-relevant parts first; 0 = unlimited (GitHub rejects comments over 65536)`, String(DEFAULT_MAX_MARKDOWN_CHARS))
    .option('--date <YYYY-MM-DD>', 'assess both as of this date (waiver expiry; default: today in UTC)')
    .option('--warn-expiring <days>', 'warn about waivers expiring within DAYS', '30')
    .option('--catalog <file>', 'extra catalogue file merged by id, for both versions (repeatable)', collect)
    .addHelpText('after', `
Both versions are assessed with the same date and catalogues; rules are compared in the
enforce phase and matched by content (conduit + flow), so reordering the YAML shows no change.

The Markdown puts the summary, flows newly allowed, security levels (SL-A) and requirement
statuses that got worse first. Longer than --max-markdown-chars, it stops after the last
whole list item or table row that fits and ends with a line saying how many items were left
out; the JSON (-f json) always has the full diff, so write both in CI.

Exit codes: 0 compared (and nothing at or above --fail-on); 1 a change at or above --fail-on;
2 invalid input or usage (the errors of both files are printed); 3 internal error.

Examples:
  $ otpc diff old.yaml plant.yaml
  $ git show origin/main:plant.yaml > /tmp/old.yaml && otpc diff /tmp/old.yaml plant.yaml -o diff.md
  $ otpc diff old.yaml plant.yaml -f json -o diff.json -f markdown -o - --fail-on regression
  $ otpc diff old.yaml plant.yaml -f markdown -o diff.md -f json -o diff.json --max-markdown-chars 30000`)
    .action(run((oldFile: string, newFile: string, opts: DiffOptions) => {
      const term = makeTerm();
      const plan = planOutputs(opts.format ?? ['markdown'], opts.output ?? [], names);
      if (!(FAIL_ON as readonly string[]).includes(opts.failOn)) throw new UsageError(`--fail-on ${opts.failOn}: expected ${FAIL_ON.join(', ')}`);
      const formatOptions = { maxChars: maxChars(opts.maxMarkdownChars) };
      // statuses, SL-A and the enforce-phase rule IR: the diff shows no rule analysis findings
      const analyses = [analyzeFile(oldFile, opts, 'statuses'), analyzeFile(newFile, opts, 'statuses')];
      for (const a of analyses) printDiagnostics(a, term);
      const [before, after] = analyses.map(side);
      if (!before || !after) return EXIT.invalid;
      term.progress('comparing...');
      const d = diffPolicies(before, after);
      term.done();
      writeOutputs(plan.map((p) => ({ target: p.target, text: diffFormatters[p.format](d, formatOptions) })));
      if (opts.failOn === 'change' && !isEmptyDiff(d)) return EXIT.findings;
      if (opts.failOn === 'regression' && isRegression(d)) return EXIT.findings;
      return EXIT.ok;
    }));
}
