import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { catalogDiagnostic } from './catalogDiagnostic.js';
import { validateCatalogDocument } from './validateCatalogDocument.js';
import { checkCatalogEntry } from './checkCatalogEntry.js';
import { parseCatalogText } from './parseCatalogText.js';
import type { LocateFn } from './parseCatalogText.js';
import { toCamelCaseKeys } from './toCamelCaseKeys.js';
import { CATALOG_KINDS } from './types.js';
import type { CatalogKind } from './types.js';

/** One schema-valid entry with its origin (positions stay in this side table). */
export interface LoadedEntry {
  kind: CatalogKind;
  id: string;
  /** camelCase, keys in canonical order. */
  entry: Record<string, unknown>;
  file: string;
  /** JSON pointer of the entry in its file, e.g. "/entries/3". */
  pointer: string;
  locate: LocateFn;
}

export interface LoadedFile {
  kind?: CatalogKind;
  file: string;
  entries: LoadedEntry[];
  /** Ids of entries that were dropped for errors (references to them are not reported again). */
  brokenIds: string[];
  diagnostics: Diagnostic[];
}

/**
 * Parses one catalogue file, checks its kind (OTPC604), its schema (OTPC602) and
 * the per-entry consistency rules (OTPC602), and converts the valid entries to
 * camelCase. An entry with an error is dropped; the rest of the file is kept.
 */
export function readCatalogFile(file: string, text: string, expectedKind?: CatalogKind): LoadedFile {
  const parsed = parseCatalogText(text);
  const result: LoadedFile = { file, entries: [], brokenIds: [], diagnostics: [] };
  const { locate } = parsed;
  for (const error of parsed.errors) {
    result.diagnostics.push({ ...catalogDiagnostic('OTPC601', file, '', `cannot parse the catalogue: ${error.message}`), ...(error.range ? { range: error.range } : {}) });
  }
  if (parsed.errors.length > 0) return result;
  const doc = parsed.doc;
  if (!isRecord(doc)) {
    result.diagnostics.push(catalogDiagnostic('OTPC601', file, '', 'a catalogue is a mapping with "kind", "version" and "entries"', locate));
    return result;
  }
  const kind = catalogKindOf(doc.kind);
  if (!kind || (expectedKind && kind !== expectedKind)) {
    const expected = expectedKind ? `"${expectedKind}"` : `one of ${CATALOG_KINDS.join(', ')}`;
    const pointer = 'kind' in doc ? '/kind' : '';
    result.diagnostics.push(catalogDiagnostic('OTPC604', file, pointer, `catalogue kind ${JSON.stringify(doc.kind ?? null)} is not ${expected}`, locate));
    return result;
  }
  result.kind = kind;
  const badEntries = reportSchema(kind, doc, result, locate);
  if (badEntries === 'file') return result;
  convertEntries(kind, doc.entries as unknown[], badEntries, result, locate);
  return result;
}

/** Schema violations → OTPC602; returns the indexes of broken entries, or 'file' when the file itself is broken. */
function reportSchema(kind: CatalogKind, doc: Record<string, unknown>, result: LoadedFile, locate: LocateFn): Set<number> | 'file' {
  const bad = new Set<number>();
  let fileBroken = false;
  for (const v of validateCatalogDocument(kind, doc)) {
    const index = /^\/entries\/(\d+)(?:\/|$)/.exec(v.pointer);
    if (index) bad.add(Number(index[1]));
    else fileBroken = true;
    const label = index ? entryLabel(kind, (doc.entries as unknown[])[Number(index[1])], Number(index[1])) : `${kind} catalogue`;
    const at = index ? v.pointer.slice(index[0].replace(/\/$/, '').length) : v.pointer;
    result.diagnostics.push(catalogDiagnostic('OTPC602', result.file, v.pointer, `${label}: ${at ? `${at} ` : ''}${v.message}`, locate, v.atKey));
  }
  return fileBroken ? 'file' : bad;
}

function convertEntries(kind: CatalogKind, raw: unknown[], bad: Set<number>, result: LoadedFile, locate: LocateFn): void {
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const pointer = `/entries/${i}`;
    const id = isRecord(item) && typeof item.id === 'string' ? item.id : undefined;
    if (bad.has(i)) {
      if (id !== undefined) result.brokenIds.push(id);
      return;
    }
    const entry = toCamelCaseKeys(item) as Record<string, unknown>;
    const problems = checkCatalogEntry(kind, entry);
    if (seen.has(id as string)) problems.push({ path: '/id', message: `duplicate id "${String(id)}" in this file` });
    seen.add(id as string);
    for (const p of problems) {
      result.diagnostics.push(catalogDiagnostic('OTPC602', result.file, pointer + p.path, `${entryLabel(kind, item, i)}: ${p.path} ${p.message}`, locate));
    }
    if (problems.length > 0) result.brokenIds.push(id as string);
    else result.entries.push({ kind, id: id as string, entry, file: result.file, pointer, locate });
  });
}

function entryLabel(kind: CatalogKind, item: unknown, index: number): string {
  return isRecord(item) && typeof item.id === 'string' ? `${kind} entry "${item.id}"` : `${kind} entry #${index}`;
}

function catalogKindOf(value: unknown): CatalogKind | undefined {
  return CATALOG_KINDS.find((k) => k === value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
