import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyzePolicy } from '../../src/analyzePolicy.js';
// The benchmark's plant generator (plain node, no dependencies): kept honest here so that
// `npm run bench` never measures a plant that does not validate.
import { generatePlant } from '../../bench/generatePlant.js';

const TODAY = '2026-11-25';

interface Flow { from: string | string[]; to: string | string[]; protocol: string; access?: string; 'rate-limit'?: unknown }
interface Plant {
  zones: Record<string, { purdue: number; networks: string[] }>;
  assets: Record<string, { zone: string; address?: string; addresses?: string[] }>;
  conduits: Record<string, { zones: string[]; flows: Flow[]; 'rate-limit'?: unknown }>;
  enforcement: Record<string, { platform: string; interfaces: Record<string, string> }>;
  waivers: unknown[];
}

describe('bench/generatePlant', () => {
  const { text, stats } = generatePlant(100) as { text: string; stats: Record<string, number> };

  it('generates a 100-asset plant that validates with no errors and no unplaced conduit', () => {
    const a = analyzePolicy({ text, file: 'plant-100.yaml', today: TODAY });
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(a.model?.assets.size).toBe(100);
    expect(a.placement?.unplaced).toEqual([]);
    expect(stats).toMatchObject({ assets: 100, zones: a.model?.zones.size, conduits: a.model?.conduits.size });
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect((generatePlant(100) as { text: string }).text).toBe(text);
    expect((generatePlant(100, 7) as { text: string }).text).not.toBe(text);
  });

  it('has the features the benchmark claims: Purdue layers, all four platforms, IPv6, every endpoint and protocol form', () => {
    const doc = parse(text) as Plant;
    const flows = Object.values(doc.conduits).flatMap((c) => c.flows);
    expect(new Set(Object.values(doc.zones).map((z) => z.purdue))).toEqual(new Set([0, 1, 2, 3, 3.5, 4]));
    // one FortiGate upstream plus one point per area; at 100 assets a single area (cisco-asa)
    expect(Object.values(doc.enforcement).map((e) => e.platform)).toEqual(['fortios', 'cisco-asa']);
    const larger = parse((generatePlant(1000) as { text: string }).text) as Plant;
    expect(new Set(Object.values(larger.enforcement).map((e) => e.platform))).toEqual(new Set(['fortios', 'cisco-asa', 'cisco-ios', 'nftables']));
    expect(Object.values(doc.assets).some((a) => (a.addresses ?? []).some((x) => x.includes(':')))).toBe(true);
    expect(flows.some((f) => Array.isArray(f.to))).toBe(true);
    expect(flows.some((f) => typeof f.to === 'string' && f.to in doc.zones)).toBe(true);
    expect(flows.some((f) => typeof f.from === 'string' && f.from in doc.zones)).toBe(true);
    expect(flows.some((f) => /^(tcp|udp)\/\d+(-\d+)?$/.test(f.protocol))).toBe(true);
    expect(flows.some((f) => f.access === 'read-only')).toBe(true);
    expect(flows.some((f) => f['rate-limit']) || Object.values(doc.conduits).some((c) => c['rate-limit'])).toBe(true);
    expect(doc.waivers.length).toBeGreaterThan(0);
    for (const ep of Object.values(doc.enforcement)) expect(Object.keys(ep.interfaces).length).toBeLessThanOrEqual(16);
  });
});
