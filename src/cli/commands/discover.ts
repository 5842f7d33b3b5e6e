import type { Command } from 'commander';
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Runner } from '../action.js';
import type { Analysis } from '../../analyzePolicy.js';
import { buildAddressBook } from '../../baseline/addressBook.js';
import { classifyFlows } from '../../baseline/classifyFlows.js';
import type { ClassifiedFlow } from '../../baseline/classifyFlows.js';
import { buildConduitCoverage } from '../../baseline/conduitCoverage.js';
import { discoverFlows } from '../../baseline/discoverFlows.js';
import { discoveryFormatters } from '../../baseline/formatDiscovery.js';
import { readFlows } from '../../baseline/readFlows.js';
import { BASELINE_FORMATS } from '../../baseline/reportText.js';
import type { BaselineContext, BaselineFormat } from '../../baseline/reportText.js';
import { buildServicePorts } from '../../baseline/servicePorts.js';
import { suggestYaml } from '../../baseline/suggestYaml.js';
import type { FlowSet } from '../../baseline/types.js';
import type { Catalogs } from '../../catalog/types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { analyzeFile, hasErrors, printDiagnostics } from '../context.js';
import type { CommonOptions } from '../context.js';
import { checkOutputFile, writeFileAtomic } from '../io.js';
import { makeTerm } from '../term.js';
import type { Term } from '../term.js';
import { collect } from './validate.js';

/** Bad line numbers named in the OTPC802 message (all of them are in the JSON report). */
const BAD_LINES_SHOWN = 10;

/** The flow file as a stream of chunks: a file (gzip detected by its magic bytes, not its name) or "-" for stdin. */
function openFlowStream(path: string): Readable {
  if (path === '-') return process.stdin;
  const st = statSync(path);
  if (st.isDirectory()) throw new Error('is a folder, not a file');
  if (!st.isFile()) throw new Error('is not a regular file (use "-" to read a pipe from stdin)');
  const magic = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  let n: number;
  try { n = readSync(fd, magic, 0, 2, 0); } finally { closeSync(fd); }
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  if (n < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) return file;
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  file.on('error', (e) => gunzip.destroy(e));
  return file.pipe(gunzip);
}

function badLinesDiagnostic(path: string, set: FlowSet): Diagnostic {
  const s = set.stats;
  const first = s.badLineReasons[0];
  const shown = s.badLines.slice(0, BAD_LINES_SHOWN).join(', ');
  return {
    code: 'OTPC802', severity: 'warning', file: path,
    range: { start: { line: first.line, col: 1 }, end: { line: first.line, col: 1 } },
    message: `${s.badLineCount} line(s) could not be read and were skipped: line${s.badLineCount > 1 ? 's' : ''} ${shown}${s.badLineCount > BAD_LINES_SHOWN ? ', …' : ''} (line ${first.line}: ${first.reason})`,
  };
}

/**
 * Reads a flow file for discover, simulate and plan: streamed, oriented by service
 * port, aggregated. Unreadable file or unknown format: OTPC801 (exit 2). Bad lines:
 * one OTPC802 warning naming the first line numbers.
 */
export async function loadFlows(path: string, catalogs: Catalogs, term: Term): Promise<{ set?: FlowSet; diagnostics: Diagnostic[] }> {
  const fail = (message: string, line?: number) => ({
    diagnostics: [{
      code: 'OTPC801', severity: 'error' as const, file: path, message,
      ...(line !== undefined ? { range: { start: { line, col: 1 }, end: { line, col: 1 } } } : {}),
    }],
  });
  let result;
  try {
    const stream = openFlowStream(path);
    result = await readFlows(stream, {
      servicePorts: buildServicePorts(catalogs.protocols.values()),
      onProgress: (lines) => term.progress(`reading ${path}: ${lines.toLocaleString('en-US')} lines`),
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`cannot read the flow file: ${code === 'ENOENT' ? 'no such file' : code === 'Z_DATA_ERROR' ? 'corrupt gzip data' : (e as Error).message}`);
  } finally {
    term.done();
  }
  if (!result.ok) return fail(result.message, result.line);
  return { set: result.set, diagnostics: result.set.stats.badLineCount > 0 ? [badLinesDiagnostic(path, result.set)] : [] };
}

/** Zones and assets of every observed flow. */
export function classify(analysis: Required<Pick<Analysis, 'model'>>, set: FlowSet): ClassifiedFlow[] {
  return classifyFlows(set.flows, buildAddressBook(analysis.model));
}

export function parseFormat(value: string): BaselineFormat {
  if (!(BASELINE_FORMATS as string[]).includes(value)) throw new UsageError(`--format ${value}: expected ${BASELINE_FORMATS.join(' or ')}`);
  return value as BaselineFormat;
}

export function baselineContext(policy: string, flows: string, set: FlowSet): BaselineContext {
  return { policy: basename(policy), flows: flows === '-' ? 'stdin' : basename(flows), stats: set.stats, distinct: set.flows.length };
}

/** Text to stdout, or atomically to FILE ("-" is stdout). */
export function emit(text: string, output: string | undefined): void {
  if (output && output !== '-') writeFileAtomic(output, text);
  else process.stdout.write(text);
}

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
      const analysis = analyzeFile(file, opts, 'model');
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
      const coverage = buildConduitCoverage(model);
      const detail = discoverFlows(model, classify({ model }, loaded.set), coverage);
      const suggestion = suggestYaml(model, analysis.catalogs!, coverage, detail);
      printDiagnostics(analysis, term, [...loaded.diagnostics, ...findingDiagnostics(opts.flows, detail.summary)]);
      const report = { site: { id: model.site.id, name: model.site.name }, discovery: detail, assetCount: model.assets.size, suggestion };
      emit(discoveryFormatters[format](report, baselineContext(file, opts.flows, loaded.set)), opts.output);
      if (opts.suggest) writeFileAtomic(opts.suggest, suggestion);
      return EXIT.ok;
    }));
}
