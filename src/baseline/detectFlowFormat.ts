import { columnarParser, splitQuoted } from './columnarParser.js';
import type { LineParser } from './columnarParser.js';
import { mapColumns, missingColumns } from './flowColumns.js';
import type { FlowFormat } from './types.js';
import { zeekJsonParser } from './zeekJsonParser.js';

export type Detection =
  | { kind: 'parser'; format: FlowFormat; parse: LineParser }
  /** A Zeek TSV file: the parser comes with its "#fields" line. */
  | { kind: 'zeek-header'; separator: string }
  | { kind: 'error'; message: string };

/** "#separator \x09" -> a tab. */
export function zeekSeparator(line: string): string {
  const raw = line.slice('#separator'.length).trim();
  return raw.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) || '\t';
}

/** The parser of a Zeek "#fields" line. */
export function zeekFieldsParser(line: string, separator: string): LineParser | string {
  const names = line.split(separator).slice(1);
  const map = mapColumns(names);
  const missing = missingColumns(map);
  if (missing.length > 0) return `the Zeek #fields header lacks ${missing.join(', ')} (id.orig_h, id.resp_h, proto, id.resp_p)`;
  return columnarParser(map, separator, false);
}

/**
 * The format, from the first non-empty line: a Zeek TSV header ("#separator" or
 * "#fields"), a JSON object (Zeek JSON lines), or a CSV header naming at least
 * src, dst, proto and dport (or their nfdump/Zeek names), separated by ",", ";" or a tab.
 */
export function detectFlowFormat(first: string): Detection {
  if (first.startsWith('#separator')) return { kind: 'zeek-header', separator: zeekSeparator(first) };
  if (first.startsWith('#fields')) {
    const parse = zeekFieldsParser(first, '\t');
    return typeof parse === 'string' ? { kind: 'error', message: parse } : { kind: 'parser', format: 'zeek-tsv', parse };
  }
  if (first.trimStart().startsWith('{')) return { kind: 'parser', format: 'zeek-json', parse: zeekJsonParser };
  let best: string[] = [];
  for (const delim of [',', ';', '\t']) {
    const names = splitQuoted(first, delim);
    if (!names) continue;
    const map = mapColumns(names);
    const missing = missingColumns(map);
    if (missing.length === 0) return { kind: 'parser', format: 'csv', parse: columnarParser(map, delim, true) };
    if (best.length === 0 || missing.length < best.length) best = missing;
  }
  return {
    kind: 'error',
    message: `the first line is neither a Zeek conn.log header, a JSON object nor a CSV header with src, dst, proto and dport (missing: ${best.join(', ')})`,
  };
}
