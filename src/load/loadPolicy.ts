import { isMap, isScalar, LineCounter, type CST } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceMap } from '../diagnostics/sourceMap.js';
import { composeDocuments } from './composeDocuments.js';
import { cstToData } from './cstToData.js';
import { parseCounted } from './countScalars.js';
import { decodeInput, textPosition } from './decodeInput.js';
import { loadDiagnostic } from './loadDiagnostic.js';
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from './loadLimits.js';
import { preflight, type PreflightResult } from './preflight.js';
import { scanSimpleYaml } from './scanSimpleYaml.js';
import { toData } from './toData.js';

export interface LoadResult {
  /**
   * The document as plain data. Absent when a load error other than a recoverable one was
   * found (RECOVERABLE_LOAD_CODES: a duplicate key, whose first occurrence is kept, and an
   * explicit tag, whose value is read as if untagged): then the errors come with the document
   * so that validation reports every other problem too.
   */
  doc?: unknown;
  /** JSON pointer -> source positions of `doc` (empty when the text could not be parsed). */
  sourceMap: SourceMap;
  /** Every load error found, each already located. */
  diagnostics: Diagnostic[];
  file: string;
}

/**
 * Load errors that still give a document: OTPC104 duplicate key (the first occurrence wins,
 * toData) and OTPC105 explicit tag (read as if untagged, toData). Syntax errors, encoding,
 * size, depth, node and alias limits, several documents or a non-mapping top level give none.
 */
export const RECOVERABLE_LOAD_CODES: ReadonlySet<string> = new Set(['OTPC104', 'OTPC105']);

const START = { line: 1, col: 1 };
/** Inputs longer than this are pre-counted with the lexer (see parseText). */
const PRESCAN_CHARS = 1024 * 1024;

function describeRoot(value: unknown): string {
  if (Array.isArray(value)) return 'a sequence';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

/** No content: a document with a marker only ("---") composes to an empty null scalar. */
function isEmptyNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null && (node.source ?? '') === '');
}

/**
 * Which paths may turn the text into data. 'fast': the text scanner (scanSimpleYaml) for the
 * plain block style; else yaml's Lexer and Parser, then cstToData from their CST; else (a
 * diagnostic to report, or syntax cstToData leaves alone) the reference. 'reference': yaml's
 * Composer and toData only. Every path gives the same result for the same text
 * (test/load/fastPath.test.ts): the fast ones only skip work, never decide anything.
 */
type Path = 'fast' | 'reference';

function parseText(text: string, file: string, limits: LoadLimits, path: Path): LoadResult {
  if (path === 'fast') {
    // the plain block style most policies are written in, without yaml's CST (see scanSimpleYaml)
    const scanned = scanSimpleYaml(text, limits);
    if (scanned) return { doc: scanned.data, sourceMap: scanned.sourceMap, diagnostics: [], file };
  }
  // Large inputs are counted first with the lexer: the parser needs 5-15 s for a million-element
  // list before preflight can stop it. Small ones skip this (the parse is fast and preflight
  // names the exact node, counting collections too). The count and the parse share one lexer
  // pass (parseCounted).
  const lineCounter = new LineCounter();
  const scan = parseCounted(text, lineCounter.addNewLine, text.length > PRESCAN_CHARS ? limits.maxNodes : Infinity);
  if (!scan.tokens) {
    const message = `the document has more than ${limits.maxNodes} YAML nodes`;
    return { sourceMap: new SourceMap(), diagnostics: [loadDiagnostic('OTPC111', file, textPosition(text, scan.offset), message)], file };
  }
  const tokens: CST.Token[] = scan.tokens;
  const lineStarts = lineCounter.lineStarts.length > 0 ? lineCounter.lineStarts : [0];
  const positions = new SourceMap(lineStarts);
  const pre = preflight(tokens, file, limits, (offset: number) => positions.position(offset));
  if (pre.unsafe) return { sourceMap: positions, diagnostics: pre.diagnostics, file };
  if (path === 'fast' && pre.diagnostics.length === 0) {
    // the fast path gives the reference's exact result, or nothing (any diagnostic to report)
    const fast = cstToData(tokens, { limits, sourceMap: positions });
    if (fast) return { doc: fast.data, sourceMap: positions, diagnostics: [], file };
  }
  return composeReference(tokens, text, file, limits, new SourceMap(lineStarts), pre);
}

