import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { backends } from '../../src/backends/registry.js';
import { ciscoAsaBackend } from '../../src/backends/cisco-asa/index.js';
import { ciscoIosBackend } from '../../src/backends/cisco-ios/index.js';
import { fortiosBackend } from '../../src/backends/fortios/index.js';
import { nftablesBackend } from '../../src/backends/nftables/index.js';
import type { Catalogs } from '../../src/catalog/types.js';
import type { IpRange } from '../../src/model/types.js';
import { optimize, optimizeEnforcement } from '../../src/optimize/optimize.js';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { evaluate, indexIR } from '../../src/rules/evaluate.js';
import type { EnforcementIR, RuleIR } from '../../src/rules/types.js';
import { asaContext } from '../backends/cisco-asa/fixtures.js';
import { unmatchedLines } from '../backends/cisco-asa/lineShapes.js';
import { iosContext } from '../backends/cisco-ios/fixtures.js';
import { unknownLines } from '../backends/cisco-ios/lineShapes.js';
import { renderContext as fortiContext } from '../backends/fortios/fixtures.js';
import { arbitraryNftIRs } from '../backends/nftables/arbitraryNft.js';
import { renderContext as nftContext } from '../backends/nftables/fixtures.js';
import { checkStructure } from '../kernel/checkStructure.js';
import { differential as nftDifferential } from '../kernel/differential.js';
import { requireKernel, SKIP_KERNEL, SKIP_REASON } from '../kernel/kernelEnv.js';
import { parseRuleset } from '../kernel/nftJson.js';
import { nftRoundTripSync } from '../kernel/run.js';
import { asaCase } from '../reparse/cisco-asa/arbitraryAsaIR.js';
import { differences as asaDifferences } from '../reparse/cisco-asa/harness.js';
import { parseAsa } from '../reparse/cisco-asa/parseAsa.js';
import { enforcementIRArb as iosIRArb } from '../reparse/cisco-ios/arbitraryEnforcementIR.js';
import { iosCorpus } from '../reparse/cisco-ios/iosCorpus.js';
import { checkEquivalence, irZoneNetworks } from '../reparse/cisco-ios/iosEquivalence.js';
import { parseIos } from '../reparse/cisco-ios/parseIos.js';
import { enforcementIRArb as fortiIRArb } from '../reparse/fortios/arbitraryEnforcementIR.js';
import { expectedVerdict, fortiVerdict, modelFor } from '../reparse/fortios/harness.js';
import { insideCorpus } from '../reparse/fortios/insideCorpus.js';
import { interfaceName } from '../support/arbitraryPolicy.js';
import { buildCorpus, zoneNetworks } from '../support/packetCorpus.js';
import { bothCorpora, differences, show } from './equivalence.js';

/**
 * Optimised IRs through the real backends and back through the independent vendor
 * re-parsers (test/reparse/<vendor>/, the kernel for nftables): address groups,
 * merged objects and service groups must render to configurations that decide every
 * corpus packet as the spec evaluator decides it on the optimised IR, which in turn
 * decides as the unoptimised IR does. Examples: every enforcement point with its own
 * backend, every phase. Random IRs: each vendor's own generator, optimised.
 */
const EXAMPLES = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.yaml')).sort();
const PHASES = ['enforce', 'monitor'] as const;

interface Example { catalogs: Catalogs; ir: RuleIR; opt: RuleIR; nets: (ep: EnforcementIR) => Record<string, IpRange[]> }

function example(file: string, phase: 'enforce' | 'monitor'): Example {
  const text = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');
  const a = analyzePolicy({ text, file, today: '2026-06-01' });
  if (!a.model || !a.catalogs || !a.placement) throw new Error(`${file}: ${JSON.stringify(a.diagnostics.slice(0, 3))}`);
  const model = a.model;
  const ir = buildRuleIR(model, a.catalogs, a.placement, { phase });
  return { catalogs: a.catalogs, ir, opt: optimize(ir), nets: (ep) => zoneNetworks(model, ep) };
}

