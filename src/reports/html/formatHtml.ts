import type { Assessment } from '../../assess/types.js';
import { buildDiagramModel } from '../diagramModel.js';
import type { ReportContext } from '../types.js';
import { buildHtmlView } from './buildHtmlView.js';
import { renderHtmlPage } from './htmlTemplate.js';
import { layoutDiagram } from './layoutDiagram.js';
import { renderDiagramSvg } from './renderDiagramSvg.js';

/**
 * The HTML report: one self-contained, offline file (inline CSS and script, a CSP that
 * forbids every fetch) with the zone and conduit diagram laid out by elkjs here, at report
 * time, so the browser only draws. Async because elkjs is promise-based.
 */
export async function formatHtml(a: Assessment, ctx: ReportContext): Promise<string> {
  const diagram = buildDiagramModel(a, ctx);
  const layout = await layoutDiagram(diagram);
  const below = diagram.zones.filter((z) => z.belowTarget.length > 0).length;
  const unenforced = diagram.conduits.filter((c) => c.enforcement.length === 0).length;
  const svg = renderDiagramSvg(layout, {
    title: `Zones and conduits of ${a.site.name}`,
    description: `${diagram.zones.length} zone(s) on ${diagram.levels.length} Purdue level(s), highest level at the top, and ${diagram.conduits.length} conduit(s). `
      + `${below} zone(s) below their SL-T; ${unenforced} conduit(s) not enforced. The zones and conduits tables give the same facts as text.`,
  });
  return renderHtmlPage(buildHtmlView(a, ctx, diagram, svg));
}
