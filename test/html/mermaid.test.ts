import { describe, expect, it } from 'vitest';
import { buildDiagramModel } from '../../src/reports/diagramModel.js';
import { formatMarkdown } from '../../src/reports/markdown.js';
import { formatMermaid, mermaidText, mermaidZoneId } from '../../src/reports/mermaid.js';
import { analyzeExample, analyzeFixture, EXAMPLES } from './helpers.js';
import type { Analyzed } from './helpers.js';

const CASES: [string, () => Analyzed][] = [
  ...EXAMPLES.map((name): [string, () => Analyzed] => [name, () => analyzeExample(name)]),
  ['small-plant', () => analyzeFixture('small-plant')],
];

describe('mermaidText', () => {
  it.each([
    ['plain text', 'Filtration control', 'Filtration control'],
    ['double quote ends the label', 'SCADA "ops"', 'SCADA #34;ops#34;'],
    ['angle brackets would be HTML', '<b>x</b>', '#60;b#62;x#60;/b#62;'],
    ['pipe ends an edge text', 'a | b', 'a #124; b'],
    ['brackets and braces open shapes', '[a] {b}', '#91;a#93; #123;b#125;'],
    ['ampersand starts an entity', 'A & B', 'A #38; B'],
    ['backtick starts a Markdown string', '`x`', '#96;x#96;'],
    ['hash is escaped first, so text that looks like an entity stays text', 'a#34;b #1', 'a#35;34;b #35;1'],
    ['newlines become spaces', 'line 1\nline 2\r\nline 3', 'line 1 line 2 line 3'],
  ])('%s', (_, given, want) => {
    expect(mermaidText(given)).toBe(want);
  });

  it('leaves no character that can end a quoted label or an edge text', () => {
    const hostile = '"]) --> x{{y}} |z| <script>`#;&\n';
    expect(mermaidText(hostile)).not.toMatch(/["<>|[\]{}`\n]/);
  });
});

describe('mermaidZoneId', () => {
  it.each([['end', 'zone_end'], ['chem-dosing', 'zone_chem_dosing'], ['graph', 'zone_graph'], ['0-a', 'zone_0_a']])('%s -> %s', (zone, id) => {
    expect(mermaidZoneId(zone)).toBe(id);
  });
});

describe('formatMermaid', () => {
  it.each(CASES)('%s: one node per zone, one edge per conduit, levels top down', async (name, analyze) => {
    const { assessment, ctx } = analyze();
    const d = buildDiagramModel(assessment, ctx);
    const lines = formatMermaid(d);
    expect(lines[0]).toBe('flowchart TB');
    const nodes = lines.filter((l) => /^ {4}zone_\w+\["[^"]*"\]$/.test(l));
    expect(nodes).toHaveLength(ctx.model.zones.size);
    const edges = lines.filter((l) => /^ {2}zone_\w+ (---|-\.-)\|"[^"]*"\| zone_\w+$/.test(l));
    expect(edges).toHaveLength(ctx.model.conduits.size);
    expect(edges.filter((l) => l.includes(' -.-|'))).toHaveLength(ctx.placement.unplaced.length);
    const levels = lines.filter((l) => l.startsWith('  subgraph ')).map((l) => Number(/Purdue level ([\d.]+)/.exec(l)![1]));
    expect(levels).toEqual([...levels].sort((x, y) => y - x));
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(`golden/${name}.mmd`);
  });

  it('draws each conduit from the higher Purdue level down and says when it is unenforced', () => {
    const { assessment, ctx } = analyzeFixture('small-plant');
    const lines = formatMermaid(buildDiagramModel(assessment, ctx));
    expect(lines).toContain('  zone_scada ---|"scada-control<br/>modbus, modbus read-only<br/>via fw-main (fortios)"| zone_control');
    expect(lines.find((l) => l.includes('scada-lab'))).toMatch(/^ {2}zone_lab -\.-\|"scada-lab<br\/>tcp\/2222<br\/>UNENFORCED: /);
    expect(lines).toContain('  class zone_lab met');
  });
});

describe('Markdown report', () => {
  it('carries the Mermaid diagram right after the zones table', () => {
    const { assessment, ctx } = analyzeFixture('small-plant');
    const md = formatMarkdown(assessment, ctx);
    const zones = md.indexOf('## Zones\n');
    const diagram = md.indexOf('## Zone and conduit diagram\n');
    const next = md.indexOf('\n## ', diagram + 1);
    expect(zones).toBeGreaterThan(0);
    expect(diagram).toBeGreaterThan(zones);
    expect(md.slice(zones, diagram).match(/\n## /g)).toBeNull();
    expect(md.slice(diagram, next)).toContain('```mermaid\nflowchart TB\n');
    expect(md.slice(diagram, next)).toMatch(/\n```\n$/);
  });
});
