import { describe, expect, it } from 'vitest';
import { buildConduitCoverage } from '../../src/baseline/conduitCoverage.js';
import { discoverFlows } from '../../src/baseline/discoverFlows.js';
import { CARRIED_FLOWS_KEPT, simulateFlows } from '../../src/baseline/simulateFlows.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { FLOWS, POLICY } from './fixture.js';
import { analyzeText, classifiedText, flowKey } from './support.js';

const a = analyzeText(POLICY);

async function simulate(phase: 'monitor' | 'enforce', boundaryPhases?: Record<string, 'monitor' | 'enforce'>) {
  return simulateFlows(buildRuleIR(a.model, a.catalogs, a.placement, { phase, boundaryPhases }), await classifiedText(a, FLOWS));
}

describe('simulateFlows (enforce)', () => {
  it('blocks exactly the uncovered flows between zones an enforcement point joins, with the rule and boundary', async () => {
    const sim = await simulate('enforce');
    expect(sim.blocked.map((f) => [flowKey(f), f.hits.map((h) => `${h.enforcement} ${h.rule} ${h.boundary} ${h.kind}`)])).toEqual([
      ['10.0.1.77 10.0.2.10 tcp 502', ['fw final.sup>ctl ctl|sup boundary-final']],
      ['10.0.2.10 10.0.1.10 tcp 2222', ['fw final.ctl>sup ctl|sup boundary-final']],
      ['10.0.3.10 10.0.1.20 tcp 5450', ['fw final.dmz>sup dmz|sup boundary-final']],
    ]);
    expect(sim.blocked[0]).toMatchObject({ srcZone: 'sup', dstZone: 'ctl', srcAsset: null, dstAsset: 'plc', count: 1, ops: [5] });
    expect(sim.summary).toMatchObject({ records: 11, flows: 10, local: 1, intraZone: 1, unenforced: 1, outside: 1, evaluated: 6, blockedFlows: 3, blockedRecords: 3 });
  });

  it('never blocks a flow inside one zone, a broadcast, an unenforced or an outside flow', async () => {
    const sim = await simulate('enforce');
    expect(sim.unenforced.map(flowKey)).toEqual(['10.0.1.10 10.0.4.10 udp 20000']);
    expect(sim.outside.map(flowKey)).toEqual(['10.0.1.10 8.8.8.8 udp 53']);
    const blocked = sim.blocked.map(flowKey);
    for (const k of ['10.0.1.10 10.0.1.20 tcp 445', '10.0.2.10 10.0.2.255 udp 137', '10.0.1.10 10.0.4.10 udp 20000', '10.0.1.10 8.8.8.8 udp 53']) expect(blocked).not.toContain(k);
  });

  it('finds writes on read-only flows: dropped by a protocol-aware filter in enforce, logged in monitor', async () => {
    const enforce = await simulate('enforce');
    expect(enforce.readOnly.map((f) => [flowKey(f), f.writes, f.mode, f.blocked])).toEqual([['10.0.1.20 10.0.2.11 tcp 502', [6], 'dpi', true]]);
    expect(enforce.summary.readOnlyBlocked).toBe(1);
    const monitor = await simulate('monitor');
    expect(monitor.readOnly.map((f) => f.blocked)).toEqual([false]);
  });

  it('counts the traffic of every allow rule and finds the unused ones', async () => {
    const sim = await simulate('enforce');
    const byConduit = sim.rules.map((r) => [r.conduit, r.fromZone, r.toZone, r.records, r.flows]);
    expect(byConduit).toEqual(expect.arrayContaining([
      ['sup-ctl', 'sup', 'ctl', 2, 1],
      ['sup-ctl', 'sup', 'ctl', 2, 2],
      ['sup-dmz', 'sup', 'dmz', 0, 0],
    ]));
    expect(sim.summary.unusedRules).toBe(1);
    expect(new Date(sim.rules.find((r) => r.records === 2 && r.flows === 1)!.first).toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });
});

describe('simulateFlows: the flows each allow rule carried', () => {
  it('lists them per rule, most connections first, with the records of each', async () => {
    const sim = await simulate('enforce');
    const view = sim.rules.map((r) => [r.rule, r.carried.map((f) => `${flowKey(f)} ${f.srcAsset}>${f.dstAsset} x${f.count}`), r.moreFlows, r.moreRecords]);
    expect(view).toEqual([
      ['sup-ctl.1', ['10.0.1.20 10.0.2.10 tcp 502 hist>plc x1', '10.0.1.20 10.0.2.11 tcp 502 hist>plc2 x1'], 0, 0],
      ['sup-ctl.2', ['10.0.1.10 10.0.2.10 tcp 502 hmi>plc x2'], 0, 0],
      ['sup-dmz.1', [], 0, 0],
    ]);
    const f = sim.rules[1].carried[0];
    expect([new Date(f.first).toISOString(), new Date(f.last).toISOString()]).toEqual(['2026-09-01T00:00:00.000Z', '2026-09-02T01:00:00.000Z']);
  });

  const MANY = `otpc: 1
site: { id: many, name: Many Flows }
zones:
  a: { purdue: 2, sl-target: 2, criticality: high, networks: [10.1.0.0/16] }
  b: { purdue: 1, sl-target: 2, criticality: high, networks: [10.2.0.0/16] }
assets:
  hmi: { zone: a, type: hmi, address: 10.1.0.10 }
  plc: { zone: b, type: plc, address: 10.2.0.10 }
conduits:
  a-b:
    zones: [a, b]
    flows:
      - { from: a, to: b, protocol: modbus }
enforcement:
  fw: { platform: nftables, interfaces: { a: eth0, b: eth1 } }
`;
  const m = analyzeText(MANY);
  // 600 distinct flows on one rule, 1-40 connections each (many ties)
  const rows = Array.from({ length: 600 }, (_, i) => ({ src: `10.1.${i >> 8}.${i & 255}`, n: ((i * 37) % 40) + 1 }));
  const csv = (order: typeof rows) => ['src,dst,proto,dport,flows', ...order.map((r) => `${r.src},10.2.0.10,tcp,502,${r.n}`)].join('\n');
  const run = async (order: typeof rows) => simulateFlows(buildRuleIR(m.model, m.catalogs, m.placement, { phase: 'enforce' }), await classifiedText(m, csv(order)));

  it(`keeps at most ${CARRIED_FLOWS_KEPT}: the most connections, ties in flow order, and counts the rest`, async () => {
    const sim = await run(rows);
    const rule = sim.rules.find((r) => r.records > 0)!;
    const ip = (a: string) => a.split('.').reduce((v, o) => v * 256 + Number(o), 0);
    const want = [...rows].sort((x, y) => y.n - x.n || ip(x.src) - ip(y.src)).slice(0, CARRIED_FLOWS_KEPT);
    expect(CARRIED_FLOWS_KEPT).toBe(20);
    expect(rule.carried.map((f) => [f.src, f.count])).toEqual(want.map((r) => [r.src, r.n]));
    const total = rows.reduce((n, r) => n + r.n, 0);
    expect(rule).toMatchObject({ flows: 600, records: total, moreFlows: 580, moreRecords: total - want.reduce((n, r) => n + r.n, 0) });
  });

  it('does not depend on the order of the records', async () => {
    const shuffled = [...rows].sort((x, y) => ipHash(x.src) - ipHash(y.src));
    expect(shuffled.map((r) => r.src)).not.toEqual(rows.map((r) => r.src));
    const [one, two] = [await run(rows), await run(shuffled)];
    expect(two.rules).toEqual(one.rules);
  });
});

/** A fixed pseudo-random order. */
function ipHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

describe('simulateFlows (monitor and staged)', () => {
  it('blocks nothing in monitor: the same flows are would-deny log entries', async () => {
    const sim = await simulate('monitor');
    expect(sim.blocked).toEqual([]);
    expect(sim.wouldDeny.map(flowKey)).toEqual(['10.0.1.77 10.0.2.10 tcp 502', '10.0.2.10 10.0.1.10 tcp 2222', '10.0.3.10 10.0.1.20 tcp 5450']);
  });

  it('blocks only at the boundaries that enforce during a staged rollout', async () => {
    const sim = await simulate('monitor', { 'fw:dmz|sup': 'enforce' });
    expect(sim.blocked.map(flowKey)).toEqual(['10.0.3.10 10.0.1.20 tcp 5450']);
    expect(sim.readOnly[0].blocked).toBe(false);
  });
});

describe('discoverFlows', () => {
  it('finds undocumented devices, uncovered flows by zone pair and service, and assets never seen', async () => {
    const d = discoverFlows(a.model, await classifiedText(a, FLOWS), buildConduitCoverage(a.model));
    expect(d.undocumented.map((x) => [x.address, x.zone, x.serves, x.uses, x.peers])).toEqual([
      ['8.8.8.8', null, ['udp/53'], [], 1],
      ['10.0.1.77', 'sup', [], ['tcp/502'], 1],
    ]);
    expect(d.uncovered.map((g) => [g.fromZone, g.toZone, g.service, g.conduits, g.flows.map(flowKey)])).toEqual([
      ['ctl', 'sup', 'tcp/2222', ['sup-ctl'], ['10.0.2.10 10.0.1.10 tcp 2222']],
      ['dmz', 'sup', 'tcp/5450', ['sup-dmz'], ['10.0.3.10 10.0.1.20 tcp 5450']],
      ['sup', '(outside)', 'udp/53', [], ['10.0.1.10 8.8.8.8 udp 53']],
      ['sup', 'ctl', 'tcp/502', ['sup-ctl'], ['10.0.1.77 10.0.2.10 tcp 502']],
    ]);
    expect(d.unseenAssets.map((x) => x.id)).toEqual(['stale']);
    expect(d.summary).toMatchObject({ undocumented: 2, undocumentedInZones: 1, undocumentedOutside: 1, uncoveredFlows: 4, uncoveredGroups: 4, unseenAssets: 1, local: 1, intraZone: 1 });
  });

  it('takes the last address of a zone network for a device when it sends or holds a TCP connection', async () => {
    const d = discoverFlows(a.model, await classifiedText(a, 'src,dst,proto,dport\n10.0.1.10,10.0.2.255,tcp,80\n'), buildConduitCoverage(a.model));
    expect(d.undocumented.map((x) => x.address)).toEqual(['10.0.2.255']);
    const b = discoverFlows(a.model, await classifiedText(a, 'src,dst,proto,dport\n10.0.1.10,10.0.2.255,udp,137\n'), buildConduitCoverage(a.model));
    expect(b.undocumented).toEqual([]);
    expect(b.summary.local).toBe(1);
  });
});
