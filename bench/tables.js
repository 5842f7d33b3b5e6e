// Markdown tables for bench/run.js (BENCHMARKS.md is written from this output).
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { PIPELINE, pipelineTotal, TARGETS } from './plants.js';

const STAGES = [
  ['yamlParse', 'yaml `parse` (reference)'],
  ['yamlParseLinear', 'yaml `parse`, `uniqueKeys: false`'],
  ['catalogs', 'catalogues (first load)'],
  ['load', 'load: parse + source map'],
  ['validate', 'validate: schema, checks, model'],
  ['place', 'place conduits'],
  ['siteFindings', 'site findings without device rows (compile)'],
  ['assess', 'assess every device'],
  ['ruleIR', 'rule IR, every point'],
  ['optimize', 'optimise, every point'],
  ['analysis', 'rule analysis (OTPC751-757), every point'],
  ['render', 'render all targets (backends only)'],
  ['compileAll', 'compile all targets (IR + optimise + rule analysis + render + trace)'],
  ['compileIos', 'compile cisco-ios only (the same, for its points only)'],
  ['reports', 'reports: json + markdown, chunk by chunk'],
  ['ciReports', 'reports: sarif + junit + codequality + github'],
];

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const mb = (bytes) => (bytes / 1e6).toFixed(1);
const label = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));
const nlogn = (a, b) => (b * Math.log(b)) / (a * Math.log(a));

export function machineInfo() {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const line = execFileSync('lscpu', { encoding: 'utf8' }).split('\n').find((l) => l.startsWith('Model name:'));
    if (line) model = line.slice('Model name:'.length).trim();
  } catch { /* lscpu is optional */ }
  return { model, cores: cpus().length, ramGiB: totalmem() / 2 ** 30, node: process.version, date: new Date().toISOString().slice(0, 10), load: loadavg() };
}

export function machineTable(before, after) {
  const l = (x) => x.map((v) => v.toFixed(2)).join(' / ');
  return [
    '| machine | |', '|---|---|',
    `| CPU | ${before.model}, ${before.cores} cores |`,
    `| RAM | ${before.ramGiB.toFixed(1)} GiB |`,
    `| Node.js | ${before.node} |`,
    `| date | ${before.date} |`,
    `| load average (1 / 5 / 15 min) before | ${l(before.load)} |`,
    `| load average after | ${l(after.load)} |`,
  ].join('\n');
}

export function plantsTable(rows) {
  const out = [
    '| assets | YAML MB | zones | conduits | flows | enforcement points | rules: optimised / one per flow | requirement rows | configs MB | json report MB | markdown MB | sarif + junit + codequality + github MB | warnings |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const s = r.sizes;
    out.push(`| ${s.assets} | ${mb(s.bytes)} | ${s.zones} | ${s.conduits} | ${s.flows} | ${s.enforcement} | ${s.rules} / ${s.unoptimizedRules} | ${s.requirementRows} | ${mb(s.configBytes)} | ${mb(s.jsonReportBytes)} | ${mb(s.markdownReportBytes)} | ${mb(s.ciReportBytes)} | ${s.warnings} |`);
  }
  return out.join('\n');
}

/** Stage times for every size (median ms), with the growth factor between consecutive sizes. */
export function stagesTable(rows, key) {
  const sizes = rows.map((r) => r.size);
  const growthCols = sizes.slice(1).map((s, i) => `growth ${label(sizes[i])} -> ${label(s)}`);
  const out = [
    `| stage (${key === 'cpu' ? 'CPU' : 'wall'} ms) | ${sizes.map((s) => `${label(s)} assets`).join(' | ')} | ${growthCols.join(' | ')} |`,
    `|---|${sizes.map(() => '---').join('|')}|${growthCols.map(() => '---').join('|')}|`,
  ];
  const st = rows.map((r) => r.stages);
  for (const [name, text] of STAGES) {
    const v = st.map((s) => s[name][key]);
    const g = v.slice(1).map((x, i) => fmt(x / v[i], 1));
    out.push(`| ${text} | ${v.map((x) => fmt(x)).join(' | ')} | ${g.join(' | ')} |`);
  }
  const totals = rows.map((r) => pipelineTotal(r.stages, key));
  out.push(`| **pipeline: all targets + report** | ${totals.map((x) => `**${fmt(x)}**`).join(' | ')} | ${totals.slice(1).map((x, i) => fmt(x / totals[i], 1)).join(' | ')} |`);
  out.push(`| pipeline / yaml \`parse\` | ${rows.map((r, i) => `${fmt(totals[i] / r.stages.yamlParse[key], 2)}x`).join(' | ')} | ${growthCols.map(() => '').join(' | ')} |`);
  out.push(`| pipeline / yaml \`parse\` (uniqueKeys off) | ${rows.map((r, i) => `${fmt(totals[i] / r.stages.yamlParseLinear[key], 2)}x`).join(' | ')} | ${growthCols.map(() => '').join(' | ')} |`);
  out.push(`| reference: n log n in assets | ${sizes.map(() => '').join(' | ')} | ${sizes.slice(1).map((s, i) => fmt(nlogn(sizes[i], s), 1)).join(' | ')} |`);
  out.push(`| reference: flows | ${rows.map((r) => r.sizes.flows).join(' | ')} | ${rows.slice(1).map((r, i) => fmt(nlogn(rows[i].sizes.flows, r.sizes.flows), 1)).join(' | ')} |`);
  return `${out.join('\n')}\n\nPipeline = ${PIPELINE.join(' + ')} (what \`otpc compile\` and \`otpc report\` do between them, each stage once).`;
}

