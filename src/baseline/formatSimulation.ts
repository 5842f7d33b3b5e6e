import { isoTime, serviceLabel } from './flowSummary.js';
import { endpoint, flowJson, FLOW_HEADER, flowRow, inputJson, inputLine, json, table, time } from './reportText.js';
import type { BaselineContext, BaselineFormat } from './reportText.js';
import { CARRIED_FLOWS_KEPT } from './simulateFlows.js';
import type { CarriedFlow, Hit, Simulation, SimulatedFlow } from './simulateFlows.js';

export interface SimulationReport {
  site: { id: string; name: string };
  phase: 'monitor' | 'enforce';
  simulation: Simulation;
}

function hitText(h: Hit): string {
  return `${h.enforcement}: ${h.rule} (#${h.ruleNumber}), ${h.boundary}`;
}

function flowTable(flows: SimulatedFlow[], last: string): string[] {
  return table([...FLOW_HEADER, last], flows.map((f) => [...flowRow(f), f.hits.map(hitText).join('; ')]));
}

function verdict(r: SimulationReport): string {
  const s = r.simulation.summary;
  if (r.phase === 'monitor') {
    return `**Monitor phase: nothing is blocked. ${s.wouldDenyFlows} distinct flow(s) would show up as would-deny log entries.**`;
  }
  const writes = s.readOnlyBlocked > 0 ? ` Write operations on ${s.readOnlyBlocked} read-only flow(s) would be dropped.` : '';
  if (s.blockedFlows === 0) return s.readOnlyBlocked > 0 ? `**No observed flow would be blocked as a whole.${writes}**` : '**No observed flow would be blocked when enforced.**';
  return `**${s.blockedFlows} distinct observed flow(s) (${s.blockedRecords} connection(s)) would be blocked when enforced.${writes}**`;
}

function summary(s: Simulation['summary']): string[] {
  return table(['', 'distinct flows'], [
    ['decided by an enforcement point', String(s.evaluated)],
    ['blocked', String(s.blockedFlows)],
    ['read-only flows whose write operations would be dropped', String(s.readOnlyBlocked)],
    ['allowed only by a monitor-phase final rule (would-deny log)', String(s.wouldDenyFlows)],
    ['between zones no enforcement point joins (unenforced)', String(s.unenforced)],
    ['with an end outside every zone network (not placed)', String(s.outside)],
    ['inside one zone', String(s.intraZone)],
    ['to or from a broadcast or multicast address', String(s.local)],
    ['read-only flows with write operations observed', String(s.readOnlyWrites)],
    ['allow rules that carried no observed flow', String(s.unusedRules)],
  ]);
}

function readOnly(sim: Simulation): string[] {
  if (sim.readOnly.length === 0) return ['No write operation was observed on a read-only flow (or the flow file has no operations column).', ''];
  const rows = sim.readOnly.map((f) => [
    f.enforcement, f.rule, endpoint(f.src, f.srcAsset), endpoint(f.dst, f.dstAsset), serviceLabel(f.proto, f.dport), f.writes.join(', '),
    f.blocked ? 'blocked' : f.mode === 'dpi' ? 'logged (monitor)' : 'not filtered: the platform filters by port only',
  ]);
  return [...table(['point', 'rule', 'source', 'destination', 'service', 'write operations', 'effect'], rows), ''];
}

function rules(sim: Simulation): string[] {
  const rows = sim.rules.map((u) => [u.enforcement, u.rule, String(u.number), u.conduit ?? '–', String(u.records), String(u.flows), time(u.first), time(u.last), u.records === 0 ? '**unused**' : '']);
  return [...table(['point', 'rule', 'number', 'conduit', 'connections', 'flows', 'first seen', 'last seen', ''], rows), ''];
}

