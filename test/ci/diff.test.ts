import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPolicies, isEmptyDiff, isRegression } from '../../src/diff/diffPolicies.js';
import type { DiffSide } from '../../src/diff/diffPolicies.js';
import { formatDiffJson } from '../../src/diff/formatDiffJson.js';
import { formatDiffMarkdown } from '../../src/diff/formatDiffMarkdown.js';
import { subtractAll, subtractBox } from '../../src/diff/subtractBoxes.js';
import type { Box } from '../../src/diff/subtractBoxes.js';
import type { PolicyDiff } from '../../src/diff/types.js';
import { analyze, plantText, shufflePolicy } from './support.js';

const side = (text: string, file = 'plant.yaml'): DiffSide => analyze(text, file);
const diffOf = (before: string, after: string): PolicyDiff => diffPolicies(side(before, 'old.yaml'), side(after, 'new.yaml'));

/** The plant with [from, to] replacements applied; throws when a `from` is missing so the table cannot rot. */
function edit(...edits: [string, string][]): string {
  let text = plantText();
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`plant.yaml does not contain ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

describe('reordering is not a change', () => {
  it('the plant with all map keys and lists shuffled diffs as empty (fast-check seeds)', () => {
    const before = side(plantText());
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      const d = diffPolicies(before, side(shufflePolicy(plantText(), seed)));
      expect(d.summary).toEqual(diffPolicies(before, before).summary);
      expect(isEmptyDiff(d)).toBe(true);
      expect(formatDiffMarkdown(d)).toContain('No changes to devices');
    }), { numRuns: 8 });
  });

  it.each(['water-treatment', 'substation', 'batch-chemical'])('examples/%s.yaml shuffled diffs as empty', (name) => {
    const text = readFileSync(`examples/${name}.yaml`, 'utf8');
    const d = diffPolicies(side(text), side(shufflePolicy(text, name.length * 7919)));
    expect(d.summary).toMatchObject({ rulesAdded: 0, rulesRemoved: 0, rulesChanged: 0, flowsNewlyAllowed: 0, requirementsWorse: 0, requirementsBetter: 0 });
    expect(isEmptyDiff(d)).toBe(true);
  });
});

describe('what reviewers see', () => {
  it('a device added to a flow: the device, its new flow, a new rule content', () => {
    const d = diffOf(plantText(), edit(
      ['  plc-2: {', '  plc-3: { zone: control, type: plc, address: 10.20.1.13, profile: legacy-plc }\n  plc-2: {'],
      ['to: [plc-1, plc-2], protocol: modbus', 'to: [plc-1, plc-2, plc-3], protocol: modbus'],
    ));
    expect(d.devices.added).toEqual([{ id: 'plc-3', zone: 'control', type: 'plc' }]);
    expect(d.newlyAllowed).toEqual([{
      conduit: 'supervisory-control', flow: 'supervisory-control: hmi-1 -> plc-1,plc-2,plc-3 modbus', fromZone: 'supervisory', toZone: 'control',
      pieces: [{ src: 'hmi-1', dst: 'plc-3', service: 'tcp/502 (modbus)', operations: 'all' }],
    }]);
    expect(d.enforcement.map((e) => [e.id, e.added.map((r) => r.key), e.removed.map((r) => r.key)])).toEqual([
      ['fw-1', ['flow supervisory-control hmi-1>plc-1,plc-2,plc-3:modbus:read-write'], ['flow supervisory-control hmi-1>plc-1,plc-2:modbus:read-write']],
    ]);
    expect(d.requirements).toEqual([]);
    expect(isRegression(d)).toBe(true);
  });

  it('a flow no longer read-only newly allows the writes only', () => {
    const d = diffOf(plantText(), edit(['protocol: modbus, access: read-only }', 'protocol: modbus }']));
    expect(d.newlyAllowed.map((f) => f.pieces)).toEqual([[{ src: 'lab-pc', dst: 'plc-2', service: 'tcp/502 (modbus)', operations: 'writes' }]]);
  });

  it('a widened port range newly allows only the new ports; narrowing allows nothing new', () => {
    const wide = edit(['protocol: tcp/2222 }', 'protocol: tcp/2222-2230 }']);
    expect(diffOf(plantText(), wide).newlyAllowed.flatMap((f) => f.pieces)).toEqual([{ src: 'ews-1', dst: 'plc-1', service: 'tcp/2223-2230', operations: 'all' }]);
    const back = diffOf(wide, plantText());
    expect(back.newlyAllowed).toEqual([]);
    expect(back.summary).toMatchObject({ rulesAdded: 1, rulesRemoved: 1 });
  });

  it('a zone-wide source: narrowing its networks allows nothing new, widening them again does', () => {
    const narrow = edit(['networks: [10.10.0.0/16]', 'networks: [10.10.0.0/17]']);
    expect(diffOf(plantText(), narrow).newlyAllowed).toEqual([]);
    const d = diffOf(narrow, plantText());
    expect(d.newlyAllowed.flatMap((f) => f.pieces)).toEqual([{ src: 'zone enterprise (10.10.128.0/17)', dst: 'jump-1', service: 'tcp/443 (https)', operations: 'all' }]);
    expect(d.enforcement[0].changed.map((c) => c.fields)).toEqual([['src']]);
  });

  it('an address change: the device, the rules whose destination moved, the flows to the new address', () => {
    const d = diffOf(plantText(), edit(['address: 10.20.1.12, profile: certified-4-2', 'address: 10.20.1.22, profile: certified-4-2']));
    expect(d.devices.changed).toEqual([{ id: 'plc-2', zone: 'control', type: 'plc', changes: [{ field: 'addresses', old: '10.20.1.12', new: '10.20.1.22' }] }]);
    expect(d.enforcement[0].changed.map((c) => [c.key, c.fields])).toEqual([
      ['flow supervisory-control hmi-1>plc-1,plc-2:modbus:read-write', ['dst']],
      ['flow supervisory-control jump-1>plc-2:https:read-write', ['dst']],
    ]);
    expect(d.newlyAllowed.map((f) => f.pieces[0].dst)).toEqual(['plc-2', 'plc-2', 'plc-2']);
  });

  it('the jump host removed: statuses worse, with what met them before', () => {
    const d = diffOf(plantText(), edit(['  jump-host: jump-1\n', '']));
    const sr113 = d.requirements.find((r) => r.device === 'plc-2' && r.requirement === 'SR 1.13')!;
    expect(sr113).toMatchObject({ direction: 'worse', old: { status: 'compensated', controls: ['jump-host'] }, new: { status: 'gap' } });
    expect(formatDiffMarkdown(d)).toContain('- plc-2: SR 1.13 (Access via untrusted networks): compensated by jump-host → gap');
    expect(isRegression(d)).toBe(true);
  });

  it('an enforcement point for the lab conduit: statuses better, rules added, the conduit enforced', () => {
    const d = diffOf(plantText(), edit(['    fail-mode: closed\n', '    fail-mode: closed\n  fw-lab:\n    platform: nftables\n    interfaces: { lab: eth0, control: eth1 }\n']));
    expect(d.unenforced).toEqual({ added: [], removed: ['lab-control'] });
    expect(d.enforcement.map((e) => [e.id, e.change, e.added.length])).toEqual([['fw-lab', 'added', 4]]);
    expect(d.summary.requirementsWorse).toBe(0);
    expect(d.summary.requirementsBetter).toBeGreaterThan(0);
    expect(isRegression(d)).toBe(false);
    expect(isRegression(diffOf(edit(['    fail-mode: closed\n', '    fail-mode: closed\n  fw-lab:\n    platform: nftables\n    interfaces: { lab: eth0, control: eth1 }\n']), plantText()))).toBe(true);
  });

  it('a higher SL-T: zone change and newly required rows, which are not a regression', () => {
    const d = diffOf(plantText(), edit(['control: { purdue: 1, sl-target: 2,', 'control: { purdue: 1, sl-target: 3,']));
    expect(d.zones.map((z) => [z.id, z.change, z.slTarget?.old?.FR1, z.slTarget?.new?.FR1])).toEqual([['control', 'changed', 2, 3]]);
    expect(d.requirements.every((r) => r.direction === 'newly-required')).toBe(true);
    expect(isRegression(d)).toBe(false);
  });

  it('a waiver extended; an enforcement point that no longer fails closed', () => {
    const d = diffOf(plantText(), edit(['expires: 2027-12-31', 'expires: 2028-12-31'], ['    fail-mode: closed\n', '']));
    expect(d.waivers).toEqual([{
      subject: 'zone control', requirement: 'SR 2.8', change: 'changed',
      old: { expires: '2027-12-31', approvedBy: 'A. Jones', reason: 'No audit trail on the legacy controllers.' },
      new: { expires: '2028-12-31', approvedBy: 'A. Jones', reason: 'No audit trail on the legacy controllers.' },
    }]);
    expect(d.enforcement.map((e) => e.changes)).toEqual([[{ field: 'fail-mode', old: 'closed', new: '-' }]]);
  });
});

describe('output', () => {
  const changed = () => diffOf(plantText(), edit(
    ['  plc-2: {', '  plc-3: { zone: control, type: plc, address: 10.20.1.13, profile: legacy-plc }\n  plc-2: {'],
    ['to: [plc-1, plc-2], protocol: modbus', 'to: [plc-1, plc-2, plc-3], protocol: modbus'],
    ['protocol: tcp/2222 }', 'protocol: tcp/2222-2230 }'],
    ['  jump-host: jump-1\n', ''],
    ['expires: 2027-12-31', 'expires: 2028-12-31'],
    ['address: 10.20.1.12, profile: certified-4-2', 'address: 10.20.1.22, profile: certified-4-2'],
  ));

  it('Markdown for a pull-request comment: summary line first, long lists folded', async () => {
    const md = formatDiffMarkdown(changed());
    const lines = md.split('\n');
    expect(lines[0]).toBe('## otpc diff: CI Plant &lt;Line 1> &amp; "Co" (ci-plant)');
    expect(lines[2]).toMatch(/^devices: 1 added, 1 changed; requirement statuses: \d+ worse.*; \*\*4 flows newly allowed\*\*\.$/);
    expect(md).toContain('<details>');
    await expect(md).toMatchFileSnapshot('golden/diff-plant.md');
  });

  it('JSON: versioned, complete, byte-identical on every run', async () => {
    const json = formatDiffJson(changed());
    expect(JSON.parse(json)).toMatchObject({ otpcDiff: 1, old: { site: { id: 'ci-plant' } }, summary: { devicesAdded: 1 } });
    expect(formatDiffJson(changed())).toBe(json);
    await expect(json).toMatchFileSnapshot('golden/diff-plant.json');
  });
});

describe('subtractBox (set difference of packet boxes)', () => {
  const interval = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }))
    .map(([a, b]) => [BigInt(Math.min(a, b)), BigInt(Math.max(a, b))] as const);
  const box = (dims: number) => fc.array(interval, { minLength: dims, maxLength: dims }) as fc.Arbitrary<Box>;
  const inside = (p: bigint[], b: Box) => b.every(([lo, hi], i) => lo <= p[i] && p[i] <= hi);

  it('a point is in a \\ bs exactly when it is in a and in no b; the pieces are disjoint', () => {
    fc.assert(fc.property(box(3), fc.array(box(3), { maxLength: 4 }), fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 3, maxLength: 3 }), { minLength: 20, maxLength: 20 }), (a, bs, points) => {
      const rest = subtractAll(a, bs);
      for (const raw of points) {
        const p = raw.map(BigInt);
        const want = inside(p, a) && !bs.some((b) => inside(p, b));
        const hits = rest.filter((r) => inside(p, r)).length;
        expect(hits).toBe(want ? 1 : 0);
      }
    }), { numRuns: 300 });
  });

  it('a box minus itself or a cover is empty; minus a disjoint box unchanged', () => {
    const a: Box = [[1n, 5n], [1n, 5n]];
    expect(subtractBox(a, a)).toEqual([]);
    expect(subtractBox(a, [[0n, 9n], [0n, 9n]])).toEqual([]);
    expect(subtractBox(a, [[6n, 9n], [1n, 5n]])).toEqual([a]);
  });
});
