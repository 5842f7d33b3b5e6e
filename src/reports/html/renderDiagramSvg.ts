import { purdueLevelName } from '../diagramModel.js';
import type { Box } from './diagramBoxes.js';
import { ICON_WIDTH } from './diagramBoxes.js';
import type { DiagramLayout, LevelBand, PlacedConduit, PlacedZone } from './layoutDiagram.js';
import { esc, num, wrapText } from './svgText.js';

/*
 * SVG built from ELK's coordinates and escaped text only (every policy string goes
 * through esc()). Colours are presentation attributes so the drawing stands on its own;
 * the meaning never rests on colour alone: zone boxes say "meets" / "BELOW" in words,
 * carry a solid or hatched strip and a thin or thick border; unenforced conduits are
 * dashed and labelled UNENFORCED.
 */
const INK = '#1f2328';
const MET = { fill: '#e6f4ea', stroke: '#1e6b34', width: 1.5 };
const BELOW = { fill: '#fdecea', stroke: '#a4161a', width: 3 };
const STRIP = 6;

function texts(box: Box, x: number, y: number): string {
  return box.lines.map((l) => {
    const tx = x + box.padX + (l.icon ? ICON_WIDTH : 0);
    const icon = l.icon ? `<use href="#otpc-icon-firewall" x="${num(x + box.padX)}" y="${num(y + l.baseline - 10)}" width="12" height="12"/>` : '';
    const weight = l.bold ? ' font-weight="bold"' : '';
    return `${icon}<text class="${l.kind}" x="${num(tx)}" y="${num(y + l.baseline)}" font-size="${l.size}"${weight}>${esc(l.text)}</text>`;
  }).join('');
}

function defs(): string {
  return '<defs>'
    + `<pattern id="otpc-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="${BELOW.stroke}"/></pattern>`
    + `<symbol id="otpc-icon-firewall" viewBox="0 0 12 12"><rect x="0.5" y="0.5" width="11" height="11" rx="1" fill="#fff4d6" stroke="${INK}"/>`
    + `<path d="M0.5 4.2H11.5M0.5 7.8H11.5M4 0.5V4.2M8 4.2V7.8M4 7.8V11.5" fill="none" stroke="${INK}" stroke-width="0.8"/></symbol>`
    + '</defs>';
}

function band(b: LevelBand, i: number, width: number): string {
  const top = b.top - 12;
  const height = b.bottom - b.top + 24;
  const names = wrapText(purdueLevelName(b.level), 15);
  const first = top + height / 2 - (names.length * 14) / 2 + 4;
  return `<g class="level" data-level="${esc(b.level)}">`
    + `<rect x="8" y="${num(top)}" width="${num(width - 16)}" height="${num(height)}" fill="${i % 2 === 0 ? '#f4f5f7' : '#fbfbfc'}" stroke="#d0d4da" stroke-dasharray="4 3"/>`
    + `<text class="level-name" x="18" y="${num(first)}" font-size="13" font-weight="bold" fill="${INK}">Level ${esc(b.level)}</text>`
    + names.map((n, k) => `<text class="level-name" x="18" y="${num(first + 16 + k * 14)}" font-size="11" fill="${INK}">${esc(n)}</text>`).join('')
    + '</g>';
}

function zone(p: PlacedZone): string {
  const below = p.zone.belowTarget.length > 0;
  const s = below ? BELOW : MET;
  const { x, y, box } = p;
  return `<g class="zone ${below ? 'zone-below' : 'zone-met'}" data-zone="${esc(p.zone.id)}" data-status="${below ? 'below' : 'met'}" data-purdue="${esc(p.zone.purdue)}">`
    + `<rect x="${num(x)}" y="${num(y)}" width="${num(box.width)}" height="${num(box.height)}" rx="4" fill="${s.fill}" stroke="${s.stroke}" stroke-width="${s.width}"/>`
    + `<rect class="zone-strip" x="${num(x + 1.5)}" y="${num(y + 1.5)}" width="${STRIP}" height="${num(box.height - 3)}" fill="${below ? 'url(#otpc-hatch)' : s.stroke}"/>`
    + `<g fill="${INK}">${texts(box, x, y)}</g></g>`;
}

function conduit(p: PlacedConduit): string {
  const c = p.conduit;
  const enforced = c.enforcement.length > 0;
  const d = p.points.map((pt, i) => `${i === 0 ? 'M' : 'L'}${num(pt.x)} ${num(pt.y)}`).join(' ');
  const dash = enforced ? '' : ' stroke-dasharray="7 5"';
  const stroke = enforced ? INK : BELOW.stroke;
  const { x, y } = p.label;
  return `<g class="conduit ${enforced ? 'conduit-enforced' : 'conduit-unenforced'}" data-conduit="${esc(c.id)}" data-upper="${esc(c.upper)}" data-lower="${esc(c.lower)}" data-enforced="${enforced}" data-enforcement="${esc(c.enforcement.map((e) => e.id).join(' '))}">`
    + `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="2"${dash}/>`
    + `<rect class="conduit-label" x="${num(x)}" y="${num(y)}" width="${num(p.box.width)}" height="${num(p.box.height)}" rx="3" fill="#ffffff" stroke="${stroke}"${dash}/>`
    + `<g fill="${INK}">${texts(p.box, x, y)}</g></g>`;
}

export interface DiagramText {
  title: string;
  description: string;
}

/** The zone and conduit diagram as one inline SVG element. */
export function renderDiagramSvg(layout: DiagramLayout, text: DiagramText): string {
  const w = num(layout.width);
  const h = num(layout.height);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="zone-diagram" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="otpc-diagram-title otpc-diagram-desc" font-family="'DejaVu Sans', Arial, Helvetica, sans-serif" data-zones="${layout.zones.length}" data-conduits="${layout.conduits.length}">`
    // One line per zone and per conduit, so a golden-file diff shows which one moved.
    + `\n<title id="otpc-diagram-title">${esc(text.title)}</title><desc id="otpc-diagram-desc">${esc(text.description)}</desc>`
    + `\n${defs()}`
    + `\n<g class="levels">\n${layout.bands.map((b, i) => band(b, i, layout.width)).join('\n')}\n</g>`
    + `\n<g class="zones">\n${layout.zones.map(zone).join('\n')}\n</g>`
    + `\n<g class="conduits">\n${layout.conduits.map(conduit).join('\n')}\n</g>`
    + '\n</svg>';
}
