import type { Assessment } from '../../assess/types.js';
import { compareStrings } from '../../rules/compareStrings.js';
import type { DiagramModel } from '../diagramModel.js';
import type { ReportContext } from '../types.js';
import { COUNT_COLUMNS, deviceFilters, deviceRows } from './deviceRows.js';
import type { DeviceFilters, DeviceRow } from './deviceRows.js';
import { deviceSections } from './deviceSections.js';
import type { DeviceSection } from './deviceSections.js';
import { statusView } from './htmlStatus.js';
import type { StatusView } from './htmlStatus.js';
import { conduitViews, zoneViews } from './zoneViews.js';
import type { ConduitView, ZoneView } from './zoneViews.js';

/** Everything the templates print, ready to print (STYLE 6): templates only loop, test and print. */
export interface HtmlView {
  title: string;
  site: { id: string; name: string; description: string };
  date: string;
  summary: {
    devices: number;
    zones: number;
    requirements: number;
    statuses: (StatusView & { count: number })[];
    zonesBelow: { id: string; name: string; frs: string }[];
  };
  diagram: { svg: string; conduits: ConduitView[]; unenforced: number };
  zones: ZoneView[];
  findings: { severity: string; code: string; message: string; devices: string }[];
  waivers: { subject: string; requirement: string; expires: string; approvedBy: string; reason: string }[];
  filters: DeviceFilters;
  countColumns: StatusView[];
  devices: DeviceRow[];
  sections: DeviceSection[];
}

function waiverRows(ctx: ReportContext): HtmlView['waivers'] {
  return ctx.model.waivers
    .map((w) => ({ subject: w.asset ? `asset ${w.asset}` : `zone ${w.zone}`, requirement: w.requirement, expires: w.expires, approvedBy: w.approvedBy, reason: w.reason }))
    .sort((x, y) => compareStrings(Object.values(x).join('\u0000'), Object.values(y).join('\u0000')));
}

export function buildHtmlView(a: Assessment, ctx: ReportContext, diagram: DiagramModel, diagramSvg: string): HtmlView {
  const assets = ctx.model.assets;
  return {
    title: `IEC 62443-3-3 gap report: ${a.site.name} (${a.site.id})`,
    site: { id: a.site.id, name: a.site.name, description: ctx.model.site.description ?? '' },
    date: a.date,
    summary: {
      devices: a.devices.length, zones: a.zones.length,
      requirements: Object.values(a.summary).reduce((x, y) => x + y, 0),
      statuses: COUNT_COLUMNS.map((s) => ({ ...statusView(s), count: a.summary[s] })),
      zonesBelow: diagram.zones.filter((z) => z.belowTarget.length > 0).map((z) => ({ id: z.id, name: z.name ?? '', frs: z.belowTarget.join(', ') })),
    },
    diagram: { svg: diagramSvg, conduits: conduitViews(diagram), unenforced: diagram.conduits.filter((c) => c.enforcement.length === 0).length },
    zones: zoneViews(diagram),
    findings: a.findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message, devices: (f.devices ?? []).join(', ') })),
    waivers: waiverRows(ctx),
    filters: deviceFilters(a),
    countColumns: COUNT_COLUMNS.map(statusView),
    devices: deviceRows(a, assets),
    sections: deviceSections(a.devices, assets),
  };
}
