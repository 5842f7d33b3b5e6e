import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropRedundantRules } from '../../src/optimize/dropRedundantRules.js';
import { groupAddresses } from '../../src/optimize/groupAddresses.js';
import { groupServices } from '../../src/optimize/groupServices.js';
import { mergeAddresses } from '../../src/optimize/mergeAddresses.js';
import { mergeRules } from '../../src/optimize/mergeRules.js';
import { PASSES } from '../../src/optimize/optimize.js';
import { pruneObjects } from '../../src/optimize/pruneObjects.js';
import type { Pass } from '../../src/optimize/types.js';
import { formatAddress } from '../../src/model/ip.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { denseIRArb, exhaustivePackets } from './denseIR.js';
import { differences, memberIds } from './equivalence.js';
import { flowLines, irOf } from './irBuilder.js';
import type { RuleSpec } from './irBuilder.js';

/**
 * Every pass on its own: a table of given/want cases (what it must do, and what it must
 * leave alone because rule order or decisions forbid it), then the two properties every
 * pass has: it keeps every verdict (exhaustively, on dense random IRs) and running it
 * twice is the same as running it once.
 */
const HOSTS = ['h10 10.0.0.10', 'h11 10.0.0.11', 'h12 10.0.0.12', 'h13 10.0.0.13', 'h50 10.0.0.50', 'z:ctl 10.0.0.0/24', 'p1 10.0.1.1', 'p2 10.0.1.9'];
const MB = 'tcp/502';
const R = (src: string[] | 'any', dst: string[] | 'any', svc: string[] | 'any', extra: Partial<RuleSpec> = {}): RuleSpec => ({ src, dst, svc, ...extra });
const LIMIT = { maxConnections: 8 };

function run(pass: Pass, rules: RuleSpec[], objects = HOSTS): string[] {
  return flowLines(pass.fn(irOf(objects, rules)));
}

describe('dropRedundantRules', () => {
  it.each<[string, RuleSpec[], string[]]>([
    ['an exact duplicate: the second goes, the first keeps both traces',
      [R(['h10'], ['p1'], [MB]), R(['h10'], ['p1'], [MB])],
      ['c.1[c.1+c.2]: asset:h10 -> asset:p1 svc:tcp-502']],
    ['an asset flow before the zone flow that contains it: falls through to it (nothing in between)',
      [R(['h10'], ['p1'], [MB]), R(['z:ctl'], ['p1'], [MB])],
      ['c.1[c.1+c.2]: zone:ctl -> asset:p1 svc:tcp-502']],
    ['a different decision in between that overlaps: the asset flow stays',
      [R(['h10'], ['p1'], [MB]), R(['h10'], ['p1'], [MB], { readOnly: 'dpi' }), R(['z:ctl'], ['p1'], [MB])],
      ['c.1: asset:h10 -> asset:p1 svc:tcp-502', 'c.2: asset:h10 -> asset:p1 svc:tcp-502', 'c.3: zone:ctl -> asset:p1 svc:tcp-502']],
    ['a rate-limited rule never moves to a later rule (its budget would move)',
      [R(['h10'], ['p1'], [MB], { rateLimit: LIMIT }), R(['z:ctl'], ['p1'], [MB], { rateLimit: LIMIT })],
      ['c.1: asset:h10 -> asset:p1 svc:tcp-502', 'c.2: zone:ctl -> asset:p1 svc:tcp-502']],
    ['a rate-limited rule after an identical one never matched: it goes',
      [R(['z:ctl'], ['p1'], [MB], { rateLimit: LIMIT }), R(['h10'], ['p1'], [MB], { rateLimit: LIMIT })],
      ['c.1[c.1+c.2]: zone:ctl -> asset:p1 svc:tcp-502']],
    ['a read-only rule covered by a read-write rule stays (different decision; the analysis reports it)',
      [R(['z:ctl'], ['p1'], [MB]), R(['h10'], ['p1'], [MB], { readOnly: 'dpi' })],
      ['c.1: zone:ctl -> asset:p1 svc:tcp-502', 'c.2: asset:h10 -> asset:p1 svc:tcp-502']],
    ['other zones are other packets',
      [R(['z:ctl'], ['p1'], [MB]), R(['h10'], ['p1'], [MB], { zones: ['a', 'c'] })],
      ['c.1: zone:ctl -> asset:p1 svc:tcp-502', 'c.2: asset:h10 -> asset:p1 svc:tcp-502']],
  ])('%s', (_name, rules, want) => {
    expect(run(dropRedundantRules, rules)).toEqual(want);
  });
});

