import { conduitNotes, zoneStatusText } from '../diagramModel.js';
import type { DiagramConduit, DiagramZone } from '../diagramModel.js';
import { textWidth, wrapText } from './svgText.js';

/** One line of text in a box; `baseline` is measured from the top of the box. */
export interface BoxLine {
  text: string;
  kind: 'title' | 'meta' | 'status' | 'conduit' | 'protocol' | 'note' | 'enforcement' | 'unenforced';
  size: number;
  bold: boolean;
  /** A small firewall symbol drawn before the text: an enforcement point on the conduit. */
  icon: boolean;
  baseline: number;
}

/** The content of a zone box or a conduit label, measured before layout so ELK can reserve its space. */
export interface Box {
  width: number;
  height: number;
  /** Left padding: where the text starts. */
  padX: number;
  lines: BoxLine[];
}

const PAD_X = 10;
const PAD_Y = 8;
const ICON = 16;

type LineSpec = Omit<BoxLine, 'baseline'>;

function line(text: string, kind: BoxLine['kind'], size: number, bold = false, icon = false): LineSpec {
  return { text, kind, size, bold, icon };
}

function measure(specs: LineSpec[], minWidth: number, padX = PAD_X, padY = PAD_Y): Box {
  let y = padY;
  const lines = specs.map((s) => {
    y += Math.round(s.size * 1.3);
    return { ...s, baseline: y - Math.round(s.size * 0.3) };
  });
  const widest = Math.max(...specs.map((s) => textWidth(s.text, s.size, s.bold) + (s.icon ? ICON : 0)));
  return { width: Math.ceil(Math.max(minWidth, widest + 2 * padX)), height: y + padY, padX, lines };
}

/** Zone box: display name, id / criticality / device count, and the SL status in words. */
export function zoneBox(z: DiagramZone): Box {
  const title = wrapText(z.name ?? z.id, 28).map((t) => line(t, 'title', 13, true));
  const meta = `${z.name ? `${z.id} · ` : ''}${z.criticality} · ${z.devices} device${z.devices === 1 ? '' : 's'}`;
  const status = wrapText(zoneStatusText(z), 30).map((t) => line(t, 'status', 12, true));
  return measure([...title, line(meta, 'meta', 11), ...status], 170);
}

/** Conduit label: id, protocols, encryption/diode notes, and the enforcement points it is placed on (or UNENFORCED). */
export function conduitBox(c: DiagramConduit): Box {
  const protocols = wrapText(c.protocols.join(', '), 34).map((t) => line(t, 'protocol', 11));
  const notes = conduitNotes(c);
  const enforcement = c.enforcement.length === 0
    ? [line('UNENFORCED', 'unenforced', 11, true), line('no enforcement point', 'unenforced', 11)]
    : c.enforcement.map((e) => line(`${e.id} (${e.platform})`, 'enforcement', 11, false, true));
  return measure([
    line(c.id, 'conduit', 11, true), ...protocols, ...(notes.length > 0 ? [line(notes.join(' · '), 'note', 11)] : []), ...enforcement,
  ], 0, 6, 4);
}

export const ICON_WIDTH = ICON;
