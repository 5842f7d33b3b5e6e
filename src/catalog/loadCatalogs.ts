import { existsSync, readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { catalogDiagnostic } from './catalogDiagnostic.js';
import { checkCatalogReferences } from './checkCatalogReferences.js';
import type { BrokenIds, MergedEntries } from './checkCatalogReferences.js';
import { compareRequirementIds } from './compareRequirementIds.js';
import { readCatalogFile } from './readCatalogFile.js';
import type { LoadedFile } from './readCatalogFile.js';
import { CATALOG_KINDS } from './types.js';
import type { CatalogKind, Catalogs } from './types.js';

// The CLI's `otpc catalog` takes its JSON and table forms from here too.
export { printableCatalog } from './printableCatalog.js';
export type { CatalogEntry } from './printableCatalog.js';
export { formatCatalogTable } from './formatCatalogTable.js';

/** A user catalogue file (--catalog FILE): display path and text. The CLI reads it. */
export interface CatalogFile {
  file: string;
  text: string;
}

export interface LoadCatalogsOptions {
  /** Folder with the built-in <kind>.yaml files; defaults to the package's catalogs/. */
  builtinDir?: URL;
}

export interface LoadCatalogsResult {
  /** Absent when any catalogue has an error. */
  catalogs?: Catalogs;
  diagnostics: Diagnostic[];
}

/** The package's catalogues: ../../catalogs/ from both src/catalog and dist/catalog. */
const BUILTIN_DIR = new URL('../../catalogs/', import.meta.url);

/** Built-in files are optional only for controls (written separately; an empty catalogue until present). */
const OPTIONAL_BUILTINS = new Set<CatalogKind>(['controls']);

const builtinCache = new Map<string, LoadedFile[]>();

/**
 * Loads the built-in catalogues (parsed once per process), merges the user's
 * catalogue files by id (an existing id is replaced, a new id is added, later
 * files win), cross-checks the references between catalogues and returns Maps
 * filled in ascending id order (requirements in natural order: SR 1.2 before
 * SR 1.10). Any error leaves `catalogs` undefined; every error is reported.
 */
export function loadCatalogs(extra: CatalogFile[] = [], options: LoadCatalogsOptions = {}): LoadCatalogsResult {
  const files = [...loadBuiltins(options.builtinDir ?? BUILTIN_DIR), ...extra.map((f) => readCatalogFile(f.file, f.text))];
  const merged = emptyPerKind(() => new Map()) as MergedEntries;
  const broken = emptyPerKind(() => new Set()) as BrokenIds;
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    diagnostics.push(...file.diagnostics);
    if (!file.kind) continue;
    for (const id of file.brokenIds) broken[file.kind].add(id);
    for (const loaded of file.entries) merged[file.kind].set(loaded.id, loaded);
  }
  diagnostics.push(...checkCatalogReferences(merged, broken));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { catalogs: toCatalogs(merged), diagnostics };
}

function loadBuiltins(dir: URL): LoadedFile[] {
  const cached = builtinCache.get(dir.href);
  if (cached) return cached;
  const files = CATALOG_KINDS.flatMap((kind): LoadedFile[] => {
    const url = new URL(`${kind}.yaml`, dir);
    const file = `catalogs/${kind}.yaml`;
    if (!existsSync(url)) {
      if (OPTIONAL_BUILTINS.has(kind)) return [];
      return [{ file, entries: [], brokenIds: [], diagnostics: [catalogDiagnostic('OTPC601', file, '', 'built-in catalogue file is missing from the package')] }];
    }
    return [readCatalogFile(file, readFileSync(url, 'utf8'), kind)];
  });
  builtinCache.set(dir.href, files);
  return files;
}

/** Fresh Maps of deep copies, so callers cannot change the cached built-ins. */
function toCatalogs(merged: MergedEntries): Catalogs {
  const build = (kind: CatalogKind) => {
    const ids = [...merged[kind].keys()].sort(kind === 'requirements' ? compareRequirementIds : byString);
    return new Map(ids.map((id) => [id, structuredClone(merged[kind].get(id)!.entry)]));
  };
  return Object.fromEntries(CATALOG_KINDS.map((kind) => [kind, build(kind)])) as unknown as Catalogs;
}

function emptyPerKind<T>(make: () => T): Record<CatalogKind, T> {
  return Object.fromEntries(CATALOG_KINDS.map((kind) => [kind, make()])) as Record<CatalogKind, T>;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
