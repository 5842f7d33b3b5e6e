import type { SourceRange } from '../diagnostics/diagnostic.js';
import { artifactUri } from './artifactUri.js';
import { nestedJson, Preformatted, StreamedArray, StreamedObject, valueChunks } from './jsonText.js';

/** SARIF 2.1.0 (OASIS Standard, errata 01): the subset otpc writes. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: string;
  fullDescription?: string;
  help?: string;
  level: SarifLevel;
  tags?: string[];
}

export interface SarifResultInput {
  ruleId: string;
  level: SarifLevel;
  message: string;
  file: string;
  range?: SourceRange;
  /** Stable identity: partialFingerprints (GitHub matches alerts across runs with them). */
  fingerprint: string;
  kind?: 'fail' | 'pass';
  baselineState?: 'new' | 'unchanged' | 'absent';
  suppression?: { justification: string; file: string; range?: SourceRange };
  properties?: Record<string, unknown>;
}

export interface SarifRunInput {
  /** runAutomationDetails.id: GitHub's analysis category ("otpc-report/<site>/"). */
  automationId: string;
  toolVersion?: string;
  rules: SarifRule[];
  results: SarifResultInput[];
  /** Files analysed, as given on the command line. */
  files: string[];
  properties?: Record<string, unknown>;
}

function location(file: string, range: SourceRange | undefined, artifacts: Map<string, number>) {
  // a one-line range is kept whole; a block (a waiver or flow mapping) is pointed at by its first line
  const region = range && (range.end.line === range.start.line
    ? { startLine: range.start.line, startColumn: range.start.col, endLine: range.end.line, endColumn: Math.max(range.end.col, range.start.col + 1) }
    : { startLine: range.start.line, startColumn: range.start.col });
  const index = artifacts.get(file);
  return { physicalLocation: { artifactLocation: { ...artifactUri(file), ...(index !== undefined ? { index } : {}) }, ...(region ? { region } : {}) } };
}

function rule(r: SarifRule) {
  return {
    id: r.id, name: r.name, shortDescription: { text: r.shortDescription },
    ...(r.fullDescription ? { fullDescription: { text: r.fullDescription } } : {}),
    ...(r.help ? { help: { text: r.help } } : {}),
    defaultConfiguration: { level: r.level },
    ...(r.tags ? { properties: { tags: r.tags } } : {}),
  };
}

function result(r: SarifResultInput, ruleIndex: Map<string, number>, artifacts: Map<string, number>) {
  return {
    ruleId: r.ruleId, ruleIndex: ruleIndex.get(r.ruleId)!, ...(r.kind && r.kind !== 'fail' ? { kind: r.kind } : {}), level: r.level,
    message: { text: r.message },
    locations: [location(r.file, r.range, artifacts)],
    partialFingerprints: { 'otpcFinding/v1': r.fingerprint },
    ...(r.baselineState ? { baselineState: r.baselineState } : {}),
    ...(r.suppression ? {
      suppressions: [{ kind: 'external', status: 'accepted', justification: r.suppression.justification, location: location(r.suppression.file, r.suppression.range, artifacts) }],
    } : {}),
    ...(r.properties ? { properties: r.properties } : {}),
  };
}

/** Depth of a result in the log: root 0, runs 1, the run 2, results 3. */
const RESULT_DEPTH = 4;

/**
 * The log as pieces: the skeleton member by member, the results one by one (each checked
 * against the rules and laid out as it is reached), so a run of 400,000 results is never
 * one string. Same bytes as JSON.stringify(log, null, 2) plus a newline.
 */
function* logChunks(run: SarifRunInput | SarifRunStream): Generator<string> {
  const ruleIndex = new Map(run.rules.map((r, i) => [r.id, i] as const));
  const files = [...new Set(run.files)];
  const artifacts = new Map(files.map((f, i) => [f, i] as const));
  function* results(): Generator<Preformatted> {
    for (const r of run.results) {
      if (!ruleIndex.has(r.ruleId)) throw new Error(`sarif: result for undeclared rule ${r.ruleId}`);
      yield new Preformatted(nestedJson(result(r, ruleIndex, artifacts), RESULT_DEPTH)!);
    }
  }
  const runObject = new StreamedObject([
    ['tool', { driver: { name: 'otpc', ...(run.toolVersion ? { semanticVersion: run.toolVersion } : {}), rules: run.rules.map(rule) } }],
    ['automationDetails', { id: run.automationId }],
    ['columnKind', 'utf16CodeUnits'],
    ['artifacts', files.map((f) => ({ location: artifactUri(f), roles: ['analysisTarget'] }))],
    ['results', new StreamedArray(results())],
    ['properties', run.properties],
  ]);
  yield* valueChunks(new StreamedObject([['$schema', SARIF_SCHEMA], ['version', '2.1.0'], ['runs', new StreamedArray([runObject])]]), 0);
  yield '\n';
}

/** A run whose results are produced one by one (formatSarif's chunks). */
export interface SarifRunStream extends Omit<SarifRunInput, 'results'> {
  results: Iterable<SarifResultInput>;
}

/** One SARIF log with one run, pretty-printed, LF, trailing newline. */
export function sarifLog(run: SarifRunInput): string {
  let out = '';
  for (const piece of logChunks(run)) out += piece;
  return out;
}

/** sarifLog as pieces, for logs too large to hold (see logChunks). */
export function sarifLogChunks(run: SarifRunStream): Generator<string> {
  return logChunks(run);
}
