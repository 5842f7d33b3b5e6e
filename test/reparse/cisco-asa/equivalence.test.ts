import { describe, expect, it } from 'vitest';
import { ciscoAsaBackend } from '../../../src/backends/cisco-asa/index.js';
import type { IpRange } from '../../../src/model/types.js';
import { evaluate } from '../../../src/rules/evaluate.js';
import { buildCorpus } from '../../support/packetCorpus.js';
import { FIXTURES, RIVERSIDE_NETS, asaContext, range } from '../../backends/cisco-asa/fixtures.js';
import { evaluateAsa } from './evaluateAsa.js';
import { differences, routable, toAsaPacket } from './harness.js';
import type { ZoneNets } from './harness.js';
import { parseAsa } from './parseAsa.js';

/**
 * Re-parse equivalence on the hand-built fixtures: the rendered text, parsed by the
 * independent ASA parser and evaluated with ASA semantics, decides every routable
 * packet of the corpus (every address/range boundary -1/first/last/+1, every port
 * boundary lo-1/lo/hi/hi+1, tcp/udp/icmp/other, every ordered zone pair, IPv4 and
 * IPv6, replies and unsolicited "established" packets) exactly as the spec evaluator.
 */
const NETS: ZoneNets = new Map(Object.entries(RIVERSIDE_NETS).map(([z, texts]) => [z, texts.map(range)]));
const ALL_NETS: IpRange[] = [...NETS.values()].flat();

describe('cisco-asa re-parse equivalence (fixtures)', () => {
  it.each(FIXTURES)('%s', (name, make) => {
    const ep = make();
    const r = ciscoAsaBackend.render(ep, asaContext());
    const cfg = parseAsa(r.text);
    const corpus = buildCorpus(ep, { max: 6000, networks: ALL_NETS });
    const routableCount = corpus.filter((p) => routable(p, NETS)).length;
    expect(routableCount).toBeGreaterThan(500);
    const complete = !name.includes('no-zone-nets');
    expect(differences(ep, cfg, corpus, NETS, { attribution: complete, rateLimits: true })).toEqual([]);
  });

  it.each(FIXTURES.filter(([n]) => n.includes('monitor')))('%s: everything allowed, final hits logged', (_name, make) => {
    const ep = make();
    const cfg = parseAsa(ciscoAsaBackend.render(ep, asaContext()).text);
    const corpus = buildCorpus(ep, { max: 3000, networks: ALL_NETS }).filter((p) => !p.established && routable(p, NETS));
    for (const p of corpus) {
      const v = evaluateAsa(cfg, toAsaPacket(ep, p));
      expect(v.action).toBe('allow');
      if (evaluate(ep, p).rule.startsWith('final')) expect(v.log).toBe(true);
    }
  });

  it('the parse covers every ACL, access-group, object and the MPF structure', () => {
    const ep = FIXTURES[0][1]();
    const cfg = parseAsa(ciscoAsaBackend.render(ep, asaContext()).text);
    expect(cfg.accessGroups.map((g) => `${g.acl}@${g.nameif}`)).toEqual(['ACL_control_IN@control', 'ACL_dmz_IN@dmz', 'ACL_supervisory_IN@supervisory']);
    expect(cfg.networkObjects.get('H_historian')?.body).toBe('range 192.0.2.200 192.0.2.210');
    expect([...cfg.serviceObjects.values()].every((s) => s.entry.proto === 'tcp' || s.entry.proto === 'udp')).toBe(true);
    expect(cfg.policyMaps.get('PM_supervisory')?.classes).toEqual([{ name: 'CM_R2003', set: { 'conn-max': 64, 'embryonic-conn-max': 16, 'per-client-max': 8 } }]);
    expect(cfg.servicePolicies).toEqual([{ policy: 'PM_supervisory', nameif: 'supervisory', line: expect.any(Number) }]);
    expect(cfg.logging).toMatchObject({ enable: true, timestamp: true, trap: 6, hosts: [{ nameif: 'dmz', family: 4 }] });
    expect(cfg.ntp.map((n) => n.source)).toEqual(['supervisory', undefined]);
    // every ACE logs, no ACE is inactive, no bare any
    const aces = [...cfg.acls.values()].flat().filter((e) => e.kind === 'ace');
    expect(aces.every((a) => a.kind === 'ace' && !a.inactive && !/ any /.test(` ${a.text} `))).toBe(true);
  });
});
