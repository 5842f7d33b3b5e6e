import { describe, expect, it } from 'vitest';
import { formatCatalogTable, printableCatalog } from '../../src/catalog/loadCatalogs.js';
import { CATALOG_KINDS } from '../../src/catalog/types.js';
import { builtinCatalogs } from './builtinCatalogs.js';

const catalogs = builtinCatalogs();

describe('printableCatalog', () => {
  it.each(CATALOG_KINDS)('%s: plain JSON-able copies in catalogue order', (kind) => {
    const rows = printableCatalog(catalogs, kind);
    expect(rows.map((r) => r.id)).toEqual([...catalogs[kind].keys()]);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
    expect(JSON.stringify(printableCatalog(builtinCatalogs(), kind))).toBe(JSON.stringify(rows));
  });

  it('does not hand out the catalogue objects themselves', () => {
    const rows = printableCatalog(catalogs, 'profiles');
    rows[0]!.capabilities.push('changed');
    expect(catalogs.profiles.get(rows[0]!.id)!.capabilities).not.toContain('changed');
  });

  it('prints requirements with camelCase keys and the disputed alternatives', () => {
    const row = printableCatalog(catalogs, 'requirements').find((r) => r.id === 'SR 6.2')!;
    expect(row).toMatchObject({ id: 'SR 6.2', fr: 'FR6', level: 2, alternatives: [1], scope: 'system', compensable: true, clause: '10.4' });
  });
});

describe('formatCatalogTable', () => {
  it.each(CATALOG_KINDS)('%s: a Markdown table with one line per row', (kind) => {
    const rows = printableCatalog(catalogs, kind);
    const text = formatCatalogTable(kind, rows);
    const lines = text.split('\n');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines[0]).toMatch(/^\| id \|/);
    expect(lines[1]).toMatch(/^\|(---\|)+$/);
    expect(lines).toHaveLength(rows.length + 3);
  });

  it('shows requirement rows with their level alternatives', () => {
    const text = formatCatalogTable('requirements', printableCatalog(catalogs, 'requirements'));
    expect(text).toContain('| SR 1.1 | FR1 | 1 | device | yes | 5.3 | Human user identification and authentication |');
    expect(text).toContain('| SR 4.1 RE 2 | FR4 | 4 (or 3) | communication | yes | 8.3.3 |');
  });

  it('shows protocol ports and operations', () => {
    const text = formatCatalogTable('protocols', printableCatalog(catalogs, 'protocols'));
    expect(text).toContain('| dnp3 | tcp/20000, udp/20000 | no | no | dnp3-tls | no | yes | dnp3-function-code @12: 1 read, 28 write, 8 session | DNP3 over IP |');
    expect(text).toContain('| profinet-cm | udp/34962-34964 |');
  });

  it('escapes pipes and folds whitespace in cells', () => {
    const row = { id: 'x', title: 'a | b\nc', meets: [] };
    expect(formatCatalogTable('capabilities', [row])).toContain('| x | a \\| b c |  |');
  });
});
