import { describe, expect, it } from 'vitest';
import { buildBoundaryFinals, buildCatchAll } from '../../src/rules/buildFinalRules.js';
import type { Boundary } from '../../src/rules/types.js';
import { fixtureCatalogs } from '../support/modelFixtures.js';
import { loadCatalogs } from '../../src/catalog/loadCatalogs.js';

const catalogs = fixtureCatalogs();
const realCatalogs = loadCatalogs([]).catalogs!;
const b = (a: string, z: string, phase: Boundary['phase']): Boundary => ({ id: `${a}|${z}`, zones: [a, z], interfaces: ['p1', 'p2'], phase });

describe('buildBoundaryFinals', () => {
  it('both directions per boundary, numbered from 9_000_001, deny+log when enforcing', () => {
    const got = buildBoundaryFinals([b('ctl', 'sup', 'enforce'), b('dmz', 'sup', 'monitor')], catalogs);
    expect(got.map((r) => [r.id, r.number, r.kind, r.fromZone, r.toZone, r.action, r.log])).toEqual([
      ['final.ctl>sup', 9_000_001, 'boundary-final', 'ctl', 'sup', 'deny', true],
      ['final.sup>ctl', 9_000_002, 'boundary-final', 'sup', 'ctl', 'deny', true],
      ['final.dmz>sup', 9_000_003, 'boundary-final', 'dmz', 'sup', 'allow', true],
      ['final.sup>dmz', 9_000_004, 'boundary-final', 'sup', 'dmz', 'allow', true],
    ]);
    for (const r of got) {
      expect([r.src, r.dst, r.services]).toEqual([['any'], ['any'], ['any']]);
      expect(r.trace).toBeUndefined();
    }
    expect(got[0].comment).toBe('default deny ctl -> sup (SR 5.1, SR 5.2, SR 5.2 RE 1)');
    expect(got[3].comment).toBe('monitor phase: would deny sup -> dmz, logged (SR 5.1, SR 5.2, SR 5.2 RE 1)');
  });

  it('SRs come from the catalogue: none when the control is missing', () => {
    const got = buildBoundaryFinals([b('a', 'b', 'enforce')], fixtureCatalogs({ omitControls: ['boundary-firewall'] }));
    expect(got[0].comment).toBe('default deny a -> b');
  });
});

describe('buildCatchAll', () => {
  it.each([
    ['enforce', 'deny', 'default deny all other traffic (SR 5.1, SR 5.2, SR 5.2 RE 1)'],
    ['monitor', 'allow', 'monitor phase: would deny all other traffic, logged (SR 5.1, SR 5.2, SR 5.2 RE 1)'],
    ['mixed', 'allow', 'mixed phase: would deny all other traffic, logged (SR 5.1, SR 5.2, SR 5.2 RE 1)'],
  ] as const)('%s -> %s', (phase, action, comment) => {
    const r = buildCatchAll(phase, catalogs);
    expect(r).toEqual({ id: 'final', number: 9_999_999, kind: 'final', action, log: true, src: ['any'], dst: ['any'], services: ['any'], comment });
  });

  // a monitor rollout must not open what the device denies by default (FortiOS implicit deny,
  // ASA interface ACLs): traffic to interfaces the policy does not name stays denied there
  it.each([
    ['fortios', 'enforce', 'deny'], ['fortios', 'monitor', 'deny'], ['fortios', 'mixed', 'deny'],
    ['cisco-asa', 'monitor', 'deny'], ['cisco-asa', 'mixed', 'deny'],
    ['cisco-ios', 'monitor', 'allow'], ['nftables', 'monitor', 'allow'], ['nftables', 'enforce', 'deny'],
  ] as const)('%s %s -> %s (platform catalogue monitor-catch-all)', (platform, phase, action) => {
    const r = buildCatchAll(phase, realCatalogs, realCatalogs.platforms.get(platform));
    expect(r.action).toBe(action);
    expect(r.log).toBe(true);
    if (phase !== 'enforce') expect(r.comment).toContain(action === 'deny' ? 'as the platform does by default' : 'would deny');
  });
});
