import { describe, expect, it } from 'vitest';
import { exampleCases } from '../../golden/exampleCases.js';
import { unknownLines } from '../../backends/cisco-ios/lineShapes.js';
import { parseIos } from './parseIos.js';
import { checkEquivalence } from './iosEquivalence.js';
import { iosCorpus } from './iosCorpus.js';

/**
 * Re-parse equivalence on the bundled examples: every cisco-ios enforcement point, as
 * compilePolicy renders it in enforce, monitor and two staged rollouts (the first
 * boundary enforced and the rest monitored, and the reverse), fits the line shapes,
 * re-parses, and agrees with the spec evaluator on the corpus up to the stateless
 * divergences documented (and bounded) in iosEquivalence.ts. Routing uses the model's
 * zone networks (the wiring); the boundary entries match them from ZoneBinding.networks.
 */
const CASES = exampleCases('cisco-ios');

describe('Cisco IOS re-parse equivalence on the examples', () => {
  it('has cases, staged ones included', () => {
    expect(CASES.length).toBeGreaterThan(0);
    expect(CASES.some((c) => c.ep.phase === 'mixed')).toBe(true);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(unknownLines(c.text)).toEqual([]);
    const rep = checkEquivalence(c.ep, parseIos(c.text), iosCorpus(c.ep, c.nets, 8000), c.nets);
    expect(rep.mismatches.slice(0, 5)).toEqual([]);
    expect(rep.compared).toBeGreaterThan(1000);
  });
});

describe('the example check catches seeded bugs', () => {
  const staged = CASES.find((c) => c.ep.phase === 'mixed' && / deny ip any object-group OG-N-/.test(c.text));
  it.each<[string, (t: string) => string]>([
    ['an enforced boundary entry left out', (t) => t.replace(/^ \d+ deny ip any object-group OG-N-\S+ log\n/m, '')],
    ['a reply entry without established', (t) => t.replace(/ established\n/, '\n')],
    ['a zone network one bit too narrow', (t) => t.replace(/^(object-group network OG-N-\S+\n description .*\n \S+) 255\.255\.255\.0$/m, '$1 255.255.255.128')],
  ])('%s', (_name, mutate) => {
    if (!staged) throw new Error('no staged example case with a boundary deny');
    const bad = mutate(staged.text);
    expect(bad).not.toBe(staged.text);
    expect(checkEquivalence(staged.ep, parseIos(bad), iosCorpus(staged.ep, staged.nets, 8000), staged.nets).mismatches.length).toBeGreaterThan(0);
  });
});