function renderOwn(ex: Example, ep: EnforcementIR, file: string): string {
  const backend = backends[ep.platform];
  const platform = ex.catalogs.platforms.get(ep.platform);
  if (!backend || !platform) throw new Error(`no backend for ${ep.platform}`);
  const r = backend.render(ep, { platform, catalogs: ex.catalogs, file, site: { id: 'x', name: 'x' } });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.text;
}

/**
 * An example's enforcement point as another platform would get it: interfaces renamed
 * to that vendor's style, read-only filters and rate limits left out (platforms differ
 * there, and each backend refuses what it cannot enforce), options dropped. The rule
 * structure the optimiser produced (merged rules, merged objects, groups) stays.
 */
function retarget(ep: EnforcementIR, platform: string): EnforcementIR {
  const intf = new Map(ep.zones.map((z, i) => [z.id, interfaceName(platform, i, false)]));
  return {
    ...ep, platform, options: {},
    zones: ep.zones.map((z) => ({ ...z, interface: intf.get(z.id) as string })),
    boundaries: ep.boundaries.map((b) => ({ ...b, interfaces: [intf.get(b.zones[0]) as string, intf.get(b.zones[1]) as string] })),
    rules: ep.rules.map(({ readOnly: _r, rateLimit: _l, ...r }) => r),
  };
}

function fortiMismatches(ep: EnforcementIR, text: string, max: number): string[] {
  const model = modelFor(ep, text);
  const idx = indexIR(ep);
  const out: string[] = [];
  for (const p of [...buildCorpus(ep, { max }), ...insideCorpus(ep)]) {
    const want = expectedVerdict(ep, p, evaluate(ep, p, idx));
    const got = fortiVerdict(ep, model, p);
    const policy = String(ep.rules.find((x) => x.id === want.rule)?.number ?? 'implicit');
    if (got.action !== want.action || got.log !== want.log || got.policy !== policy) out.push(`${show(p)}: spec ${want.action} by ${want.rule}, FortiOS ${got.action} by ${got.policy}`);
    if (out.length >= 5) break;
  }
  return out;
}

function kernelRoundTrip(ep: EnforcementIR, text: string, packets: number): void {
  const r = nftRoundTripSync(text);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const rs = parseRuleset(r.stdout);
  expect(checkStructure(rs, ep)).toEqual([]);
  expect(nftDifferential(rs, ep, buildCorpus(ep, { max: packets })).mismatches).toEqual([]);
}

describe.each(EXAMPLES)('optimised example %s', (file) => {
  it.each(PHASES)('%s: same verdicts as unoptimised; every point renders and re-parses (FortiOS, IOS, ASA)', (phase) => {
    const ex = example(file, phase);
    ex.opt.enforcement.forEach((ep, i) => {
      const before = ex.ir.enforcement[i];
      expect(differences(before, ep, bothCorpora(before, ep, { max: 3000, networks: ex.nets(before) }))).toEqual([]);
      if (ep.platform === 'nftables') return;
      const text = renderOwn(ex, ep, file);
      if (ep.platform === 'fortios') expect(fortiMismatches(ep, text, 6000)).toEqual([]);
      if (ep.platform === 'cisco-ios') {
        expect(unknownLines(text)).toEqual([]);
        const nets = ex.nets(ep);
        const rep = checkEquivalence(ep, parseIos(text), iosCorpus(ep, nets, 6000), nets);
        expect(rep.mismatches.slice(0, 3)).toEqual([]);
      }
      if (ep.platform === 'cisco-asa') {
        expect(unmatchedLines(text)).toEqual([]);
        const nets = new Map(Object.entries(ex.nets(ep)));
        expect(asaDifferences(ep, parseAsa(text), buildCorpus(ep, { max: 6000, networks: ex.nets(ep) }), nets, { attribution: true, rateLimits: true, limit: 5 })).toEqual([]);
      }
    });
  });
});

