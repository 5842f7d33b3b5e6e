import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from './builtinCatalogs.js';

const catalogs = builtinCatalogs();

describe('platforms catalogue', () => {
  it('has the four targets in id order', () => {
    expect([...catalogs.platforms.keys()]).toEqual(['cisco-asa', 'cisco-ios', 'fortios', 'nftables']);
  });

  it.each([
    ['fortios', { stateful: true, readOnly: ['dnp3', 'iec104', 'modbus'], rateLimit: true, span: false }],
    ['cisco-ios', { stateful: false, readOnly: [], rateLimit: false, span: true }],
    ['cisco-asa', { stateful: true, readOnly: [], rateLimit: true, span: false }],
    ['nftables', { stateful: true, readOnly: ['modbus'], rateLimit: true, span: false }],
  ])('%s: statefulness, read-only protocols, rate limiting and SPAN', (id, want) => {
    const p = catalogs.platforms.get(id)!;
    expect({ stateful: p.stateful, readOnly: p.supports.readOnly, rateLimit: p.supports.rateLimit, span: p.supports.span }).toEqual(want);
    expect(p.supports.monitorMode).toBe(true);
    expect(p.supports.objectGroups).toBe(true);
    expect(p.supports.addressRanges).toBe(true);
  });

  it.each([
    ['fortios', 79, 35, 1023],
    ['cisco-ios', 64, undefined, 100],
    ['cisco-asa', 64, undefined, 100],
    ['nftables', 255, undefined, 128],
  ])('%s limits: name %i, rule name %s, comment %i (vendors.md section 3)', (id, nameMax, ruleNameMax, commentMax) => {
    const { limits, notes } = catalogs.platforms.get(id)!;
    expect([limits.nameMax, limits.ruleNameMax, limits.commentMax]).toEqual([nameMax, ruleNameMax, commentMax]);
    expect(notes).toMatch(/vendors\.md/);
  });

  it('only lists read-only protocols that have operation codes', () => {
    for (const p of catalogs.platforms.values()) {
      for (const id of p.supports.readOnly) expect(catalogs.protocols.get(id)?.operations, `${p.id} → ${id}`).toBeDefined();
    }
  });

  it('gives a payload offset to every protocol a stateless platform filters', () => {
    expect(catalogs.protocols.get('modbus')!.operations!.payloadOffset).toBe(7);
  });
});
