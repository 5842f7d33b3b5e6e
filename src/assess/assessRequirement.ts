import type { Requirement } from '../catalog/types.js';
import type { Asset, Waiver } from '../model/types.js';
import type { ControlEvaluator } from './controlEvaluator.js';
import type { ControlIndex } from './controlIndex.js';
import type { MissingPrecondition, RequirementResult } from './types.js';

export interface RequirementContext {
  index: ControlIndex;
  evaluator: ControlEvaluator;
  /** Valid waiver for (asset, requirement), if any. */
  waiverFor(asset: Asset, requirement: string): Waiver | undefined;
}

interface Credits {
  full: string[];
  partial: { control: string; remains?: string }[];
  missing: MissingPrecondition[];
}

function missingOf(control: string, extent: 'full' | 'partial', f: { precondition: { description: string; close: string }; detail?: string }): MissingPrecondition {
  const m: MissingPrecondition = { control, extent, precondition: f.precondition.description, close: f.precondition.close };
  if (f.detail) m.detail = f.detail;
  return m;
}

/** "jump-host: no conduit flow goes from the jump host into zone x" (the site fact when known). */
function why(m: MissingPrecondition): string {
  return `${m.control}: ${m.detail ?? `${m.precondition} does not hold`}`;
}

/** Which controls can be credited for this requirement on this asset, and which cannot and why. */
function collectCredits(req: Requirement, asset: Asset, ctx: RequirementContext): Credits {
  const credits: Credits = { full: [], partial: [], missing: [] };
  for (const { control, effects } of ctx.index.controls.get(req.id) ?? []) {
    const blocked = ctx.evaluator.controlFailure(asset, control);
    if (blocked) {
      credits.missing.push(missingOf(control.id, effects.some((e) => e.extent === 'full') ? 'full' : 'partial', blocked));
      continue;
    }
    let upgrade: MissingPrecondition | undefined;
    const full = effects.find((e) => {
      if (e.extent !== 'full') return false;
      const f = ctx.evaluator.firstFailure(asset, e.preconditions);
      if (f && !upgrade) upgrade = missingOf(control.id, 'full', f);
      return f === null;
    });
    if (full) { credits.full.push(control.id); continue; }
    const partial = effects.find((e) => e.extent === 'partial' && ctx.evaluator.firstFailure(asset, e.preconditions) === null);
    if (partial) credits.partial.push({ control: control.id, remains: partial.remains });
    if (upgrade) credits.missing.push(upgrade);
  }
  // Controls that would meet the requirement fully first: they are what closes the gap.
  credits.missing.sort((a, b) => (a.extent === b.extent ? 0 : a.extent === 'full' ? -1 : 1));
  return credits;
}

const sorted = (xs: string[]) => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function gapReason(req: Requirement, c: Credits): { reason: string; remains: string } {
  if (!req.compensable) {
    return {
      reason: 'no native capability meets it and no network control can meaningfully compensate it',
      remains: 'accept the risk with a waiver, or upgrade or replace the device',
    };
  }
  if (c.missing.length > 0) {
    const m = c.missing[0];
    const would = m.extent === 'full' ? 'would compensate it' : 'would partly meet it';
    return {
      reason: `no native capability meets it; ${m.control} ${would} but cannot be credited here (${m.detail ?? `${m.precondition} does not hold`})`,
      remains: c.missing.map((x) => `${x.control}: ${x.close}`).join('; '),
    };
  }
  return { reason: 'no native capability or compensating control in the catalogue meets it', remains: 'a device capability (upgrade or replacement) is needed' };
}

/** The asset's capabilities that meet the requirement natively (empty: none does). */
export function nativeCapabilities(req: Requirement, asset: Asset, index: ControlIndex): string[] {
  return (index.capabilities.get(req.id) ?? []).filter((c) => asset.effectiveCapabilities.includes(c));
}

/** The row of a requirement met natively by `caps` (non-empty): depends on nothing else. */
export function nativeResult(req: Requirement, level: number, caps: string[]): RequirementResult {
  return { id: req.id, fr: req.fr, sl: level, status: 'native', controls: sorted(caps), reason: `met natively (${sorted(caps).join(', ')})` };
}

export function assessRequirement(req: Requirement, level: number, asset: Asset, ctx: RequirementContext): RequirementResult {
  const caps = nativeCapabilities(req, asset, ctx.index);
  return caps.length > 0 ? nativeResult(req, level, caps) : creditedResult(req, level, asset, ctx);
}

/**
 * The row of a requirement no native capability meets: compensated > waived > partial > gap.
 * Rows are written as plain literals in a fixed key order (no object spread: a large site
 * builds a few hundred thousand of them, and each spread is a runtime copy).
 */
export function creditedResult(req: Requirement, level: number, asset: Asset, ctx: RequirementContext): RequirementResult {
  const c = collectCredits(req, asset, ctx);
  const missing = c.missing.length > 0 ? c.missing : undefined;
  if (c.full.length > 0) {
    return { id: req.id, fr: req.fr, sl: level, status: 'compensated', controls: sorted(c.full), reason: `compensated by ${sorted(c.full).join(', ')}` };
  }
  const partialIds = sorted(c.partial.map((p) => p.control));
  const remainsPartial = c.partial.map((p) => p.remains).filter((r): r is string => !!r).join('; ');
  const waiver = ctx.waiverFor(asset, req.id);
  if (waiver) {
    const prior = partialIds.length > 0 ? `partly met by ${partialIds.join(', ')}` : 'otherwise a gap';
    return {
      id: req.id, fr: req.fr, sl: level, status: 'waived', controls: partialIds,
      reason: `waived until ${waiver.expires} (approved by ${waiver.approvedBy}): ${waiver.reason}; ${prior}`,
      remains: remainsPartial || gapReason(req, c).remains, missing,
      waiver: { expires: waiver.expires, approvedBy: waiver.approvedBy, reason: waiver.reason, pointer: waiver.pointer },
    };
  }
  if (partialIds.length > 0) {
    const toFull = c.missing.filter((m) => m.extent === 'full');
    const more = c.missing.filter((m) => m.extent === 'partial').map((m) => m.control);
    const upgrade = (toFull.length > 0 ? `; full credit needs ${toFull.map(why).join('; ')}` : '')
      + (more.length > 0 ? `; ${more.join(', ')} would add to it but cannot be credited here` : '');
    return { id: req.id, fr: req.fr, sl: level, status: 'partial', controls: partialIds, reason: `partly met by ${partialIds.join(', ')}${upgrade}`, remains: remainsPartial, missing };
  }
  const gap = gapReason(req, c);
  const row: RequirementResult = { id: req.id, fr: req.fr, sl: level, status: 'gap', controls: [], reason: gap.reason, remains: gap.remains, missing };
  if (!req.compensable) row.notCompensable = true;
  return row;
}
