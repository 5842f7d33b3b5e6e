import { Composer, type CST, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceMap } from '../diagnostics/sourceMap.js';
import { loadDiagnostic } from './loadDiagnostic.js';
import { MAX_LOAD_DIAGNOSTICS_PER_CODE } from './loadLimits.js';

/** Friendlier wording for the yaml package's most common syntax errors. */
const MESSAGES: Record<string, string> = {
  TAB_AS_INDENT: 'a tab is used for indentation; YAML indents with spaces only',
  MULTILINE_IMPLICIT_KEY: 'a key must be on a single line (is a ":" or a quote missing?)',
  BLOCK_AS_IMPLICIT_KEY: 'a nested mapping cannot start on the same line as its key',
  MISSING_CHAR: 'a closing bracket or quote is missing',
};

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0].toLowerCase() + s.slice(1) : s;
}

/**
 * Composes the CST into YAML 1.2 core-schema documents (no merge keys, no
 * custom or known 1.1 tags; duplicate keys are checked by toData so that it can point at
 * the second occurrence) and turns yaml's errors into located OTPC103s.
 */
export function composeDocuments(tokens: readonly CST.Token[], file: string, sourceMap: SourceMap): { docs: Document.Parsed[]; diagnostics: Diagnostic[] } {
  // resolveKnownTags: false: !!binary, !!set, !!omap, !!pairs, !!timestamp stay plain scalars,
  // mappings and sequences (an explicit tag is OTPC105 and its value is read as if untagged)
  const composer = new Composer({ version: '1.2', schema: 'core', strict: true, uniqueKeys: false, prettyErrors: false, merge: false, resolveKnownTags: false });
  const docs = [...composer.compose(tokens), ...composer.end()];
  const diagnostics: Diagnostic[] = [];
  for (const doc of docs) {
    // tag warnings are reported by preflight with the tag's own position
    const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')];
    // one error per line: the yaml parser's follow-on errors after a bad line are noise
    const lines = new Set<number>();
    for (const e of problems) {
      const [start, end] = e.pos;
      const line = sourceMap.position(start).line;
      if (lines.has(line) || lines.size >= MAX_LOAD_DIAGNOSTICS_PER_CODE) continue;
      lines.add(line);
      const message = MESSAGES[e.code] ?? lowerFirst(e.message.split('\n')[0]);
      diagnostics.push(loadDiagnostic('OTPC103', file, sourceMap.position(start), `YAML syntax error: ${message}`, sourceMap.position(Math.max(start, end))));
    }
  }
  return { docs, diagnostics };
}
