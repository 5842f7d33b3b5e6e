import { describe, expect, it } from 'vitest';
import { orderBoundaries } from '../../src/baseline/orderBoundaries.js';
import { planConfigs } from '../../src/baseline/planConfigs.js';
import { planRollout } from '../../src/baseline/planRollout.js';
import type { PlanOptions } from '../../src/baseline/planRollout.js';
import { simulateFlows } from '../../src/baseline/simulateFlows.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { FLOWS, POLICY } from './fixture.js';
import { analyzeExample, analyzeText, classifiedText, flowKey } from './support.js';

const a = analyzeText(POLICY);
const days = { value: 30, source: 'policy' } as const;
const base: PlanOptions = { baselineStart: { value: '2026-09-01', source: 'policy' }, baselineDays: days, force: false };

describe('orderBoundaries', () => {
  it('orders by the higher criticality of the two zones, then the higher SL-T, then id', () => {
    const steps = orderBoundaries(a.model, buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'monitor' }));
    expect(steps.map((s) => [s.key, s.criticality, s.slTarget])).toEqual([
      ['fw:ctl|dmz', 'critical', 3],
      ['fw:ctl|sup', 'critical', 3],
      ['fw:dmz|sup', 'high', 2],
    ]);
  });

  it('puts the SL-T 3 critical boundaries of the water plant first', () => {
    const w = analyzeExample('examples/water-treatment.yaml');
    const steps = orderBoundaries(w.model, buildRuleIR(w.model, w.catalogs, w.placement, { phase: 'monitor' }));
    const rank = { low: 1, medium: 2, high: 3, critical: 4 };
    for (let i = 1; i < steps.length; i++) {
      const [p, q] = [steps[i - 1], steps[i]];
      expect(rank[p.criticality] > rank[q.criticality] || (p.criticality === q.criticality && (p.slTarget > q.slTarget || (p.slTarget === q.slTarget && p.key < q.key)))).toBe(true);
    }
    expect(steps[0]).toMatchObject({ key: 'fw-plant:chem-dosing|enterprise', criticality: 'critical', slTarget: 3 });
    expect(steps).toHaveLength(13);
  });
});

