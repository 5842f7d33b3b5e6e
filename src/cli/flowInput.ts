import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Analysis, AnalysisDepth } from '../analyzePolicy.js';
import { buildAddressBook } from '../baseline/addressBook.js';
import { classifyFlows } from '../baseline/classifyFlows.js';
import type { ClassifiedFlow } from '../baseline/classifyFlows.js';
import { readFlows } from '../baseline/readFlows.js';
import { BASELINE_FORMATS } from '../baseline/reportText.js';
import type { BaselineContext, BaselineFormat } from '../baseline/reportText.js';
import { buildServicePorts } from '../baseline/servicePorts.js';
import type { FlowSet } from '../baseline/types.js';
import type { Catalogs } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { EXIT, UsageError } from './exitCodes.js';
import { analyzeFile, hasErrors, printDiagnostics } from './context.js';
import type { CommonOptions } from './context.js';
import { writeOutputs } from './commands/writeOutputs.js';
import type { Term } from './term.js';

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
  writeOutputs([{ target: output && output !== '-' ? output : undefined, text }]);
}

type Analysed = Analysis & Required<Pick<Analysis, 'model' | 'catalogs'>>;

/**
 * The first steps of discover, simulate and plan: the policy analysed to `depth`, then the
 * flow file read (plan: when --flows is given). On any error the diagnostics are printed
 * and the exit code is returned; otherwise the flow file's own diagnostics (bad lines) are
 * returned for the command to print with its findings.
 */
export async function analyzeWithFlows(file: string, opts: CommonOptions & { flows: string }, depth: AnalysisDepth, term: Term): Promise<number | { analysis: Analysed; set: FlowSet; diagnostics: Diagnostic[] }>;
export async function analyzeWithFlows(file: string, opts: CommonOptions & { flows?: string }, depth: AnalysisDepth, term: Term): Promise<number | { analysis: Analysed; set?: FlowSet; diagnostics: Diagnostic[] }>;
export async function analyzeWithFlows(
  file: string, opts: CommonOptions & { flows?: string }, depth: AnalysisDepth, term: Term,
): Promise<number | { analysis: Analysed; set?: FlowSet; diagnostics: Diagnostic[] }> {
  const analysis = analyzeFile(file, opts, depth);
  if (hasErrors(analysis.diagnostics) || !analysis.model || !analysis.catalogs) {
    printDiagnostics(analysis, term);
    return EXIT.invalid;
  }
  const analysed = analysis as Analysed;
  if (opts.flows === undefined) return { analysis: analysed, diagnostics: [] };
  const loaded = await loadFlows(opts.flows, analysis.catalogs, term);
  if (!loaded.set) {
    printDiagnostics(analysis, term, loaded.diagnostics);
    return EXIT.invalid;
  }
  return { analysis: analysed, set: loaded.set, diagnostics: loaded.diagnostics };
}
