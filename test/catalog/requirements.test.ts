import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs, referenceRows } from './builtinCatalogs.js';

const catalogs = builtinCatalogs();
const rows = [...catalogs.requirements.values()];
const reference = referenceRows(readFileSync(new URL('./fixtures/iec62443-3-3.csv', import.meta.url), 'utf8'));

describe('requirements catalogue (IEC 62443-3-3)', () => {
  it('has all 100 rows: 51 SR and 49 RE', () => {
    expect(rows).toHaveLength(100);
    expect(rows.filter((r) => r.kind === 'SR')).toHaveLength(51);
    expect(rows.filter((r) => r.kind === 'RE')).toHaveLength(49);
  });

  it.each([
    [1, 37],
    [2, 60],
    [3, 90],
    [4, 100],
  ])('selects cumulatively at SL%i: %i rows', (sl, count) => {
    expect(rows.filter((r) => r.level <= sl)).toHaveLength(count);
  });

  it('has the reference CSV rows, levels and titles exactly', () => {
    expect(reference).toHaveLength(100);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const ref of reference) {
      const row = byId.get(ref.id);
      expect(row, ref.id).toBeDefined();
      expect({ id: row!.id, fr: row!.fr, kind: row!.kind, level: row!.level, title: row!.title }).toEqual(ref);
    }
  });

  it.each([
    ['SR 4.1 RE 2', 4, [3]],
    ['SR 6.2', 2, [1]],
    ['SR 1.13 RE 1', 2, [3]],
  ])('disputed cell %s: default %i, alternatives %j, with a note', (id, level, alternatives) => {
    const row = catalogs.requirements.get(id)!;
    expect(row.level).toBe(level);
    expect(row.alternatives).toEqual(alternatives);
    expect(row.note).toMatch(/disputed/i);
  });

  it('has alternatives only on the three disputed cells', () => {
    expect(rows.filter((r) => r.alternatives).map((r) => r.id)).toEqual(['SR 1.13 RE 1', 'SR 4.1 RE 2', 'SR 6.2']);
  });

  it('cites the COR1:2014 corrigendum on SR 3.4 (SL2, not SL1)', () => {
    const row = catalogs.requirements.get('SR 3.4')!;
    expect(row.level).toBe(2);
    expect(row.note).toMatch(/COR1:2014/);
  });

  it('is in natural order: FR, SR number, RE number', () => {
    const ids = rows.map((r) => r.id);
    expect(ids.slice(0, 5)).toEqual(['SR 1.1', 'SR 1.1 RE 1', 'SR 1.1 RE 2', 'SR 1.1 RE 3', 'SR 1.2']);
    expect(ids.indexOf('SR 1.2')).toBeLessThan(ids.indexOf('SR 1.10'));
    expect(ids.indexOf('SR 1.9 RE 1')).toBeLessThan(ids.indexOf('SR 1.10'));
    expect(ids.at(-1)).toBe('SR 7.8');
    expect(ids).toEqual(reference.map((r) => r.id));
  });

  it('gives every RE its parent SR, and SRs none', () => {
    for (const r of rows) {
      if (r.kind === 'RE') expect(r.parent, r.id).toBe(r.id.replace(/ RE \d+$/, ''));
      else expect(r.parent, r.id).toBeUndefined();
      if (r.parent) expect(catalogs.requirements.get(r.parent)?.kind).toBe('SR');
    }
  });

  it.each([
    ['SR 1.1', '5.3'],
    ['SR 1.13', '5.15'],
    ['SR 3.4', '7.6'],
    ['SR 7.8', '11.10'],
    ['SR 1.1 RE 1', '5.3.3'],
  ])('places %s in clause %s', (id, clause) => {
    expect(catalogs.requirements.get(id)!.clause).toBe(clause);
  });

  it('marks the conduit requirements as communication scope', () => {
    const communication = [
      'SR 1.13', 'SR 1.13 RE 1', 'SR 3.1', 'SR 3.1 RE 1', 'SR 4.1 RE 1', 'SR 4.1 RE 2',
      'SR 5.1', 'SR 5.1 RE 1', 'SR 5.1 RE 2', 'SR 5.1 RE 3', 'SR 5.2', 'SR 5.2 RE 1', 'SR 5.2 RE 2', 'SR 5.2 RE 3',
      'SR 5.3', 'SR 5.3 RE 1', 'SR 7.1 RE 2',
    ];
    expect(rows.filter((r) => r.scope === 'communication').map((r) => r.id)).toEqual(communication);
  });

  it('marks the site-wide requirements as system scope', () => {
    expect(rows.filter((r) => r.scope === 'system').map((r) => r.id)).toEqual([
      'SR 1.3 RE 1', 'SR 2.2 RE 1', 'SR 2.8 RE 1', 'SR 3.2 RE 1', 'SR 3.2 RE 2', 'SR 6.2', 'SR 7.8',
    ]);
  });

  it('marks exactly the reference list as not compensable, with a note each', () => {
    const notCompensable = rows.filter((r) => !r.compensable);
    expect(notCompensable.map((r) => r.id)).toEqual([
      'SR 2.4', 'SR 2.4 RE 1', 'SR 3.3', 'SR 3.3 RE 1', 'SR 3.3 RE 2', 'SR 3.6', 'SR 3.7',
      'SR 4.2', 'SR 4.2 RE 1', 'SR 7.4', 'SR 7.5', 'SR 7.6', 'SR 7.6 RE 1',
    ]);
    for (const r of notCompensable) expect(r.note, r.id).toMatch(/not compensable/i);
    expect(catalogs.requirements.get('SR 3.2')!.compensable).toBe(true);
  });

  it('keeps an RE not compensable when its SR is not', () => {
    for (const r of rows.filter((x) => x.parent)) {
      if (!catalogs.requirements.get(r.parent!)!.compensable) expect(r.compensable, r.id).toBe(false);
    }
  });
});
