import { describe, expect, it } from 'vitest';
import { buildDiagramModel } from '../../src/reports/diagramModel.js';
import type { DiagramModel } from '../../src/reports/diagramModel.js';
import { layoutDiagram } from '../../src/reports/html/layoutDiagram.js';
import type { DiagramLayout, PlacedZone } from '../../src/reports/html/layoutDiagram.js';
import { renderDiagramSvg } from '../../src/reports/html/renderDiagramSvg.js';
import { renderSlChart } from '../../src/reports/html/renderSlChart.js';
import { textWidth, wrapText } from '../../src/reports/html/svgText.js';
import { analyzeExample, analyzeFixture, analyzeText, EXAMPLES } from './helpers.js';

const CASES: [string, () => DiagramModel][] = [
  ...EXAMPLES.map((name): [string, () => DiagramModel] => [name, () => { const a = analyzeExample(name); return buildDiagramModel(a.assessment, a.ctx); }]),
  ['small-plant', () => { const a = analyzeFixture('small-plant'); return buildDiagramModel(a.assessment, a.ctx); }],
];

interface Rect { x: number; y: number; w: number; h: number }
const rectOf = (z: PlacedZone): Rect => ({ x: z.x, y: z.y, w: z.box.width, h: z.box.height });
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const onBorder = (p: { x: number; y: number }, r: Rect) => p.x >= r.x - 1 && p.x <= r.x + r.w + 1 && p.y >= r.y - 1 && p.y <= r.y + r.h + 1
  && (Math.abs(p.y - r.y) <= 1 || Math.abs(p.y - (r.y + r.h)) <= 1 || Math.abs(p.x - r.x) <= 1 || Math.abs(p.x - (r.x + r.w)) <= 1);

