#!/usr/bin/env node
// Long mutation-fuzzing run of the CLI (npm run fuzz -- --runs N --seed S [--keep DIR]).
// The fuzzer itself is test/robustness/fuzz.ts, shared with the bounded run in npm test;
// it imports nothing from src/, so it is transpiled here on its own (TypeScript's
// transpileModule, no type check) and run against the built CLI in dist/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['fuzz', 'mutations', 'shuffleDocument', 'fuzzSeeds'];
// inside node_modules so that the compiled helper resolves 'yaml' from the project
const OUT = join(ROOT, 'node_modules', '.cache', 'otpc-fuzz');

function usage(message) {
  process.stderr.write(`${message ? `fuzz: ${message}\n` : ''}usage: npm run fuzz -- [--runs N] [--seed S] [--keep DIR]\n`
    + '  --runs N    number of mutants (default 500)\n'
    + '  --seed S    seed; the same seed gives the same mutants (default: from the clock, printed)\n'
    + '  --keep DIR  save every mutant that produced a finding into DIR\n');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { runs: 500, seed: Date.now() % 1_000_000_007, keep: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--help' || flag === '-h') usage();
    if (!['--runs', '--seed', '--keep'].includes(flag)) usage(`unknown option ${flag}`);
    if (value === undefined) usage(`${flag} needs a value`);
    if (flag === '--keep') opts.keep = value;
    else if (!/^\d{1,9}$/.test(value)) usage(`${flag} ${value}: expected a whole number`);
    else opts[flag.slice(2)] = Number(value);
    i++;
  }
  return opts;
}

function compileHelpers() {
  mkdirSync(OUT, { recursive: true });
  for (const name of SOURCES) {
    const source = readFileSync(join(ROOT, 'test', 'robustness', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: `${name}.ts`,
    });
    writeFileSync(join(OUT, `${name}.js`), outputText);
  }
  writeFileSync(join(OUT, 'package.json'), '{ "type": "module" }\n');
}

const opts = parseArgs(process.argv.slice(2));
compileHelpers();
const { fuzz, formatSummary } = await import(pathToFileURL(join(OUT, 'fuzz.js')).href);
const { fuzzSeeds } = await import(pathToFileURL(join(OUT, 'fuzzSeeds.js')).href);
const { buildProgram, main } = await import(pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href);

const commands = buildProgram().program.commands.map((c) => c.name());
let done = 0;
const summary = await fuzz({
  runs: opts.runs,
  seed: opts.seed,
  seeds: fuzzSeeds(ROOT),
  main,
  commands,
  flowsFile: join(ROOT, 'test', 'data', 'flows', 'batch-chemical.csv'),
  keepDir: opts.keep,
  log: (line) => { done++; process.stderr.write(`${line}\n`); },
});
process.stdout.write(formatSummary(summary));
process.exitCode = summary.findings.length > 0 || done > 0 ? 1 : 0;
