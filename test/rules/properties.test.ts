import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import type { RuleIROptions } from '../../src/rules/buildRuleIR.js';
import { evaluate, indexIR } from '../../src/rules/evaluate.js';
import type { EnforcementIR, RuleIR } from '../../src/rules/types.js';
import { arbitraryFixture } from '../support/arbitraryPolicy.js';
import type { Fixture } from '../support/modelFixtures.js';
import { buildCorpus, zoneNetworks } from '../support/packetCorpus.js';
import { irJson } from './irJson.js';
import { flowAllows, phaseFromOptions, policyAllows } from './policyOracle.js';

/**
 * Invariants of the rule IR over arbitrary valid policies. The oracle test is the
 * faithfulness check: the spec evaluator on the IR agrees with the policy's own
 * meaning, computed from the model's flows without the IR.
 */

const phaseArb = fc.constantFrom<'monitor' | 'enforce'>('monitor', 'enforce');

/** Random per-boundary phases over the fixture's real boundaries (a staged rollout). */
function withOptions(f: Fixture): fc.Arbitrary<{ f: Fixture; options: RuleIROptions }> {
  const keys: string[] = [];
  for (const ep of f.model.enforcement.values()) {
    const zones = Object.keys(ep.interfaces).sort();
    zones.forEach((a, i) => zones.slice(i + 1).forEach((b) => keys.push(`${ep.id}:${a}|${b}`)));
  }
  return fc.record({
    phase: phaseArb,
    staged: fc.boolean(),
    picks: fc.array(fc.tuple(fc.nat(), phaseArb), { maxLength: 4 }),
  }).map(({ phase, staged, picks }) => {
    const options: RuleIROptions = { phase };
    if (staged && keys.length > 0) options.boundaryPhases = Object.fromEntries(picks.map(([n, p]) => [keys[n % keys.length], p]));
    return { f, options };
  });
}

const scenario = arbitraryFixture().chain(withOptions);
const build = (f: Fixture, options: RuleIROptions): RuleIR => buildRuleIR(f.model, f.catalogs, f.placement, options);
const joins = (f: Fixture, epId: string, zones: string[]) => zones.every((z) => Object.hasOwn(f.model.enforcement.get(epId)!.interfaces, z));
const RUNS = { numRuns: 150 };

