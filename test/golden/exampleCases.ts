import type { IpRange } from '../../src/model/types.js';
import { compilePolicy } from '../../src/compilePolicy.js';
import { backendFor } from '../../src/backends/registry.js';
import { boundaryPhaseKey } from '../../src/rules/buildBoundaries.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { zoneNetworks } from '../support/packetCorpus.js';
import { EXAMPLES, analyseExample } from './exampleFiles.js';
import { optimize } from '../../src/optimize/optimize.js';

/**
 * The enforcement points of the bundled examples as the real pipeline renders them
 * (compilePolicy, so with the site and the platform row the CLI uses), for the
 * re-parse equivalence tests of each vendor (test/reparse/<vendor>/examples.test.ts):
 * enforce, monitor, and two staged rollouts per enforcement point — the first boundary
 * enforced and the rest monitored, and the reverse — so a mixed phase is covered on every
 * point with two or more boundaries. Enforce and monitor are checked both as `otpc compile`
 * renders by default (optimised: merged rules, address and service groups) and with
 * --no-optimize.
 */
export type ExamplePhase = 'enforce' | 'monitor' | 'first-enforced' | 'first-monitored' | 'enforce-optimized' | 'monitor-optimized';
export const EXAMPLE_PHASES: ExamplePhase[] = ['enforce', 'monitor', 'first-enforced', 'first-monitored', 'enforce-optimized', 'monitor-optimized'];

export interface ExampleCase {
  /** "water-treatment.yaml fw-plant first-enforced" */
  name: string;
  ep: EnforcementIR;
  /** The rendered configuration, as compilePolicy wrote it. */
  text: string;
  /** The zones' networks from the model: the wiring routing follows. */
  nets: Record<string, IpRange[]>;
}

function stagedPhases(ids: { ep: string; boundaries: string[] }, first: 'monitor' | 'enforce'): Record<string, 'monitor' | 'enforce'> {
  const other = first === 'enforce' ? 'monitor' : 'enforce';
  return Object.fromEntries(ids.boundaries.map((b, i) => [boundaryPhaseKey(ids.ep, b), i === 0 ? first : other]));
}

/** Every case of every example for one platform (every enforcement point of that platform, every phase). */
export function exampleCases(platform: string): ExampleCase[] {
  const backend = backendFor(platform);
  if (!backend) throw new Error(`no backend ${platform}`);
  const out: ExampleCase[] = [];
  for (const file of EXAMPLES) {
    const a = analyseExample(file);
    const eps = [...a.model.enforcement.values()].filter((e) => e.platform === platform);
    for (const phase of EXAMPLE_PHASES) {
      for (const point of eps) {
        const zones = Object.keys(point.interfaces).sort();
        const boundaries = zones.flatMap((z, i) => zones.slice(i + 1).map((w) => `${z}|${w}`));
        const staged = phase === 'first-enforced' || phase === 'first-monitored';
        if (staged && boundaries.length < 2) continue;
        const optimized = phase.endsWith('-optimized');
        const options = staged
          ? { target: platform, phase: 'monitor' as const, boundaryPhases: stagedPhases({ ep: point.id, boundaries }, phase === 'first-enforced' ? 'enforce' : 'monitor') }
          : { target: platform, phase: phase.startsWith('enforce') ? 'enforce' as const : 'monitor' as const, ...(optimized ? { optimize } : {}) };
        const result = compilePolicy(a, options);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) throw new Error(`${file} ${point.id} ${phase}: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
        const ep = result.ir?.enforcement.find((e) => e.id === point.id);
        const text = result.files.find((f) => f.path === `${point.id}.${backend.extension}`)?.content;
        if (!ep || text === undefined) throw new Error(`${file} ${point.id} ${phase}: not rendered`);
        out.push({ name: `${file} ${point.id} ${phase}`, ep, text, nets: zoneNetworks(a.model, ep) });
      }
    }
  }
  return out;
}
