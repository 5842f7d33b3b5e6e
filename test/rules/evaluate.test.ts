import { describe, expect, it } from 'vitest';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { evaluate, rulePhase } from '../../src/rules/evaluate.js';
import { parseHost } from '../../src/model/ip.js';
import type { Packet } from '../../src/rules/types.js';
import { fixture, waterPlantDoc } from '../support/modelFixtures.js';

/** The spec evaluator on the water plant's nftables point (modbus read-only is dpi there). */
const plant = fixture(waterPlantDoc());
const ep = (options: Parameters<typeof buildRuleIR>[3]) =>
  buildRuleIR(plant.model, plant.catalogs, plant.placement, options).enforcement.find((e) => e.id === 'fw-control')!;
const a = (t: string) => parseHost(t)!.value;
const pkt = (over: Partial<Packet>): Packet => ({
  fromZone: 'supervisory', toZone: 'control', family: 4, src: a('10.20.2.40'), dst: a('10.20.1.11'), transport: 'tcp', sport: 49152, dport: 502, ...over,
});

describe('evaluate', () => {
  it.each<[string, Partial<Packet>, 'monitor' | 'enforce', string, string]>([
    ['modbus read (FC 3)', { operation: 3 }, 'enforce', 'allow', 'supervisory-control.2'],
    ['modbus write (FC 6) blocked', { operation: 6 }, 'enforce', 'deny', 'supervisory-control.2'],
    ['modbus write (FC 6) only logged in monitor', { operation: 6 }, 'monitor', 'allow', 'supervisory-control.2'],
    ['SYN without an operation', {}, 'enforce', 'allow', 'supervisory-control.2'],
    ['modbus from the EWS (no flow)', { src: a('10.20.2.50') }, 'enforce', 'deny', 'final.supervisory>control'],
    ['udp/502 is not modbus', { transport: 'udp' }, 'enforce', 'deny', 'final.supervisory>control'],
    ['port 503', { dport: 503 }, 'enforce', 'deny', 'final.supervisory>control'],
    ['wrong ingress zone', { fromZone: 'control', toZone: 'supervisory' }, 'enforce', 'deny', 'final.control>supervisory'],
    ['monitor: logged, allowed', { dport: 503 }, 'monitor', 'allow', 'final.supervisory>control'],
    ['reply of an allowed connection', { fromZone: 'control', toZone: 'supervisory', src: a('10.20.1.11'), dst: a('10.20.2.40'), sport: 502, dport: 49152, established: true }, 'enforce', 'allow', 'supervisory-control.2'],
    ['"established" without a connection', { established: true }, 'enforce', 'deny', 'final.control>supervisory'],
    ['intra-zone traffic hits the catch-all', { fromZone: 'control', toZone: 'control' }, 'enforce', 'deny', 'final'],
  ])('%s', (_name, over, phase, action, rule) => {
    const v = evaluate(ep({ phase }), pkt(over));
    expect([v.action, v.rule]).toEqual([action, rule]);
  });

  it('a staged rollout: the dpi filter blocks only where its boundary enforces', () => {
    const e = ep({ phase: 'enforce', boundaryPhases: { 'fw-control:control|supervisory': 'monitor' } });
    expect(e.phase).toBe('monitor');
    expect(evaluate(e, pkt({ operation: 6 })).action).toBe('allow');
    expect(rulePhase(e, e.rules.find((r) => r.id === 'supervisory-control.2')!)).toBe('monitor');
  });
});
