import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedFile } from './fuzz.js';

/** The bundled examples (policies) and built-in catalogues, as fuzzing seeds. */
export function fuzzSeeds(root: string): SeedFile[] {
  const read = (dir: string, kind: SeedFile['kind']) =>
    readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(root, dir, f), 'utf8'), kind }));
  return [...read('examples', 'policy'), ...read('catalogs', 'catalog')];
}
