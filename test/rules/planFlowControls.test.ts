import { describe, expect, it } from 'vitest';
import { planFlowControls, readOnlyFilter } from '../../src/rules/planFlowControls.js';
import type { ConduitDoc, FlowDoc } from '../support/modelFixtures.js';
import { fixtureCatalogs, modelFromDocument } from '../support/modelFixtures.js';

function oneFlow(flow: FlowDoc, conduit: Partial<ConduitDoc> = {}) {
  const model = modelFromDocument({
    otpc: 1,
    site: { id: 's', name: 'S' },
    zones: {
      a: { purdue: 2, 'sl-target': 2, criticality: 'high', networks: ['10.0.0.0/24'] },
      b: { purdue: 1, 'sl-target': 3, criticality: 'critical', networks: ['10.0.1.0/24'] },
    },
    assets: { h: { zone: 'a', type: 'historian', address: '10.0.0.5' }, p: { zone: 'b', type: 'plc', address: '10.0.1.5' } },
    conduits: { c: { zones: ['a', 'b'], flows: [flow], ...conduit } },
  });
  const c = model.conduits.get('c')!;
  return { conduit: c, flow: c.flows[0] };
}

const catalogs = fixtureCatalogs();
const platform = (id: string) => catalogs.platforms.get(id);
const rl = { 'max-connections': 10 };

describe('planFlowControls', () => {
  it.each([
    ['plain flow', { from: 'h', to: 'p', protocol: 'modbus' } as FlowDoc, {}, 'fortios',
      ['boundary-firewall'], ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1'], undefined, false],
    ['read-only on a dpi platform', { from: 'h', to: 'p', protocol: 'modbus', access: 'read-only' } as FlowDoc, {}, 'fortios',
      ['boundary-firewall', 'protocol-filter'], ['SR 2.1', 'SR 3.4', 'SR 3.5', 'SR 5.1', 'SR 5.2', 'SR 5.2 RE 1', 'SR 7.7'], 'dpi', false],
    ['read-only on a platform without dpi', { from: 'h', to: 'p', protocol: 'modbus', access: 'read-only' } as FlowDoc, {}, 'cisco-asa',
      ['boundary-firewall'], ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1'], 'port-only', false],
    ['read-only dnp3 on nftables (modbus only)', { from: 'h', to: 'p', protocol: 'dnp3', access: 'read-only' } as FlowDoc, {}, 'nftables',
      ['boundary-firewall'], ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1'], 'port-only', false],
    ['conduit rate limit', { from: 'h', to: 'p', protocol: 'modbus' } as FlowDoc, { 'rate-limit': rl }, 'cisco-asa',
      ['boundary-firewall', 'rate-limiting'], ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1', 'SR 7.1 RE 1', 'SR 7.1 RE 2'], undefined, true],
    ['flow rate limit, platform cannot', { from: 'h', to: 'p', protocol: 'modbus', 'rate-limit': rl } as FlowDoc, {}, 'cisco-ios',
      ['boundary-firewall'], ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1'], undefined, false],
    ['unknown platform: nothing optional', { from: 'h', to: 'p', protocol: 'modbus', access: 'read-only', 'rate-limit': rl } as FlowDoc, {}, 'juniper-srx',
      ['boundary-firewall'], ['SR 5.1', 'SR 5.2', 'SR 5.2 RE 1'], 'port-only', false],
  ])('%s', (_name, flowDoc, conduitDoc, plat, controls, srs, mode, limited) => {
    const { conduit, flow } = oneFlow(flowDoc, conduitDoc);
    const got = planFlowControls(flow, conduit, platform(plat), catalogs);
    expect(got.controls).toEqual(controls);
    expect(got.srs).toEqual(srs);
    expect(got.readOnly?.mode).toBe(mode);
    expect(got.rateLimit !== undefined).toBe(limited);
  });

  it('the phase does not change the rule, only what it records', () => {
    const { conduit, flow } = oneFlow({ from: 'h', to: 'p', protocol: 'modbus', access: 'read-only' });
    const monitor = planFlowControls(flow, conduit, platform('fortios'), catalogs, 'monitor');
    const enforce = planFlowControls(flow, conduit, platform('fortios'), catalogs, 'enforce');
    expect(monitor.phase).toBe('monitor');
    expect({ ...monitor, phase: 'enforce' }).toEqual(enforce);
  });

  it('the flow rate limit overrides the conduit one', () => {
    const { conduit, flow } = oneFlow({ from: 'h', to: 'p', protocol: 'modbus', 'rate-limit': { 'max-embryonic': 4 } }, { 'rate-limit': rl });
    expect(planFlowControls(flow, conduit, platform('fortios'), catalogs).rateLimit).toEqual({ maxEmbryonic: 4 });
  });

  it('a control missing from the catalogue cites no SRs and does not crash', () => {
    const { conduit, flow } = oneFlow({ from: 'h', to: 'p', protocol: 'modbus', access: 'read-only' });
    const got = planFlowControls(flow, conduit, platform('fortios'), fixtureCatalogs({ omitControls: ['protocol-filter', 'boundary-firewall'] }));
    expect(got.controls).toEqual(['boundary-firewall', 'protocol-filter']);
    expect(got.srs).toEqual([]);
  });
});

describe('readOnlyFilter', () => {
  it('allowed = read + session, denied = write, both sorted', () => {
    const { flow } = oneFlow({ from: 'h', to: 'p', protocol: 'dnp3', access: 'read-only' });
    expect(readOnlyFilter(flow, platform('fortios'), catalogs)).toEqual({
      protocol: 'dnp3', field: 'dnp3-function-code', payloadOffset: 12,
      allowed: [0, 1, 21, 129, 130],
      denied: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31],
      mode: 'dpi',
    });
  });
  it.each([
    [{ from: 'h', to: 'p', protocol: 'modbus' } as FlowDoc],
    [{ from: 'h', to: 'p', protocol: 'tcp/502', access: 'read-only' } as FlowDoc],
    [{ from: 'h', to: 'p', protocol: 's7comm', access: 'read-only' } as FlowDoc],
  ])('none for %j', (doc) => {
    expect(readOnlyFilter(oneFlow(doc).flow, platform('fortios'), catalogs)).toBeUndefined();
  });
});
