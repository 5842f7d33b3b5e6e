// Per-stage timings of the whole pipeline on one policy file, in ONE process, so the
// yaml-package reference parse and otpc's stages share the same JIT, heap and machine
// state (issue 7: "in the same run"). Run by bench/plants.js as a child process per plant
// size, so each size's peak RSS is its own:
//
//   node --expose-gc bench/plantStages.js PLANT.yaml [REPEAT]   -> one JSON line on stdout
//
// Each stage is timed as wall time and as CPU time (user + system of this process, GC
// threads included). CPU time is the figure to compare when the machine is shared: wall
// time grows with other workloads, CPU time much less. Medians over REPEAT runs.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';

const dist = new URL(process.env.OTPC_BENCH_DIST ?? '../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);

const { loadCatalogs } = await load('catalog/loadCatalogs.js');
const { loadPolicy } = await load('load/loadPolicy.js');
const { validatePolicy } = await load('validate/validatePolicy.js');
const { placeConduits } = await load('model/placeConduits.js');
const { assess } = await load('assess/assess.js');
const { buildRuleIR } = await load('rules/buildRuleIR.js');
const { optimize } = await load('optimize/optimize.js');
const { analyzeRules } = await load('analysis/analyzeRules.js');
const { compilePolicy } = await load('compilePolicy.js');
const { backendFor } = await load('backends/registry.js');
const { formatters } = await load('reports/registry.js');
const { reportChunks } = await load('reports/reportChunks.js');
const { siteFindings } = await load('analyzePolicy.js');

const TODAY = '2026-11-25';

/** [wall ms, cpu ms, result] of one call. */
function timed(fn) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const out = fn();
  const wall = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1000, out];
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function errorsOf(diagnostics) {
  return diagnostics.filter((d) => d.severity === 'error');
}

/** Bytes of a report as the CLI produces it: chunk by chunk, none kept (the CLI writes each to its file). */
function reportBytes(format, assessment, ctx) {
  let n = 0;
  for (const chunk of reportChunks(formatters[format], assessment, ctx)) n += Buffer.byteLength(chunk);
  return n;
}

/**
 * One pass over every stage, in pipeline order. The pipeline stages are the work of
 * `otpc compile` (load, validate, place, then IR + optimise + rule analysis + render of
 * the rendered points in compilePolicy) and `otpc report` (load, validate, place, assess,
 * rule analysis, reports written chunk by chunk), each stage done once: the report's rule
 * findings are those compilePolicy returns for target 'all' (the same as analyzePolicy's).
 * ruleIR / optimize / analysis / render are the parts of compileAll, timed alone.
 */
function onePass(text, file) {
  const t = {};
  const step = (name, fn) => {
    const [wall, cpu, out] = timed(fn);
    t[name] = { wall, cpu };
    return out;
  };
  step('yamlParse', () => parse(text));
  // yaml's default parse checks duplicate keys by scanning the map's earlier keys (quadratic
  // in the size of a map: the 10k-asset `assets:` map); otpc's loader does not, so the
  // linear-time figure is shown too, to read the ratio honestly.
  step('yamlParseLinear', () => parse(text, { uniqueKeys: false }));
  const catalogs = step('catalogs', () => loadCatalogs([]).catalogs);
  const loaded = step('load', () => loadPolicy(text, file));
  const validated = step('validate', () => validatePolicy(loaded, catalogs, { today: TODAY }));
  const errors = errorsOf([...loaded.diagnostics, ...validated.diagnostics]);
  if (!validated.model || errors.length > 0) {
    const first = errors.slice(0, 5).map((d) => `${d.code} ${d.pointer ?? ''} ${d.message}`).join('\n  ');
    throw new Error(`${file} does not validate (${errors.length} errors):\n  ${first}`);
  }
  const model = validated.model;
  const placement = step('place', () => placeConduits(model));
  step('siteFindings', () => siteFindings(model, catalogs, placement));
  const assessment = step('assess', () => assess(model, catalogs, placement, { date: TODAY }));
  const ir = step('ruleIR', () => buildRuleIR(model, catalogs, placement, { phase: 'enforce' }));
  const optimized = step('optimize', () => optimize(ir));
  step('analysis', () => analyzeRules({ model, catalogs, ir, optimized }));
  // rendering alone: every enforcement point of the optimised IR through its backend (as compilePolicy does)
  step('render', () => optimized.enforcement.map((ep) => backendFor(ep.platform).render(ep, {
    platform: catalogs.platforms.get(ep.platform), catalogs, file, site: { id: model.site.id, name: model.site.name },
  })));
  const analyzed = { model, catalogs, placement };
  const all = step('compileAll', () => compilePolicy(analyzed, { target: 'all', phase: 'enforce', optimize, analyze: true }));
  const ios = step('compileIos', () => compilePolicy(analyzed, { target: 'cisco-ios', phase: 'enforce', optimize, analyze: true }));
  for (const c of [all, ios]) {
    const bad = errorsOf(c.diagnostics);
    if (bad.length > 0) throw new Error(`${file}: compile failed: ${bad[0].code} ${bad[0].message}`);
  }
  const full = { ...assessment, findings: [...assessment.findings, ...all.findings] };
  const ctx = { model, catalogs, placement, file };
  const reports = step('reports', () => [reportBytes('json', full, ctx), reportBytes('markdown', full, ctx)]);
  const ci = step('ciReports', () => ['sarif', 'junit', 'codequality', 'github'].map((f) => reportBytes(f, full, ctx)));
  const sizes = {
    bytes: Buffer.byteLength(text),
    assets: model.assets.size,
    zones: model.zones.size,
    conduits: model.conduits.size,
    flows: [...model.conduits.values()].reduce((n, c) => n + c.flows.length, 0),
    enforcement: model.enforcement.size,
    rules: optimized.enforcement.reduce((n, ep) => n + ep.rules.length, 0),
    unoptimizedRules: ir.enforcement.reduce((n, ep) => n + ep.rules.length, 0),
    configBytes: all.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0),
    jsonReportBytes: reports[0],
    markdownReportBytes: reports[1],
    ciReportBytes: ci.reduce((n, b) => n + b, 0),
    requirementRows: assessment.devices.reduce((n, d) => n + d.requirements.length, 0),
    warnings: validated.diagnostics.length + full.findings.length,
  };
  return { t, sizes };
}

export function measureStages(text, file, repeat) {
  const passes = [];
  let sizes;
  for (let i = 0; i < repeat; i++) {
    globalThis.gc?.();
    const r = onePass(text, file);
    passes.push(r.t);
    sizes = r.sizes;
  }
  const stages = {};
  for (const name of Object.keys(passes[0])) {
    stages[name] = { wall: median(passes.map((p) => p[name].wall)), cpu: median(passes.map((p) => p[name].cpu)) };
  }
  // the built-in catalogues are cached per process: what a CLI run pays is the first load
  stages.catalogs = passes[0].catalogs;
  return { stages, sizes, repeat, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const repeat = Number(process.argv[3] ?? 3);
  process.stdout.write(`${JSON.stringify(measureStages(readFileSync(file, 'utf8'), file, repeat))}\n`);
}
