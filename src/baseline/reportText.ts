import type { FlowSummary } from './flowSummary.js';
import { isoTime, serviceLabel } from './flowSummary.js';
import type { ReadStats } from './types.js';

/** Report formats of discover, simulate and plan. */
export type BaselineFormat = 'markdown' | 'json';
export const BASELINE_FORMATS: BaselineFormat[] = ['markdown', 'json'];

/** What every baseline report says about its inputs (file names without folders: no paths in artifacts). */
export interface BaselineContext {
  policy: string;
  flows?: string;
  stats?: ReadStats;
  distinct?: number;
}

/** Rows shown in a Markdown table before "... and N more" (the JSON output is complete). */
export const MAX_MARKDOWN_ROWS = 500;

export function table(header: string[], rows: string[][], max = MAX_MARKDOWN_ROWS): string[] {
  const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows.slice(0, max)) out.push(`| ${r.map(cell).join(' | ')} |`);
  if (rows.length > max) out.push('', `… and ${rows.length - max} more (see \`--format json\`).`);
  return out;
}

/** Table cells hold ids, addresses and numbers; keep a stray pipe or newline from breaking the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

export function time(ms: number): string {
  return isoTime(ms) ?? '–';
}

/** "10.20.2.77" or "10.20.2.11 (scada-1)". */
export function endpoint(address: string, asset: string | null): string {
  return asset === null ? address : `${address} (${asset})`;
}

export function zoneText(zone: string | null): string {
  return zone ?? '(outside every zone)';
}

export function flowRow(f: FlowSummary): string[] {
  return [endpoint(f.src, f.srcAsset), endpoint(f.dst, f.dstAsset), serviceLabel(f.proto, f.dport), String(f.count), time(f.first), time(f.last)];
}

export const FLOW_HEADER = ['source', 'destination', 'service', 'connections', 'first seen', 'last seen'];

/** One line on the flow file: format, counts, re-orientation and bad lines. */
export function inputLine(ctx: BaselineContext): string[] {
  const s = ctx.stats;
  if (!s || !ctx.flows) return [];
  const bad = s.badLineCount > 0
    ? ` ${s.badLineCount} bad line(s) skipped (line${s.badLineCount > 1 ? 's' : ''} ${s.badLines.slice(0, 20).join(', ')}${s.badLineCount > 20 ? ', …' : ''}).`
    : ' No bad lines.';
  return [`Flows: \`${ctx.flows}\` (${s.format}): ${s.lines} lines, ${s.records} flow records, ${ctx.distinct ?? 0} distinct flows; ${s.reoriented} record(s) re-oriented by service port.${bad}`, ''];
}

export function flowJson(f: FlowSummary): Record<string, unknown> {
  const out: Record<string, unknown> = {
    src: f.src, dst: f.dst, proto: f.proto, dport: f.dport, srcZone: f.srcZone, dstZone: f.dstZone,
    srcAsset: f.srcAsset, dstAsset: f.dstAsset, count: f.count, packets: f.packets, bytes: f.bytes,
    first: isoTime(f.first), last: isoTime(f.last),
  };
  if (f.ops) out.ops = f.ops;
  return out;
}

export function inputJson(ctx: BaselineContext): Record<string, unknown> | null {
  const s = ctx.stats;
  if (!s) return null;
  return {
    file: ctx.flows ?? null, format: s.format, lines: s.lines, records: s.records, flows: ctx.distinct ?? 0,
    reoriented: s.reoriented, badLines: { count: s.badLineCount, lines: s.badLines },
  };
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
