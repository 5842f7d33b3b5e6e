import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../support/packetCorpus.js';
import { exampleCases } from '../../golden/exampleCases.js';
import { unexpectedLines } from '../../backends/fortios/lineShapes.js';
import { insideCorpus } from './insideCorpus.js';
import { fortiosDifferences } from './harness.js';

/**
 * Re-parse equivalence on the bundled examples: every fortios enforcement point, as
 * compilePolicy renders it in enforce, monitor and two staged rollouts, fits the line
 * shapes, re-parses, and decides every packet of the corpus (address and port
 * boundaries of every object, plausible packets inside each zone's networks, replies,
 * unsolicited "established" packets, and every source x destination corner of every
 * flow) as the spec evaluator does, up to the divergences documented in harness.ts
 * (monitor-phase application lists log writes; writes without a verified FortiGuard id pass).
 */
const CASES = exampleCases('fortios');

describe('FortiOS re-parse equivalence on the examples', () => {
  it('has cases (the examples have FortiGate enforcement points)', () => {
    expect(CASES.length).toBeGreaterThan(0);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(unexpectedLines(c.text)).toEqual([]);
    const packets = [...buildCorpus(c.ep, { max: 5000, networks: c.nets }), ...insideCorpus(c.ep)];
    expect(packets.length).toBeGreaterThan(2000);
    expect(fortiosDifferences(c.ep, c.text, packets)).toEqual([]);
  });
});

describe('the example check catches seeded bugs', () => {
  const enforce = CASES.find((c) => c.ep.phase === 'enforce');
  it.each<[string, (t: string) => string]>([
    ['a boundary policy accepts', (t) => t.replace(/(set name "B\d+"[\s\S]*?set action) deny/, '$1 accept')],
    ['a flow policy on the wrong service', (t) => t.replace(/set (tcp|udp)-portrange (\d+)\n/, (_m, tr: string, port: string) => `set ${tr}-portrange ${Number(port) + 1}\n`)],
  ])('%s', (_name, mutate) => {
    if (!enforce) throw new Error('no enforce example case');
    const bad = mutate(enforce.text);
    expect(bad).not.toBe(enforce.text);
    const packets = [...buildCorpus(enforce.ep, { max: 5000, networks: enforce.nets }), ...insideCorpus(enforce.ep)];
    expect(fortiosDifferences(enforce.ep, bad, packets).length).toBeGreaterThan(0);
  });
});
