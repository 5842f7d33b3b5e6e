import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDecider } from '../../src/baseline/decisionIndex.js';
import { formatIPv4 } from '../../src/baseline/parseFields.js';
import type { Addr, FlowTransport } from '../../src/baseline/types.js';
import { formatAddress } from '../../src/model/ip.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import type { RuleIROptions } from '../../src/rules/buildRuleIR.js';
import { evaluate, indexIR } from '../../src/rules/evaluate.js';
import type { EnforcementIR, Packet, Verdict } from '../../src/rules/types.js';
import { arbitraryFixture } from '../support/arbitraryPolicy.js';
import type { Fixture } from '../support/modelFixtures.js';
import { buildCorpus, zoneNetworks } from '../support/packetCorpus.js';
import { analyzeExample, EXAMPLES } from './support.js';

/**
 * The decision structure of `otpc simulate` must decide exactly as the spec evaluator
 * (src/rules/evaluate.ts) does: same deciding rule, same action and log, for every
 * new connection, with and without an operation code.
 */

function addr(family: 4 | 6, value: bigint): Addr {
  return family === 4
    ? { text: formatIPv4(Number(value)), family, v4: Number(value), value }
    : { text: formatAddress(6, value), family, v4: -1, value };
}

/** The decider's verdict for one packet, in the evaluator's terms. */
function decided(ep: EnforcementIR, decide: ReturnType<typeof buildDecider>, p: Packet): Verdict {
  const ops = p.operation === undefined ? undefined : [p.operation];
  const d = decide.decide(p.fromZone, p.toZone, addr(p.family, p.src), addr(p.family, p.dst), p.transport as FlowTransport, p.dport, ops);
  if (d.deniedOps && p.operation !== undefined && d.deniedOps.includes(p.operation)) {
    return { action: d.phase === 'monitor' ? 'allow' : 'deny', log: true, rule: d.rule.id };
  }
  return { action: d.action, log: d.log, rule: d.rule.id };
}

function agree(ep: EnforcementIR, packets: Packet[]): void {
  const idx = indexIR(ep);
  const decider = buildDecider(ep);
  for (const p of packets) {
    if (p.established) continue; // simulate decides connections, as their first packet
    expect({ p: packetText(p), v: decided(ep, decider, p) }).toEqual({ p: packetText(p), v: evaluate(ep, p, idx) });
  }
}

function packetText(p: Packet): string {
  return `${p.fromZone}>${p.toZone} ${p.family} ${p.src}->${p.dst} ${p.transport}/${p.dport} op ${p.operation ?? '-'}`;
}

const phaseArb = fc.constantFrom<'monitor' | 'enforce'>('monitor', 'enforce');

function withOptions(f: Fixture): fc.Arbitrary<{ f: Fixture; options: RuleIROptions }> {
  const keys: string[] = [];
  for (const ep of f.model.enforcement.values()) {
    const zones = Object.keys(ep.interfaces).sort();
    zones.forEach((a, i) => zones.slice(i + 1).forEach((b) => keys.push(`${ep.id}:${a}|${b}`)));
  }
  return fc.record({ phase: phaseArb, picks: fc.array(fc.tuple(fc.nat(), phaseArb), { maxLength: 4 }) }).map(({ phase, picks }) => {
    const options: RuleIROptions = { phase };
    if (keys.length > 0 && picks.length > 0) options.boundaryPhases = Object.fromEntries(picks.map(([n, p]) => [keys[n % keys.length], p]));
    return { f, options };
  });
}

/** Random packets around the IR's constants: zone pairs (and a zone the point does not have), address and port edges, operations. */
function randomPackets(ep: EnforcementIR): fc.Arbitrary<Packet[]> {
  const zones = [...ep.zones.map((z) => z.id), '(outside)'];
  const points: { family: 4 | 6; value: bigint }[] = [];
  for (const a of ep.addresses) for (const r of a.ranges) points.push({ family: r.family, value: r.first }, { family: r.family, value: r.last }, { family: r.family, value: r.last + 1n });
  for (const z of ep.zones) for (const r of z.networks) points.push({ family: r.family, value: r.first + 1n });
  points.push({ family: 4, value: 0x0a000001n }, { family: 6, value: 1n });
  const ports = [0, 1, 65535, ...ep.services.flatMap((s) => [s.ports[0] - 1, s.ports[0], s.ports[1], s.ports[1] + 1])].filter((p) => p >= 0 && p <= 65535);
  const packet = fc.record({
    from: fc.constantFrom(...zones), to: fc.constantFrom(...zones), src: fc.constantFrom(...points), dstIndex: fc.nat(),
    transport: fc.constantFrom<Packet['transport']>('tcp', 'udp', 'icmp', 'other'), dport: fc.oneof(fc.constantFrom(...ports), fc.integer({ min: 0, max: 65535 })),
    operation: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
  }).map((r): Packet => {
    const sameFamily = points.filter((x) => x.family === r.src.family);
    const dst = sameFamily[r.dstIndex % sameFamily.length];
    const p: Packet = { fromZone: r.from, toZone: r.to, family: r.src.family, src: r.src.value, dst: dst.value, transport: r.transport, sport: 50000, dport: r.dport };
    if (r.operation !== undefined) p.operation = r.operation;
    return p;
  });
  return fc.array(packet, { minLength: 1, maxLength: 60 });
}

describe('decision structure agrees with the spec evaluator', () => {
  it('on random policies, random staged phases and the packet corpus of every enforcement point', () => {
    fc.assert(fc.property(arbitraryFixture().chain(withOptions), ({ f, options }) => {
      const ir = buildRuleIR(f.model, f.catalogs, f.placement, options);
      for (const ep of ir.enforcement) agree(ep, buildCorpus(ep, { networks: zoneNetworks(f.model, ep), max: 400 }));
    }), { numRuns: 60 });
  });

  it('on random packets around the constants of random policies', () => {
    const scenario = arbitraryFixture().chain(withOptions).chain(({ f, options }) => {
      const ir = buildRuleIR(f.model, f.catalogs, f.placement, options);
      const eps = ir.enforcement;
      return eps.length === 0 ? fc.constant({ eps, packets: [] as Packet[][] }) : fc.tuple(...eps.map(randomPackets)).map((packets) => ({ eps, packets }));
    });
    fc.assert(fc.property(scenario, ({ eps, packets }) => {
      eps.forEach((ep, i) => agree(ep, packets[i]));
    }), { numRuns: 150 });
  });

  it.each(EXAMPLES)('on the packet corpus of %s in both phases', (file) => {
    const a = analyzeExample(file);
    for (const phase of ['monitor', 'enforce'] as const) {
      for (const ep of buildRuleIR(a.model, a.catalogs, a.placement, { phase }).enforcement) {
        agree(ep, buildCorpus(ep, { networks: zoneNetworks(a.model, ep), max: 3000 }));
      }
    }
  });
});
