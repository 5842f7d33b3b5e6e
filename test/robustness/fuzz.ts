import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { mutate } from './mutations.js';
import { seededRng } from './shuffleDocument.js';
import type { Rng } from './shuffleDocument.js';

/**
 * Mutation fuzzing of the CLI, in-process: every mutant of a seed file (the bundled
 * examples, the built-in catalogues) goes through `main(argv)` of each command with
 * stdout and stderr captured, and every run must end well:
 *
 * - exit 0, 1 or 2; never 3 (internal error) and never OTPC999 anywhere;
 * - no stack trace on either stream;
 * - every stderr line is a located diagnostic `FILE:LINE:COL: (error|warning|note) OTPCnnn: `,
 *   its hint, or a known status line; a diagnostic WITHOUT a position is accepted only
 *   for the codes where no position exists (FILE_LEVEL_CODES: the file could not be
 *   read at all, or the problem is an output path or a command-line option);
 * - exit 2 prints at least one error; exit 0/1 print none;
 * - an output folder (compile) is either fully written (every file trace.json names,
 *   the user's marker files untouched) or, on failure, byte-identical to before, with
 *   no staging folder left behind; an output file (report -o) is complete or untouched.
 *
 * This module imports nothing from src/ (main is passed in), so that scripts/fuzz.js can
 * compile it on its own and run it against dist/ for long runs.
 */

export type Main = (argv: string[]) => Promise<number>;

export interface SeedFile {
  name: string;
  text: string;
  /** Which commands take this seed: a policy, or a catalogue file (for `catalog --catalog`). */
  kind: 'policy' | 'catalog';
}

export interface FuzzOptions {
  runs: number;
  seed: number;
  seeds: SeedFile[];
  main: Main;
  /** Command names registered in the CLI (src/cli/main.ts COMMANDS). */
  commands: string[];
  /** Observed-flows file for discover/simulate/plan. */
  flowsFile?: string;
  /** Where failing mutants are saved (default: not saved). */
  keepDir?: string;
  /** "Today" passed as --date so waiver expiry does not depend on the day of the run. */
  date?: string;
  log?: (line: string) => void;
}

export interface Finding {
  run: number;
  seedFile: string;
  mutations: string[];
  argv: string[];
  exit: number;
  problems: string[];
  /** The first lines of stderr. */
  excerpt: string;
  savedAs?: string;
}

export interface FuzzSummary {
  runs: number;
  seed: number;
  invocations: number;
  /** command -> exit code -> count */
  exits: Record<string, Record<string, number>>;
  /** operator name -> number of mutants that used it */
  operators: Record<string, number>;
  /** diagnostic code -> number of runs that printed it as an error (what the mutants ran into) */
  errorCodes: Record<string, number>;
  /** Commands that have no recipe below and were run as `<command> POLICY`. */
  generic: string[];
  findings: Finding[];
  elapsedMs: number;
}

/** Diagnostics that may be printed without a line:column, because there is none to give. */
export const FILE_LEVEL_CODES = new Set([
  'OTPC107', // input too large: refused before reading (docs/limits.md)
  'OTPC112', // not a regular file / cannot be read
  'OTPC601', // a --catalog file that cannot be read
  'OTPC801', // a flows file that cannot be read or has an unknown format
  // summaries over a whole observed-flows file (counts of undocumented addresses, uncovered
  // flows, silent assets, unused rules): they describe the file, not a line of it
  'OTPC803', 'OTPC804', 'OTPC805', 'OTPC806', 'OTPC807', 'OTPC808', 'OTPC809',
  'OTPC901', // command-line usage
  'OTPC902', // output path refused
  'OTPC903', // output could not be written
]);

const LOCATED = /^.+:\d+:\d+: (error|warning|note) OTPC\d{3}: /;
const UNLOCATED = /^(.*): (error|warning|note) (OTPC\d{3}): /;
const STATUS_LINES = [
  /^ {2}hint: /,
  /^ {2}\S.*$/, // continuation lines of a hint or a multi-line message
  /^.+: valid( \(\d+ warnings?\(s\)\))?$/,
  /^.+: valid( \(\d+ warning\(s\)\))?$/,
  /^wrote \d+ file\(s\) to /,
  /^removed \d+ stale file\(s\) /,
  /^otpc [a-z-]+: /, // one-line command summaries ("otpc report: 12 devices; ...")
  /^\(run with --help for usage\)$/,
];
const STACK = /^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m;

