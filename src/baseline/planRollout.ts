import type { Catalogs } from '../catalog/types.js';
import type { Model, Placement } from '../model/types.js';
import { buildRuleIR } from '../rules/buildRuleIR.js';
import { compareStrings } from '../rules/compareStrings.js';
import type { RuleIR } from '../rules/types.js';
import type { ClassifiedFlow } from './classifyFlows.js';
import { isoTime, maxTime, minTime } from './flowSummary.js';
import type { FlowSummary } from './flowSummary.js';
import { orderBoundaries } from './orderBoundaries.js';
import type { BoundaryStep } from './orderBoundaries.js';
import { simulateFlows } from './simulateFlows.js';
import type { ReadOnlyFinding, SimulatedFlow } from './simulateFlows.js';

export type Phase = 'monitor' | 'enforce';

export interface PlanInput {
  model: Model;
  catalogs: Catalogs;
  placement: Placement;
}

export interface PlanOptions {
  baselineStart?: { value: string; source: 'policy' | 'option' };
  baselineDays: { value: number; source: 'policy' | 'option' | 'default' };
  /** Observed flows (already classified): readiness of every step, would-deny volume, baseline window. */
  flows?: ClassifiedFlow[];
  /** Enforce boundaries that observed flows show are not ready. */
  force: boolean;
}

export interface SpanPlan { enforcement: string; platform: string; sources: string[]; destination: string | null }

export interface DiscoverPhase {
  spans: SpanPlan[];
  ids: { addresses: string[]; monitors: string[] } | null;
  /** Zones no IDS watches: no passive visibility there until a SPAN/TAP feeds a sensor. */
  unmonitoredZones: string[];
}

export interface BaselinePhase {
  start: string | null;
  startSource: 'policy' | 'option' | null;
  days: number;
  daysSource: 'policy' | 'option' | 'default';
  end: string | null;
  /** The window the given flow file covers. */
  observed: { first: string | null; last: string | null; days: number; records: number } | null;
}

export interface WatchRule { id: string; number: number; fromZone: string | null; toZone: string | null; kind: 'boundary-final' | 'final'; expectedFlows: number | null }

export interface MonitorPhase {
  dir: string;
  configs: { enforcement: string; platform: string }[];
  watch: { enforcement: string; rules: WatchRule[] }[];
}

export interface EnforceStep extends BoundaryStep {
  step: number;
  /** ready: no observed flow is newly blocked; not-ready: some are (listed); unchecked: no flows given. */
  status: 'ready' | 'not-ready' | 'unchecked';
  /** Not ready and not forced: the boundary stays in monitor and no config is written for this step. */
  held: boolean;
  /** Folder of this step's configs (null when held). */
  dir: string | null;
  /** Folder to load to roll this step back (the previous emitted step, or the monitor configs). */
  rollback: string;
  /** Boundary phases of this step's configs ("<ep>:<a>|<b>" -> phase); the rest monitor. */
  boundaryPhases: Record<string, Phase>;
  /** Observed flows this step newly blocks, and read-only flows whose writes it newly drops. */
  blocking: SimulatedFlow[];
  blockingWrites: ReadOnlyFinding[];
}

export interface RolloutPlan {
  site: { id: string; name: string };
  discover: DiscoverPhase;
  baseline: BaselinePhase;
  monitor: MonitorPhase;
  enforce: { force: boolean; steps: EnforceStep[] };
}

export const MONITOR_DIR = 'monitor';

export function stepDir(k: number, s: BoundaryStep): string {
  return `step-${k}-${s.enforcement}-${s.zones[0]}-${s.zones[1]}`;
}

function irFor(input: PlanInput, phases: Record<string, Phase>, all: BoundaryStep[]): RuleIR {
  const boundaryPhases: Record<string, Phase> = {};
  for (const s of all) boundaryPhases[s.key] = phases[s.key] ?? 'monitor';
  return buildRuleIR(input.model, input.catalogs, input.placement, { phase: 'monitor', boundaryPhases });
}

const flowKey = (f: FlowSummary) => `${f.src}|${f.dst}|${f.proto}|${f.dport}`;
const writeKey = (f: ReadOnlyFinding) => `${f.enforcement}|${f.rule}|${flowKey(f)}`;

/**
 * Phase 3: one step per boundary in criticality order, each loading the configs in
 * which that boundary and every earlier (emitted) one enforce. With observed flows,
 * a step is ready when enforcing it blocks no flow that the previous step let
 * through (simulated on the very IR the step's configs are rendered from, so the
 * catch-all that starts to deny when a point's last boundary enforces is counted).
 */