/** The reference path: yaml's Composer builds Documents, toData converts the policy one. */
function composeReference(tokens: CST.Token[], text: string, file: string, limits: LoadLimits, sourceMap: SourceMap, pre: PreflightResult): LoadResult {
  const pos = (offset: number) => sourceMap.position(offset);
  const result: LoadResult = { sourceMap, diagnostics: pre.diagnostics, file };
  const { docs, diagnostics } = composeDocuments(tokens, file, sourceMap);
  result.diagnostics.push(...diagnostics);
  // an empty document (a stray trailing "---") is a separator, not a second site
  const docTokens = tokens.filter((t) => t.type === 'document');
  const withContent = docs.map((d, i) => ({ doc: d, offset: docTokens[i]?.offset ?? 0 })).filter((d) => !isEmptyNode(d.doc.contents));
  if (withContent.length > 1) {
    const message = `the file holds ${withContent.length} YAML documents; a policy file holds one site`;
    result.diagnostics.push(loadDiagnostic('OTPC110', file, pos(withContent[1].offset), message));
  }
  const root = withContent[0]?.doc.contents ?? null;
  if (root === null) {
    const message = text.trim() === '' ? 'the policy file is empty' : 'the policy file holds no YAML content (only comments or separators)';
    if (result.diagnostics.length === 0) result.diagnostics.push(loadDiagnostic('OTPC101', file, START, message));
    return result;
  }
  const converted = toData(root, { file, limits, sourceMap, expandAliases: !pre.tooManyAliases });
  result.diagnostics.push(...converted.diagnostics);
  if (!isMap(root)) {
    const message = `the top level of the policy is ${describeRoot(converted.data)}, not a mapping of keys such as "otpc: 1" and "site:"`;
    result.diagnostics.push(loadDiagnostic('OTPC109', file, pos(root.range[0]), message));
  }
  if (!result.diagnostics.some((d) => d.severity === 'error' && !RECOVERABLE_LOAD_CODES.has(d.code))) result.doc = converted.data;
  return result;
}

function load(input: string | Uint8Array, file: string, limits: Partial<LoadLimits> | undefined, path: Path): LoadResult {
  const lim: LoadLimits = { ...DEFAULT_LOAD_LIMITS, ...limits };
  const decoded = decodeInput(input, file, lim);
  if (decoded.text === undefined || decoded.diagnostics.length > 0) {
    return { sourceMap: new SourceMap(), diagnostics: decoded.diagnostics, file };
  }
  try {
    return parseText(decoded.text, file, lim, path);
  } catch (e) {
    // the yaml package recurses on some inputs; a stack overflow means the input nests too deeply
    const code = e instanceof RangeError ? 'OTPC108' : 'OTPC999';
    const message = e instanceof RangeError ? 'the document is nested too deeply to be read' : `the YAML reader failed: ${String(e).slice(0, 200)}`;
    return { sourceMap: new SourceMap(), diagnostics: [loadDiagnostic(code, file, START, message)], file };
  }
}

/**
 * Reads one policy: strict UTF-8 text, YAML 1.2 core schema, one document
 * whose top level is a mapping, within the resource limits. Never throws on
 * bad input: every problem found is returned as a located diagnostic.
 */
export function loadPolicy(input: string | Uint8Array, file: string, limits?: Partial<LoadLimits>): LoadResult {
  return load(input, file, limits, 'fast');
}

/**
 * loadPolicy without the fast path (cstToData): yaml's Composer and toData only. It is the
 * specification the fast path is tested against (test/load/fastPath.test.ts) and the path
 * loadPolicy itself takes for any input with something to report.
 */
export function loadPolicyReference(input: string | Uint8Array, file: string, limits?: Partial<LoadLimits>): LoadResult {
  return load(input, file, limits, 'reference');
}