interface Invocation {
  argv: string[];
  /** Output folder that must be all-or-nothing. */
  outDir?: string;
  /** Output file that must be complete or untouched. */
  outFile?: string;
}

type Recipe = (file: string, work: string, rng: Rng, o: FuzzOptions) => Invocation[];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

/** How each command is invoked on a mutant. Commands not listed run as `<command> FILE`. */
const RECIPES: Record<string, Recipe> = {
  validate: (file, _w, _r, o) => [{ argv: ['validate', file, '--date', o.date!] }],
  report: (file, work, rng, o) => {
    const format = pick(rng, ['json', 'markdown', 'sarif', 'junit', 'github', 'html']);
    const outFile = join(work, `report.${format}`);
    return [{ argv: ['report', file, '--date', o.date!, '-f', format, '-o', outFile], outFile }];
  },
  compile: (file, work, rng, o) => {
    const outDir = join(work, 'out');
    return [{ argv: ['compile', file, '--date', o.date!, '--phase', pick(rng, ['monitor', 'enforce']), '-o', outDir], outDir }];
  },
  diff: (file, _w, rng, o) => {
    const original = o.seeds.find((s) => s.kind === 'policy')!;
    const other = join(dirname(file), `original-${basename(original.name)}`);
    if (!existsSync(other)) writeFileSync(other, original.text);
    return [{ argv: rng() < 0.5 ? ['diff', other, file, '--date', o.date!] : ['diff', file, other, '--date', o.date!] }];
  },
  catalog: () => [],
  plan: (file, _w, _r, o) => [{ argv: ['plan', file, '--date', o.date!] }],
  discover: (file, _w, _r, o) => (o.flowsFile ? [{ argv: ['discover', file, '--flows', o.flowsFile, '--date', o.date!] }] : []),
  simulate: (file, _w, _r, o) => (o.flowsFile ? [{ argv: ['simulate', file, '--flows', o.flowsFile, '--date', o.date!] }] : []),
};

const CATALOG_KINDS = ['requirements', 'capabilities', 'profiles', 'controls', 'protocols', 'platforms'];

/** A folder's files and contents (recursively), to prove it did not change. */
function snapshot(dir: string): Record<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (lstatSync(p).isDirectory()) walk(p, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = readFileSync(p).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}

function leftovers(dir: string): string[] {
  const parent = dirname(dir);
  const inParent = existsSync(parent) ? readdirSync(parent).filter((n) => n.includes('.otpc-')) : [];
  const inside = existsSync(dir) && lstatSync(dir).isDirectory() ? readdirSync(dir).filter((n) => n.startsWith('.otpc-')) : [];
  return [...inParent, ...inside];
}

async function capture(main: Main, argv: string[]): Promise<{ exit: number; stdout: string; stderr: string; threw?: unknown }> {
  const out: string[] = [];
  const err: string[] = [];
  const so = process.stdout.write;
  const se = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { err.push(String(chunk)); return true; }) as typeof process.stderr.write;
  try {
    const exit = await main(argv);
    return { exit, stdout: out.join(''), stderr: err.join('') };
  } catch (e) {
    return { exit: -1, stdout: out.join(''), stderr: err.join(''), threw: e };
  } finally {
    process.stdout.write = so;
    process.stderr.write = se;
  }
}

/** Everything wrong with one finished invocation (empty when it ended well). */
export function checkOutput(exit: number, stdout: string, stderr: string): string[] {
  const problems: string[] = [];
  if (![0, 1, 2].includes(exit)) problems.push(`exit ${exit}`);
  if (/OTPC999/.test(stderr) || /OTPC999/.test(stdout)) problems.push('internal error OTPC999');
  if (STACK.test(stderr) || STACK.test(stdout)) problems.push('stack trace printed');
  let errors = 0;
  for (const line of stderr.split('\n')) {
    if (line === '') continue;
    if (LOCATED.test(line)) {
      if (/: error OTPC/.test(line)) errors++;
      continue;
    }
    const m = UNLOCATED.exec(line);
    if (m) {
      if (m[2] === 'error') errors++;
      if (!FILE_LEVEL_CODES.has(m[3])) problems.push(`${m[3]} without a position: ${line.slice(0, 160)}`);
      continue;
    }
    if (STATUS_LINES.some((r) => r.test(line))) continue;
    problems.push(`unexpected stderr line: ${line.slice(0, 160)}`);
  }
  if (exit === 2 && errors === 0) problems.push('exit 2 without an error message');
  if ((exit === 0 || exit === 1) && errors > 0) problems.push(`exit ${exit} with ${errors} error(s)`);
  return problems;
}

