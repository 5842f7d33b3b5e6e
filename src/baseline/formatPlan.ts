import { backendFor } from '../backends/registry.js';
import { flowJson, FLOW_HEADER, flowRow, inputJson, inputLine, json, table } from './reportText.js';
import type { BaselineContext, BaselineFormat } from './reportText.js';
import type { EnforceStep, RolloutPlan } from './planRollout.js';
import type { Hit } from './simulateFlows.js';

/** "step-3-fw-plant-chem-dosing-supervisory/fw-plant.conf". */
export function configFile(dir: string, enforcement: string, platform: string): string {
  return `${dir}/${enforcement}.${backendFor(platform)?.extension ?? 'txt'}`;
}

function discover(p: RolloutPlan): string[] {
  const d = p.discover;
  const out = ['## Phase 0: discover', '',
    'Passive only: mirror every switch port, unused ones included, so later rogue devices are seen; mirror RX only on broadcast- or multicast-heavy OT segments; a TAP is best for forensics. Active scans (S7, CIP, SNMP) can overload legacy devices: plan them with operations (rollout.md §6).', ''];
  if (d.spans.length > 0) {
    out.push('SPAN/mirror sessions to configure:', '', ...table(['enforcement point', 'platform', 'mirror (RX and TX)', 'to'], d.spans.map((s) => [s.enforcement, s.platform, s.sources.join(', '), s.destination ?? 'the IDS sensor port'])), '');
  } else {
    out.push('No enforcement point is a switch that can mirror: configure SPAN/TAP on the access switches of every zone.', '');
  }
  out.push(d.ids
    ? `IDS sensor: ${d.ids.addresses.join(', ')}, watching ${d.ids.monitors.join(', ')}.`
    : 'No IDS is defined (services.ids): add a passive, OT-protocol-aware sensor (C5, SR 6.2).');
  if (d.unmonitoredZones.length > 0) out.push('', `Zones no IDS watches: ${d.unmonitoredZones.join(', ')}. Their flows are missing from the baseline unless a SPAN/TAP or flow export covers them.`);
  out.push('', 'Flow collection: Zeek conn.log (TSV or JSON) from the sensor, or NetFlow/IPFIX exported as CSV (nfdump -o csv), for `otpc discover` and `otpc simulate`.', '');
  return out;
}

function baseline(p: RolloutPlan): string[] {
  const b = p.baseline;
  const when = b.start === null
    ? `Not started: set \`rollout.baseline-start\` in the policy or pass \`--baseline-start\`. Duration ${b.days} days (${b.daysSource}).`
    : `From ${b.start} (${b.startSource}) for ${b.days} days (${b.daysSource}), until ${b.end}.`;
  const out = ['## Phase 1: baseline', '', when, '',
    'Learning takes 2 to 6 weeks on passive IDS products; extend it over a full production cycle (batch changeovers, shutdowns, month-end reports, backups).', '',
    'Exit criterion: no new legitimate flow for an agreed number of days, `otpc discover` reports no undocumented device and no uncovered flow, and operations have reviewed the observed-flow matrix.', ''];
  if (b.observed) {
    const short = b.observed.days < b.days ? ` That is shorter than the ${b.days}-day baseline: the readiness below may miss rare flows.` : '';
    out.push(`The flow file covers ${b.observed.first ?? '–'} to ${b.observed.last ?? '–'} (${b.observed.days} day(s), ${b.observed.records} connections).${short}`, '');
  }
  return out;
}

function monitor(p: RolloutPlan): string[] {
  const m = p.monitor;
  const files = m.configs.map((c) => `\`${configFile(m.dir, c.enforcement, c.platform)}\``);
  const rows = m.watch.flatMap((w) => w.rules.map((r) => [w.enforcement, r.id, String(r.number), r.fromZone && r.toZone ? `${r.fromZone} → ${r.toZone}` : 'any other traffic', r.expectedFlows === null ? '–' : String(r.expectedFlows)]));
  return ['## Phase 2: monitor', '',
    `Load the monitor configs: ${files.join(', ')}. Every allow rule is in place; the final rules permit and log ("would deny"), so nothing the plant does changes.`, '',
    'Watch these rules\' log entries (the rule number is the FortiOS policy id and the nftables log prefix "otpc <number>"; IOS/ASA log the ACL entry); every hit is a flow the enforced policy would drop:', '',
    ...table(['enforcement point', 'rule', 'number', 'traffic', 'distinct flows in the flow file'], rows), '',
    'Exit criterion: zero unexplained would-deny hits over an agreed window.', ''];
}

