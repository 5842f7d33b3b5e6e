import { FRS } from '../../model/types.js';
import { conduitNotes, purdueLevelName, zoneStatusText } from '../diagramModel.js';
import type { DiagramModel } from '../diagramModel.js';
import { slVectorText } from '../markdownText.js';
import { FR_ABBREVIATION, renderSlChart } from './renderSlChart.js';

export interface ZoneView {
  id: string;
  name: string;
  purdue: number;
  level: string;
  criticality: string;
  devices: number;
  slTarget: string;
  slAchieved: string;
  below: boolean;
  status: string;
  /** Inline SVG built by renderSlChart from escaped parts. */
  chart: string;
  /** The chart's data table: one cell per FR. */
  frs: { fr: string; abbreviation: string; target: number; achieved: number; below: boolean }[];
}

export interface ConduitView {
  id: string;
  name: string;
  upper: string;
  lower: string;
  protocols: string;
  notes: string;
  enforced: boolean;
  enforcement: string;
}

export function zoneViews(d: DiagramModel): ZoneView[] {
  return d.zones.map((z) => ({
    id: z.id, name: z.name ?? '', purdue: z.purdue, level: purdueLevelName(z.purdue), criticality: z.criticality, devices: z.devices,
    slTarget: slVectorText(z.slTarget), slAchieved: slVectorText(z.slAchieved), below: z.belowTarget.length > 0, status: zoneStatusText(z),
    chart: renderSlChart(z.id, z.slTarget, z.slAchieved),
    frs: FRS.map((fr) => ({ fr, abbreviation: FR_ABBREVIATION[fr], target: z.slTarget[fr], achieved: z.slAchieved[fr], below: z.slAchieved[fr] < z.slTarget[fr] })),
  }));
}

export function conduitViews(d: DiagramModel): ConduitView[] {
  return d.conduits.map((c) => ({
    id: c.id, name: c.name ?? '', upper: c.upper, lower: c.lower, protocols: c.protocols.join(', '), notes: conduitNotes(c).join(', '),
    enforced: c.enforcement.length > 0, enforcement: c.enforcement.map((e) => `${e.id} (${e.platform})`).join(', '),
  }));
}