function checkFolder(inv: Invocation, exit: number, before: Record<string, string> | undefined): string[] {
  const dir = inv.outDir!;
  const problems = leftovers(dir).map((n) => `staging left behind: ${n}`);
  const after = snapshot(dir);
  if (exit !== 0) {
    if (JSON.stringify(after) !== JSON.stringify(before)) problems.push('output folder changed although compile failed');
    return problems;
  }
  if (!after) return [...problems, 'exit 0 but no output folder'];
  for (const [name, content] of Object.entries(before ?? {})) {
    if (name.startsWith('marker') && after[name] !== content) problems.push(`user file ${name} changed`);
  }
  let trace: { enforcement?: { id: string }[] } | undefined;
  try {
    trace = JSON.parse(Buffer.from(after['trace.json'] ?? '', 'base64').toString('utf8'));
  } catch {
    return [...problems, 'trace.json missing or not JSON'];
  }
  for (const ep of trace?.enforcement ?? []) {
    if (!Object.keys(after).some((n) => n.startsWith(`${ep.id}.`) && after[n].length > 0)) problems.push(`no config for ${ep.id}`);
  }
  return problems;
}

function checkFile(inv: Invocation, exit: number, before: string | undefined): string[] {
  const file = inv.outFile!;
  const now = existsSync(file) ? readFileSync(file).toString('base64') : undefined;
  const problems = leftovers(file).map((n) => `temporary file left behind: ${n}`);
  if (exit === 2 && now !== before) problems.push('report file written although the run failed');
  if (exit !== 2 && !now) problems.push('report file missing');
  if (exit !== 2 && now && /\.(json|sarif)$/.test(file)) {
    try { JSON.parse(Buffer.from(now, 'base64').toString('utf8')); } catch { problems.push('report file is not complete JSON'); }
  }
  return problems;
}

/** Pre-populates an output folder with user files (half the time) so that "left as it was" is tested. */
function prepareOutputs(inv: Invocation, rng: Rng): void {
  if (inv.outDir) {
    rmSync(inv.outDir, { recursive: true, force: true });
    if (rng() < 0.5) {
      mkdirSync(inv.outDir, { recursive: true });
      writeFileSync(join(inv.outDir, 'marker-notes.txt'), 'the engineer keeps notes here\n');
      writeFileSync(join(inv.outDir, 'trace.json'), '{"enforcement":[{"id":"fw-gone","platform":"fortios"}]}\n');
      writeFileSync(join(inv.outDir, 'fw-gone.conf'), 'config from an earlier run\n');
    }
  }
  if (inv.outFile) {
    rmSync(inv.outFile, { force: true });
    if (rng() < 0.5) writeFileSync(inv.outFile, 'previous report\n');
  }
}

function invocationsFor(seed: SeedFile, file: string, work: string, rng: Rng, o: FuzzOptions, generic: Set<string>): Invocation[] {
  if (seed.kind === 'catalog') {
    return o.commands.includes('catalog') ? [{ argv: ['catalog', pick(rng, CATALOG_KINDS), '--catalog', file, '--format', 'json'] }] : [];
  }
  const out: Invocation[] = [];
  for (const cmd of o.commands) {
    const recipe = RECIPES[cmd];
    if (!recipe) generic.add(cmd);
    out.push(...(recipe ? recipe(file, work, rng, o) : [{ argv: [cmd, file] }]));
  }
  return out;
}

