import { FRS } from '../model/types.js';
import type { SLVector } from '../model/types.js';

/** Escape text for a Markdown table cell or paragraph: pipes, backslashes, HTML, newlines. */
export function mdText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/([*_`[\]#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** An SL vector in the IEC 62443-3-3 Annex A order {IAC UC SI DC RDF TRE RA}. */
export function slVectorText(v: SLVector): string {
  return FRS.map((fr) => String(v[fr])).join(' ');
}

export function mdTableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function mdTable(header: string[], rows: string[][]): string[] {
  return [mdTableRow(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(mdTableRow)];
}
