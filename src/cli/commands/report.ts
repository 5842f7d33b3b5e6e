import type { Command } from 'commander';
import type { Runner } from '../action.js';
import type { Assessment, Finding } from '../../assess/types.js';
import { compareWithBaseline } from '../../baselineReport/compareWithBaseline.js';
import { readBaselineReport } from '../../baselineReport/readBaselineReport.js';
import type { ReadBaselineResult } from '../../baselineReport/readBaselineReport.js';
import type { BaselineComparison } from '../../baselineReport/types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { FAIL_LEVELS, isFailLevel } from '../../reports/failLevel.js';
import type { FailLevel } from '../../reports/failLevel.js';
import { findingsOf } from '../../reports/findingsOf.js';
import { gateFailures } from '../../reports/gateFailures.js';
import { formatters } from '../../reports/registry.js';
import { reportChunks } from '../../reports/reportChunks.js';
import type { ReportContext } from '../../reports/types.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { analyzeFile, findingsAsDiagnostics, hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { readInputFile } from '../io.js';
import { makeTerm } from '../term.js';
import { collect } from './validate.js';
import { planOutputs, writeOutputChunks } from './writeOutputs.js';
import { VERSION } from '../version.js';

interface ReportOptions extends CommonOptions {
  format?: string[];
  output?: string[];
  failOn: string;
  baseline?: string;
}

export function parseFailOn(value: string): FailLevel {
  if (!isFailLevel(value)) throw new UsageError(`--fail-on ${value}: expected ${FAIL_LEVELS.join(', ')}`);
  return value;
}

/**
 * Largest baseline report read. A JSON report is ~35 kB per device (every required
 * requirement row), so a policy near its own 16 MiB limit gives a report well above it.
 */
export const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

/** Reads --baseline FILE; every problem is a located diagnostic of that file. */
export function loadBaselineFile(path: string, siteId: string | undefined): ReadBaselineResult {
  const input = readInputFile(path, MAX_BASELINE_BYTES);
  if (!input.ok) return { diagnostics: [input.diagnostic] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
  } catch {
    return { diagnostics: [{ code: 'OTPC951', severity: 'error', file: path, message: 'the baseline is not UTF-8 text (a JSON report is)' }] };
  }
  return readBaselineReport(text, path, siteId);
}

/**
 * The policy file's own non-error diagnostics (load and validation warnings and notes,
 * e.g. OTPC504, a waiver expiring within --warn-expiring days) as site findings of the
 * assessment, so every format lists them at their YAML line and the one gate function
 * (gateFailures) decides the exit code from the same list, --baseline included (a new one
 * fails, an unchanged one does not). Diagnostics of --catalog files and of the baseline are
 * about other files and are left out; so is a policy diagnostic without a JSON pointer,
 * which a finding cannot locate (see unlocatedPolicyWarnings).
 */
export function policyDiagnosticFindings(diagnostics: readonly Diagnostic[], file: string): Finding[] {
  return diagnostics
    .filter((d) => d.severity !== 'error' && d.file === file && d.pointer !== undefined)
    .map((d) => ({ code: d.code, severity: d.severity, message: d.message, pointer: d.pointer! }));
}

/**
 * The warnings that --fail-on warning fails on but that policyDiagnosticFindings cannot turn
 * into findings: no JSON pointer, or of a --catalog file. No load, validation or catalogue
 * check emits such a warning today (they are all located); counted apart so that, should one
 * appear, it still fails the gate as it does `validate --fail-on warning`. Not in the report
 * outputs, which list findings of the policy only; the summary line names them.
 */
export function unlocatedPolicyWarnings(diagnostics: readonly Diagnostic[], file: string, failOn: FailLevel): Diagnostic[] {
  if (failOn !== 'warning') return [];
  return diagnostics.filter((d) => d.severity === 'warning' && (d.file !== file || d.pointer === undefined));
}

function summaryLine(a: Assessment, failing: number, warnings: number, failOn: FailLevel, b: BaselineComparison | undefined): string {
  const s = a.summary;
  const base = b ? `; baseline ${b.date}: ${b.new.length} new, ${b.unchanged.length} unchanged, ${b.resolved.length} resolved` : '';
  const policy = warnings > 0 ? ` + ${warnings} unlocated policy warning(s)` : '';
  const gate = failOn === 'never' ? 'never fails' : `${failing} finding(s) at or above ${failOn}${b ? ' and new' : ''}${policy}`;
  return `otpc report: ${a.devices.length} devices; ${s.native} native, ${s.compensated} compensated, ${s.waived} waived, ${s.partial} partial, ${s.gap} gap${base}; --fail-on ${failOn}: ${gate}\n`;
}