/** Runs the fuzzer; never throws for a bad mutant, every problem is a Finding. */
export async function fuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const options = { date: '2026-06-01', ...o };
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'otpc-fuzz-'));
  const summary: FuzzSummary = { runs: options.runs, seed: options.seed, invocations: 0, exits: {}, operators: {}, errorCodes: {}, generic: [], findings: [], elapsedMs: 0 };
  const generic = new Set<string>();
  try {
    for (let run = 0; run < options.runs; run++) {
      // integer mixing (Math.imul): a float product would lose the low bits and repeat mutants
      const rng = seededRng((Math.imul(options.seed >>> 0, 0x9e3779b1) + Math.imul(run + 1, 0x85ebca6b)) >>> 0);
      const seed = options.seeds[run % options.seeds.length];
      let mutant;
      try {
        mutant = mutate(seed.text, rng);
      } catch (e) {
        // a bug in an operator, not in otpc: reported, and the run goes on
        summary.findings.push({ run, seedFile: seed.name, mutations: [], argv: [], exit: 0, problems: [`fuzzer operator failed: ${String(e)}`], excerpt: '' });
        continue;
      }
      for (const m of mutant.mutations) {
        const op = m.slice(0, m.indexOf('('));
        summary.operators[op] = (summary.operators[op] ?? 0) + 1;
      }
      const runDir = join(work, `run-${run}`);
      mkdirSync(runDir, { recursive: true });
      const file = join(runDir, seed.kind === 'catalog' ? 'catalog.yaml' : 'policy.yaml');
      writeFileSync(file, mutant.input);
      for (const inv of invocationsFor(seed, file, runDir, rng, options, generic)) {
        prepareOutputs(inv, rng);
        const folderBefore = inv.outDir ? snapshot(inv.outDir) : undefined;
        const fileBefore = inv.outFile && existsSync(inv.outFile) ? readFileSync(inv.outFile).toString('base64') : undefined;
        const r = await capture(options.main, inv.argv);
        summary.invocations++;
        const cmd = inv.argv[0];
        (summary.exits[cmd] ??= {})[String(r.exit)] = ((summary.exits[cmd] ?? {})[String(r.exit)] ?? 0) + 1;
        for (const code of new Set([...r.stderr.matchAll(/ error (OTPC\d{3}):/g)].map((m) => m[1]))) summary.errorCodes[code] = (summary.errorCodes[code] ?? 0) + 1;
        const problems = r.threw ? [`main threw: ${String(r.threw)}`] : checkOutput(r.exit, r.stdout, r.stderr);
        if (inv.outDir) problems.push(...checkFolder(inv, r.exit, folderBefore));
        if (inv.outFile) problems.push(...checkFile(inv, r.exit, fileBefore));
        if (problems.length === 0) continue;
        const finding: Finding = { run, seedFile: seed.name, mutations: mutant.mutations, argv: inv.argv, exit: r.exit, problems, excerpt: r.stderr.split('\n').slice(0, 6).join('\n').slice(0, 1200) };
        if (options.keepDir) {
          mkdirSync(options.keepDir, { recursive: true });
          finding.savedAs = join(options.keepDir, `seed${options.seed}-run${run}-${basename(file)}`);
          writeFileSync(finding.savedAs, mutant.input);
        }
        summary.findings.push(finding);
        options.log?.(`run ${run} ${inv.argv[0]}: ${problems.join('; ')} [${mutant.mutations.join(', ')}]`);
      }
      rmSync(runDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  summary.generic = [...generic].sort();
  summary.elapsedMs = Date.now() - started;
  return summary;
}

/** A short, printable summary (scripts/fuzz.js and the test log). */
export function formatSummary(s: FuzzSummary): string {
  const lines = [
    `otpc fuzz: seed ${s.seed}, ${s.runs} mutants, ${s.invocations} CLI runs in ${(s.elapsedMs / 1000).toFixed(1)} s, ${s.findings.length} finding(s)`,
    ...Object.entries(s.exits).sort().map(([cmd, codes]) => `  ${cmd}: ${Object.entries(codes).sort().map(([c, n]) => `exit ${c} x${n}`).join(', ')}`),
    `  operators: ${Object.entries(s.operators).sort().map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  errors hit: ${Object.entries(s.errorCodes).sort().map(([k, n]) => `${k} ${n}`).join(', ')}`,
  ];
  if (s.generic.length > 0) lines.push(`  run as "<command> POLICY" (no recipe): ${s.generic.join(', ')}`);
  for (const f of s.findings.slice(0, 50)) {
    lines.push(`  FINDING run ${f.run} (${f.seedFile}) ${f.argv.join(' ')} -> exit ${f.exit}: ${f.problems.join('; ')}`);
    lines.push(`    mutations: ${f.mutations.join(', ')}${f.savedAs ? `; saved as ${f.savedAs}` : ''}`);
    if (f.excerpt) lines.push(...f.excerpt.split('\n').map((l) => `    | ${l}`));
  }
  return `${lines.join('\n')}\n`;
}
