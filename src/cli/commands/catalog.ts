import type { Command } from 'commander';
import type { Runner } from '../action.js';
import { formatCatalogTable, loadCatalogs, printableCatalog } from '../../catalog/loadCatalogs.js';
import { CATALOG_KINDS } from '../../catalog/types.js';
import type { CatalogKind } from '../../catalog/types.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { printDiagnostics } from '../context.js';
import { readInputFile } from '../io.js';
import { makeTerm } from '../term.js';
import { collect } from './validate.js';

export function registerCatalog(program: Command, run: Runner): void {
  program
    .command('catalog')
    .description('print a built-in catalogue (merged with --catalog files)')
    .argument('[kind]', `one of ${CATALOG_KINDS.join(', ')}`, 'requirements')
    .option('-f, --format <format>', 'table or json', 'table')
    .option('--catalog <file>', 'extra catalogue file merged by id (repeatable)', collect, [])
    .addHelpText('after', `
Exit codes: 0 printed, 2 invalid input or usage (an unknown kind or format, a --catalog file
that cannot be read or is invalid), 3 internal error.

Examples:
  $ otpc catalog requirements --format json
  $ otpc catalog protocols
  $ otpc catalog controls --catalog site-controls.yaml`)
    .action(run((kind: string, opts: { format: string; catalog: string[] }) => {
      if (!(CATALOG_KINDS as string[]).includes(kind)) throw new UsageError(`catalog ${kind}: expected one of ${CATALOG_KINDS.join(', ')}`);
      if (opts.format !== 'json' && opts.format !== 'table') throw new UsageError(`--format ${opts.format}: expected table or json`);
      const files: { file: string; text: string }[] = [];
      for (const c of opts.catalog) {
        const r = readInputFile(c);
        if (!r.ok) { printDiagnostics({ diagnostics: [r.diagnostic] }, makeTerm()); return EXIT.invalid; }
        files.push({ file: c, text: Buffer.from(r.bytes).toString('utf8') });
      }
      const { catalogs, diagnostics } = loadCatalogs(files);
      printDiagnostics({ diagnostics }, makeTerm());
      if (!catalogs || diagnostics.some((d) => d.severity === 'error')) return EXIT.invalid;
      const rows = printableCatalog(catalogs, kind as CatalogKind);
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : formatCatalogTable(kind as CatalogKind, rows));
      return EXIT.ok;
    }));
}
