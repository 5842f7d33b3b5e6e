import type { CatalogEntry } from './printableCatalog.js';
import type { CatalogKind, Protocol } from './types.js';

interface Column<E> {
  header: string;
  cell: (entry: E) => string;
}

type ColumnTable = { [K in CatalogKind]: Column<CatalogEntry<K>>[] };

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
const joined = (values: readonly string[]): string => values.join(', ');

/** The columns shown per catalogue kind in `otpc catalog <kind>` (one registry, no switch). */
const COLUMNS: ColumnTable = {
  requirements: [
    { header: 'id', cell: (r) => r.id },
    { header: 'FR', cell: (r) => r.fr },
    { header: 'level', cell: (r) => (r.alternatives?.length ? `${r.level} (or ${r.alternatives.join(', ')})` : String(r.level)) },
    { header: 'scope', cell: (r) => r.scope },
    { header: 'compensable', cell: (r) => yesNo(r.compensable) },
    { header: 'clause', cell: (r) => r.clause },
    { header: 'title', cell: (r) => r.title },
  ],
  capabilities: [
    { header: 'id', cell: (c) => c.id },
    { header: 'title', cell: (c) => c.title },
    { header: 'meets', cell: (c) => joined(c.meets) },
  ],
  profiles: [
    { header: 'id', cell: (p) => p.id },
    { header: 'title', cell: (p) => p.title },
    { header: 'capabilities', cell: (p) => joined(p.capabilities) },
  ],
  controls: [
    { header: 'id', cell: (c) => c.id },
    { header: 'family', cell: (c) => c.family },
    { header: 'title', cell: (c) => c.title },
    { header: 'meets', cell: (c) => joined(c.meets.map((m) => `${m.requirement} (${m.extent})`)) },
    { header: 'preconditions', cell: (c) => joined(c.preconditions.map((p) => p.predicate)) },
  ],
  protocols: [
    { header: 'id', cell: (p) => p.id },
    { header: 'ports', cell: (p) => joined(p.ports.map((s) => `${s.transport}/${s.ports[0] === s.ports[1] ? s.ports[0] : `${s.ports[0]}-${s.ports[1]}`}`)) },
    { header: 'auth', cell: (p) => yesNo(p.nativeAuth) },
    { header: 'encryption', cell: (p) => yesNo(p.nativeEncryption) },
    { header: 'secure variant', cell: (p) => p.secureVariant ?? '' },
    { header: 'interactive', cell: (p) => yesNo(p.interactive) },
    { header: 'industrial', cell: (p) => yesNo(p.industrial) },
    { header: 'operations', cell: operationsCell },
    { header: 'title', cell: (p) => p.title },
  ],
  platforms: [
    { header: 'id', cell: (p) => p.id },
    { header: 'kind', cell: (p) => p.kind },
    { header: 'stateful', cell: (p) => yesNo(p.stateful) },
    { header: 'read-only', cell: (p) => joined(p.supports.readOnly) },
    { header: 'rate limit', cell: (p) => yesNo(p.supports.rateLimit) },
    { header: 'name max', cell: (p) => String(p.limits.nameMax) },
    { header: 'comment max', cell: (p) => String(p.limits.commentMax) },
    { header: 'title', cell: (p) => p.title },
  ],
};

function operationsCell(p: Protocol): string {
  const ops = p.operations;
  if (!ops) return '';
  const offset = ops.payloadOffset === undefined ? '' : ` @${ops.payloadOffset}`;
  return `${ops.field}${offset}: ${ops.read.length} read, ${ops.write.length} write, ${ops.session?.length ?? 0} session`;
}

/**
 * A Markdown table of catalogue rows for people (`otpc catalog <kind>`); rows are
 * printed in the order given. Cells are escaped for Markdown pipes and kept on one line.
 */
export function formatCatalogTable<K extends CatalogKind>(kind: K, rows: readonly CatalogEntry<K>[]): string {
  const columns = COLUMNS[kind] as Column<CatalogEntry<K>>[];
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const lines = [line(columns.map((c) => c.header)), `|${columns.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(line(columns.map((c) => c.cell(row))));
  return `${lines.join('\n')}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}
