import type { Assessment, DeviceResult, RequirementResult, Status } from '../assess/types.js';
import { STATUSES } from '../assess/types.js';
import { buildDiagramModel } from './diagramModel.js';
import { markdownBaseline } from './markdownBaseline.js';
import { mdTable, mdTableRow, mdText, slVectorText } from './markdownText.js';
import { mermaidSection } from './mermaid.js';
import { chunkedFormatter } from './reportChunks.js';
import { SharedText } from './sharedText.js';
import type { ReportContext } from './types.js';

/** Status words carry the meaning (not colour or symbols alone): readable in black and white. */
export const STATUS_LABEL: Record<Status, string> = {
  native: 'met (native)', compensated: 'met (compensated)', waived: 'waived', partial: 'PARTIAL', gap: 'GAP',
};

function summary(a: Assessment): string[] {
  const total = Object.values(a.summary).reduce((x, y) => x + y, 0);
  const below = a.zones.filter((z) => z.belowTarget.length > 0).length;
  return [
    '## Summary', '',
    `${a.devices.length} devices in ${a.zones.length} zones; ${total} required IEC 62443-3-3 requirement rows assessed; ${below} zone(s) below target.`, '',
    ...mdTable(['status', 'requirements'], STATUSES.map((s) => [STATUS_LABEL[s], String(a.summary[s])])), '',
  ];
}

function zones(a: Assessment): string[] {
  return [
    '## Zones', '',
    'SL vectors in the order FR1..FR7 (IAC UC SI DC RDF TRE RA). SL-A counts only requirements met natively or by a deployable compensating control.', '',
    ...mdTable(['zone', 'Purdue', 'criticality', 'devices', 'SL-T', 'SL-A', 'below target'],
      a.zones.map((z) => [z.id, String(z.purdue), z.criticality, String(z.assets), slVectorText(z.slTarget), slVectorText(z.slAchieved), z.belowTarget.join(', ') || 'none'])),
    '',
  ];
}

function findings(a: Assessment): string[] {
  if (a.findings.length === 0) return [];
  return ['## Findings', '', ...a.findings.map((f) => `- **${f.severity} ${f.code}**: ${mdText(f.message)}`), ''];
}

function waivers(ctx: ReportContext): string[] {
  if (ctx.model.waivers.length === 0) return [];
  const rows = [...ctx.model.waivers]
    .map((w) => [w.asset ? `asset ${w.asset}` : `zone ${w.zone}`, w.requirement, w.expires, mdText(w.approvedBy), mdText(w.reason)])
    .sort((x, y) => (x.join('\u0000') < y.join('\u0000') ? -1 : 1));
  return ['## Waivers', '', 'A waiver is valid through the end of its expiry day (UTC).', '', ...mdTable(['subject', 'requirement', 'expires', 'approved by', 'reason'], rows), ''];
}

/** One table row of a device's requirements: a function of the row only (so shared rows are formatted once). */
function requirementLine(r: RequirementResult): string {
  return mdTableRow([
    r.id, String(r.sl), STATUS_LABEL[r.status], r.controls.join(', ') || '-',
    mdText(r.remains ? `${r.reason}. Remains: ${r.remains}` : r.reason),
  ]);
}

const REQUIREMENT_HEADER = ['requirement', 'SL', 'status', 'met by', 'why / what remains'];

function device(d: DeviceResult, rows: SharedText<RequirementResult>): string[] {
  const counts = STATUSES.map((s) => [s, d.requirements.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  return [
    `### ${d.id}`, '',
    `Zone ${d.zone}, type ${d.type}. SL-T ${slVectorText(d.slTarget)}; SL-A ${slVectorText(d.slAchieved)}. ${counts.map(([s, n]) => `${n} ${STATUS_LABEL[s]}`).join(', ')}.`, '',
    ...mdTable(REQUIREMENT_HEADER, []), ...d.requirements.map((r) => rows.text(r)),
    '',
  ];
}

/**
 * The Markdown report, one device per chunk: the chunks concatenate to the lines of every
 * section joined by newlines, trailing newlines cut to one.
 */
export function* markdownChunks(a: Assessment, ctx: ReportContext): Generator<string> {
  const head = [
    `# IEC 62443-3-3 gap report: ${mdText(a.site.name)} (${a.site.id})`, '',
    `Assessed for ${a.date} by otpc. For every device, each requirement its zone's target security level (SL-T) selects is met natively, compensated by a network control the site can deploy, waived, partly met, or a gap.`, '',
    ...summary(a), ...markdownBaseline(ctx), ...zones(a), ...mermaidSection(buildDiagramModel(a, ctx)), ...findings(a), ...waivers(ctx),
    '## Devices', '',
  ];
  const rows = new SharedText<RequirementResult>(a.devices.map((d) => d.requirements), requirementLine);
  let previous = head.join('\n');
  for (const d of a.devices) {
    yield `${previous}\n`;
    previous = device(d, rows).join('\n');
  }
  yield `${previous.replace(/\n+$/, '')}\n`;
}

export const formatMarkdown = chunkedFormatter(markdownChunks);