function statusText(s: EnforceStep): string {
  if (s.status === 'unchecked') return 'not checked (no --flows)';
  if (s.status === 'ready') return 'ready';
  const what = `${s.blocking.length} flow(s)${s.blockingWrites.length > 0 ? `, writes on ${s.blockingWrites.length} read-only flow(s)` : ''}`;
  return s.held ? `**not ready** (${what}): held in monitor` : `**not ready** (${what}): forced`;
}

function hitText(h: Hit): string {
  return `${h.enforcement}: ${h.rule}`;
}

function enforce(p: RolloutPlan): string[] {
  const rows = p.enforce.steps.map((s) => [String(s.step), `${s.zones[0]} ↔ ${s.zones[1]}`, s.enforcement, s.criticality, String(s.slTarget), statusText(s),
    s.dir === null ? '–' : `\`${configFile(s.dir, s.enforcement, s.platform)}\``, s.dir === null ? '–' : `\`${configFile(s.rollback, s.enforcement, s.platform)}\``]);
  const out = ['## Phase 3: enforce, boundary by boundary', '',
    'Most critical boundaries first (the higher criticality of the two zones, then the higher SL-T). Each step switches one boundary from logging to deny in a maintenance window; its rollback is the previous step\'s config, which puts that boundary back in monitor.', '',
    ...table(['step', 'boundary', 'enforcement point', 'criticality', 'SL-T', 'status', 'load', 'rollback'], rows), ''];
  for (const s of p.enforce.steps.filter((x) => x.status === 'not-ready')) {
    out.push(`### Step ${s.step}: flows that block ${s.zones[0]} ↔ ${s.zones[1]} on ${s.enforcement}`, '');
    if (s.blocking.length > 0) out.push(...table([...FLOW_HEADER, 'blocked at'], s.blocking.map((f) => [...flowRow(f), f.hits.map(hitText).join('; ')])), '');
    if (s.blockingWrites.length > 0) {
      out.push('Write operations on read-only flows that this step drops:', '',
        ...table([...FLOW_HEADER, 'rule', 'operations dropped'], s.blockingWrites.map((f) => [...flowRow(f), `${f.enforcement}: ${f.rule}`, f.writes.join(', ')])), '');
    }
  }
  if (p.enforce.steps.some((s) => s.held)) {
    out.push('Held boundaries stay in monitor in every later config. Add the flows to the policy (`otpc discover` suggests them) or confirm they must stop, then plan again; `--force` enforces them anyway.', '');
  }
  out.push('Exit criterion: operations sign-off per step; SL-A recomputed with `otpc report`.', '');
  return out;
}

function markdown(p: RolloutPlan, ctx: BaselineContext): string {
  return [`# Rollout plan: ${p.site.name} (${p.site.id})`, '', `Policy: \`${ctx.policy}\`.`, ...inputLine(ctx),
    ...discover(p), ...baseline(p), ...monitor(p), ...enforce(p)].join('\n');
}

function toJson(p: RolloutPlan, ctx: BaselineContext): string {
  return json({
    site: p.site,
    input: inputJson(ctx),
    discover: p.discover,
    baseline: p.baseline,
    monitor: { ...p.monitor, configs: p.monitor.configs.map((c) => ({ ...c, file: configFile(p.monitor.dir, c.enforcement, c.platform) })) },
    enforce: {
      force: p.enforce.force,
      steps: p.enforce.steps.map((s) => ({
        step: s.step, enforcement: s.enforcement, platform: s.platform, boundary: s.boundary, zones: s.zones,
        criticality: s.criticality, slTarget: s.slTarget, status: s.status, held: s.held, dir: s.dir,
        file: s.dir === null ? null : configFile(s.dir, s.enforcement, s.platform),
        rollback: configFile(s.rollback, s.enforcement, s.platform), boundaryPhases: s.boundaryPhases,
        blocking: s.blocking.map((f) => ({ ...flowJson(f), hits: f.hits })),
        blockingWrites: s.blockingWrites.map((f) => ({ ...flowJson(f), enforcement: f.enforcement, rule: f.rule, writes: f.writes })),
      })),
    },
  });
}

export const planFormatters: Record<BaselineFormat, (p: RolloutPlan, ctx: BaselineContext) => string> = { markdown, json: toJson };
