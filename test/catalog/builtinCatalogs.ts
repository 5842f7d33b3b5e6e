import { loadCatalogs } from '../../src/catalog/loadCatalogs.js';
import type { Catalogs } from '../../src/catalog/types.js';

/** The built-in catalogues; fails the calling test when they do not load cleanly. */
export function builtinCatalogs(): Catalogs {
  const { catalogs, diagnostics } = loadCatalogs();
  if (!catalogs || diagnostics.length > 0) throw new Error(`built-in catalogues: ${JSON.stringify(diagnostics, null, 2)}`);
  return catalogs;
}

/** Rows of the reference CSV (fixtures/iec62443-3-3.csv), ids in catalogue form ("SR 1.1 RE 1"). */
export function referenceRows(csv: string): { fr: string; id: string; kind: string; title: string; level: number }[] {
  const lines = csv.trim().split('\n').slice(1);
  return lines.map((line) => {
    const cells = splitCsvLine(line);
    return {
      fr: cells[0]!,
      id: cells[1]!.replace(/ RE\((\d+)\)$/, ' RE $1'),
      kind: cells[2]!,
      title: cells[3]!,
      level: Number(cells[4]),
    };
  });
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
