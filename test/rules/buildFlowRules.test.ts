import { describe, expect, it } from 'vitest';
import { buildFlowRules, conduitOrdinals, flowComment, orderFlowRules } from '../../src/rules/buildFlowRules.js';
import { ServiceTable } from '../../src/rules/buildServices.js';
import type { Rule } from '../../src/rules/types.js';
import type { ConduitDoc, FlowDoc, PolicyDoc } from '../support/modelFixtures.js';
import { fixtureCatalogs, modelFromDocument } from '../support/modelFixtures.js';

const catalogs = fixtureCatalogs();

function doc(conduits: Record<string, ConduitDoc>): PolicyDoc {
  return {
    otpc: 1,
    site: { id: 's', name: 'S' },
    zones: {
      sup: { purdue: 2, 'sl-target': 2, criticality: 'high', networks: ['10.0.0.0/24'] },
      ctl: { purdue: 1, 'sl-target': 3, criticality: 'critical', networks: ['10.0.1.0/24'] },
      dmz: { purdue: 3.5, 'sl-target': 2, criticality: 'medium', networks: ['10.0.2.0/24'] },
    },
    assets: {
      hmi: { zone: 'sup', type: 'hmi', address: '10.0.0.10' },
      hist: { zone: 'sup', type: 'historian', address: '10.0.0.20' },
      plc1: { zone: 'ctl', type: 'plc', address: '10.0.1.11' },
      plc2: { zone: 'ctl', type: 'plc', address: '10.0.1.12' },
    },
    conduits,
  };
}

const rules = (m: ReturnType<typeof modelFromDocument>, ids: string[], platform = 'fortios', services = new ServiceTable()) =>
  buildFlowRules(m, catalogs, catalogs.platforms.get(platform), ids, services);

describe('conduitOrdinals', () => {
  it('1-based over ALL conduits sorted by id', () => {
    const m = modelFromDocument(doc({
      'z-last': { zones: ['sup', 'ctl'], flows: [{ from: 'hmi', to: 'plc1', protocol: 'modbus' }] },
      'a-first': { zones: ['dmz', 'sup'], flows: [{ from: 'hmi', to: 'dmz', protocol: 'https' }] },
    }));
    expect([...conduitOrdinals(m)]).toEqual([['a-first', 1], ['z-last', 2]]);
  });
});

describe('buildFlowRules', () => {
  const m = modelFromDocument(doc({
    'a-other': { zones: ['dmz', 'sup'], flows: [{ from: 'hist', to: 'dmz', protocol: 'https' }] },
    'sup-ctl': {
      zones: ['sup', 'ctl'],
      flows: [
        { from: ['plc2', 'plc1'], to: 'hist', protocol: 'tcp/2000-2010' },
        { from: 'hmi', to: ['plc2', 'plc1'], protocol: 'dnp3', description: 'polling' },
        { from: 'sup', to: 'plc1', protocol: 'modbus', access: 'read-only' },
      ],
    },
  }));

  it('one allow rule per flow, numbered conduitOrdinal*1000 + position, traced to the flow', () => {
    const got = rules(m, ['sup-ctl']);
    expect(got.map((r) => [r.id, r.number, r.kind, r.action, r.log, r.fromZone, r.toZone])).toEqual([
      ['sup-ctl.1', 2001, 'flow', 'allow', true, 'sup', 'ctl'],
      ['sup-ctl.2', 2002, 'flow', 'allow', true, 'ctl', 'sup'],
      ['sup-ctl.3', 2003, 'flow', 'allow', true, 'sup', 'ctl'],
    ]);
    const flows = m.conduits.get('sup-ctl')!.flows;
    got.forEach((r, i) => {
      expect(r.trace).toMatchObject({ conduit: 'sup-ctl', flowIndex: flows[i].index, flowKey: flows[i].key, pointer: flows[i].pointer });
    });
  });

  it('sorted endpoint references and service ids; tcp and udp stay separate', () => {
    const got = rules(m, ['sup-ctl']);
    expect(got[0].src).toEqual(['asset:hmi']);
    expect(got[0].dst).toEqual(['asset:plc1', 'asset:plc2']);
    expect(got[0].services).toEqual(['svc:dnp3-tcp-20000', 'svc:dnp3-udp-20000']);
    expect(got[1].src).toEqual(['asset:plc1', 'asset:plc2']);
    expect(got[1].services).toEqual(['svc:tcp-2000-2010']);
    expect(got[2].src).toEqual(['zone:sup']);
  });

  it('conduits in id order whatever order they are given', () => {
    const got = rules(m, ['sup-ctl', 'a-other']);
    expect(got.map((r) => r.id)).toEqual(['a-other.1', 'sup-ctl.1', 'sup-ctl.2', 'sup-ctl.3']);
  });

  it('fills the service table', () => {
    const services = new ServiceTable();
    rules(m, ['sup-ctl', 'a-other'], 'fortios', services);
    expect(services.list().map((s) => s.id)).toEqual([
      'svc:dnp3-tcp-20000', 'svc:dnp3-udp-20000', 'svc:https-tcp-443', 'svc:modbus-tcp-502', 'svc:tcp-2000-2010',
    ]);
  });

  it('throws beyond 999 flows in one conduit', () => {
    const flows: FlowDoc[] = Array.from({ length: 1000 }, (_, i) => ({ from: 'hmi', to: 'plc1', protocol: `tcp/${i + 1}` }));
    const big = modelFromDocument(doc({ big: { zones: ['sup', 'ctl'], flows } }));
    expect(() => rules(big, ['big'])).toThrow(/1000 flows; rule numbering supports at most 999/);
  });

  it('999 flows fit', () => {
    const flows: FlowDoc[] = Array.from({ length: 999 }, (_, i) => ({ from: 'hmi', to: 'plc1', protocol: `tcp/${i + 1}` }));
    const big = modelFromDocument(doc({ big: { zones: ['sup', 'ctl'], flows } }));
    const got = rules(big, ['big']);
    expect(got.length).toBe(999);
    expect(Math.max(...got.map((r) => r.number))).toBe(1999);
  });

  it('rejects a placed conduit that is not in the model', () => {
    expect(() => rules(m, ['ghost'])).toThrow(/ghost/);
  });
});

