// Issue 7 benchmark: generated plants of 100, 1k and 10k assets through every stage, the
// CLI end to end, peak RSS, growth between sizes and the targets. Run by bench/run.js
// (`npm run bench`); not a test. Environment:
//   BENCH_SIZES=100,1000,10000   plant sizes (assets)
//   BENCH_REPEAT=3               in-process passes per size (median)
//   BENCH_CLI_REPEAT=3           CLI runs per command and size (median wall time)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePlant } from './generatePlant.js';

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const TODAY = '2026-11-25';

/** Targets of issue 7 part 3. */
export const TARGETS = {
  /** Whole pipeline (all targets and the report) at most this many times the yaml parse. */
  pipelineOverParse: 3,
  peakRssMB: 1024,
  /** Capirca's Cisco IOS generation for the 10k plant on this machine (issue 7), and the speed-up asked for. */
  capircaIosSeconds: 7.7,
  capircaSpeedup: 3,
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function child(args, options = {}) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  return r;
}

/** In-process stage timings of one plant, in a fresh child process (its own peak RSS). */
function measureStages(file, repeat) {
  const r = child(['--expose-gc', here('./plantStages.js'), file, String(repeat)]);
  if (r.status !== 0) throw new Error(`plantStages failed for ${file}:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** One CLI command through bench/cliProbe.js: wall time here, CPU and peak RSS from the child. */
function runCli(argv) {
  const t0 = performance.now();
  const r = child([here('./cliProbe.js'), ...argv], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const wall = performance.now() - t0;
  const probe = JSON.parse(String(r.output[3]).trim().split('\n').pop());
  if (probe.code !== 0) throw new Error(`otpc ${argv.join(' ')} exited ${probe.code}:\n${r.stderr.slice(-2000)}`);
  return { wall, cpu: probe.cpuMs, rssMB: probe.maxRssKB / 1024 };
}

function cliCommands(file, dir) {
  const ci = ['sarif', 'junit', 'codequality', 'github'].flatMap((f) => ['-f', f, '-o', join(dir, `report.${f}`)]);
  return {
    validate: ['validate', file, '--date', TODAY],
    'compile (all targets)': ['compile', file, '--date', TODAY, '-o', join(dir, 'all')],
    'compile --target cisco-ios': ['compile', file, '--date', TODAY, '--target', 'cisco-ios', '-o', join(dir, 'ios')],
    'report (json + markdown)': ['report', file, '--date', TODAY, '--fail-on', 'never', '-f', 'json', '-o', join(dir, 'report.json'), '-f', 'markdown', '-o', join(dir, 'report.md')],
    'report (sarif + junit + codequality + github)': ['report', file, '--date', TODAY, '--fail-on', 'never', ...ci],
  };
}

function measureCli(file, dir, repeat) {
  const out = {};
  for (const [name, argv] of Object.entries(cliCommands(file, dir))) {
    const runs = Array.from({ length: repeat }, () => runCli(argv));
    out[name] = { wall: median(runs.map((x) => x.wall)), cpu: median(runs.map((x) => x.cpu)), rssMB: Math.max(...runs.map((x) => x.rssMB)) };
  }
  return out;
}

export async function benchPlants({
  sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number),
  repeat = Number(process.env.BENCH_REPEAT ?? 3),
  cliRepeat = Number(process.env.BENCH_CLI_REPEAT ?? 3),
} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'otpc-plants-'));
  try {
    const rows = [];
    for (const size of sizes) {
      const g0 = performance.now();
      const { text, stats } = generatePlant(size);
      const generateMs = performance.now() - g0;
      const file = join(dir, `plant-${size}.yaml`);
      writeFileSync(file, text);
      process.stderr.write(`bench: ${size} assets (${(text.length / 1e6).toFixed(1)} MB): stages...\n`);
      const stages = measureStages(file, repeat);
      process.stderr.write(`bench: ${size} assets: CLI...\n`);
      const cli = measureCli(file, join(dir, `out-${size}`), cliRepeat);
      rows.push({ size, generateMs, stats, ...stages, cli });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The pipeline a user runs for "all targets and the report", each stage once: load, validate,
 * place, assess, compile all targets (rule IR, optimise, rule analysis, render; its rule
 * findings go into the report), json + markdown written chunk by chunk.
 */
export const PIPELINE = ['catalogs', 'load', 'validate', 'place', 'assess', 'compileAll', 'reports'];

export function pipelineTotal(stages, key) {
  return PIPELINE.reduce((n, s) => n + stages[s][key], 0);
}
