import { mdTable, mdText, slVectorText } from '../reports/markdownText.js';
import { isEmptyDiff } from './diffPolicies.js';
import type { EnforcementDiff, PolicyDiff, RequirementChange, RequirementState, RuleView } from './types.js';

/** Lists longer than this fold into a <details> block, so the pull-request comment stays short. */
const FOLD = 10;

/**
 * Default character budget of the Markdown: GitHub rejects comment bodies over 65,536
 * characters; this leaves room for what a workflow adds around it.
 */
export const DEFAULT_MAX_MARKDOWN_CHARS = 60_000;

export interface DiffMarkdownOptions {
  /** Character budget (UTF-16 code units, as JavaScript counts); 0 = unlimited. Default DEFAULT_MAX_MARKDOWN_CHARS. */
  maxChars?: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A run of items (list lines or table rows) under optional heading lines. Items are
 * the unit the budget cuts at: a group shows its first n items, never part of one.
 */
interface Group {
  heading: string[];
  items: string[];
  /** Table header lines, repeated above the rows shown. */
  table?: string[];
  /** Fold into <details> with this summary when more than FOLD lines show or the list is cut short; absent: never fold. */
  fold?: string;
}

/** A ### section: its title lines, then its groups in order. */
interface Section {
  title: string[];
  groups: Group[];
}

const itemCount = (s: Section) => s.groups.reduce((n, g) => n + g.items.length, 0);

function renderGroup(g: Group, shown: number): string[] {
  const body = [...(g.table ?? []), ...g.items.slice(0, shown)];
  const cut = shown < g.items.length;
  // a list cut short folds too, so its summary says how much of it shows
  if (g.fold === undefined || (body.length <= FOLD && !cut)) return [...g.heading, ...body, ''];
  const summary = cut ? `${g.fold} (first ${shown} shown)` : g.fold;
  return [...g.heading, '<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

/**
 * The section with only its first `k` items (in group order); groups without items show
 * when reached. Nothing for k = 0 (unless the section has no items at all).
 */
function renderSection(s: Section, k: number): string[] {
  if (k === 0 && itemCount(s) > 0) return [];
  const out = [...s.title];
  let left = k;
  for (const g of s.groups) {
    if (g.items.length === 0) {
      out.push(...renderGroup(g, 0));
      continue;
    }
    const shown = Math.min(left, g.items.length);
    if (shown === 0) break;
    out.push(...renderGroup(g, shown));
    left -= shown;
    if (shown < g.items.length) break;
  }
  return out;
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
  const waivers = list([[s.waiversAdded, 'added'], [s.waiversRemoved, 'removed'], [s.waiversChanged, 'changed']]);
  if (waivers) parts.push(`waivers: ${waivers}`);
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

/** Worse first: with a budget, what comes first is kept. */
function requirements(d: PolicyDiff): Section[] {
  if (d.requirements.length === 0) return [];
  const groups: [RequirementChange['direction'], string][] = [['worse', 'Worse'], ['better', 'Better'], ['newly-required', 'Newly required'], ['no-longer-required', 'No longer required']];
  return [{
    title: ['### Requirement statuses', ''],
    groups: groups.flatMap(([dir, title]) => {
      const rows = d.requirements.filter((r) => r.direction === dir);
      return rows.length === 0 ? [] : [{
        heading: [`**${title}** (${rows.length})`, ''],
        items: rows.map(requirementLine),
        fold: `${rows.length} requirement rows on ${plural(new Set(rows.map((r) => r.device)).size, 'device')}`,
      }];
    }),
  }];
}

function allowed(d: PolicyDiff): Section[] {
  if (d.newlyAllowed.length === 0) return [];
  const rows = d.newlyAllowed.flatMap((f) => f.pieces.map((p) => [mdText(f.conduit), mdText(p.src), mdText(p.dst), mdText(p.service), p.operations]));
  const [header, rule, ...items] = mdTable(['conduit', 'from', 'to', 'service', 'operations'], rows);
  return [{
    title: ['### Flows newly allowed', '', 'Packets the new policy allows that the old one did not (new flows, wider endpoints or ports, changed addresses, a flow no longer read-only).', ''],
    groups: [{ heading: [], table: [header, rule], items, fold: plural(rows.length, 'row') }],
  }];
}

function zones(d: PolicyDiff): Section[] {
  if (d.zones.length === 0) return [];
  const v = (x?: Parameters<typeof slVectorText>[0]) => (x ? slVectorText(x) : '-');
  const pair = (c?: { old?: Parameters<typeof slVectorText>[0]; new?: Parameters<typeof slVectorText>[0] }) => (c ? `${v(c.old)} → ${v(c.new)}` : 'unchanged');
  const [header, rule, ...items] = mdTable(['zone', 'change', 'SL-T', 'SL-A'], d.zones.map((z) => [mdText(z.id), z.change, pair(z.slTarget), pair(z.slAchieved)]));
  return [{ title: ['### Security levels per zone', '', 'Vectors in the order FR1..FR7.', ''], groups: [{ heading: [], table: [header, rule], items }] }];
}

function devices(d: PolicyDiff): Section[] {
  const lines = [
    ...d.devices.added.map((x) => `- added: ${mdText(x.id)} (zone ${mdText(x.zone)}, ${x.type})`),
    ...d.devices.removed.map((x) => `- removed: ${mdText(x.id)} (zone ${mdText(x.zone)}, ${x.type})`),
    ...d.devices.changed.map((x) => `- changed: ${mdText(x.id)}: ${(x.changes ?? []).map((c) => `${c.field} ${mdText(c.old)} → ${mdText(c.new)}`).join('; ')}`),
  ];
  return lines.length === 0 ? [] : [{ title: ['### Devices', ''], groups: [{ heading: [], items: lines, fold: plural(lines.length, 'device') }] }];
}

function waivers(d: PolicyDiff): Section[] {
  if (d.waivers.length === 0) return [];
  const terms = (t?: { expires: string; approvedBy: string }) => (t ? `until ${t.expires} (${mdText(t.approvedBy)})` : 'none');
  return [{
    title: ['### Waivers', ''],
    groups: [{ heading: [], items: d.waivers.map((w) => `- ${w.change}: ${w.requirement} on ${mdText(w.subject)}: ${terms(w.old)} → ${terms(w.new)}`), fold: plural(d.waivers.length, 'waiver') }],
  }];
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

function point(e: EnforcementDiff): Group {
  const lines = [
    ...e.changes.map((c) => `- ${c.field}: ${mdText(c.old)} → ${mdText(c.new)}`),
    ...e.added.map((r) => `- added: ${ruleText(r)}`),
    ...e.removed.map((r) => `- removed: ${ruleText(r)}`),
    ...e.changed.map((c) => `- changed: ${mdText(`${c.new.fromZone ?? 'any'} → ${c.new.toZone ?? 'any'} [${c.key}]`)}: ${c.fields.map((f) => `${f} ${fieldText(c.old, f)} → ${fieldText(c.new, f)}`).join('; ')}`),
  ];
  const what = [e.added.length ? `${e.added.length} added` : '', e.removed.length ? `${e.removed.length} removed` : '', e.changed.length ? `${e.changed.length} changed` : ''].filter(Boolean).join(', ');
  return { heading: [`**${mdText(e.id)}** (${e.platform}, ${e.change === 'changed' ? 'rules' : `enforcement point ${e.change}`}${what ? `: ${what}` : ''})`, ''], items: lines, fold: plural(lines.length, 'change') };
}

function rules(d: PolicyDiff): Section[] {
  const un = [
    ...d.unenforced.added.map((c) => `- conduit ${mdText(c)} is no longer enforced by any enforcement point: its flows go unfiltered (SR 5.2)`),
    ...d.unenforced.removed.map((c) => `- conduit ${mdText(c)} is now enforced`),
  ];
  if (d.enforcement.length === 0 && un.length === 0) return [];
  return [{
    title: ['### Rules per enforcement point', '', 'Rules are matched by content (conduit and flow), not by number; enforce phase.', ''],
    groups: [...(un.length ? [{ heading: [], items: un }] : []), ...d.enforcement.map(point)],
  }];
}

/** Lines to the output text: one blank line at most between blocks, a final newline. */
const joinLines = (lines: string[]) => `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;

/**
 * `otpc diff --format markdown`: a pull-request comment. A summary line first, then
 * what matters most for security: flows newly allowed, security levels (SL-T, SL-A) per
 * zone, requirement statuses (worse first); then devices, waivers and rules. Long lists
 * fold into <details>.
 *
 * With a budget (`maxChars`, default DEFAULT_MAX_MARKDOWN_CHARS; 0 = unlimited) the
 * output stops after the last whole item (list line or table row) that fits, so what
 * comes first is kept; open <details> blocks are closed, and the text ends with a line
 * saying how many items were left out and that the full diff is in the JSON output.
 * The heading, the summary line and that closing line are always written, even if they
 * alone exceed a very small budget.
 */
export function formatDiffMarkdown(d: PolicyDiff, options: DiffMarkdownOptions = {}): string {
  const max = options.maxChars ?? DEFAULT_MAX_MARKDOWN_CHARS;
  const site = d.old.site.id === d.new.site.id ? `${mdText(d.new.site.name)} (${d.new.site.id})` : `${d.old.site.id} → ${d.new.site.id}`;
  const head = [`## otpc diff: ${site}`, ''];
  if (isEmptyDiff(d)) {
    return `${[...head, `No changes to devices, requirement statuses, security levels, waivers, rules or allowed flows (assessed for ${d.new.date}).`].join('\n')}\n`;
  }
  const top = [...head, headline(d), ''];
  const footer = `<sub>Assessed for ${d.new.date} by otpc.</sub>`;
  const sections = [...allowed(d), ...zones(d), ...requirements(d), ...devices(d), ...waivers(d), ...rules(d)];
  const full = joinLines([...top, ...sections.flatMap((s) => renderSection(s, itemCount(s))), footer]);
  if (max <= 0 || full.length <= max) return full;

  const total = sections.reduce((n, s) => n + itemCount(s), 0);
  const closing = (shown: number) => [footer, '',
    `**Diff truncated:** ${total - shown} of ${total} items left out to keep this comment within ${max} characters; the full diff is in the JSON output (\`otpc diff --format json\`).`];
  // the closing lines' length depends on the count; reserve the longest (nothing shown)
  const reserve = joinLines(closing(0)).length + 1;
  const kept: string[] = [...top];
  let shown = 0;
  for (const s of sections) {
    const n = itemCount(s);
    const fits = (k: number) => joinLines([...kept, ...renderSection(s, k)]).length + reserve <= max;
    let k = n;
    if (!fits(n)) {
      // the most items of this section that fit (the rendered length grows with k)
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(mid)) lo = mid;
        else hi = mid - 1;
      }
      k = lo;
    }
    kept.push(...renderSection(s, k));
    shown += k;
    if (k < n) break;
  }
  return joinLines([...kept, ...closing(shown)]);
}