export function cliTable(rows) {
  const out = ['| assets | command | wall s | CPU s | peak RSS MB |', '|---|---|---|---|---|'];
  for (const r of rows) {
    for (const [name, c] of Object.entries(r.cli)) out.push(`| ${r.sizes.assets} | \`otpc ${name}\` | ${fmt(c.wall / 1000, 2)} | ${fmt(c.cpu / 1000, 2)} | ${fmt(c.rssMB)} |`);
    out.push(`| ${r.sizes.assets} | in-process, every stage (${r.repeat} passes) | | | ${fmt(r.peakRssMB)} |`);
  }
  return out.join('\n');
}

/** The issue's targets at the largest size, each with its figure and a verdict. */
export function targetsTable(rows) {
  const big = rows[rows.length - 1];
  const prev = rows[rows.length - 2];
  const ok = (b) => (b ? 'met' : '**not met**');
  const ratio = (key) => pipelineTotal(big.stages, key) / big.stages.yamlParse[key];
  const iosLimit = (TARGETS.capircaIosSeconds / TARGETS.capircaSpeedup) * 1000;
  const ios = big.cli['compile --target cisco-ios'];
  const peak = Math.max(...Object.values(big.cli).map((c) => c.rssMB));
  const out = [
    `| target (${big.sizes.assets} assets) | figure | verdict |`, '|---|---|---|',
    `| pipeline <= ${TARGETS.pipelineOverParse}x yaml \`parse\`, wall | ${fmt(ratio('wall'), 2)}x | ${ok(ratio('wall') <= TARGETS.pipelineOverParse)} |`,
    `| pipeline <= ${TARGETS.pipelineOverParse}x yaml \`parse\`, CPU | ${fmt(ratio('cpu'), 2)}x | ${ok(ratio('cpu') <= TARGETS.pipelineOverParse)} |`,
    `| peak RSS < ${TARGETS.peakRssMB} MiB (largest CLI run) | ${fmt(peak)} MiB | ${ok(peak < TARGETS.peakRssMB)} |`,
  ];
  for (const [name, c] of Object.entries(big.cli)) out.push(`| peak RSS < ${TARGETS.peakRssMB} MiB: \`otpc ${name}\` | ${fmt(c.rssMB)} MiB | ${ok(c.rssMB < TARGETS.peakRssMB)} |`);
  out.push(`| \`otpc compile --target cisco-ios\` <= ${fmt(iosLimit / 1000, 2)} s (Capirca ${TARGETS.capircaIosSeconds} s / ${TARGETS.capircaSpeedup}) | ${fmt(ios.wall / 1000, 2)} s wall (${fmt(ios.cpu / 1000, 2)} s CPU) | ${ok(ios.wall <= iosLimit)} |`);
  if (prev) {
    const limit = nlogn(prev.sizes.assets, big.sizes.assets);
    const st = big.stages;
    const pst = prev.stages;
    // a stage of a few milliseconds (placement; compile cisco-ios on a plant without IOS points) is timer noise, not growth
    const over = STAGES.filter(([n]) => !n.startsWith('yaml') && n !== 'catalogs' && pst[n].cpu >= 10 && st[n].cpu / pst[n].cpu > limit).map(([n]) => `${n} ${fmt(st[n].cpu / pst[n].cpu, 1)}`);
    out.push(`| growth ${label(prev.size)} -> ${label(big.size)} <= n log n (${fmt(limit, 1)}x), CPU, every stage | ${over.length === 0 ? 'all within' : over.join(', ')} | ${ok(over.length === 0)} |`);
  }
  return out.join('\n');
}
