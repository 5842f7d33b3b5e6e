import { mdTable, mdText, slVectorText } from '../reports/markdownText.js';
import { isEmptyDiff } from './diffPolicies.js';
import type { EnforcementDiff, PolicyDiff, RequirementChange, RequirementState, RuleView } from './types.js';

/** Lists longer than this fold into a <details> block, so the pull-request comment stays short. */
const FOLD = 10;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function fold(summary: string, lines: string[]): string[] {
  if (lines.length <= FOLD) return [...lines, ''];
  return ['<details>', `<summary>${summary}</summary>`, '', ...lines, '', '</details>', ''];
}

function headline(d: PolicyDiff): string {
  const s = d.summary;
  const parts: string[] = [];
  const list = (xs: [number, string][]) => xs.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`).join(', ');
  const dev = list([[s.devicesAdded, 'added'], [s.devicesRemoved, 'removed'], [s.devicesChanged, 'changed']]);
  if (dev) parts.push(`devices: ${dev}`);
  const req = list([[s.requirementsWorse, 'worse'], [s.requirementsBetter, 'better'], [s.requirementsNewlyRequired, 'newly required'], [s.requirementsNoLongerRequired, 'no longer required']]);
  if (req) parts.push(`requirement statuses: ${req}`);
  if (s.zonesChanged > 0) parts.push(`security levels changed in ${plural(s.zonesChanged, 'zone')}${s.slAchievedLowered > 0 ? ` (SL-A lower in ${s.slAchievedLowered})` : ''}`);
  if (s.waiversChanged > 0) parts.push(`${plural(s.waiversChanged, 'waiver')} changed`);
  const rules = list([[s.rulesAdded, 'added'], [s.rulesRemoved, 'removed'], [s.rulesChanged, 'changed']]);
  if (rules) parts.push(`rules: ${rules}`);
  if (s.conduitsNewlyUnenforced > 0) parts.push(`${plural(s.conduitsNewlyUnenforced, 'conduit')} no longer enforced`);
  if (s.flowsNewlyAllowed > 0) parts.push(`**${plural(s.flowsNewlyAllowed, 'flow')} newly allowed**`);
  return `${parts.join('; ')}.`;
}

function stateText(x: RequirementState | undefined): string {
  if (!x) return 'not required';
  const by = x.controls.length > 0 ? ` by ${x.controls.join(', ')}` : '';
  return x.status === 'native' ? `met natively${x.controls.length > 0 ? ` (${x.controls.join(', ')})` : ''}` : `${x.status}${x.status === 'compensated' || x.status === 'partial' ? by : ''}`;
}

function requirementLine(r: RequirementChange): string {
  return `- ${mdText(r.device)}: ${r.requirement}${r.title ? ` (${mdText(r.title)})` : ''}: ${mdText(stateText(r.old))} → ${mdText(stateText(r.new))}`;
}

function requirements(d: PolicyDiff): string[] {
  if (d.requirements.length === 0) return [];
  const out = ['### Requirement statuses', ''];
  const groups: [RequirementChange['direction'], string][] = [['worse', 'Worse'], ['better', 'Better'], ['newly-required', 'Newly required'], ['no-longer-required', 'No longer required']];
  for (const [dir, title] of groups) {
    const rows = d.requirements.filter((r) => r.direction === dir);
    if (rows.length === 0) continue;
    out.push(`**${title}** (${rows.length})`, '', ...fold(`${rows.length} requirement rows on ${plural(new Set(rows.map((r) => r.device)).size, 'device')}`, rows.map(requirementLine)));
  }
  return out;
}

function allowed(d: PolicyDiff): string[] {
  if (d.newlyAllowed.length === 0) return [];
  const rows = d.newlyAllowed.flatMap((f) => f.pieces.map((p) => [mdText(f.conduit), mdText(p.src), mdText(p.dst), mdText(p.service), p.operations]));
  return ['### Flows newly allowed', '', 'Packets the new policy allows that the old one did not (new flows, wider endpoints or ports, changed addresses, a flow no longer read-only).', '',
    ...fold(`${plural(rows.length, 'row')}`, mdTable(['conduit', 'from', 'to', 'service', 'operations'], rows))];
}

function zones(d: PolicyDiff): string[] {
  if (d.zones.length === 0) return [];
  const v = (x?: Parameters<typeof slVectorText>[0]) => (x ? slVectorText(x) : '-');
  const pair = (c?: { old?: Parameters<typeof slVectorText>[0]; new?: Parameters<typeof slVectorText>[0] }) => (c ? `${v(c.old)} → ${v(c.new)}` : 'unchanged');
  return ['### Security levels per zone', '', 'Vectors in the order FR1..FR7.', '',
    ...mdTable(['zone', 'change', 'SL-T', 'SL-A'], d.zones.map((z) => [mdText(z.id), z.change, pair(z.slTarget), pair(z.slAchieved)])), ''];
}

function devices(d: PolicyDiff): string[] {
  const lines = [
    ...d.devices.added.map((x) => `- added: ${mdText(x.id)} (zone ${mdText(x.zone)}, ${x.type})`),
    ...d.devices.removed.map((x) => `- removed: ${mdText(x.id)} (zone ${mdText(x.zone)}, ${x.type})`),
    ...d.devices.changed.map((x) => `- changed: ${mdText(x.id)}: ${(x.changes ?? []).map((c) => `${c.field} ${mdText(c.old)} → ${mdText(c.new)}`).join('; ')}`),
  ];
  return lines.length === 0 ? [] : ['### Devices', '', ...fold(plural(lines.length, 'device'), lines)];
}

function waivers(d: PolicyDiff): string[] {
  if (d.waivers.length === 0) return [];
  const terms = (t?: { expires: string; approvedBy: string }) => (t ? `until ${t.expires} (${mdText(t.approvedBy)})` : 'none');
  return ['### Waivers', '', ...fold(plural(d.waivers.length, 'waiver'), d.waivers.map((w) => `- ${w.change}: ${w.requirement} on ${mdText(w.subject)}: ${terms(w.old)} → ${terms(w.new)}`))];
}

function ruleText(r: RuleView): string {
  const zones = r.fromZone !== undefined ? `${r.fromZone} → ${r.toZone}` : 'any → any';
  const extra = [r.readOnly ? `read-only: ${r.readOnly}` : '', r.rateLimit ? `rate limit: ${r.rateLimit}` : ''].filter(Boolean).join('; ');
  return mdText(`${zones} ${r.action}${r.log ? ' log' : ''}: from ${r.src.join(', ')} to ${r.dst.join(', ')} ${r.services.join(', ')}${extra ? `; ${extra}` : ''} [${r.key}]`);
}

function fieldText(r: RuleView, field: string): string {
  const v = (r as unknown as Record<string, unknown>)[field];
  return mdText(v === undefined ? '-' : Array.isArray(v) ? v.join(', ') : String(v));
}

function point(e: EnforcementDiff): string[] {
  const lines = [
    ...e.changes.map((c) => `- ${c.field}: ${mdText(c.old)} → ${mdText(c.new)}`),
    ...e.added.map((r) => `- added: ${ruleText(r)}`),
    ...e.removed.map((r) => `- removed: ${ruleText(r)}`),
    ...e.changed.map((c) => `- changed: ${mdText(`${c.new.fromZone ?? 'any'} → ${c.new.toZone ?? 'any'} [${c.key}]`)}: ${c.fields.map((f) => `${f} ${fieldText(c.old, f)} → ${fieldText(c.new, f)}`).join('; ')}`),
  ];
  const what = [e.added.length ? `${e.added.length} added` : '', e.removed.length ? `${e.removed.length} removed` : '', e.changed.length ? `${e.changed.length} changed` : ''].filter(Boolean).join(', ');
  return [`**${mdText(e.id)}** (${e.platform}, ${e.change === 'changed' ? 'rules' : `enforcement point ${e.change}`}${what ? `: ${what}` : ''})`, '', ...fold(plural(lines.length, 'change'), lines)];
}

function rules(d: PolicyDiff): string[] {
  const un = [
    ...d.unenforced.added.map((c) => `- conduit ${mdText(c)} is no longer enforced by any enforcement point: its flows go unfiltered (SR 5.2)`),
    ...d.unenforced.removed.map((c) => `- conduit ${mdText(c)} is now enforced`),
  ];
  if (d.enforcement.length === 0 && un.length === 0) return [];
  return ['### Rules per enforcement point', '', 'Rules are matched by content (conduit and flow), not by number; enforce phase.', '', ...un, ...(un.length ? [''] : []), ...d.enforcement.flatMap(point)];
}

/**
 * `otpc diff --format markdown`: a pull-request comment. A summary line first, the
 * security-relevant parts next (flows newly allowed, statuses that got worse), long
 * lists folded into <details>.
 */
export function formatDiffMarkdown(d: PolicyDiff): string {
  const site = d.old.site.id === d.new.site.id ? `${mdText(d.new.site.name)} (${d.new.site.id})` : `${d.old.site.id} → ${d.new.site.id}`;
  const head = [`## otpc diff: ${site}`, ''];
  if (isEmptyDiff(d)) {
    return `${[...head, `No changes to devices, requirement statuses, security levels, waivers, rules or allowed flows (assessed for ${d.new.date}).`].join('\n')}\n`;
  }
  const lines = [...head, headline(d), '', ...allowed(d), ...requirements(d), ...zones(d), ...devices(d), ...waivers(d), ...rules(d),
    `<sub>Assessed for ${d.new.date} by otpc.</sub>`];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