describe('rule IR invariants', () => {
  it('every flow rule traces to an existing conduit flow and says what the flow says', () => {
    fc.assert(fc.property(scenario, ({ f, options }) => {
      for (const ep of build(f, options).enforcement) {
        for (const r of ep.rules.filter((x) => x.kind === 'flow')) {
          const conduit = f.model.conduits.get(r.trace!.conduit);
          expect(conduit).toBeDefined();
          const flow = conduit!.flows.find((x) => x.index === r.trace!.flowIndex)!;
          expect(flow).toBeDefined();
          expect([r.trace!.flowKey, r.trace!.pointer, r.fromZone, r.toZone]).toEqual([flow.key, flow.pointer, flow.fromZone, flow.toZone]);
          expect(r.src).toEqual([...new Set(flow.from.map((e) => `${e.kind}:${e.id}`))].sort());
          expect(r.dst).toEqual([...new Set(flow.to.map((e) => `${e.kind}:${e.id}`))].sort());
          const svc = r.services.map((id) => ep.services.find((s) => s.id === id)!).map((s) => `${s.transport}/${s.ports[0]}-${s.ports[1]}`);
          expect(svc.sort()).toEqual(flow.protocol.ports.map((p) => `${p.transport}/${p.ports[0]}-${p.ports[1]}`).sort());
          expect([r.action, r.log]).toEqual(['allow', true]);
          expect(r.trace!.controls).toContain('boundary-firewall');
        }
      }
    }), RUNS);
  });

  it('every placed flow gives exactly one rule on each point joining its zones, none elsewhere; unplaced conduits none', () => {
    fc.assert(fc.property(scenario, ({ f, options }) => {
      const ir = build(f, options);
      for (const c of f.model.conduits.values()) {
        const joining = [...f.model.enforcement.keys()].filter((id) => joins(f, id, c.zones));
        expect(ir.unplaced.some((u) => u.conduit === c.id)).toBe(joining.length === 0);
        for (const ep of ir.enforcement) {
          for (const flow of c.flows) {
            const n = ep.rules.filter((r) => r.trace?.conduit === c.id && r.trace.flowIndex === flow.index).length;
            expect(n).toBe(joining.includes(ep.id) ? 1 : 0);
          }
        }
      }
    }), RUNS);
  });

  it('objects: one transport per service, only referenced objects, unique ids and numbers', () => {
    fc.assert(fc.property(scenario, ({ f, options }) => {
      for (const ep of build(f, options).enforcement) {
        for (const s of ep.services) {
          expect(['tcp', 'udp']).toContain(s.transport);
          expect(1 <= s.ports[0] && s.ports[0] <= s.ports[1] && s.ports[1] <= 65535).toBe(true);
        }
        const refs = (k: 'src' | 'dst' | 'services') => new Set(ep.rules.flatMap((r) => r[k]).filter((x) => x !== 'any'));
        expect(ep.addresses.map((a) => a.id)).toEqual([...new Set([...refs('src'), ...refs('dst')])].sort());
        expect(ep.services.map((s) => s.id)).toEqual([...refs('services')].sort());
        expect(new Set(ep.rules.map((r) => r.id)).size).toBe(ep.rules.length);
        expect(new Set(ep.rules.map((r) => r.number)).size).toBe(ep.rules.length);
        expect(new Set(ep.addresses.map((a) => a.id)).size).toBe(ep.addresses.length);
      }
    }), RUNS);
  });

  it('order: flow rules, a final per directed zone pair, then one catch-all last', () => {
    fc.assert(fc.property(scenario, ({ f, options }) => {
      for (const ep of build(f, options).enforcement) {
        const kinds = ep.rules.map((r) => r.kind);
        const firstFinal = kinds.indexOf('boundary-final');
        if (firstFinal >= 0) expect(kinds.slice(0, firstFinal).every((k) => k === 'flow')).toBe(true);
        expect(kinds.filter((k) => k === 'final').length).toBe(1);
        expect(kinds.at(-1)).toBe('final');
        expect(ep.rules.at(-1)!.number).toBe(9_999_999);
        const pairs = ep.rules.filter((r) => r.kind === 'boundary-final').map((r) => `${r.fromZone}>${r.toZone}`);
        const want = ep.zones.flatMap((a) => ep.zones.filter((b) => b.id !== a.id).map((b) => `${a.id}>${b.id}`));
        expect([...pairs].sort()).toEqual(want.sort());
        expect(ep.rules.filter((r) => r.kind === 'flow').every((r) => r.number < 9_000_000)).toBe(true);
      }
    }), RUNS);
  });

  it('phases: monitor never denies; enforce denies at every boundary and at the end', () => {
    fc.assert(fc.property(arbitraryFixture(), phaseArb, (f, phase) => {
      for (const ep of build(f, { phase }).enforcement) {
        expect(ep.phase).toBe(phase);
        if (phase === 'monitor') expect(ep.rules.filter((r) => r.action === 'deny')).toEqual([]);
        if (phase === 'enforce') expect(ep.rules.filter((r) => r.kind !== 'flow').every((r) => r.action === 'deny')).toBe(true);
      }
    }), RUNS);
  });

  it('staged: each boundary-final follows its boundary; the catch-all denies only when all enforce', () => {
    fc.assert(fc.property(scenario, ({ f, options }) => {
      const phaseOf = phaseFromOptions(options);
      for (const ep of build(f, options).enforcement) {
        for (const r of ep.rules.filter((x) => x.kind === 'boundary-final')) {
          expect(r.action).toBe(phaseOf(ep.id, r.fromZone!, r.toZone!) === 'enforce' ? 'deny' : 'allow');
        }
        const all = ep.boundaries.length === 0 ? options.phase === 'enforce' : ep.boundaries.every((b) => b.phase === 'enforce');
        expect(ep.rules.at(-1)!.action).toBe(all ? 'deny' : 'allow');
      }
    }), RUNS);
  });

  it('is deterministic', () => {
    fc.assert(fc.property(scenario, ({ f, options }) => {
      expect(irJson(build(f, options))).toBe(irJson(build(f, options)));
    }), { numRuns: 50 });
  });
});

function checkFaithful(f: Fixture, options: RuleIROptions, ep: EnforcementIR, seed: number): void {
  const phaseOf = phaseFromOptions(options);
  const idx = indexIR(ep);
  const platform = f.model.enforcement.get(ep.id)!.platform;
  for (const p of buildCorpus(ep, { max: 1200, seed, networks: zoneNetworks(f.model, ep) })) {
    const v = evaluate(ep, p, idx);
    const allowed = policyAllows(f.model, f.catalogs, f.placement, ep.id, p, phaseOf);
    const enforced = phaseOf(ep.id, p.fromZone, p.toZone) === 'enforce';
    const where = `${ep.id} ${irJson(p).trim()} -> ${v.rule}`;
    expect(v.action, where).toBe(enforced ? (allowed ? 'allow' : 'deny') : 'allow');
    if (!p.established && !enforced) expect(ep.rules.find((r) => r.id === v.rule)!.kind === 'flow', where).toBe(allowed);
    // A flow rule that allows a packet traces to a flow that allows it.
    const rule = ep.rules.find((r) => r.id === v.rule)!;
    if (!p.established && v.action === 'allow' && rule.kind === 'flow') {
      const flow = f.model.conduits.get(rule.trace!.conduit)!.flows.find((x) => x.index === rule.trace!.flowIndex)!;
      expect(flowAllows(f.model, f.catalogs, platform, flow, p, enforced), where).toBe(true);
    }
  }
}

describe('the IR is faithful to the policy (spec evaluator vs policy oracle)', () => {
  it('new packets allowed iff some placed flow allows them; replies iff the reverse is allowed', () => {
    fc.assert(fc.property(scenario, fc.nat(), ({ f, options }, seed) => {
      for (const ep of build(f, options).enforcement) checkFaithful(f, options, ep, seed);
    }), { numRuns: 80 });
  });
});
