import type { Discovery } from './discoverFlows.js';
import { isoTime } from './flowSummary.js';
import { flowJson, FLOW_HEADER, flowRow, inputJson, inputLine, json, table, time, zoneText } from './reportText.js';
import type { BaselineContext, BaselineFormat } from './reportText.js';

/** A discovery with its site and the YAML suggestion, as the formatters print it. */
export interface DiscoveryReport {
  site: { id: string; name: string };
  discovery: Discovery;
  assetCount: number;
  suggestion: string;
}

function summary(r: DiscoveryReport): string[] {
  const s = r.discovery.summary;
  return table(['', 'count'], [
    ['distinct addresses seen', String(s.addressesSeen)],
    ['documented assets seen', `${s.assetsSeen} of ${r.assetCount}`],
    ['undocumented devices', `${s.undocumented} (${s.undocumentedInZones} in zone networks, ${s.undocumentedOutside} outside every zone network)`],
    ['flows no conduit covers', `${s.uncoveredFlows} in ${s.uncoveredGroups} group(s) by zone pair and service`],
    ['documented assets never seen', String(s.unseenAssets)],
    ['flows inside one zone (no conduit needed)', String(s.intraZone)],
    ['broadcast and multicast flows (not routed)', String(s.local)],
  ]);
}

function undocumented(r: DiscoveryReport): string[] {
  const rows = r.discovery.undocumented.map((d) => [d.address, zoneText(d.zone), d.serves.join(', ') || '–', d.uses.join(', ') || '–', String(d.peers), String(d.records), time(d.first), time(d.last)]);
  if (rows.length === 0) return ['Every address seen is a documented asset.', ''];
  return [...table(['address', 'zone', 'serves', 'uses', 'peers', 'connections', 'first seen', 'last seen'], rows), ''];
}

function uncovered(r: DiscoveryReport): string[] {
  const groups = r.discovery.uncovered;
  if (groups.length === 0) return ['Every observed flow between zones is covered by a conduit flow.', ''];
  const out: string[] = [];
  for (const g of groups) {
    const via = g.conduits.length > 0 ? `conduit ${g.conduits.join(', ')}` : 'no conduit joins these zones';
    out.push(`### ${g.fromZone} → ${g.toZone}, ${g.service} (${via})`, '', ...table(FLOW_HEADER, g.flows.map(flowRow)), '');
  }
  return out;
}

function unseen(r: DiscoveryReport): string[] {
  const rows = r.discovery.unseenAssets.map((a) => [a.id, a.zone, a.type, a.addresses.join(', ')]);
  if (rows.length === 0) return ['Every documented asset was seen.', ''];
  return ['Possibly stale inventory, or devices that were quiet during the capture (rollout.md: active discovery fills such gaps, carefully).', '', ...table(['asset', 'zone', 'type', 'addresses'], rows), ''];
}

function markdown(r: DiscoveryReport, ctx: BaselineContext): string {
  return [
    `# Discovery: ${r.site.name} (${r.site.id})`, '',
    `Policy: \`${ctx.policy}\`.`, ...inputLine(ctx),
    '## Summary', '', ...summary(r), '',
    '## Undocumented devices', '', ...undocumented(r),
    '## Observed flows no conduit covers', '', ...uncovered(r),
    '## Documented assets never seen', '', ...unseen(r),
    '## Suggested policy fragment', '',
    'Review it, then paste it into the policy (`otpc validate` checks the result).', '',
    '```yaml', r.suggestion.trimEnd(), '```', '',
  ].join('\n');
}

function toJson(r: DiscoveryReport, ctx: BaselineContext): string {
  const d = r.discovery;
  return json({
    site: r.site,
    input: inputJson(ctx),
    summary: { ...d.summary, assets: r.assetCount },
    undocumented: d.undocumented.map((x) => ({ ...x, first: isoTime(x.first), last: isoTime(x.last) })),
    uncovered: d.uncovered.map((g) => ({ ...g, first: isoTime(g.first), last: isoTime(g.last), flows: g.flows.map(flowJson) })),
    unseenAssets: d.unseenAssets,
    suggestion: r.suggestion,
  });
}

export const discoveryFormatters: Record<BaselineFormat, (r: DiscoveryReport, ctx: BaselineContext) => string> = { markdown, json: toJson };