describe('optimised example points through every backend of the registry', () => {
  const cases = EXAMPLES.flatMap((file) => {
    const ex = example(file, 'enforce');
    return ex.ir.enforcement.map((ep) => [`${file} ${ep.id}`, ex, ep] as const);
  });

  it.each(cases)('%s', (_name, ex, plain) => {
    for (const platform of Object.keys(backends).sort()) {
      const before = retarget(plain, platform);
      const ep = optimizeEnforcement(before);
      expect(differences(before, ep, bothCorpora(before, ep, { max: 2000, networks: ex.nets(before) }))).toEqual([]);
      const text = renderOwn(ex, ep, 'x.yaml');
      const nets = ex.nets(ep);
      if (platform === 'fortios') expect(fortiMismatches(ep, text, 3000)).toEqual([]);
      if (platform === 'cisco-ios') expect(checkEquivalence(ep, parseIos(text), iosCorpus(ep, nets, 3000), nets).mismatches.slice(0, 3)).toEqual([]);
      if (platform === 'cisco-asa') {
        expect(unmatchedLines(text)).toEqual([]);
        expect(asaDifferences(ep, parseAsa(text), buildCorpus(ep, { max: 3000, networks: nets }), new Map(Object.entries(nets)), { attribution: true, limit: 5 })).toEqual([]);
      }
      if (platform === 'nftables' && !SKIP_KERNEL) kernelRoundTrip(ep, text, 2000);
    }
  });
});

describe.skipIf(SKIP_KERNEL)(SKIP_KERNEL ? `optimised nftables examples in the kernel (${SKIP_REASON})` : 'optimised nftables examples: kernel re-parse', () => {
  beforeAll(requireKernel);

  it.each(EXAMPLES.flatMap((f) => PHASES.map((p) => [f, p] as const)))('%s %s', (file, phase) => {
    const ex = example(file, phase);
    for (const ep of ex.opt.enforcement.filter((e) => e.platform === 'nftables')) kernelRoundTrip(ep, renderOwn(ex, ep, file), 3000);
  });

  it('random policies, optimised', () => {
    fc.assert(fc.property(arbitraryNftIRs(), (eps) => {
      for (const ep of eps) {
        const opt = optimizeEnforcement(ep);
        const r = nftablesBackend.render(opt, nftContext());
        expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        kernelRoundTrip(opt, r.text, 500);
      }
    }), { numRuns: 15, seed: 5150 });
  }, 120_000);
});

describe('optimised random IRs of each vendor generator re-parse', () => {
  it('FortiOS', () => {
    fc.assert(fc.property(fortiIRArb, (ep) => {
      const opt = optimizeEnforcement(ep);
      expect(differences(ep, opt, bothCorpora(ep, opt, { max: 600 }))).toEqual([]);
      const r = fortiosBackend.render(opt, fortiContext());
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      expect(fortiMismatches(opt, r.text, 600)).toEqual([]);
    }), { numRuns: 80, seed: 31337 });
  });

  it('Cisco IOS', () => {
    fc.assert(fc.property(iosIRArb, (ep) => {
      const opt = optimizeEnforcement(ep);
      expect(differences(ep, opt, bothCorpora(ep, opt, { max: 600 }))).toEqual([]);
      const r = ciscoIosBackend.render(opt, iosContext());
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      expect(unknownLines(r.text)).toEqual([]);
      const nets = irZoneNetworks(ep);
      expect(checkEquivalence(opt, parseIos(r.text), iosCorpus(opt, nets, 400), nets).mismatches.slice(0, 3)).toEqual([]);
    }), { numRuns: 80, seed: 31337 });
  });

  it('Cisco ASA', () => {
    fc.assert(fc.property(asaCase, (c) => {
      const opt = optimizeEnforcement(c.ep);
      expect(differences(c.ep, opt, bothCorpora(c.ep, opt, { max: 600 }))).toEqual([]);
      const before = ciscoAsaBackend.render(c.ep, asaContext());
      const r = ciscoAsaBackend.render(opt, asaContext());
      // A case the backend refuses unoptimised (OTPC705, zone without networks) it must refuse optimised too.
      if (before.text === '') {
        expect(r.text).toBe('');
        return;
      }
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      expect(unmatchedLines(r.text)).toEqual([]);
      const corpus = buildCorpus(opt, { max: 500, networks: [...c.nets.values()].flat() });
      expect(asaDifferences(opt, parseAsa(r.text), corpus, c.nets, { attribution: c.complete, rateLimits: true, limit: 5 })).toEqual([]);
    }), { numRuns: 80, seed: 31337 });
  });
});
