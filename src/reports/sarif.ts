import type { Assessment } from '../assess/types.js';
import type { BaselineEntry } from '../baselineReport/types.js';
import { compareRequirementIds } from '../catalog/compareRequirementIds.js';
import { codeInfo } from '../diagnostics/codes.js';
import { findingsOf } from './findingsOf.js';
import type { ReportFinding } from './findingsOf.js';
import { requirementHelp } from './requirementHelp.js';
import { sarifLogChunks } from './sarifLog.js';
import { chunkedFormatter } from './reportChunks.js';
import type { SarifLevel, SarifResultInput, SarifRule } from './sarifLog.js';
import type { ReportContext } from './types.js';
import { waiverList } from './waiverList.js';

/** SARIF rule id of a requirement: "SR 1.13 RE 1" -> "SR-1.13-RE-1". */
export function requirementRuleId(id: string): string {
  return id.replace(/ /g, '-');
}

const LEVEL: Record<ReportFinding['level'], SarifLevel> = { gap: 'error', partial: 'warning', waived: 'note', error: 'error', warning: 'warning', note: 'note' };

function codeRule(code: string): SarifRule {
  const info = codeInfo(code);
  return {
    id: code, name: info?.name ?? code, shortDescription: info?.title ?? code, help: info?.hint,
    level: info ? LEVEL[info.severity] : 'warning', tags: ['otpc'],
  };
}

/**
 * One rule per finding kind: each IEC 62443-3-3 requirement (a device that does not
 * meet it is a result of that rule, as a check is in Checkov or KICS) and each site
 * finding code. Listed in requirement order, then by code.
 */
function rules(ctx: ReportContext, findings: readonly ReportFinding[], resolved: BaselineEntry[]): SarifRule[] {
  const reqs = new Set<string>();
  const codes = new Set<string>();
  for (const list of [findings, resolved]) {
    for (const f of list) {
      if (f.requirement !== undefined) reqs.add(f.requirement);
      else if (f.code !== undefined) codes.add(f.code);
    }
  }
  const out = [...reqs].sort(compareRequirementIds).map((id): SarifRule => {
    const req = ctx.catalogs.requirements.get(id);
    return {
      id: requirementRuleId(id), name: id, shortDescription: req ? `${id} ${req.title}` : id,
      fullDescription: `A device whose target security level requires IEC 62443-3-3 ${id} and does not meet it natively or through a compensating control the site can deploy (error: gap; warning: partly met; note: waived until its expiry date).`,
      help: requirementHelp(ctx.catalogs, id), level: 'error', tags: ['iec62443-3-3', ...(req ? [req.fr] : [])],
    };
  });
  return [...out, ...[...codes].sort().map(codeRule)];
}

function result(f: ReportFinding, ctx: ReportContext): SarifResultInput {
  const head = f.kind === 'requirement' ? `${f.summary}${f.title ? ` (${f.title})` : ''}: ` : '';
  const state = ctx.baseline?.state.get(f.id);
  return {
    ruleId: f.requirement !== undefined ? requirementRuleId(f.requirement) : f.code!,
    level: LEVEL[f.level], message: `${head}${f.message}`, file: ctx.file, range: ctx.locate?.(f.pointer), fingerprint: f.id,
    ...(state ? { baselineState: state } : {}),
    ...(f.waiver ? {
      suppression: {
        justification: `waived until ${f.waiver.expires} (end of day, UTC), approved by ${f.waiver.approvedBy}: ${f.waiver.reason.replace(/\s+/g, ' ').trim()}`,
        file: ctx.file, range: ctx.locate?.(f.waiver.pointer),
      },
    } : {}),
    properties: f.kind === 'requirement'
      ? { device: f.device, zone: f.zone, requirement: f.requirement, status: f.level, ...(f.waiver ? { expires: f.waiver.expires } : {}) }
      : { code: f.code, devices: f.devices },
  };
}

/** A finding of the baseline that is gone: kind "pass", baselineState "absent" (SARIF 3.27.24). */
function absent(e: BaselineEntry, ctx: ReportContext): SarifResultInput {
  const asset = e.device !== undefined ? ctx.model.assets.get(e.device) : undefined;
  return {
    ruleId: e.requirement !== undefined ? requirementRuleId(e.requirement) : e.code!,
    kind: 'pass', level: 'none', baselineState: 'absent', fingerprint: e.id,
    message: e.kind === 'requirement' ? `resolved since the baseline: ${e.device}: ${e.requirement} was ${e.status}` : `resolved since the baseline: ${e.message}`,
    file: ctx.file, range: asset ? ctx.locate?.(asset.pointer) : undefined,
    properties: e.kind === 'requirement' ? { device: e.device, requirement: e.requirement, status: e.status } : { code: e.code },
  };
}

/**
 * SARIF 2.1.0 for code scanning: every gap, partial and waived requirement row at its
 * asset (waived rows at their waiver, with an accepted suppression that states the
 * expiry), every site finding at its conduit or flow. With --baseline each result has
 * baselineState new/unchanged, and resolved findings are listed as absent.
 */
export function* sarifChunks(a: Assessment, ctx: ReportContext): Generator<string> {
  const findings = findingsOf(a, ctx.catalogs);
  const resolved = ctx.baseline?.resolved ?? [];
  const b = ctx.baseline;
  function* results(): Generator<SarifResultInput> {
    for (const f of findings) yield result(f, ctx);
    for (const e of resolved) yield absent(e, ctx);
  }
  yield* sarifLogChunks({
    automationId: `otpc-report/${a.site.id}/`,
    toolVersion: ctx.toolVersion,
    rules: rules(ctx, findings, resolved),
    // one result at a time: at 10,000 assets the log is larger than the longest string V8 can hold
    results: results(),
    files: [ctx.file],
    properties: {
      site: a.site, date: a.date, failOn: ctx.failOn ?? 'gap', summary: a.summary,
      waivers: waiverList(ctx.model).map(({ pointer: _p, ...w }) => w),
      ...(b ? { baseline: { site: b.site.id, date: b.date, new: b.new.length, unchanged: b.unchanged.length, resolved: b.resolved.length } } : {}),
    },
  });
}

export const formatSarif = chunkedFormatter(sarifChunks);