function carried(sim: Simulation): string[] {
  const rows = sim.rules.flatMap((u) => [
    ...u.carried.map((f) => [u.enforcement, u.rule, endpoint(f.src, f.srcAsset), endpoint(f.dst, f.dstAsset), serviceLabel(f.proto, f.dport), String(f.count), time(f.first), time(f.last)]),
    ...(u.moreFlows > 0 ? [[u.enforcement, u.rule, `… ${u.moreFlows} more flow(s)`, '', '', String(u.moreRecords), '', '']] : []),
  ]);
  if (rows.length === 0) return ['No allow rule carried an observed flow.', ''];
  return [
    `Per allow rule, the distinct flows it carried with the most connections (at most ${CARRIED_FLOWS_KEPT}; the rest counted in one row).`, '',
    ...table(['point', 'rule', 'source', 'destination', 'service', 'connections', 'first seen', 'last seen'], rows), '',
  ];
}

function section(title: string, flows: SimulatedFlow[], empty: string, last: string): string[] {
  return [`## ${title}`, '', ...(flows.length === 0 ? [empty] : flowTable(flows, last)), ''];
}

function markdown(r: SimulationReport, ctx: BaselineContext): string {
  const sim = r.simulation;
  return [
    `# Simulation: ${r.site.name} (${r.site.id}), phase ${r.phase}`, '',
    `Policy: \`${ctx.policy}\`.`, ...inputLine(ctx),
    verdict(r), '',
    '## Summary', '', ...summary(sim.summary), '',
    ...section('Flows that would be blocked', sim.blocked, 'None.', 'blocked at (point: rule, boundary)'),
    ...section('Would-deny log entries (monitor-phase boundaries)', sim.wouldDeny, 'None.', 'logged at (point: rule, boundary)'),
    '## Read-only flows with write operations', '', ...readOnly(sim),
    '## Flows between zones that no enforcement point joins', '',
    ...(sim.unenforced.length === 0 ? ['None.'] : ['Nothing filters these flows: add an enforcement point between the zones (SR 5.1, SR 5.2).', '', ...table(FLOW_HEADER, sim.unenforced.map(flowRow))]), '',
    '## Flows with an end outside every zone network', '',
    ...(sim.outside.length === 0 ? ['None.'] : ['The policy does not say which enforcement point these cross, so they are not decided here; any point they do cross drops them (no rule can name an address outside the zones). Document the addresses first (`otpc discover`).', '', ...table(FLOW_HEADER, sim.outside.map(flowRow))]), '',
    '## Allow rules and the traffic they carried', '', ...rules(sim),
    '## Flows each allow rule carried', '', ...carried(sim),
  ].join('\n');
}

function toJson(r: SimulationReport, ctx: BaselineContext): string {
  const sim = r.simulation;
  const withHits = (f: SimulatedFlow) => ({ ...flowJson(f), hits: f.hits });
  return json({
    site: r.site,
    phase: r.phase,
    input: inputJson(ctx),
    summary: sim.summary,
    blocked: sim.blocked.map(withHits),
    wouldDeny: sim.wouldDeny.map(withHits),
    readOnly: sim.readOnly.map((f) => ({ ...flowJson(f), enforcement: f.enforcement, boundary: f.boundary, rule: f.rule, ruleNumber: f.ruleNumber, writes: f.writes, mode: f.mode, blocked: f.blocked })),
    unenforced: sim.unenforced.map(flowJson),
    outside: sim.outside.map(flowJson),
    rules: sim.rules.map((u) => ({ ...u, first: isoTime(u.first), last: isoTime(u.last), carried: u.carried.map(carriedJson), unused: u.records === 0 })),
  });
}

function carriedJson(f: CarriedFlow): Record<string, unknown> {
  return { src: f.src, dst: f.dst, proto: f.proto, dport: f.dport, srcAsset: f.srcAsset, dstAsset: f.dstAsset, count: f.count, first: isoTime(f.first), last: isoTime(f.last) };
}

export const simulationFormatters: Record<BaselineFormat, (r: SimulationReport, ctx: BaselineContext) => string> = { markdown, json: toJson };
