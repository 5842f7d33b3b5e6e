import { describe, expect, it } from 'vitest';
import { optimizeEnforcement } from '../../src/optimize/optimize.js';
import { buildTrace } from '../../src/rules/buildTrace.js';
import { irOf } from './irBuilder.js';

/** trace.json of an optimised IR: every member of a merged rule, and the objects the optimiser made. */
describe('buildTrace with optimised rules', () => {
  const ep = optimizeEnforcement(irOf(['h10 10.0.0.10', 'h11 10.0.0.11', 'h50 10.0.0.50', 'p1 10.0.1.1', 'p2 10.0.1.9'], [
    { src: ['h10'], dst: ['p1'], svc: ['tcp/502', 'tcp/102'] },
    { src: ['h11'], dst: ['p1'], svc: ['tcp/502', 'tcp/102'] },
    { src: ['h10', 'h11'], dst: ['p2'], svc: ['tcp/502'] },
    { src: ['h50', 'p1'], dst: ['p2'], svc: ['tcp/1'] },
    { src: ['h50', 'p1'], dst: ['h10'], svc: ['tcp/2'] },
  ]));
  const trace = buildTrace({ site: { id: 's', name: 'S' }, enforcement: [ep], unplaced: [] });
  const t = trace.enforcement[0];

  it('a merged rule lists every member with its own comment and trace', () => {
    const r = t.rules.find((x) => x.id === 'c.1')!;
    expect(r.merged?.map((m) => [m.id, m.number, m.comment, m.trace?.pointer])).toEqual([
      ['c.1', 1001, 'c flow 1', '/conduits/c/flows/0'], ['c.2', 1002, 'c flow 2', '/conduits/c/flows/1'],
    ]);
    expect(r.trace?.pointer).toBe('/conduits/c/flows/0');
  });

  it('lists merged objects with their members and ranges, and the groups', () => {
    expect(t.mergedAddresses).toEqual([{ id: 'net:h10-2', name: 'h10-2', members: ['h10', 'h11'], ranges: ['10.0.0.10-10.0.0.11'] }]);
    expect(t.addressGroups).toEqual([{ id: 'grp:h50-2', name: 'h50-2', members: ['asset:h50', 'asset:p1'] }]);
    expect(t.serviceGroups).toEqual([{ id: 'svcgrp:tcp-102-tcp-502', name: 'tcp-102-tcp-502', members: ['svc:tcp-102', 'svc:tcp-502'] }]);
  });

  it('is plain JSON and shares nothing with the IR', () => {
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
    t.rules[0].merged![0].trace!.srs.push('SR 9.9');
    expect(ep.rules[0].merged![0].trace!.srs).not.toContain('SR 9.9');
  });

  it('an unoptimised IR gives the trace.json of before (no new keys)', () => {
    const plain = buildTrace({ site: { id: 's', name: 'S' }, enforcement: [irOf(['h10 10.0.0.10', 'p1 10.0.1.1'], [{ src: ['h10'], dst: ['p1'], svc: ['tcp/502'] }])], unplaced: [] });
    expect(Object.keys(plain.enforcement[0])).toEqual(['id', 'platform', 'phase', 'rules']);
    expect(plain.enforcement[0].rules.every((r) => !('merged' in r))).toBe(true);
  });
});
