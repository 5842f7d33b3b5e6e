import { describe, expect, it } from 'vitest';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { buildTrace } from '../../src/rules/buildTrace.js';
import { fixture, waterPlantDoc } from '../support/modelFixtures.js';

const plant = fixture(waterPlantDoc());
const ir = buildRuleIR(plant.model, plant.catalogs, plant.placement, { phase: 'enforce' });

describe('buildTrace', () => {
  it('matches the golden trace.json', async () => {
    await expect(`${JSON.stringify(buildTrace(ir), null, 2)}\n`).toMatchFileSnapshot('golden/water-plant.trace.json');
  });

  it('is plain JSON: survives a round trip unchanged (no bigint, no undefined)', () => {
    const trace = buildTrace(ir);
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });

  it('keeps every rule, its full comment and its rule -> conduit -> flow -> SR trace', () => {
    const trace = buildTrace(ir);
    expect(trace.enforcement.map((e) => e.rules.length)).toEqual(ir.enforcement.map((e) => e.rules.length));
    const rule = trace.enforcement.find((e) => e.id === 'fw-control')!.rules.find((r) => r.id === 'supervisory-control.2')!;
    expect(rule.comment).toBe(ir.enforcement[0].rules.find((r) => r.id === 'supervisory-control.2')!.comment);
    expect(rule.trace).toEqual({
      conduit: 'supervisory-control', flowIndex: 1, flowKey: 'historian>plc-filter-1,plc-filter-2:modbus:read-only',
      pointer: '/conduits/supervisory-control/flows/1',
      srs: ['SR 2.1', 'SR 3.4', 'SR 3.5', 'SR 5.1', 'SR 5.2', 'SR 5.2 RE 1', 'SR 7.1 RE 1', 'SR 7.1 RE 2', 'SR 7.7'],
      controls: ['boundary-firewall', 'protocol-filter', 'rate-limiting'],
    });
    expect(rule.readOnly?.mode).toBe('dpi');
    expect(rule.rateLimit).toEqual({ maxConnections: 64, newConnectionsPerSecond: 20 });
    expect(trace.unplaced).toEqual([{ conduit: 'enterprise-control', pointer: '/conduits/enterprise-control' }]);
  });

  it('does not share arrays with the IR', () => {
    const trace = buildTrace(ir);
    trace.enforcement[0].rules[0].trace!.srs.push('SR 9.9');
    expect(ir.enforcement[0].rules[0].trace!.srs).not.toContain('SR 9.9');
  });
});
