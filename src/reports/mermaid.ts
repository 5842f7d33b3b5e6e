import { conduitNotes, enforcementText, purdueLevelName, zoneStatusText } from './diagramModel.js';
import type { DiagramModel, DiagramZone } from './diagramModel.js';

/**
 * Text for inside a double-quoted Mermaid label. Mermaid decodes "#<decimal>;" entity
 * codes in labels (Mermaid flowchart docs, "Entity codes to escape characters"), so
 * every character that could end the string, open a shape or a link text, start HTML
 * or a Markdown string is written that way: quote, < > &, | [ ] { }, backtick, and
 * "#" itself first. Newlines become spaces.
 */
export function mermaidText(s: string): string {
  return s
    .replace(/#/g, '#35;')
    .replace(/["<>&|[\]{}`]/g, (c) => `#${c.charCodeAt(0)};`)
    .replace(/\r?\n|\r/g, ' ');
}

/** Node ids are generated, never policy text: a zone called "end" or "graph" must not be a keyword. */
export function mermaidZoneId(zone: string): string {
  return `zone_${zone.replace(/-/g, '_')}`;
}

function levelId(level: number): string {
  return `purdue_${String(level).replace('.', '_')}`;
}

function zoneLabel(z: DiagramZone): string {
  const head = z.name ? `${mermaidText(z.name)}<br/>${z.id}` : z.id;
  return `${head}<br/>${z.criticality}, ${z.devices} device(s)<br/>${mermaidText(zoneStatusText(z))}`;
}

/**
 * A Mermaid `flowchart TB` of the zones and conduits: one subgraph per Purdue level,
 * highest first and chained by invisible links so the levels stay in order; one edge
 * per conduit from the higher-level zone down, labelled with its protocols and the
 * enforcement points it is placed on. Unenforced conduits are dotted and say so.
 */
export function formatMermaid(d: DiagramModel): string[] {
  const lines = ['flowchart TB'];
  for (const level of d.levels) {
    lines.push(`  subgraph ${levelId(level)}["Purdue level ${level}: ${purdueLevelName(level)}"]`);
    for (const z of d.zones.filter((x) => x.purdue === level)) lines.push(`    ${mermaidZoneId(z.id)}["${zoneLabel(z)}"]`);
    lines.push('  end');
  }
  for (let i = 1; i < d.levels.length; i++) lines.push(`  ${levelId(d.levels[i - 1])} ~~~ ${levelId(d.levels[i])}`);
  for (const c of d.conduits) {
    const text = [c.id, c.protocols.join(', '), ...conduitNotes(c), enforcementText(c)].map(mermaidText).join('<br/>');
    const link = c.enforcement.length === 0 ? '-.-' : '---';
    lines.push(`  ${mermaidZoneId(c.upper)} ${link}|"${text}"| ${mermaidZoneId(c.lower)}`);
  }
  const met = d.zones.filter((z) => z.belowTarget.length === 0).map((z) => mermaidZoneId(z.id));
  const below = d.zones.filter((z) => z.belowTarget.length > 0).map((z) => mermaidZoneId(z.id));
  lines.push('  classDef met fill:#e6f4ea,stroke:#1e6b34,stroke-width:1px');
  lines.push('  classDef below fill:#fdecea,stroke:#a4161a,stroke-width:3px');
  if (met.length > 0) lines.push(`  class ${met.join(',')} met`);
  if (below.length > 0) lines.push(`  class ${below.join(',')} below`);
  return lines;
}

/** The Markdown section with the diagram, for renderers that draw Mermaid (GitHub, GitLab pull requests). */
export function mermaidSection(d: DiagramModel): string[] {
  return [
    '## Zone and conduit diagram', '',
    'Zones by Purdue level (enterprise at the top). A zone says whether its SL-A meets its SL-T; each conduit is labelled with its protocols and the enforcement points it is placed on; a dotted conduit is not enforced anywhere.', '',
    '```mermaid', ...formatMermaid(d), '```', '',
  ];
}
