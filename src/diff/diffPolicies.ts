import type { Assessment } from '../assess/types.js';
import type { Catalogs } from '../catalog/types.js';
import type { Model, Placement } from '../model/types.js';
import { buildRuleIR } from '../rules/buildRuleIR.js';
import type { RuleIR } from '../rules/types.js';
import { compareText } from './compareText.js';
import { diffDevices } from './diffDevices.js';
import { diffRequirements } from './diffRequirements.js';
import { diffRules } from './diffRules.js';
import { diffWaivers } from './diffWaivers.js';
import { diffZones, lowered } from './diffZones.js';
import { newlyAllowed } from './newlyAllowed.js';
import type { DiffSummary, PolicyDiff } from './types.js';

/** One analysed policy version (analyzePolicy's output without errors). */
export interface DiffSide {
  model: Model;
  catalogs: Catalogs;
  placement: Placement;
  /** Its statuses and SL-A (the rule analysis findings are not read). */
  assessment: Assessment;
  /** The enforce-phase rule IR analyzePolicy built (Analysis.ruleIR); built here when absent. */
  ruleIR?: RuleIR;
}

/** The side's enforce-phase rule IR, built only if analyzePolicy did not hand it on. */
function enforceIR(side: DiffSide): RuleIR {
  return side.ruleIR ?? buildRuleIR(side.model, side.catalogs, side.placement, { phase: 'enforce' });
}

function summarize(d: Omit<PolicyDiff, 'summary'>): DiffSummary {
  const dir = (x: string) => d.requirements.filter((r) => r.direction === x).length;
  const rules = (k: 'added' | 'removed' | 'changed') => d.enforcement.reduce((n, e) => n + e[k].length, 0);
  return {
    devicesAdded: d.devices.added.length,
    devicesRemoved: d.devices.removed.length,
    devicesChanged: d.devices.changed.length,
    requirementsWorse: dir('worse'),
    requirementsBetter: dir('better'),
    requirementsNewlyRequired: dir('newly-required'),
    requirementsNoLongerRequired: dir('no-longer-required'),
    zonesChanged: d.zones.length,
    slAchievedLowered: d.zones.filter((z) => lowered(z.slAchieved?.old, z.slAchieved?.new)).length,
    waiversAdded: d.waivers.filter((w) => w.change === 'added').length,
    waiversRemoved: d.waivers.filter((w) => w.change === 'removed').length,
    waiversChanged: d.waivers.filter((w) => w.change === 'changed').length,
    rulesAdded: rules('added'),
    rulesRemoved: rules('removed'),
    rulesChanged: rules('changed'),
    conduitsNewlyUnenforced: d.unenforced.added.length,
    flowsNewlyAllowed: d.newlyAllowed.length,
  };
}

/**
 * Compares two versions of a site policy (otpc diff OLD NEW). Pure: both sides are
 * already analysed with the same date and catalogues; rules are compared on the
 * enforce-phase rule IR of each side.
 */
export function diffPolicies(old: DiffSide, next: DiffSide): PolicyDiff {
  const oldIR = enforceIR(old);
  const newIR = enforceIR(next);
  const before = new Set(old.placement.unplaced);
  const after = new Set(next.placement.unplaced);
  const body: Omit<PolicyDiff, 'summary'> = {
    old: { site: old.assessment.site, date: old.assessment.date },
    new: { site: next.assessment.site, date: next.assessment.date },
    devices: diffDevices(old.model, next.model),
    requirements: diffRequirements(old.assessment, next.assessment, next.catalogs),
    zones: diffZones(old.assessment, next.assessment),
    waivers: diffWaivers(old.model, next.model),
    enforcement: diffRules(oldIR, newIR, old.model, next.model),
    unenforced: {
      added: [...after].filter((c) => !before.has(c)).sort(compareText),
      removed: [...before].filter((c) => !after.has(c) && next.model.conduits.has(c)).sort(compareText),
    },
    newlyAllowed: newlyAllowed(old.model, next.model),
  };
  return { ...body, summary: summarize(body) };
}

/** Nothing changed that the diff reports. */
export function isEmptyDiff(d: PolicyDiff): boolean {
  return Object.values(d.summary).every((n) => n === 0);
}

/**
 * Security got worse: a requirement status worse, a zone's SL-A lower, a flow newly
 * allowed, or a conduit no longer enforced (diff --fail-on regression).
 */
export function isRegression(d: PolicyDiff): boolean {
  const s = d.summary;
  return s.requirementsWorse + s.slAchievedLowered + s.flowsNewlyAllowed + s.conduitsNewlyUnenforced > 0;
}
