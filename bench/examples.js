// Times the bundled examples through each pipeline stage (issue 2: "Timing for the
// examples is recorded in BENCHMARKS.md"). Run with `npm run bench`; not a test.
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { analyzePolicy } from '../dist/analyzePolicy.js';
import { compilePolicy } from '../dist/compilePolicy.js';
import { optimize } from '../dist/optimize/optimize.js';
import { formatters } from '../dist/reports/registry.js';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const dir = new URL('../examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}

export async function benchExamples() {
  const rows = [];
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const t = { parse: [], analyze: [], compile: [], report: [] };
    for (let i = 0; i < REPEAT; i++) {
      t.parse.push(time(() => parse(text))[0]);
      const [ta, a] = time(() => analyzePolicy({ text, file: f, today: '2026-11-25' }));
      t.analyze.push(ta);
      // optimised, as `otpc compile` does by default
      const [tc, c] = time(() => compilePolicy(a, { target: 'all', phase: 'enforce', optimize }));
      t.compile.push(tc);
      const ctx = { model: a.model, catalogs: a.catalogs, placement: a.placement, file: f };
      const [tr] = time(() => { formatters.json(a.assessment, ctx); formatters.markdown(a.assessment, ctx); });
      t.report.push(tr);
      if (i === 0) rows.push({ file: f, bytes: text.length, assets: a.model.assets.size, conduits: a.model.conduits.size, files: c.files.length });
    }
    Object.assign(rows[rows.length - 1], Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])));
  }
  return rows;
}

function counts(ep) {
  const flow = ep.rules.filter((r) => r.kind === 'flow').length;
  return { rules: ep.rules.length, flow, objects: ep.addresses.length + ep.addressGroups.length + ep.services.length + ep.serviceGroups.length };
}

/**
 * Issue 7: rule and object counts per enforcement point, one rule per conduit flow
 * (`--no-optimize`) against the optimised IR, for every bundled example.
 */
export function exampleRuleCounts() {
  const rows = [];
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const a = analyzePolicy({ text, file: f, today: '2026-11-25' });
    const plain = compilePolicy(a, { target: 'all', phase: 'enforce' }).ir;
    const opt = compilePolicy(a, { target: 'all', phase: 'enforce', optimize }).ir;
    const byId = new Map(opt.enforcement.map((ep) => [ep.id, ep]));
    for (const ep of plain.enforcement) {
      rows.push({ file: f, id: ep.id, platform: ep.platform, before: counts(ep), after: counts(byId.get(ep.id)) });
    }
  }
  return rows;
}

export function ruleCountsTable(rows) {
  const out = ['| example | enforcement point | platform | flow rules: one per flow -> optimised | all rules | objects (addresses, groups, services) |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    out.push(`| ${r.file} | ${r.id} | ${r.platform} | ${r.before.flow} -> ${r.after.flow} | ${r.before.rules} -> ${r.after.rules} | ${r.before.objects} -> ${r.after.objects} |`);
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ruleCountsTable(exampleRuleCounts()));
  console.log('');
  const rows = await benchExamples();
  console.log(`| example | bytes | assets | conduits | yaml parse ms | analyse ms | compile all targets ms | json+md report ms |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  for (const r of rows) {
    console.log(`| ${r.file} | ${r.bytes} | ${r.assets} | ${r.conduits} | ${r.parse.toFixed(1)} | ${r.analyze.toFixed(1)} | ${r.compile.toFixed(1)} | ${r.report.toFixed(1)} |`);
  }
}