describe('orderFlowRules', () => {
  const r = (id: string, mode?: 'dpi' | 'port-only'): Rule => ({
    id, number: 0, kind: 'flow', action: 'allow', log: true, src: [], dst: [], services: [], comment: '',
    ...(mode ? { readOnly: { protocol: 'modbus', field: 'f', allowed: [3], denied: [6], mode } } : {}),
  });
  it('puts operation-filtering (dpi) rules after plain ones, stably', () => {
    const got = orderFlowRules([r('a', 'dpi'), r('b'), r('c', 'port-only'), r('d', 'dpi'), r('e')]);
    expect(got.map((x) => x.id)).toEqual(['b', 'c', 'e', 'a', 'd']);
  });

  it('a read-only zone flow does not block writes another flow allows', () => {
    const mm = modelFromDocument(doc({
      c: {
        zones: ['sup', 'ctl'],
        flows: [
          { from: 'sup', to: 'plc1', protocol: 'modbus', access: 'read-only' },
          { from: 'hmi', to: 'plc1', protocol: 'modbus', description: 'setpoints' },
        ],
      },
    }));
    // canonical order puts "hmi>..." first; with zone "a-sup" it would not: the partition makes it irrelevant
    const got = rules(mm, ['c']);
    expect(got.map((x) => x.readOnly?.mode)).toEqual([undefined, 'dpi']);
  });
});

describe('flowComment', () => {
  const m = modelFromDocument(doc({
    c: {
      zones: ['sup', 'ctl'],
      'rate-limit': { 'max-connections': 5 },
      flows: [
        { from: ['hist', 'hmi'], to: 'plc1', protocol: 'modbus', access: 'read-only', description: 'reads "all" registers\nnightly?' },
        { from: 'sup', to: 'ctl', protocol: 'tcp/2222' },
      ],
    },
  }));
  it.each([
    ['fortios', 0, 'c hist,hmi -> plc1 modbus read-only rate-limited (SR 2.1, SR 3.4, SR 3.5, SR 5.1, SR 5.2, SR 5.2 RE 1, SR 7.1 RE 1, SR 7.1 RE 2, SR 7.7): reads "all" registers\nnightly?'],
    ['cisco-ios', 0, 'c hist,hmi -> plc1 modbus read-only (port-level only) (SR 5.1, SR 5.2, SR 5.2 RE 1): reads "all" registers\nnightly?'],
    ['cisco-ios', 1, 'c sup -> ctl tcp/2222 (SR 5.1, SR 5.2, SR 5.2 RE 1)'],
  ])('%s flow %i: full text, unsanitised (backends sanitise)', (platform, i, want) => {
    const byIndex = rules(m, ['c'], platform).find((r) => r.trace?.flowIndex === i)!;
    expect(byIndex.comment).toBe(want);
  });

  it('monitor phase: the same rule, the comment says writes are only logged', () => {
    const monitor = buildFlowRules(m, catalogs, catalogs.platforms.get('fortios'), ['c'], new ServiceTable(), () => 'monitor');
    const enforce = rules(m, ['c']);
    const ro = monitor.find((r) => r.trace?.flowIndex === 0)!;
    expect(ro.comment).toMatch(/^c hist,hmi -> plc1 modbus read-only \(monitor phase: writes logged, not blocked\) rate-limited \(SR [^)]*\): /);
    expect(monitor.map((r) => ({ ...r, comment: '' }))).toEqual(enforce.map((r) => ({ ...r, comment: '' })));
  });

  it('no SRs, no parentheses', () => {
    const c = m.conduits.get('c')!;
    expect(flowComment(c, c.flows[0], { controls: [], srs: [], phase: 'enforce' })).toBe('c hist,hmi -> plc1 modbus: reads "all" registers\nnightly?');
  });
});
