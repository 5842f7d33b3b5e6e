import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { analyzePolicy } from '../../../src/analyzePolicy.js';
import type { Analysis } from '../../../src/analyzePolicy.js';
import { buildRuleIR } from '../../../src/rules/buildRuleIR.js';
import type { EnforcementIR } from '../../../src/rules/types.js';
import { ciscoIosBackend } from '../../../src/backends/cisco-ios/index.js';
import { zoneNetworks } from '../../support/packetCorpus.js';
import { unknownLines } from '../../backends/cisco-ios/lineShapes.js';
import { parseIos } from './parseIos.js';
import { checkEquivalence } from './iosEquivalence.js';
import { iosCorpus } from './iosCorpus.js';

/**
 * The real pipeline (load, validate, model, place, rule IR) on the example plants:
 * every cisco-ios enforcement point renders, fits the line shapes, re-parses and agrees
 * with the spec, in enforce, monitor and a staged (mixed) rollout. Routing uses the
 * model's zone networks, since the IR carries only the zone objects its flows use.
 */
const EXAMPLES = readdirSync(new URL('../../../examples/', import.meta.url)).filter((f) => f.endsWith('.yaml')).sort();

function analyse(file: string): Required<Pick<Analysis, 'model' | 'catalogs' | 'placement'>> {
  const text = readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8');
  const a = analyzePolicy({ text, file, today: '2026-06-01' });
  if (!a.model || !a.catalogs || !a.placement) throw new Error(`${file}: ${JSON.stringify(a.diagnostics.slice(0, 3))}`);
  return { model: a.model, catalogs: a.catalogs, placement: a.placement };
}

/** Every boundary of every cisco-ios point enforces, except the first, which still monitors. */
function staged(a: ReturnType<typeof analyse>): Record<string, 'monitor' | 'enforce'> {
  const out: Record<string, 'monitor' | 'enforce'> = {};
  for (const ep of a.model.enforcement.values()) {
    const zones = Object.keys(ep.interfaces).sort();
    if (zones.length >= 2) out[`${ep.id}:${zones[0]}|${zones[1]}`] = 'monitor';
  }
  return out;
}

describe.each(EXAMPLES)('example %s', (file) => {
  it.each(['enforce', 'monitor', 'mixed'] as const)('%s', (phase) => {
    const a = analyse(file);
    const ir = buildRuleIR(a.model, a.catalogs, a.placement, phase === 'mixed' ? { phase: 'enforce', boundaryPhases: staged(a) } : { phase });
    const platform = a.catalogs.platforms.get('cisco-ios');
    if (!platform) throw new Error('no cisco-ios platform row');
    for (const ep of ir.enforcement.filter((e: EnforcementIR) => e.platform === 'cisco-ios')) {
      const r = ciscoIosBackend.render(ep, { platform, catalogs: a.catalogs, file });
      if (r.text === '') {
        // Known limitation (see the report): a staged rollout needs the to-zone networks in the IR.
        expect(ep.phase).toBe('mixed');
        expect(new Set(r.diagnostics.map((d) => d.code))).toEqual(new Set(['OTPC705']));
        continue;
      }
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(unknownLines(r.text)).toEqual([]);
      const nets = zoneNetworks(a.model, ep);
      const rep = checkEquivalence(ep, parseIos(r.text), iosCorpus(ep, nets, 8000), nets);
      expect(rep.mismatches.length).toBe(0);
      expect(rep.compared).toBeGreaterThan(1000);
    }
  });
});