export function registerReport(program: Command, run: Runner): void {
  const names = Object.keys(formatters);
  program
    .command('report')
    .description('assess every device against IEC 62443-3-3 and write the gap report; the CI gate')
    .argument('<policy>', 'policy YAML file')
    .option('-f, --format <format>', `report format: ${names.join(', ')} (repeatable, default markdown)`, collect)
    .option('-o, --output <file>', 'write the report to FILE (one per --format, in the same order; "-" is standard output)', collect)
    .option('--fail-on <level>', 'exit 1 on findings at or above: gap (default), partial, warning (also site findings, among them the warnings about the policy file, e.g. an expiring waiver), never', 'gap')
    .option('--baseline <report.json>', 'a previous "otpc report --format json": fail only on findings that are new relative to it')
    .option('--date <YYYY-MM-DD>', 'assess as of this date (waiver expiry; default: today in UTC)')
    .option('--warn-expiring <days>', 'warn about waivers expiring within DAYS', '30')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect)
    .addHelpText('after', `
A waiver is valid through the end of its expiry day (UTC); an expired waiver is an error (exit 2).
Finding identity for --baseline: device + requirement + status; site findings: code + message.
The warnings and notes about the policy file itself (load and validation, such as OTPC504,
a waiver expiring within --warn-expiring days) are site findings at their line in every
format: with --fail-on warning they fail the gate, as with "otpc validate --fail-on warning";
with --baseline only when new, like every other finding.

Exit codes: 0 nothing at or above --fail-on (nothing new with --baseline); 1 findings at or
above --fail-on (with warning: also the warnings about the policy); 2 invalid input or usage
(policy, baseline or options; nothing is written); 3 internal error.

Examples:
  $ otpc report examples/water-treatment.yaml
  $ otpc report plant.yaml --format json -o report.json --date 2027-01-15
  $ otpc report plant.yaml -f markdown -o gaps.md -f json -o gaps.json --fail-on partial
  $ otpc report plant.yaml --baseline main-report.json -f sarif -o otpc.sarif -f github -o -
  $ otpc report plant.yaml -f junit -o otpc-junit.xml --fail-on never`)
    .action(run(async (file: string, opts: ReportOptions) => {
      const term = makeTerm();
      const plan = planOutputs(opts.format ?? ['markdown'], opts.output ?? [], names);
      const failOn = parseFailOn(opts.failOn);
      const analysis = analyzeFile(file, opts);
      const base = opts.baseline !== undefined ? loadBaselineFile(opts.baseline, analysis.model?.site.id) : undefined;
      const findings = findingsAsDiagnostics(analysis.assessment?.findings ?? [], file);
      printDiagnostics(analysis, term, [...findings, ...(base?.diagnostics ?? [])]);
      if (hasErrors(analysis.diagnostics) || hasErrors(base?.diagnostics ?? []) || !analysis.assessment || !analysis.model) return EXIT.invalid;
      // the policy's own warnings and notes were printed above as diagnostics: as findings they reach only the outputs and the gate
      const policyFindings = policyDiagnosticFindings(analysis.diagnostics, file);
      const assessment: Assessment = policyFindings.length === 0
        ? analysis.assessment
        : { ...analysis.assessment, findings: [...analysis.assessment.findings, ...policyFindings] };
      const all = findingsOf(assessment, analysis.catalogs!);
      const comparison = base?.baseline ? compareWithBaseline(all, base.baseline) : undefined;
      const ctx: ReportContext = {
        model: analysis.model, catalogs: analysis.catalogs!, placement: analysis.placement!, file,
        // the key's line for assets and conduits ("plc-7:"), so annotations land on the name
        locate: (p: string) => analysis.sourceMap?.locate(p, 'key'),
        failOn, toolVersion: VERSION, ...(comparison ? { baseline: comparison } : {}),
      };
      // each report is written as it is produced (json and markdown device by device), never held whole
      await writeOutputChunks(plan.map((p) => ({ target: p.target, chunks: () => reportChunks(formatters[p.format], assessment, ctx) })));
      const failing = gateFailures(all, failOn, comparison).length;
      const warnings = unlocatedPolicyWarnings(analysis.diagnostics, file, failOn).length;
      process.stderr.write(summaryLine(assessment, failing, warnings, failOn, comparison));
      return failing + warnings > 0 ? EXIT.findings : EXIT.ok;
    }));
}
