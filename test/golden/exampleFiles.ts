import { readdirSync, readFileSync } from 'node:fs';
import { analyzePolicy } from '../../src/analyzePolicy.js';

/** "Today" for the examples: waiver expiry and report dates do not move. */
export const TODAY = '2026-11-25';
const EXAMPLES_DIR = new URL('../../examples/', import.meta.url);
/** Every bundled example (examples/*.yaml), so a new one is picked up without a test change. */
export const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).sort();

/** load -> validate -> model -> place -> assess on one example; any error fails loudly. */
export function analyseExample(file: string) {
  const text = readFileSync(new URL(file, EXAMPLES_DIR), 'utf8');
  const a = analyzePolicy({ text, file: `examples/${file}`, today: TODAY });
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !a.model || !a.catalogs || !a.placement || !a.assessment) {
    throw new Error(`${file} does not analyse: ${errors.map((d) => `${d.code} ${d.pointer ?? ''} ${d.message}`).join('; ')}`);
  }
  return { model: a.model, catalogs: a.catalogs, placement: a.placement, assessment: a.assessment };
}

