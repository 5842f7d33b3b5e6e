import type { Assessment, RequirementResult, Status } from '../assess/types.js';
import type { Catalogs } from '../catalog/types.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import { requirementFindingId, siteFindingId } from './findingId.js';

/** A row of the gap report that is not met natively or by a control, or a site-level finding. */
export interface ReportFinding {
  /** Stable identity (findingId.ts). */
  id: string;
  kind: 'requirement' | 'site';
  /** Requirement findings: their status; site findings: their severity. */
  level: Extract<Status, 'gap' | 'partial' | 'waived'> | Severity;
  /** Requirement findings: the device and its zone, the requirement and its catalogue title. */
  device?: string;
  zone?: string;
  requirement?: string;
  title?: string;
  /** Site findings: the diagnostic code. */
  code?: string;
  /** One line naming the finding, e.g. "plc-7: SR 1.13 gap". */
  summary: string;
  /** The full explanation: why, and what remains or what would close it. */
  message: string;
  /** Where the finding belongs in the policy: the asset, the waiver (waived rows) or the conduit/flow. */
  pointer: string;
  /** Devices concerned, sorted. */
  devices: string[];
  waiver?: RequirementResult['waiver'];
}

const LISTED: readonly Status[] = ['gap', 'partial', 'waived'];

function requirementMessage(r: RequirementResult): string {
  const parts = [r.reason];
  if (r.remains) parts.push(`Remains: ${r.remains}`);
  for (const m of r.missing ?? []) parts.push(`${m.control} needs ${m.precondition}: ${m.close}`);
  // a waived row's reason already states the waiver (expiry, approver, reason): see assessRequirement
  return parts.map((p) => p.replace(/\s+/g, ' ').trim().replace(/\.$/, '')).join('. ') + '.';
}

/**
 * Every requirement row that is a gap, partial or waived, device by device in
 * requirement order, then the site findings sorted by code and message.
 */
export function findingsOf(a: Assessment, catalogs: Catalogs): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const d of a.devices) {
    for (const r of d.requirements) {
      if (!LISTED.includes(r.status)) continue;
      const title = catalogs.requirements.get(r.id)?.title;
      out.push({
        id: requirementFindingId(d.id, r.id, r.status), kind: 'requirement', level: r.status as ReportFinding['level'],
        device: d.id, zone: d.zone, requirement: r.id, ...(title ? { title } : {}),
        summary: `${d.id}: ${r.id} ${r.status}`, message: requirementMessage(r),
        pointer: r.status === 'waived' && r.waiver ? r.waiver.pointer : d.pointer, devices: [d.id],
        ...(r.waiver ? { waiver: r.waiver } : {}),
      });
    }
  }
  const site = a.findings.map((f): ReportFinding => ({
    id: siteFindingId(f.code, f.message), kind: 'site', level: f.severity, code: f.code,
    summary: f.code, message: f.message, pointer: f.pointer, devices: [...(f.devices ?? [])].sort(),
  }));
  site.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  // identical site findings (same code and message) are one finding
  return [...out, ...site.filter((f, i) => i === 0 || site[i - 1].id !== f.id)];
}