function enforceSteps(input: PlanInput, ordered: BoundaryStep[], options: PlanOptions): EnforceStep[] {
  const enforced: Record<string, Phase> = {};
  let before = { flows: new Set<string>(), writes: new Set<string>() };
  let rollback = MONITOR_DIR;
  return ordered.map((s, i) => {
    const trial: Record<string, Phase> = { ...enforced, [s.key]: 'enforce' };
    let status: EnforceStep['status'] = 'unchecked';
    let blocking: SimulatedFlow[] = [];
    let blockingWrites: ReadOnlyFinding[] = [];
    let after = before;
    if (options.flows) {
      const sim = simulateFlows(irFor(input, trial, ordered), options.flows);
      const dropped = sim.readOnly.filter((f) => f.blocked);
      blocking = sim.blocked.filter((f) => !before.flows.has(flowKey(f)));
      blockingWrites = dropped.filter((f) => !before.writes.has(writeKey(f)));
      status = blocking.length === 0 && blockingWrites.length === 0 ? 'ready' : 'not-ready';
      after = { flows: new Set(sim.blocked.map(flowKey)), writes: new Set(dropped.map(writeKey)) };
    }
    const held = status === 'not-ready' && !options.force;
    const step: EnforceStep = {
      ...s, step: i + 1, status, held, dir: held ? null : stepDir(i + 1, s), rollback,
      boundaryPhases: phasesOf(held ? enforced : trial, ordered), blocking, blockingWrites,
    };
    if (!held) {
      enforced[s.key] = 'enforce';
      before = after;
      rollback = step.dir!;
    }
    return step;
  });
}

function phasesOf(enforced: Record<string, Phase>, all: BoundaryStep[]): Record<string, Phase> {
  const out: Record<string, Phase> = {};
  for (const s of [...all].sort((a, b) => compareStrings(a.key, b.key))) out[s.key] = enforced[s.key] ?? 'monitor';
  return out;
}

function discoverPhase(model: Model, monitorIR: RuleIR): DiscoverPhase {
  const spans = monitorIR.enforcement.filter((ep) => ep.span).map((ep) => ({
    enforcement: ep.id, platform: ep.platform, sources: ep.span!.sources, destination: ep.span!.destination ?? null,
  }));
  const ids = model.services.ids;
  const watched = new Set(ids?.monitors ?? []);
  return {
    spans,
    ids: ids ? { addresses: ids.addresses.map((a) => a.text), monitors: ids.monitors } : null,
    unmonitoredZones: [...model.zones.keys()].filter((z) => !watched.has(z)).sort(compareStrings),
  };
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function baselinePhase(options: PlanOptions): BaselinePhase {
  const start = options.baselineStart?.value ?? null;
  let observed: BaselinePhase['observed'] = null;
  if (options.flows) {
    let first = NaN;
    let last = NaN;
    let records = 0;
    for (const c of options.flows) {
      records += c.flow.count;
      first = minTime(first, c.flow.first);
      last = maxTime(last, c.flow.last);
    }
    // calendar days (UTC) from the first to the last record, both counted
    const days = Number.isNaN(first) ? 0 : Math.floor(last / 86_400_000) - Math.floor(first / 86_400_000) + 1;
    observed = { first: isoTime(first), last: isoTime(last), days, records };
  }
  return {
    start, startSource: options.baselineStart?.source ?? null,
    days: options.baselineDays.value, daysSource: options.baselineDays.source,
    end: start === null ? null : addDays(start, options.baselineDays.value), observed,
  };
}

function monitorPhase(monitorIR: RuleIR, flows: ClassifiedFlow[] | undefined): MonitorPhase {
  const expected = new Map<string, number>();
  if (flows) {
    for (const f of simulateFlows(monitorIR, flows).wouldDeny) {
      for (const h of f.hits) expected.set(`${h.enforcement}\u0000${h.rule}`, (expected.get(`${h.enforcement}\u0000${h.rule}`) ?? 0) + 1);
    }
  }
  return {
    dir: MONITOR_DIR,
    configs: monitorIR.enforcement.map((ep) => ({ enforcement: ep.id, platform: ep.platform })),
    watch: monitorIR.enforcement.map((ep) => ({
      enforcement: ep.id,
      rules: ep.rules.filter((r) => r.kind !== 'flow').map((r) => ({
        id: r.id, number: r.number, fromZone: r.fromZone ?? null, toZone: r.toZone ?? null,
        kind: r.kind as WatchRule['kind'], expectedFlows: flows ? expected.get(`${ep.id}\u0000${r.id}`) ?? 0 : null,
      })),
    })),
  };
}

/**
 * The rollout plan (DESIGN "Rollout phases", rollout.md section 6): phase 0
 * discover (SPAN sessions from the IR, the IDS), phase 1 baseline, phase 2 monitor
 * (configs whose final rules permit and log; the would-deny rules to watch), phase
 * 3 enforce boundary by boundary, most critical first, each step with its rollback
 * and, given observed flows, its readiness.
 */
export function planRollout(input: PlanInput, options: PlanOptions): RolloutPlan {
  const monitorIR = buildRuleIR(input.model, input.catalogs, input.placement, { phase: 'monitor' });
  const ordered = orderBoundaries(input.model, monitorIR);
  return {
    site: { id: input.model.site.id, name: input.model.site.name },
    discover: discoverPhase(input.model, monitorIR),
    baseline: baselinePhase(options),
    monitor: monitorPhase(monitorIR, options.flows),
    enforce: { force: options.force, steps: enforceSteps(input, ordered, options) },
  };
}
