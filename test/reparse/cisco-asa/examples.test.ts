import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../support/packetCorpus.js';
import { exampleCases } from '../../golden/exampleCases.js';
import { unmatchedLines } from '../../backends/cisco-asa/lineShapes.js';
import { differences, routable } from './harness.js';
import type { ZoneNets } from './harness.js';
import { parseAsa } from './parseAsa.js';

/**
 * Re-parse equivalence on the bundled examples: every cisco-asa enforcement point, as
 * compilePolicy renders it in enforce, monitor and two staged rollouts, fits the line
 * shapes, re-parses, and decides every routable packet of the corpus exactly as the
 * spec evaluator (action, log, the deciding rule's remark, and the MPF class of
 * rate-limited flows), within the divergences documented in src/backends/cisco-asa/README.md.
 */
const CASES = exampleCases('cisco-asa');

describe('Cisco ASA re-parse equivalence on the examples', () => {
  it('has cases, staged ones included', () => {
    expect(CASES.length).toBeGreaterThan(0);
    expect(CASES.some((c) => c.ep.phase === 'mixed')).toBe(true);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(unmatchedLines(c.text)).toEqual([]);
    const nets: ZoneNets = new Map(Object.entries(c.nets));
    const corpus = buildCorpus(c.ep, { max: 6000, networks: c.nets });
    expect(corpus.filter((p) => routable(p, nets)).length).toBeGreaterThan(1000);
    expect(differences(c.ep, parseAsa(c.text), corpus, nets, { attribution: true, rateLimits: true })).toEqual([]);
  });
});

describe('the example check catches seeded bugs', () => {
  const staged = CASES.find((c) => c.ep.phase === 'mixed' && / extended deny ip any4 object/.test(c.text));
  it.each<[string, (t: string) => string]>([
    ['an enforced boundary entry permits', (t) => t.replace(/ extended deny ip any4 (object-group|object) /, ' extended permit ip any4 $1 ')],
    ['a flow entry on the wrong port', (t) => t.replace(/service (tcp|udp) destination eq (\d+)/, (_m, tr: string, port: string) => `service ${tr} destination eq ${Number(port) + 1}`)],
  ])('%s', (_name, mutate) => {
    if (!staged) throw new Error('no staged example case with a boundary deny');
    const bad = mutate(staged.text);
    expect(bad).not.toBe(staged.text);
    const nets: ZoneNets = new Map(Object.entries(staged.nets));
    expect(differences(staged.ep, parseAsa(bad), buildCorpus(staged.ep, { max: 6000, networks: staged.nets }), nets, { attribution: true }).length).toBeGreaterThan(0);
  });
});