describe('mergeRules', () => {
  it.each<[string, RuleSpec[], string[]]>([
    ['same destination and service: sources united',
      [R(['h10'], ['p1'], [MB]), R(['h50'], ['p1'], [MB])],
      ['c.1[c.1+c.2]: asset:h10,asset:h50 -> asset:p1 svc:tcp-502']],
    ['same source and destination: services united',
      [R(['h10'], ['p1'], [MB]), R(['h10'], ['p1'], ['tcp/102'])],
      ['c.1[c.1+c.2]: asset:h10 -> asset:p1 svc:tcp-102,svc:tcp-502']],
    ['two dimensions differ: no exact union, no merge',
      [R(['h10'], ['p1'], [MB]), R(['h50'], ['p2'], [MB])],
      ['c.1: asset:h10 -> asset:p1 svc:tcp-502', 'c.2: asset:h50 -> asset:p2 svc:tcp-502']],
    ['a conflicting rule in between overlaps only the second: merged at the second place',
      [R(['h10'], ['p1'], [MB]), R(['h50'], ['p1'], [MB], { readOnly: 'dpi' }), R(['h12', 'h50'], ['p1'], [MB])],
      ['c.2: asset:h50 -> asset:p1 svc:tcp-502', 'c.1[c.1+c.3]: asset:h10,asset:h12,asset:h50 -> asset:p1 svc:tcp-502']],
    ['a conflicting rule in between overlaps both: they stay apart',
      [R(['h10'], ['p1'], [MB]), R('any', ['p1'], [MB], { readOnly: 'dpi' }), R(['h50'], ['p1'], [MB])],
      ['c.1: asset:h10 -> asset:p1 svc:tcp-502', 'c.2: any -> asset:p1 svc:tcp-502', 'c.3: asset:h50 -> asset:p1 svc:tcp-502']],
    ['rate-limited rules are never merged, even with the same limit',
      [R(['h10'], ['p1'], [MB], { rateLimit: LIMIT }), R(['h50'], ['p1'], [MB], { rateLimit: LIMIT })],
      ['c.1: asset:h10 -> asset:p1 svc:tcp-502', 'c.2: asset:h50 -> asset:p1 svc:tcp-502']],
    ['read-only rules merge with the identical filter only',
      [R(['h10'], ['p1'], [MB], { readOnly: 'dpi' }), R(['h50'], ['p1'], [MB], { readOnly: 'dpi' }), R(['h12'], ['p1'], [MB])],
      ['c.1[c.1+c.2]: asset:h10,asset:h50 -> asset:p1 svc:tcp-502', 'c.3: asset:h12 -> asset:p1 svc:tcp-502']],
    ['ANY absorbs the other side',
      [R(['h10'], ['p1'], [MB]), R('any', ['p1'], [MB], { zones: ['a', 'b'] }), R(['h11'], ['p1'], ['tcp/1'])],
      ['c.1[c.1+c.2]: any -> asset:p1 svc:tcp-502', 'c.3: asset:h11 -> asset:p1 svc:tcp-1']],
    ['merges chain until nothing is left: a 2x2 grid of flows becomes one rule',
      [R(['h10'], ['p1'], [MB]), R(['h10'], ['p2'], [MB]), R(['h50'], ['p1'], [MB]), R(['h50'], ['p2'], [MB])],
      ['c.1[c.1+c.2+c.3+c.4]: asset:h10,asset:h50 -> asset:p1,asset:p2 svc:tcp-502']],
  ])('%s', (_name, rules, want) => {
    expect(run(mergeRules, rules)).toEqual(want);
  });

  it('the merged rule names every member in its comment and keeps the first trace', () => {
    const out = mergeRules.fn(irOf(HOSTS, [R(['h10'], ['p1'], [MB]), R(['h50'], ['p1'], [MB])]));
    const r = out.rules[0];
    expect(r.comment).toBe('merged with c.2: c flow 1 | c flow 2');
    expect(r.trace?.flowIndex).toBe(0);
    expect(r.merged?.map((m) => [m.id, m.number, m.trace?.flowIndex])).toEqual([['c.1', 1001, 0], ['c.2', 1002, 1]]);
  });
});

