import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ciscoAsaBackend } from '../../../src/backends/cisco-asa/index.js';
import { ANY } from '../../../src/rules/types.js';
import { buildCorpus } from '../../support/packetCorpus.js';
import { asaContext } from '../../backends/cisco-asa/fixtures.js';
import { unmatchedLines } from '../../backends/cisco-asa/lineShapes.js';
import { asaCase } from './arbitraryAsaIR.js';
import type { AsaCase } from './arbitraryAsaIR.js';
import { differences } from './harness.js';
import { parseAsa } from './parseAsa.js';

/**
 * Re-parse equivalence on random EnforcementIRs (fast-check): the rendered text parses
 * completely, every line has an allowed shape, and the ASA evaluator agrees with the
 * spec evaluator on every routable packet of the corpus. A rule towards a zone without
 * networks whose verdict the final entries would not repeat (a staged rollout enforcing
 * that boundary, a flow to any destination there) must be refused (OTPC705) instead.
 */
function mustRefuse(c: AsaCase): boolean {
  const empty = new Set(c.ep.zones.filter((z) => z.networks.length === 0).map((z) => z.id));
  const final = c.ep.rules.find((r) => r.kind === 'final');
  return c.ep.rules.some((r) => r.kind !== 'final' && r.dst.includes(ANY) && empty.has(r.toZone ?? '')
    && (r.kind === 'flow' || r.action !== final?.action || r.log !== final?.log));
}

describe('cisco-asa re-parse equivalence (random IRs)', () => {
  it('agrees with the spec evaluator on every routable corpus packet', () => {
    fc.assert(fc.property(asaCase, (c) => {
      const r = ciscoAsaBackend.render(c.ep, asaContext());
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (mustRefuse(c)) {
        expect(r.text).toBe('');
        expect(errors.map((d) => d.code)).toContain('OTPC705');
        return;
      }
      expect(errors).toEqual([]);
      expect(unmatchedLines(r.text)).toEqual([]);
      const cfg = parseAsa(r.text);
      const corpus = buildCorpus(c.ep, { max: 500, networks: [...c.nets.values()].flat() });
      expect(differences(c.ep, cfg, corpus, c.nets, { attribution: c.complete, rateLimits: true, limit: 5 })).toEqual([]);
    }), { numRuns: 200, seed: 20260501 });
  });
});
