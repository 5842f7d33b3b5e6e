import { describe, expect, it } from 'vitest';
import { buildRuleIR } from '../../src/rules/buildRuleIR.js';
import { evaluate } from '../../src/rules/evaluate.js';
import { formatAddress, parseHost } from '../../src/model/ip.js';
import type { EnforcementIR, Packet } from '../../src/rules/types.js';
import { buildCorpus, expectVerdicts, zoneNetworks } from '../support/packetCorpus.js';
import { fixture, waterPlantDoc } from '../support/modelFixtures.js';
import type { PolicyDoc } from '../support/modelFixtures.js';

const plant = fixture(waterPlantDoc());
const ir = buildRuleIR(plant.model, plant.catalogs, plant.placement, { phase: 'enforce' });
const fw = ir.enforcement.find((e) => e.id === 'fw-control')!;
const nets = zoneNetworks(plant.model, fw);
const corpus = buildCorpus(fw, { networks: nets });
const addr = (text: string) => parseHost(text)!.value;
const fresh = (ps: Packet[]) => ps.filter((p) => !p.established);

describe('buildCorpus', () => {
  it('is deterministic for a seed', () => {
    expect(buildCorpus(fw, { networks: nets, seed: 7 })).toEqual(buildCorpus(fw, { networks: nets, seed: 7 }));
  });

  it('has the port boundaries of every service, on tcp and udp', () => {
    const want = [501, 502, 503].flatMap((port) => ['tcp', 'udp'].map((t) => `${t}/${port}`));
    const got = new Set(fresh(corpus).filter((p) => p.src === addr('10.20.2.40') && p.dst === addr('10.20.1.11')).map((p) => `${p.transport}/${p.dport}`));
    for (const w of want) expect(got).toContain(w);
  });

  it('has the address boundaries of every object, first-1 and last+1 included', () => {
    const srcs = new Set(fresh(corpus).filter((p) => p.fromZone === 'supervisory' && p.family === 4).map((p) => formatAddress(4, p.src)));
    for (const a of ['10.20.2.39', '10.20.2.40', '10.20.2.41', '10.20.2.49', '10.20.2.51']) expect(srcs).toContain(a);
  });

  it('has an address of every zone network that no object names', () => {
    const dsts = new Set(fresh(corpus).filter((p) => p.toZone === 'control').map((p) => formatAddress(p.family, p.dst)));
    expect(dsts).toContain('10.20.1.127');
  });

  it('accepts the networks as a flat list too (no zone attribution)', () => {
    expect(fresh(buildCorpus(fw, { networks: Object.values(nets).flat(), max: 300 })).length).toBe(300);
    const flat = fresh(buildCorpus(fw, { networks: Object.values(nets).flat() }));
    expect(flat.some((p) => p.dst === addr('10.20.1.127') || p.src === addr('10.20.1.127'))).toBe(true);
  });

  it('both families, icmp and other', () => {
    const ps = fresh(corpus);
    expect(ps.some((p) => p.family === 6)).toBe(true);
    expect(ps.some((p) => p.transport === 'icmp')).toBe(true);
    expect(ps.some((p) => p.transport === 'other')).toBe(true);
  });

  it('allowed and denied operations for read-only rules', () => {
    const ops = fresh(corpus).filter((p) => p.dport === 502 && p.operation !== undefined);
    const verdicts = ops.map((p) => [p.operation, evaluate(fw, p).action]);
    expect(verdicts).toContainEqual([1, 'allow']);
    expect(verdicts).toContainEqual([5, 'deny']);
  });

  it('the established reply of every allowed new packet, and unsolicited "established" packets', () => {
    const keys = new Set(corpus.map((p) => JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))));
    const key = (p: Packet) => JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    for (const p of fresh(corpus).filter((x) => evaluate(fw, x).action === 'allow')) {
      const r: Packet = { fromZone: p.toZone, toZone: p.fromZone, family: p.family, src: p.dst, dst: p.src, transport: p.transport, sport: p.dport, dport: p.sport, established: true };
      expect(keys.has(key(r))).toBe(true);
    }
    const est = corpus.filter((p) => p.established).map((p) => evaluate(fw, p).action);
    expect(est).toContain('allow');
    expect(est).toContain('deny');
  });

  it.each([50, 500])('caps new packets at max=%i, boundary packets of allow rules first', (max) => {
    const small = buildCorpus(fw, { networks: nets, max });
    expect(fresh(small).length).toBeLessThanOrEqual(max);
    expect(fresh(small).length).toBe(max);
  });

  it('clamps at the edges of the address and port spaces', () => {
    const d: PolicyDoc = {
      otpc: 1, site: { id: 's', name: 'S' },
      zones: {
        low: { purdue: 1, 'sl-target': 1, criticality: 'low', networks: ['0.0.0.0/30'] },
        high: { purdue: 2, 'sl-target': 1, criticality: 'low', networks: ['255.255.255.252/30', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/126'] },
      },
      conduits: { c: { zones: ['low', 'high'], flows: [{ from: 'low', to: 'high', protocol: 'udp/1-65535' }] } },
      enforcement: { fw: { platform: 'fortios', interfaces: { low: 'port1', high: 'port2' } } },
    };
    const f = fixture(d);
    const ep: EnforcementIR = buildRuleIR(f.model, f.catalogs, f.placement, { phase: 'enforce' }).enforcement[0];
    const ps = buildCorpus(ep, { networks: zoneNetworks(f.model, ep) });
    for (const p of ps) {
      const max = p.family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
      expect(p.src >= 0n && p.src <= max && p.dst >= 0n && p.dst <= max).toBe(true);
      if (p.transport === 'tcp' || p.transport === 'udp') expect(p.dport >= 1 && p.dport <= 65535).toBe(true);
    }
    expect(ps.some((p) => p.src === 0n)).toBe(true);
    expect(ps.some((p) => p.dst === (1n << 32n) - 1n)).toBe(true);
  });
});

describe('expectVerdicts', () => {
  it('is the spec evaluator on every packet', () => {
    const some = corpus.slice(0, 200);
    expect(expectVerdicts(fw, some)).toEqual(some.map((p) => evaluate(fw, p)));
  });
});
