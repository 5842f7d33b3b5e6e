import { FRS } from '../../model/types.js';
import type { FR, SLVector } from '../../model/types.js';
import { esc } from './svgText.js';

/** Foundational requirement abbreviations (IEC 62443-3-3 Annex A SL vector order). */
export const FR_ABBREVIATION: Record<FR, string> = {
  FR1: 'IAC', FR2: 'UC', FR3: 'SI', FR4: 'DC', FR5: 'RDF', FR6: 'TRE', FR7: 'RA',
};

const LEFT = 26;
const SLOT = 44;
const UNIT = 15;
const TOP = 10;
const PLOT = 4 * UNIT;
const WIDTH = LEFT + FRS.length * SLOT + 6;
const HEIGHT = TOP + PLOT + 44;

/** "FR1 IAC: SL-A 0, SL-T 2, below target" for each FR: the chart's text equivalent. */
export function slVectorDescription(t: SLVector, a: SLVector): string {
  return FRS.map((fr) => `${fr} ${FR_ABBREVIATION[fr]}: SL-A ${a[fr]}, SL-T ${t[fr]}${a[fr] < t[fr] ? ', below target' : ''}`).join('; ');
}

function bar(fr: FR, i: number, t: number, a: number, hatch: string): string {
  const x = LEFT + i * SLOT;
  const base = TOP + PLOT;
  const below = a < t;
  const target = t > 0
    ? `<rect class="sl-target" x="${x + 8}" y="${base - t * UNIT}" width="28" height="${t * UNIT}" fill="none" stroke="#1f2328" stroke-width="1.5" stroke-dasharray="4 2"/>`
    : '';
  const achieved = a > 0
    ? `<rect class="sl-achieved" x="${x + 14}" y="${base - a * UNIT}" width="16" height="${a * UNIT}" fill="${below ? `url(#${hatch})` : '#1e6b34'}" stroke="${below ? '#a4161a' : '#1e6b34'}"/>`
    : '';
  return `<g class="sl-bar ${below ? 'sl-below' : 'sl-met'}" data-fr="${fr}" data-sl-target="${t}" data-sl-achieved="${a}">`
    + `<title>${fr} ${FR_ABBREVIATION[fr]}: SL-A ${a}, SL-T ${t}${below ? ', below target' : ''}</title>${target}${achieved}`
    + `<text x="${x + 22}" y="${base + 13}" font-size="10" text-anchor="middle">${fr}</text>`
    + `<text x="${x + 22}" y="${base + 25}" font-size="9" text-anchor="middle">${FR_ABBREVIATION[fr]}</text>`
    + `<text x="${x + 22}" y="${base + 38}" font-size="10" text-anchor="middle"${below ? ' font-weight="bold"' : ''}>${a}/${t}${below ? ' ✗' : ''}</text></g>`;
}

/**
 * A small bar chart of one zone's SL-A (solid bar when met, hatched when below) against
 * its SL-T (dashed outline), one bar per FR. Accessible: role img with <title>/<desc>;
 * the page also carries the same numbers as a table.
 */
export function renderSlChart(zone: string, t: SLVector, a: SLVector): string {
  // Ids end with the zone id (a fixed prefix per role), so no zone id can produce another zone's id.
  const id = (role: string) => `otpc-sl-${role}-${esc(zone)}`;
  const grid = [0, 1, 2, 3, 4].map((l) => {
    const y = TOP + PLOT - l * UNIT;
    return `<line x1="${LEFT - 4}" y1="${y}" x2="${WIDTH - 6}" y2="${y}" stroke="#c9ced6" stroke-width="${l === 0 ? 1.5 : 0.75}"/>`
      + `<text x="${LEFT - 8}" y="${y + 3}" font-size="9" text-anchor="end">${l}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="sl-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id('title')} ${id('desc')}" font-family="'DejaVu Sans', Arial, Helvetica, sans-serif" data-sl-zone="${esc(zone)}">`
    + `<title id="${id('title')}">SL-A against SL-T for zone ${esc(zone)}</title><desc id="${id('desc')}">${esc(slVectorDescription(t, a))}</desc>`
    + `<defs><pattern id="${id('hatch')}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#ffffff"/><rect width="2.5" height="5" fill="#a4161a"/></pattern></defs>`
    + `\n<g fill="#1f2328">${grid}\n${FRS.map((fr, i) => bar(fr, i, t[fr], a[fr], id('hatch'))).join('\n')}\n</g></svg>`;
}
