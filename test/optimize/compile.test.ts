import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compilePolicy.js';
import { optimize } from '../../src/optimize/optimize.js';
import type { TraceDocument } from '../../src/rules/buildTrace.js';
import { runCli, tempDir } from '../cli/runCli.js';
import { analyseExample, EXAMPLES } from '../golden/exampleFiles.js';

/**
 * The optimise stage in the pipeline: `compile` optimises by default and
 * `--no-optimize` keeps one rule per flow; either way trace.json maps every rendered
 * rule to every conduit flow it serves, and every placed flow to a rule.
 */
function flowsPlaced(a: ReturnType<typeof analyseExample>, ep: string): string[] {
  return [...a.model.conduits.values()].filter((c) => (a.placement.byConduit.get(c.id) ?? []).includes(ep))
    .flatMap((c) => c.flows.map((f) => `${c.id}#${f.index}`)).sort();
}

function flowsTraced(trace: TraceDocument, ep: string): string[] {
  const rules = trace.enforcement.find((e) => e.id === ep)?.rules ?? [];
  return rules.flatMap((r) => (r.merged ? r.merged.map((m) => m.trace) : [r.trace])).filter((t) => t !== undefined)
    .map((t) => `${t.conduit}#${t.flowIndex}`).sort();
}

describe.each(EXAMPLES)('compile %s', (file) => {
  it('optimised: fewer or as many rules, trace.json covers every placed flow exactly once per point', () => {
    const a = analyseExample(file);
    const plain = compilePolicy(a, { target: 'all', phase: 'enforce' });
    const opt = compilePolicy(a, { target: 'all', phase: 'enforce', optimize: (ir) => optimize(ir) });
    expect(opt.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const trace = JSON.parse(opt.files.find((f) => f.path === 'trace.json')!.content) as TraceDocument;
    for (const ep of opt.ir!.enforcement) {
      const before = plain.ir!.enforcement.find((e) => e.id === ep.id)!;
      expect(ep.rules.length).toBeLessThanOrEqual(before.rules.length);
      expect(flowsTraced(trace, ep.id)).toEqual(flowsPlaced(a, ep.id));
      const merged = trace.enforcement.find((e) => e.id === ep.id)!.rules.filter((r) => r.merged);
      for (const r of merged) {
        expect(r.merged!.length).toBeGreaterThanOrEqual(2);
        expect(r.id).toBe(r.merged![0].id);
        expect(r.comment.startsWith(`merged with ${r.merged!.slice(1).map((m) => m.id).join(', ')}: `)).toBe(true);
      }
    }
    expect(compilePolicy(analyseExample(file), { target: 'all', phase: 'enforce', optimize: (ir) => optimize(ir) }).files).toEqual(opt.files);
  });
});

describe('otpc compile --no-optimize', () => {
  it('optimises by default; --no-optimize writes one rule per conduit flow', async () => {
    const t = tempDir();
    try {
      const file = 'examples/water-treatment.yaml';
      const a = await runCli(['compile', file, '-o', t.path('opt'), '--date', '2026-11-25']);
      const b = await runCli(['compile', file, '-o', t.path('plain'), '--no-optimize', '--date', '2026-11-25']);
      expect([a.code, b.code]).toEqual([0, 0]);
      const read = (dir: string) => JSON.parse(readFileSync(t.path(`${dir}/trace.json`), 'utf8')) as TraceDocument;
      const opt = read('opt');
      const plain = read('plain');
      const flowRules = (d: TraceDocument) => d.enforcement.flatMap((e) => e.rules.filter((r) => r.kind === 'flow'));
      expect(flowRules(plain).every((r) => r.merged === undefined && r.trace !== undefined)).toBe(true);
      expect(flowRules(opt).length).toBeLessThan(flowRules(plain).length);
      expect(flowRules(opt).some((r) => r.merged !== undefined)).toBe(true);
      expect(opt.enforcement.some((e) => (e.serviceGroups ?? []).length > 0)).toBe(true);
      const fortios = readFileSync(t.path('opt/fw-plant.conf'), 'utf8');
      expect(fortios).toContain('merged with');
    } finally {
      t.cleanup();
    }
  });
});
