import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FRS } from '../../src/model/types.js';
import { formatters } from '../../src/reports/registry.js';
import { analyzeDoc, EXAMPLES, exampleDoc, RANK, rowsOf } from './helpers.js';

/**
 * Metamorphic properties of the assessment (issue 2 "Done when"), checked on the
 * bundled plants: changes that can only make a site stronger or weaker must move
 * statuses in that direction, never the other way.
 */
describe.each(EXAMPLES)('assessment metamorphic properties: %s', (name) => {
  const base = analyzeDoc(exampleDoc(name));
  const baseRows = rowsOf(base);

  it('raising a zone SL-T never removes a requirement', () => {
    const doc = exampleDoc(name);
    for (const zone of Object.values(doc.zones) as Record<string, any>[]) {
      const t = zone['sl-target'];
      zone['sl-target'] = typeof t === 'number' ? Math.min(4, t + 1) : Object.fromEntries(FRS.map((fr) => [fr, Math.min(4, t[fr] + 1)]));
    }
    const raised = rowsOf(analyzeDoc(doc));
    for (const [device, rows] of baseRows) {
      for (const req of rows.keys()) expect(raised.get(device)!.has(req), `${device} ${req}`).toBe(true);
    }
  });

  it('raising one FR of one zone (or a conduit) by one never removes a requirement', () => {
    const zones = Object.keys(exampleDoc(name).zones);
    const conduits = Object.keys(exampleDoc(name).conduits ?? {});
    const target = fc.oneof(fc.constantFrom(...zones).map((id) => ({ kind: 'zones', id })), ...(conduits.length ? [fc.constantFrom(...conduits).map((id) => ({ kind: 'conduits', id }))] : []));
    fc.assert(fc.property(target, fc.constantFrom(...FRS), ({ kind, id }, fr) => {
      const doc = exampleDoc(name);
      const item = doc[kind][id] as Record<string, any>;
      const t = item['sl-target'];
      if (t === undefined) return;
      const vector = typeof t === 'number' ? Object.fromEntries(FRS.map((f) => [f, t])) : { ...t };
      vector[fr] = Math.min(4, vector[fr] + 1);
      item['sl-target'] = vector;
      const raised = rowsOf(analyzeDoc(doc));
      for (const [device, rows] of baseRows) {
        for (const req of rows.keys()) expect(raised.get(device)!.has(req), `${kind} ${id} ${fr}+1: ${device} ${req}`).toBe(true);
      }
    }), { numRuns: 10 });
  });

  it('removing services.syslog never adds a credit', () => {
    const doc = exampleDoc(name);
    delete doc.services.syslog;
    const after = rowsOf(analyzeDoc(doc));
    for (const [device, rows] of baseRows) {
      for (const [req, row] of rows) {
        const now = after.get(device)!.get(req)!;
        expect(RANK[now.status], `${device} ${req}: ${row.status} -> ${now.status}`).toBeGreaterThanOrEqual(RANK[row.status]);
        if (now.status === row.status && row.status !== 'native') {
          for (const c of now.controls) expect(row.controls, `${device} ${req} gained ${c}`).toContain(c);
        }
      }
    }
  });

  it('adding a capability to a device never turns a met requirement unmet', () => {
    // every capability of the catalogue, not a hand-picked few
    const caps = [...base.catalogs!.capabilities.keys()];
    expect(caps.length).toBeGreaterThan(40);
    const devices = Object.keys(exampleDoc(name).assets);
    fc.assert(fc.property(fc.constantFrom(...devices), fc.constantFrom(...caps), (device, cap) => {
      const doc = exampleDoc(name);
      const asset = doc.assets[device];
      asset.capabilities = [...new Set([...(asset.capabilities ?? []), cap])];
      const after = rowsOf(analyzeDoc(doc));
      for (const [dev, rows] of baseRows) {
        for (const [req, row] of rows) {
          const now = after.get(dev)!.get(req)!;
          if (row.status === 'native' || row.status === 'compensated') {
            expect(['native', 'compensated'], `${dev} ${req} after ${cap} on ${device}`).toContain(now.status);
          }
        }
      }
    }), { numRuns: 24 });
  });

  it('reordering keys and order-free lists gives byte-identical JSON and Markdown', () => {
    const doc = exampleDoc(name);
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    const shuffled: Record<string, any> = reversed(doc);
    for (const key of ['zones', 'assets', 'conduits', 'enforcement']) {
      shuffled[key] = reversed(Object.fromEntries(Object.entries(doc[key] ?? {}).map(([k, v]) => [k, reversed(v as Record<string, unknown>)])));
    }
    for (const c of Object.values(shuffled.conduits) as Record<string, any>[]) c.flows = [...c.flows].reverse();
    if (Array.isArray(shuffled.waivers)) shuffled.waivers = [...shuffled.waivers].reverse();
    const a = analyzeDoc(shuffled);
    const ctx = (x: typeof a) => ({ model: x.model!, catalogs: x.catalogs!, placement: x.placement!, file: 'policy.yaml' });
    expect(formatters.json(a.assessment!, ctx(a))).toBe(formatters.json(base.assessment!, ctx(base)));
    expect(formatters.markdown(a.assessment!, ctx(a))).toBe(formatters.markdown(base.assessment!, ctx(base)));
  });
});