describe('mergeAddresses', () => {
  const objectsOf = (ep: EnforcementIR) => ep.addresses.filter((a) => a.source.kind === 'merged')
    .map((a) => `${a.id} (${a.members?.join(',')}): ${a.ranges.map((r) => `${formatAddress(r.family, r.first)}-${formatAddress(r.family, r.last)}`).join(' ')}`);

  it.each<[string, RuleSpec[], string[], string[]]>([
    ['hosts .10 .11 .12 .13 become one object .10-.13',
      [R(['h10', 'h11', 'h12', 'h13'], ['p1'], [MB])],
      ['c.1: net:h10-4 -> asset:p1 svc:tcp-502'], ['net:h10-4 (h10,h11,h12,h13): 10.0.0.10-10.0.0.13']],
    ['only the touching run merges; .50 stays',
      [R(['h10', 'h11', 'h50'], ['p1'], [MB])],
      ['c.1: asset:h50,net:h10-2 -> asset:p1 svc:tcp-502'], ['net:h10-2 (h10,h11): 10.0.0.10-10.0.0.11']],
    ['an asset inside its zone goes; the zone object is never merged',
      [R(['h10', 'z:ctl'], ['p1', 'p2'], [MB])],
      ['c.1: zone:ctl -> asset:p1,asset:p2 svc:tcp-502'], []],
    ['sides that share members share the object',
      [R(['h11', 'h10'], ['p1'], [MB]), R(['p1'], ['h10', 'h11'], ['tcp/102'])],
      ['c.1: net:h10-2 -> asset:p1 svc:tcp-502', 'c.2: asset:p1 -> net:h10-2 svc:tcp-102'], ['net:h10-2 (h10,h11): 10.0.0.10-10.0.0.11']],
    ['dual-stack hosts: IPv4 merges, IPv6 stays two ranges',
      [R(['d1', 'd2'], ['p1'], [MB])],
      ['c.1: net:d1-2 -> asset:p1 svc:tcp-502'], ['net:d1-2 (d1,d2): 10.0.0.1-10.0.0.2 2001:db8::1-2001:db8::1 2001:db8::9-2001:db8::9']],
  ])('%s', (_name, rules, want, objects) => {
    const out = mergeAddresses.fn(irOf([...HOSTS, 'd1 10.0.0.1 2001:db8::1', 'd2 10.0.0.2 2001:db8::9'], rules));
    expect(flowLines(out)).toEqual(want);
    expect(objectsOf(out)).toEqual(objects);
  });

  it('nothing touches: the IR comes back unchanged (same object)', () => {
    const ep = irOf(HOSTS, [R(['h10', 'h50'], ['p1', 'p2'], [MB])]);
    expect(mergeAddresses.fn(ep)).toBe(ep);
  });

  it('a taken or long name falls back to a content hash', () => {
    const long = `plc-${'x'.repeat(44)}`;
    const out = mergeAddresses.fn(irOf([`${long} 10.0.0.1`, 'q2 10.0.0.2', 'p1 10.0.1.1'], [R([long, 'q2'], ['p1'], [MB])]));
    const m = out.addresses.find((a) => a.source.kind === 'merged')!;
    expect(m.name).toMatch(/^plc-x{26}-2-[0-9a-f]{6}$/);
    expect(m.name.length).toBeLessThanOrEqual(40);
  });
});