describe('planRollout', () => {
  it('without flows: every step unchecked, cumulative boundary phases, rollback to the previous step', () => {
    const plan = planRollout(a, base);
    expect(plan.enforce.steps.map((s) => [s.step, s.key, s.status, s.dir, s.rollback])).toEqual([
      [1, 'fw:ctl|dmz', 'unchecked', 'step-1-fw-ctl-dmz', 'monitor'],
      [2, 'fw:ctl|sup', 'unchecked', 'step-2-fw-ctl-sup', 'step-1-fw-ctl-dmz'],
      [3, 'fw:dmz|sup', 'unchecked', 'step-3-fw-dmz-sup', 'step-2-fw-ctl-sup'],
    ]);
    expect(plan.enforce.steps[1].boundaryPhases).toEqual({ 'fw:ctl|dmz': 'enforce', 'fw:ctl|sup': 'enforce', 'fw:dmz|sup': 'monitor' });
    expect(plan.baseline).toMatchObject({ start: '2026-09-01', days: 30, end: '2026-10-01', observed: null });
    expect(plan.discover).toMatchObject({ spans: [], ids: { addresses: ['10.0.1.99'], monitors: ['ctl', 'sup'] }, unmonitoredZones: ['dmz', 'remote'] });
    expect(plan.monitor.watch[0].rules.map((r) => r.id)).toEqual(['final.ctl>dmz', 'final.dmz>ctl', 'final.ctl>sup', 'final.sup>ctl', 'final.dmz>sup', 'final.sup>dmz', 'final']);
  });

  it('with flows: marks a boundary ready only when enforcing it blocks no observed flow, and holds the others in monitor', async () => {
    const flows = await classifiedText(a, FLOWS);
    const plan = planRollout(a, { ...base, flows });
    const steps = plan.enforce.steps;
    expect(steps.map((s) => [s.key, s.status, s.held, s.dir])).toEqual([
      ['fw:ctl|dmz', 'ready', false, 'step-1-fw-ctl-dmz'],
      ['fw:ctl|sup', 'not-ready', true, null],
      ['fw:dmz|sup', 'not-ready', true, null],
    ]);
    expect(steps[1].blocking.map(flowKey)).toEqual(['10.0.1.77 10.0.2.10 tcp 502', '10.0.2.10 10.0.1.10 tcp 2222']);
    expect(steps[1].blockingWrites.map((f) => [flowKey(f), f.writes])).toEqual([['10.0.1.20 10.0.2.11 tcp 502', [6]]]);
    expect(steps[2].blocking.map(flowKey)).toEqual(['10.0.3.10 10.0.1.20 tcp 5450']);
    // a held boundary stays in monitor in every later step
    expect(steps[2].boundaryPhases['fw:ctl|sup']).toBe('monitor');
    expect(plan.baseline.observed).toMatchObject({ first: '2026-09-01T00:00:00Z', last: '2026-09-20T00:00:00Z', days: 20, records: 11 });
    expect(plan.monitor.watch[0].rules.find((r) => r.id === 'final.ctl>sup')?.expectedFlows).toBe(1);
  });

  it('the configs of a step block exactly what the plan says: nothing a held boundary needs', async () => {
    const flows = await classifiedText(a, FLOWS);
    const plan = planRollout(a, { ...base, flows });
    for (const s of plan.enforce.steps.filter((x) => x.dir !== null)) {
      const ir = buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'monitor', boundaryPhases: s.boundaryPhases });
      expect(simulateFlows(ir, flows).blocked).toEqual([]);
    }
  });

  it('--force enforces every boundary in order; the last step denies everything not allowed', async () => {
    const flows = await classifiedText(a, FLOWS);
    const plan = planRollout(a, { ...base, flows, force: true });
    expect(plan.enforce.steps.map((s) => [s.status, s.held, s.dir])).toEqual([
      ['ready', false, 'step-1-fw-ctl-dmz'], ['not-ready', false, 'step-2-fw-ctl-sup'], ['not-ready', false, 'step-3-fw-dmz-sup'],
    ]);
    expect(Object.values(plan.enforce.steps[2].boundaryPhases)).toEqual(['enforce', 'enforce', 'enforce']);
  });
});

describe('planConfigs', () => {
  it('writes the monitor configs and one folder per emitted step, never one for a held step', async () => {
    const flows = await classifiedText(a, FLOWS);
    const plan = planRollout(a, { ...base, flows });
    const { folders, diagnostics } = planConfigs(a, plan);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(folders.map((f) => [f.dir, f.files.map((x) => x.path)])).toEqual([
      ['monitor', ['fw.nft', 'trace.json']],
      ['step-1-fw-ctl-dmz', ['fw.nft', 'trace.json']],
    ]);
    const step1 = folders[1].files[0].content;
    const monitor = folders[0].files[0].content;
    // nftables logs with the prefix "otpc <rule number> <verdict>"; ctl|dmz are finals 9000001-2, ctl|sup 9000003-4
    expect(monitor).not.toMatch(/"otpc \d+ drop "/);
    expect(step1).toContain('"otpc 9000001 drop "');
    expect(step1).toContain('"otpc 9000002 drop "');
    expect(step1).not.toContain('"otpc 9000003 drop "');
    expect(step1).not.toContain('"otpc 9999999 drop "');
  });

  it('is deterministic: the same input gives byte-identical folders', async () => {
    const flows = await classifiedText(a, FLOWS);
    const one = planConfigs(a, planRollout(a, { ...base, flows, force: true }));
    const two = planConfigs(a, planRollout(a, { ...base, flows, force: true }));
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
  });
});
