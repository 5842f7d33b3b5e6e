import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPolicies, isEmptyDiff, isRegression } from '../../src/diff/diffPolicies.js';
import type { DiffSide } from '../../src/diff/diffPolicies.js';
import { formatDiffJson } from '../../src/diff/formatDiffJson.js';
import { DEFAULT_MAX_MARKDOWN_CHARS, formatDiffMarkdown } from '../../src/diff/formatDiffMarkdown.js';
import { subtractAll, subtractBox } from '../../src/diff/subtractBoxes.js';
import type { Box } from '../../src/diff/subtractBoxes.js';
import type { PolicyDiff } from '../../src/diff/types.js';
import { runCli, tempDir } from '../cli/runCli.js';
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

  it('waivers added, removed and changed are counted apart, as devices and rules are', () => {
    const two = '  - asset: plc-2\n    requirement: SR 1.1\n    reason: Pending replacement.\n    approved-by: "A. Jones"\n    expires: 2027-06-30\n'
      + '  - zone: supervisory\n    requirement: SR 2.8\n    reason: Historian audit trail pending.\n    approved-by: "A. Jones"\n    expires: 2027-06-30\n';
    const added = diffOf(plantText(), edit(['waivers:\n', `waivers:\n${two}`]));
    expect(added.waivers.map((w) => w.change)).toEqual(['added', 'added']);
    expect(added.summary).toMatchObject({ waiversAdded: 2, waiversRemoved: 0, waiversChanged: 0 });
    expect(formatDiffMarkdown(added).split('\n')[2]).toMatch(/(^|; )waivers: 2 added(;|\.$)/);
    expect(formatDiffMarkdown(added)).not.toContain('waivers changed');
    const removed = diffOf(edit(['waivers:\n', `waivers:\n${two}`]), plantText());
    expect(removed.summary).toMatchObject({ waiversAdded: 0, waiversRemoved: 2, waiversChanged: 0 });
    expect(formatDiffMarkdown(removed).split('\n')[2]).toMatch(/(^|; )waivers: 2 removed(;|\.$)/);
    // plc-2 added, plc-1 removed, the control zone's extended
    const mixed = diffOf(plantText(), edit(['expires: 2027-12-31', 'expires: 2028-12-31'], ['waivers:\n', `waivers:\n${two.split('  - zone:')[0]}`]).replace(/  - asset: plc-1\n( {4}.*\n){4}/, ''));
    expect(mixed.waivers.map((w) => [w.subject, w.change])).toEqual([['asset plc-1', 'removed'], ['asset plc-2', 'added'], ['zone control', 'changed']]);
    expect(mixed.summary).toMatchObject({ waiversAdded: 1, waiversRemoved: 1, waiversChanged: 1 });
    expect(formatDiffMarkdown(mixed).split('\n')[2]).toMatch(/(^|; )waivers: 1 added, 1 removed, 1 changed(;|\.$)/);
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

describe('Markdown size budget (GitHub rejects comment bodies over 65,536 characters)', () => {
  const TRUNCATED = /^\*\*Diff truncated:\*\* (\d+) of (\d+) items left out to keep this comment within (\d+) characters; the full diff is in the JSON output \(`otpc diff --format json`\)\.$/;

  /** List lines and table rows (not a table's header or rule): the units the budget cuts at. */
  function items(md: string): string[] {
    const lines = md.split('\n');
    return lines.filter((l, i) => l.startsWith('- ') || (l.startsWith('| ') && !(lines[i + 1] ?? '').startsWith('|---')));
  }

  /** <details> balanced and not nested, every table a header, its rule and at least one row, no stray fences. */
  function expectWellFormed(md: string): void {
    let open = false;
    for (const l of md.split('\n')) {
      if (l === '<details>') { expect(open).toBe(false); open = true; }
      if (l === '</details>') { expect(open).toBe(true); open = false; }
    }
    expect(open).toBe(false);
    for (const table of md.split(/\n(?!\|)/).filter((b) => b.startsWith('|'))) {
      const rows = table.split('\n');
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows[1]).toMatch(/^\|(---\|)+$/);
      for (const r of rows) expect(r).toMatch(/^\|.*\|$/);
    }
    expect((md.match(/^```/gm) ?? []).length % 2).toBe(0);
  }

  /** Checks a cut against the full output: a prefix of its items, the count of the rest stated, within the budget. */
  function expectCut(full: string, cut: string, max: number): number {
    expectWellFormed(cut);
    const all = items(full);
    const kept = items(cut);
    expect(all.slice(0, kept.length)).toEqual(kept);
    const last = cut.trimEnd().split('\n').at(-1)!;
    const m = TRUNCATED.exec(last);
    expect(m, last).not.toBeNull();
    expect([Number(m![1]), Number(m![2]), Number(m![3])]).toEqual([all.length - kept.length, all.length, max]);
    expect(cut.split('\n').slice(0, 3)).toEqual(full.split('\n').slice(0, 3));
    return kept.length;
  }

  const text = () => readFileSync('examples/water-treatment.yaml', 'utf8');
  const allSlTZero = () => text().replace(/sl-target: (\d|\{[^}]*\})/g, 'sl-target: 0');
  const big = () => diffPolicies(analyze(text(), 'old.yaml', '2026-11-25'), analyze(allSlTZero(), 'new.yaml', '2026-11-25'));

  it('examples/water-treatment.yaml with every SL-T 0: over 65,536 unlimited, cut under the default budget, SL changes kept', () => {
    const d = big();
    const full = formatDiffMarkdown(d, { maxChars: 0 });
    expect(full.length).toBeGreaterThan(65_536);
    expect(full).not.toContain('Diff truncated');
    const cut = formatDiffMarkdown(d);
    expect(DEFAULT_MAX_MARKDOWN_CHARS).toBeLessThanOrEqual(60_000);
    expect(cut.length).toBeLessThanOrEqual(DEFAULT_MAX_MARKDOWN_CHARS);
    expect(cut.length).toBeGreaterThan(DEFAULT_MAX_MARKDOWN_CHARS - 1_000);
    const kept = expectCut(full, cut, DEFAULT_MAX_MARKDOWN_CHARS);
    expect(kept).toBeGreaterThan(0);
    // the security levels table (every zone changed) comes before the rows no longer required, whole
    for (const z of d.zones) expect(cut).toMatch(new RegExp(`^\\| ${z.id} \\| changed \\|`, 'm'));
    expect(cut).toMatch(/<summary>\d+ requirement rows on \d+ devices \(first \d+ shown\)<\/summary>/);
    expect(formatDiffMarkdown(big())).toBe(cut);
    expect(formatDiffMarkdown(d, { maxChars: full.length })).toBe(full);
  });

  /** The plant with flows newly allowed, SL-T and SL-A changes, worse and newly required rows, devices, waivers, rules. */
  const everything = () => diffOf(plantText(), edit(
    ['  plc-2: {', '  plc-3: { zone: control, type: plc, address: 10.20.1.13, profile: legacy-plc }\n  plc-2: {'],
    ['to: [plc-1, plc-2], protocol: modbus', 'to: [plc-1, plc-2, plc-3], protocol: modbus'],
    ['protocol: tcp/2222 }', 'protocol: tcp/2222-2230 }'],
    ['  jump-host: jump-1\n', ''],
    ['expires: 2027-12-31', 'expires: 2028-12-31'],
    ['supervisory: { purdue: 2, sl-target: 2,', 'supervisory: { purdue: 2, sl-target: 3,'],
  ));

  it('the security-relevant parts come first: flows newly allowed, security levels, statuses that got worse', () => {
    const d = everything();
    expect(d.newlyAllowed.length).toBeGreaterThan(0);
    expect(d.zones.length).toBeGreaterThan(0);
    expect(d.summary.requirementsWorse).toBeGreaterThan(0);
    const full = formatDiffMarkdown(d, { maxChars: 0 });
    const at = (s: string) => { const i = full.indexOf(s); expect(i, s).toBeGreaterThan(0); return i; };
    const order = ['### Flows newly allowed', '### Security levels per zone', '### Requirement statuses', '**Worse**', '**Newly required**', '### Devices', '### Waivers', '### Rules per enforcement point'].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('every budget: within it, cut at whole items (a prefix of the full list), the rest counted; more budget never shows less', () => {
    const d = everything();
    const full = formatDiffMarkdown(d, { maxChars: 0 });
    const minimal = formatDiffMarkdown(d, { maxChars: 1 });
    expect(items(minimal)).toEqual([]);
    expectCut(full, minimal, 1);
    let previous = 0;
    let partial = 0;
    // the heading, the summary line and the closing lines are always there (a few more digits in the closing line)
    for (let max = minimal.length + 8; max < full.length; max += 37) {
      const cut = formatDiffMarkdown(d, { maxChars: max });
      expect(cut.length, `budget ${max}`).toBeLessThanOrEqual(max);
      const kept = expectCut(full, cut, max);
      expect(kept).toBeGreaterThanOrEqual(previous);
      previous = kept;
      // a list cut short is folded and says how much of it shows
      if (/<summary>[^<]* \(first \d+ shown\)<\/summary>/.test(cut)) partial++;
      expect(formatDiffMarkdown(d, { maxChars: max })).toBe(cut);
    }
    expect(partial).toBeGreaterThan(0);
    expect(previous).toBeGreaterThan(items(full).length / 2);
    expect(formatDiffMarkdown(d, { maxChars: full.length })).toBe(full);
  });

  it('otpc diff --max-markdown-chars N (0 = unlimited), documented in --help; the JSON stays whole', async () => {
    const tmp = tempDir();
    try {
      writeFileSync(tmp.path('old.yaml'), text());
      writeFileSync(tmp.path('new.yaml'), allSlTZero());
      const args = ['diff', tmp.path('old.yaml'), tmp.path('new.yaml'), '--date', '2026-11-25'];
      const cut = await runCli([...args, '-f', 'markdown', '-o', tmp.path('diff.md'), '-f', 'json', '-o', tmp.path('diff.json')]);
      expect(cut.code, cut.stderr).toBe(0);
      const md = readFileSync(tmp.path('diff.md'), 'utf8');
      expect(md.length).toBeLessThanOrEqual(DEFAULT_MAX_MARKDOWN_CHARS);
      expect(md).toContain('**Diff truncated:**');
      expect(JSON.parse(readFileSync(tmp.path('diff.json'), 'utf8')).requirements).toHaveLength(big().requirements.length);
      const small = await runCli([...args, '--max-markdown-chars', '5000']);
      expect(small.code).toBe(0);
      expect(small.stdout.length).toBeLessThanOrEqual(5000);
      expect(small.stdout).toMatch(/items left out to keep this comment within 5000 characters/);
      const whole = await runCli([...args, '--max-markdown-chars', '0']);
      expect(whole.stdout).toBe(formatDiffMarkdown(big(), { maxChars: 0 }));
      const bad = await runCli([...args, '--max-markdown-chars', '-5']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--max-markdown-chars');
      const help = await runCli(['diff', '--help']);
      expect(help.stdout).toMatch(/--max-markdown-chars <n>[\s\S]*0\s+= unlimited/);
    } finally {
      tmp.cleanup();
    }
  });
});