describe('groupAddresses', () => {
  it('a member list two rules share becomes one group; a list used once stays inline', () => {
    const out = groupAddresses.fn(irOf(HOSTS, [R(['h10', 'h50'], ['p1'], [MB]), R(['h10', 'h50'], ['p2'], ['tcp/102']), R(['h12', 'h50'], ['p1'], ['tcp/1'])]));
    expect(flowLines(out)).toEqual([
      'c.1: grp:h10-2 -> asset:p1 svc:tcp-502', 'c.2: grp:h10-2 -> asset:p2 svc:tcp-102', 'c.3: asset:h12,asset:h50 -> asset:p1 svc:tcp-1',
    ]);
    expect(out.addressGroups).toEqual([{ id: 'grp:h10-2', name: 'h10-2', members: ['asset:h10', 'asset:h50'], pointer: '/assets/h10' }]);
  });

  it('an existing group with exactly those members is reused, even for one use', () => {
    const ep = irOf(HOSTS, [R(['h12', 'h50'], ['p1'], [MB])]);
    const withGroup = { ...ep, addressGroups: [{ id: 'grp:g', name: 'g', members: ['asset:h12', 'asset:h50'], pointer: '/x' }] };
    expect(flowLines(groupAddresses.fn(withGroup))).toEqual(['c.1: grp:g -> asset:p1 svc:tcp-502']);
  });
});

describe('groupServices', () => {
  it('several services of a rule become one group named after their protocols; rules with the same set share it', () => {
    const ep = irOf(HOSTS, [R(['h10'], ['p1'], ['tcp/44818', 'udp/2222', 'udp/44818']), R(['h50'], ['p2'], ['udp/44818', 'tcp/44818', 'udp/2222']), R(['h11'], ['p1'], [MB])]);
    const tagged = { ...ep, services: ep.services.map((s) => (s.ports[0] === 502 ? s : { ...s, protocol: 'enip' })) };
    const out = groupServices.fn(tagged);
    expect(flowLines(out)).toEqual(['c.1: asset:h10 -> asset:p1 svcgrp:enip', 'c.2: asset:h50 -> asset:p2 svcgrp:enip', 'c.3: asset:h11 -> asset:p1 svc:tcp-502']);
    expect(out.serviceGroups).toEqual([{ id: 'svcgrp:enip', name: 'enip', members: ['svc:tcp-44818', 'svc:udp-2222', 'svc:udp-44818'] }]);
  });

  it('raw services are named after themselves; a second set with a taken label falls back to first-member-count', () => {
    const ep = irOf(HOSTS, [R(['h10'], ['p1'], ['tcp/1', 'tcp/2']), R(['h10'], ['p2'], ['tcp/1', 'tcp/2', 'tcp/3'])]);
    const tagged = { ...ep, services: ep.services.map((s) => ({ ...s, protocol: 'x' })) };
    const out = groupServices.fn(tagged);
    expect(out.serviceGroups.map((g) => g.name)).toEqual(['tcp-1-3', 'x']);
    expect(groupServices.fn(irOf(HOSTS, [R(['h10'], ['p1'], ['tcp/1', 'tcp/2'])])).serviceGroups.map((g) => g.name)).toEqual(['tcp-1-tcp-2']);
  });

  it('ANY and single services are left alone', () => {
    const ep = irOf(HOSTS, [R(['h10'], ['p1'], 'any'), R(['h10'], ['p2'], [MB])]);
    expect(groupServices.fn(ep)).toBe(ep);
  });
});

describe('pruneObjects', () => {
  it('drops what no rule or kept group names; keeps zone objects and group members', () => {
    const ep = irOf([...HOSTS], [R(['h10'], ['p1'], [MB])], ['tcp/9']);
    const grouped = { ...ep, addressGroups: [{ id: 'grp:g', name: 'g', members: ['asset:h12'], pointer: '/x' }], rules: ep.rules.map((r) => (r.id === 'c.1' ? { ...r, dst: ['grp:g'] } : r)) };
    const out = pruneObjects.fn(grouped);
    expect(out.addresses.map((a) => a.id)).toEqual(['asset:h10', 'asset:h12', 'zone:ctl']);
    expect(out.services.map((s) => s.id)).toEqual(['svc:tcp-502']);
  });
});

describe.each(PASSES.map((p) => [p.name, p] as const))('%s: verdicts kept, idempotent', (_name, pass) => {
  const everyPacket = exhaustivePackets();

  it('keeps every verdict and every member rule; a second run changes nothing', () => {
    fc.assert(fc.property(denseIRArb, (ep) => {
      const once = pass.fn(ep);
      expect(differences(ep, once, everyPacket)).toEqual([]);
      expect(memberIds(once)).toEqual(memberIds(ep));
      expect(pass.fn(once)).toBe(once);
    }), { numRuns: 25, seed: 99 });
  });
});
