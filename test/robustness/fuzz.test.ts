import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProgram, main } from '../../src/cli/main.js';
import { formatSummary, fuzz } from './fuzz.js';
import { fuzzSeeds } from './fuzzSeeds.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Bounded for npm test; `npm run fuzz -- --runs 2000` runs the same fuzzer longer. */
const RUNS = Number(process.env.OTPC_FUZZ_RUNS ?? 30);
const SEED = Number(process.env.OTPC_FUZZ_SEED ?? 20260601);

describe('mutation fuzzing of the bundled examples through every CLI command', () => {
  it(`${RUNS} mutants end with exit 0/1/2, located errors, no stack trace and no half-written output`, async () => {
    const commands = buildProgram().program.commands.map((c) => c.name());
    const summary = await fuzz({
      runs: RUNS, seed: SEED, seeds: fuzzSeeds(ROOT), main, commands,
      flowsFile: `${ROOT}test/data/flows/batch-chemical.csv`,
    });
    if (summary.findings.length > 0) console.log(formatSummary(summary));
    expect(summary.generic, 'every command has a fuzz recipe in test/robustness/fuzz.ts').toEqual([]);
    expect(summary.invocations).toBeGreaterThan(RUNS);
    expect(summary.findings.map((f) => `${f.argv[0]}: ${f.problems.join('; ')} [${f.mutations.join(', ')}]`)).toEqual([]);
  }, 240_000);
});
