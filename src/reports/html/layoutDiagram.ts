import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { DiagramConduit, DiagramModel, DiagramZone } from '../diagramModel.js';
import { conduitBox, zoneBox } from './diagramBoxes.js';
import type { Box } from './diagramBoxes.js';

export interface Point { x: number; y: number }

export interface PlacedZone { zone: DiagramZone; box: Box; x: number; y: number }
export interface PlacedConduit { conduit: DiagramConduit; box: Box; points: Point[]; label: Point }
export interface LevelBand { level: number; top: number; bottom: number }

export interface DiagramLayout {
  width: number;
  height: number;
  zones: PlacedZone[];
  conduits: PlacedConduit[];
  bands: LevelBand[];
}

/** Room on the left for the Purdue level names of the bands. */
const GUTTER = 120;

/**
 * ELK layered, top to bottom, with one partition per Purdue level (highest level =
 * partition 0), so every zone of a higher level sits above every zone of a lower one;
 * conduit labels are inline centre edge labels: ELK reserves their space between layers and
 * routes the edge through the label, so a conduit's enforcement points sit on its edge.
 * The random seed is fixed and the input is sorted, so the layout is deterministic.
 */
const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.randomSeed': '1',
  'elk.partitioning.activate': 'true',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '14',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.spacing.nodeNodeBetweenLayers': '34',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.padding': `[top=24,left=${GUTTER + 16},bottom=24,right=24]`,
};

let elk: Promise<ELK> | undefined;

/*
 * Loaded on first use: elk.bundled.js takes most of a second to import, and only the HTML
 * report needs it (every other command would pay for it at start-up). It is CommonJS
 * (module.exports = ELKNode, with ELKNode.default = ELKNode); under NodeNext TypeScript types
 * the default import as the module record, so the constructor is taken from `.default.default`,
 * which exists at run time in Node and vitest alike. The bundled build runs ELK in-process
 * (a fake worker): no worker thread, no file, no network.
 */
function elkInstance(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default.default());
  return elk;
}

const zoneNode = (id: string) => `zone/${id}`;

function elkGraph(d: DiagramModel, zoneBoxes: Map<string, Box>, conduitBoxes: Map<string, Box>): ElkNode {
  const partition = new Map(d.levels.map((level, i) => [level, i]));
  return {
    id: 'site',
    layoutOptions: LAYOUT_OPTIONS,
    children: d.zones.map((z) => ({
      id: zoneNode(z.id), width: zoneBoxes.get(z.id)!.width, height: zoneBoxes.get(z.id)!.height,
      layoutOptions: { 'elk.partitioning.partition': String(partition.get(z.purdue)) },
    })),
    edges: d.conduits.map((c): ElkExtendedEdge => ({
      id: `conduit/${c.id}`, sources: [zoneNode(c.upper)], targets: [zoneNode(c.lower)],
      labels: [{
        id: `label/${c.id}`, text: c.id, width: conduitBoxes.get(c.id)!.width, height: conduitBoxes.get(c.id)!.height,
        layoutOptions: { 'elk.edgeLabels.inline': 'true' },
      }],
    })),
  };
}

function edgePoints(e: ElkExtendedEdge): Point[] {
  return (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]).map((p) => ({ x: p.x, y: p.y }));
}

function bands(zones: PlacedZone[]): LevelBand[] {
  const out = new Map<number, LevelBand>();
  for (const z of zones) {
    const b = out.get(z.zone.purdue);
    const top = z.y;
    const bottom = z.y + z.box.height;
    out.set(z.zone.purdue, b ? { level: b.level, top: Math.min(b.top, top), bottom: Math.max(b.bottom, bottom) } : { level: z.zone.purdue, top, bottom });
  }
  return [...out.values()].sort((x, y) => y.level - x.level);
}

/** Lay the diagram out with elkjs (in Node, at report time); coordinates come only from ELK. */
export async function layoutDiagram(d: DiagramModel): Promise<DiagramLayout> {
  const zoneBoxes = new Map(d.zones.map((z) => [z.id, zoneBox(z)]));
  const conduitBoxes = new Map(d.conduits.map((c) => [c.id, conduitBox(c)]));
  const out = await (await elkInstance()).layout(elkGraph(d, zoneBoxes, conduitBoxes));
  const nodes = new Map((out.children ?? []).map((n) => [n.id, n]));
  const edges = new Map((out.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  const zones = d.zones.map((zone) => {
    const n = nodes.get(zoneNode(zone.id))!;
    return { zone, box: zoneBoxes.get(zone.id)!, x: n.x ?? 0, y: n.y ?? 0 };
  });
  const conduits = d.conduits.map((conduit) => {
    const e = edges.get(`conduit/${conduit.id}`)!;
    const l = e.labels?.[0];
    return { conduit, box: conduitBoxes.get(conduit.id)!, points: edgePoints(e), label: { x: l?.x ?? 0, y: l?.y ?? 0 } };
  });
  return { width: out.width ?? 0, height: out.height ?? 0, zones, conduits, bands: bands(zones) };
}
