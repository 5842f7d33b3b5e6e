import type { LineParser } from './columnarParser.js';
import { detectFlowFormat, zeekFieldsParser, zeekSeparator } from './detectFlowFormat.js';
import { emptyRecord } from './flowRecord.js';
import { FlowTable } from './flowTable.js';
import { forEachLine } from './forEachLine.js';
import { orientByServicePort } from './servicePorts.js';
import type { ServicePorts } from './servicePorts.js';
import { MAX_BAD_LINES_KEPT } from './types.js';
import type { FlowFormat, FlowSet, ReadStats } from './types.js';

export interface ReadFlowsOptions {
  servicePorts: ServicePorts;
  /** Called every PROGRESS_EVERY lines with the line count (the CLI shows it on a TTY). */
  onProgress?: (lines: number) => void;
}

export type ReadFlowsResult = { ok: true; set: FlowSet } | { ok: false; message: string; line?: number };

export const PROGRESS_EVERY = 1 << 16;
const REASONS_KEPT = 10;

interface State {
  parse?: LineParser;
  format?: FlowFormat;
  separator?: string;
  error?: { message: string; line: number };
  stats: ReadStats;
}

/**
 * Streams a flow file (Zeek conn.log TSV or JSON lines, CSV or nfdump CSV; format
 * detected from the first line), orients every record by its service port and
 * aggregates it by (src, dst, transport, dport). A line that cannot be read is
 * counted and its number kept (the first MAX_BAD_LINES_KEPT); it never stops the
 * file. Fails only when the format is unknown or no record at all could be read.
 */
export async function readFlows(chunks: AsyncIterable<Uint8Array | string>, options: ReadFlowsOptions): Promise<ReadFlowsResult> {
  const table = new FlowTable();
  const r = emptyRecord();
  const st: State = { stats: { format: 'csv', lines: 0, records: 0, reoriented: 0, badLineCount: 0, badLines: [], badLineReasons: [] } };
  const { servicePorts, onProgress } = options;
  const lines = await forEachLine(chunks, (text, start, end, n, tooLong) => {
    if (onProgress && (n & (PROGRESS_EVERY - 1)) === 0) onProgress(n);
    if (tooLong) {
      if (st.parse === undefined && st.separator === undefined) {
        st.error = { message: 'the first line is longer than 1 MiB: this is not a flow file (a pcap? convert it with tshark or Zeek first)', line: n };
        return false;
      }
      return bad(st.stats, n, 'line longer than 1 MiB');
    }
    if (st.parse === undefined || end === start || text.charCodeAt(start) === 35) {
      const detected = st.parse === undefined;
      const go = header(st, text.slice(start, end), n);
      // JSON lines have no header: the first line is already a record
      if (!(detected && go && st.format === 'zeek-json')) return go;
    }
    if (end - start === 7 && text.startsWith('Summary', start) && st.format === 'csv') return false;
    const reason = st.parse!(text, start, end, r);
    if (reason !== null) return bad(st.stats, n, reason);
    if (orientByServicePort(r, servicePorts)) st.stats.reoriented += r.count;
    st.stats.records += r.count;
    table.add(r);
    return true;
  });
  st.stats.lines = lines;
  if (st.error) return { ok: false, ...st.error };
  if (!st.parse) return { ok: false, message: lines === 0 ? 'the flow file is empty' : 'the flow file has no header and no flow records' };
  st.stats.format = st.format!;
  if (table.distinct === 0) {
    const message = st.stats.badLineCount > 0
      ? `no flow record could be read: all ${st.stats.badLineCount} data line(s) are bad (first: line ${st.stats.badLines[0]}, ${st.stats.badLineReasons[0]?.reason})`
      : 'the flow file holds a header but no flow records';
    return { ok: false, message };
  }
  return { ok: true, set: { flows: table.flows(), stats: st.stats } };
}

function bad(stats: ReadStats, line: number, reason: string): true {
  stats.badLineCount++;
  if (stats.badLines.length < MAX_BAD_LINES_KEPT) stats.badLines.push(line);
  if (stats.badLineReasons.length < REASONS_KEPT) stats.badLineReasons.push({ line, reason });
  return true;
}

/**
 * Lines before the first data line and "#" lines: format detection, Zeek header
 * lines ("#separator", "#fields" again when logs were concatenated, "#close"),
 * CSV comments. (nfdump ends its CSV with a "Summary" block: reading stops there.)
 */
function header(st: State, line: string, n: number): boolean {
  if (line.trim() === '') return true;
  if (st.parse === undefined && st.separator === undefined) {
    const d = detectFlowFormat(line);
    if (d.kind === 'error') { st.error = { message: d.message, line: n }; return false; }
    if (d.kind === 'zeek-header') { st.separator = d.separator; st.format = 'zeek-tsv'; return true; }
    st.parse = d.parse;
    st.format = d.format;
    return true;
  }
  if (line.startsWith('#separator')) { st.separator = zeekSeparator(line); return true; }
  if (line.startsWith('#fields')) {
    const parse = zeekFieldsParser(line, st.separator ?? '\t');
    if (typeof parse === 'string') { st.error = { message: parse, line: n }; return false; }
    st.parse = parse;
    st.format = 'zeek-tsv';
    return true;
  }
  if (line.startsWith('#')) return true;
  // a data line before the Zeek "#fields" header
  return bad(st.stats, n, 'data line before the "#fields" header');
}