describe('wrapText / textWidth', () => {
  it.each([
    ['fits on one line', 'Filtration control', 28, ['Filtration control']],
    ['wraps at spaces', 'Site operations and supervisory control', 28, ['Site operations and', 'supervisory control']],
    ['splits a word longer than the line', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['keeps an empty string as one empty line', '', 10, ['']],
  ])('%s', (_, text, max, want) => {
    expect(wrapText(text, max)).toEqual(want);
  });

  it('estimates bold wider than regular and grows with the text', () => {
    expect(textWidth('abc', 12, true)).toBeGreaterThan(textWidth('abc', 12));
    expect(textWidth('abcd', 12)).toBeGreaterThan(textWidth('abc', 12));
  });
});

describe('buildDiagramModel', () => {
  it('orders zones by Purdue level, highest first, and orients every conduit downwards', () => {
    const { assessment, ctx } = analyzeFixture('small-plant');
    const d = buildDiagramModel(assessment, ctx);
    expect(d.levels).toEqual([4, 3.5, 2, 1]);
    expect(d.zones.map((z) => z.id)).toEqual(['corp', 'dmz', 'lab', 'scada', 'control']);
    expect(d.conduits.map((c) => [c.id, c.upper, c.lower, c.enforcement.map((e) => e.id)])).toEqual([
      ['corp-dmz', 'corp', 'dmz', ['fw-main']],
      ['dmz-scada', 'dmz', 'scada', ['fw-main']],
      ['scada-control', 'scada', 'control', ['fw-main']],
      ['scada-lab', 'lab', 'scada', []],
    ]);
    expect(d.conduits.find((c) => c.id === 'scada-control')!.protocols).toEqual(['modbus', 'modbus read-only']);
    expect(d.zones.find((z) => z.id === 'lab')!.belowTarget).toEqual([]);
  });
});

describe('layoutDiagram (elkjs)', () => {
  it.each(CASES)('%s: Purdue levels stack top down, nothing overlaps, edges join their zones', async (_, model) => {
    const d = model();
    const layout = await layoutDiagram(d);
    expect(layout.zones).toHaveLength(d.zones.length);
    expect(layout.conduits).toHaveLength(d.conduits.length);
    for (const a of layout.zones) {
      for (const b of layout.zones) {
        if (a === b) continue;
        expect(overlaps(rectOf(a), rectOf(b)), `${a.zone.id} overlaps ${b.zone.id}`).toBe(false);
        // Every zone of a higher Purdue level lies entirely above every zone of a lower one.
        if (a.zone.purdue > b.zone.purdue) expect(a.y + a.box.height, `${a.zone.id} above ${b.zone.id}`).toBeLessThanOrEqual(b.y);
      }
    }
    const byId = new Map(layout.zones.map((z) => [z.zone.id, rectOf(z)]));
    for (const c of layout.conduits) {
      expect(c.points.length).toBeGreaterThanOrEqual(2);
      expect(onBorder(c.points[0], byId.get(c.conduit.upper)!), `${c.conduit.id} starts on ${c.conduit.upper}`).toBe(true);
      expect(onBorder(c.points[c.points.length - 1], byId.get(c.conduit.lower)!), `${c.conduit.id} ends on ${c.conduit.lower}`).toBe(true);
      const label = { x: c.label.x, y: c.label.y, w: c.box.width, h: c.box.height };
      for (const z of layout.zones) expect(overlaps(label, rectOf(z)), `label ${c.conduit.id} overlaps ${z.zone.id}`).toBe(false);
    }
    expect(layout.bands.map((b) => b.level)).toEqual(d.levels);
  });

  it('lays out a site without conduits, and zones without devices, still by Purdue level', async () => {
    const { assessment, ctx } = analyzeText([
      'otpc: 1', 'site: { id: s, name: S }', 'zones:',
      '  field: { purdue: 0, sl-target: 1, criticality: low, networks: [192.0.2.0/26] }',
      '  ops: { purdue: 3, sl-target: 1, criticality: low, networks: [192.0.2.64/26] }',
      '  cell: { purdue: 1, sl-target: 2, criticality: high, networks: [192.0.2.128/26] }', '',
    ].join('\n'));
    const layout = await layoutDiagram(buildDiagramModel(assessment, ctx));
    expect(layout.conduits).toEqual([]);
    const y = Object.fromEntries(layout.zones.map((z) => [z.zone.id, z.y]));
    expect(y.ops).toBeLessThan(y.cell);
    expect(y.cell).toBeLessThan(y.field);
    const svg = renderDiagramSvg(layout, { title: 't', description: 'd' });
    expect(svg.match(/data-zone="/g)).toHaveLength(3);
    expect(svg).not.toContain('data-conduit=');
  });

  it('is deterministic: the same model gives the same coordinates', async () => {
    const d = CASES[0][1]();
    const strip = (l: DiagramLayout) => JSON.stringify(l);
    expect(strip(await layoutDiagram(d))).toBe(strip(await layoutDiagram(d)));
  });
});

describe('renderDiagramSvg', () => {
  it('has one zone node and one conduit edge per policy entity, as data attributes', async () => {
    const { assessment, ctx } = analyzeFixture('small-plant');
    const svg = renderDiagramSvg(await layoutDiagram(buildDiagramModel(assessment, ctx)), { title: 'T <x>', description: 'D & d' });
    expect([...svg.matchAll(/<g class="zone [^"]*" data-zone="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual([...ctx.model.zones.keys()].sort());
    expect([...svg.matchAll(/data-conduit="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual([...ctx.model.conduits.keys()].sort());
    expect(svg).toMatch(/<g class="conduit conduit-unenforced" data-conduit="scada-lab"[^>]*data-enforced="false"[^>]*><path [^>]*stroke-dasharray="7 5"/);
    expect(svg).toContain('>UNENFORCED</text>');
    expect(svg).toMatch(/data-zone="lab" data-status="met"/);
    expect(svg).toMatch(/data-zone="scada" data-status="below"/);
    expect(svg).toContain('<title id="otpc-diagram-title">T &lt;x&gt;</title><desc id="otpc-diagram-desc">D &amp; d</desc>');
  });

  it('escapes policy text: zone names never become markup', async () => {
    const { assessment, ctx } = analyzeFixture('small-plant');
    const svg = renderDiagramSvg(await layoutDiagram(buildDiagramModel(assessment, ctx)), { title: 't', description: 'd' });
    expect(svg).toContain('Corporate &lt;b&gt;network&lt;/b&gt;');
    expect(svg).toContain('SCADA &quot;ops&quot; | {level 2}');
    expect(svg).not.toContain('<b>');
  });
});

describe('renderSlChart', () => {
  const t = { FR1: 2, FR2: 2, FR3: 2, FR4: 1, FR5: 3, FR6: 2, FR7: 0 };
  const a = { FR1: 0, FR2: 2, FR3: 1, FR4: 4, FR5: 3, FR6: 2, FR7: 0 };
  const svg = renderSlChart('control', t, a);

  it('draws seven FR bars with their levels as data', () => {
    const bars = [...svg.matchAll(/<g class="sl-bar (sl-below|sl-met)" data-fr="(FR\d)" data-sl-target="(\d)" data-sl-achieved="(\d)">/g)];
    expect(bars.map((m) => [m[2], Number(m[3]), Number(m[4]), m[1]])).toEqual([
      ['FR1', 2, 0, 'sl-below'], ['FR2', 2, 2, 'sl-met'], ['FR3', 2, 1, 'sl-below'], ['FR4', 1, 4, 'sl-met'],
      ['FR5', 3, 3, 'sl-met'], ['FR6', 2, 2, 'sl-met'], ['FR7', 0, 0, 'sl-met'],
    ]);
  });

  it('is accessible: role img, title and a description with every number', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="otpc-sl-title-control otpc-sl-desc-control"/);
    expect(svg).toContain('<title id="otpc-sl-title-control">SL-A against SL-T for zone control</title>');
    expect(svg).toContain('FR1 IAC: SL-A 0, SL-T 2, below target; FR2 UC: SL-A 2, SL-T 2;');
  });

  it('marks a bar below target with a pattern and a symbol, not colour alone', () => {
    expect(svg).toMatch(/data-fr="FR3"[^]*?fill="url\(#otpc-sl-hatch-control\)"[^]*?>1\/2 ✗<\/text>/);
  });
});
