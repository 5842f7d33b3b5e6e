import { readdirSync, readFileSync } from 'node:fs';
import { isMap, parseDocument, visit } from 'yaml';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import type { Assessment } from '../../src/assess/types.js';
import type { ReportContext } from '../../src/reports/types.js';

export const DATE = '2026-11-25';

const EXAMPLES_DIR = new URL('../../examples/', import.meta.url);
const FIXTURES_DIR = new URL('./fixtures/', import.meta.url);

/** Every bundled example (examples/*.yaml), by name, so a new example is covered without touching the tests. */
export const EXAMPLES: string[] = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

export function exampleText(name: string): string {
  return readFileSync(new URL(`${name}.yaml`, EXAMPLES_DIR), 'utf8');
}

export function fixtureText(name: string): string {
  return readFileSync(new URL(`${name}.yaml`, FIXTURES_DIR), 'utf8');
}

export interface Analyzed {
  assessment: Assessment;
  ctx: ReportContext;
}

export function analyzeText(text: string, file = 'policy.yaml'): Analyzed {
  const a = analyzePolicy({ text, file, today: DATE });
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !a.assessment || !a.model) throw new Error(`policy invalid: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  return { assessment: a.assessment, ctx: { model: a.model, catalogs: a.catalogs!, placement: a.placement!, file } };
}

export const analyzeExample = (name: string) => analyzeText(exampleText(name), `examples/${name}.yaml`);
export const analyzeFixture = (name: string) => analyzeText(fixtureText(name), `test/html/fixtures/${name}.yaml`);

/** The same policy with the keys of every map in reverse order (the output must not change). */
export function reverseKeys(text: string): string {
  const doc = parseDocument(text);
  visit(doc, { Map: (_, node) => { if (isMap(node)) node.items.reverse(); } });
  return doc.toString();
}
