import type { Assessment, DeviceResult, RequirementResult, Status } from '../assess/types.js';
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

/**
 * Rows are shared read-only objects (src/assess/sharedRows.ts) and a row's message depends
 * on the row only: made once per distinct row, and the same string then serves every
 * device that lists the row (at 10,000 assets: ~420,000 findings, far fewer rows).
 */
const messages = new WeakMap<RequirementResult, string>();

function requirementMessage(r: RequirementResult): string {
  let text = messages.get(r);
  if (text !== undefined) return text;
  const parts = [r.reason];
  if (r.remains) parts.push(`Remains: ${r.remains}`);
  for (const m of r.missing ?? []) parts.push(`${m.control} needs ${m.precondition}${m.detail ? ` (${m.detail})` : ''}: ${m.close}`);
  // a waived row's reason already states the waiver (expiry, approver, reason): see assessRequirement
  text = parts.map((p) => p.replace(/\s+/g, ' ').trim().replace(/\.$/, '')).join('. ') + '.';
  messages.set(r, text);
  return text;
}

/** True for the rows the reports list as findings: gap, partial, waived. */
export function isListedRow(r: RequirementResult): boolean {
  return LISTED.includes(r.status);
}

/**
 * The finding of one listed row of a device. Its text fields are derived from the device
 * and the row when read, not stored: a 10,000-asset plant has ~420,000 of these, and
 * stored strings made the list ~280 MB (now ~40 bytes each). Read-only, like the rows.
 */
class RequirementFinding implements ReportFinding {
  constructor(private readonly d: DeviceResult, private readonly r: RequirementResult, readonly title: string | undefined) {}

  get id(): string { return requirementFindingId(this.d.id, this.r.id, this.r.status); }
  get kind(): 'requirement' { return 'requirement'; }
  get level(): ReportFinding['level'] { return this.r.status as ReportFinding['level']; }
  get device(): string { return this.d.id; }
  get zone(): string { return this.d.zone; }
  get requirement(): string { return this.r.id; }
  get summary(): string { return `${this.d.id}: ${this.r.id} ${this.r.status}`; }
  get message(): string { return requirementMessage(this.r); }
  get pointer(): string { return this.r.status === 'waived' && this.r.waiver ? this.r.waiver.pointer : this.d.pointer; }
  get devices(): string[] { return [this.d.id]; }
  get waiver(): RequirementResult['waiver'] { return this.r.waiver; }
}

/** The finding of one listed row (gap, partial, waived) of a device. */
export function requirementFinding(d: DeviceResult, r: RequirementResult, catalogs: Catalogs): ReportFinding {
  return new RequirementFinding(d, r, catalogs.requirements.get(r.id)?.title || undefined);
}

/** findingsOf per assessment and catalogues: the CLI's gate and every format of one run share one list. */
const computed = new WeakMap<Assessment, WeakMap<Catalogs, readonly ReportFinding[]>>();

/**
 * Every requirement row that is a gap, partial or waived, device by device in
 * requirement order, then the site findings sorted by code and message. Computed once
 * per assessment (and catalogues): the list is shared, read-only.
 */
export function findingsOf(a: Assessment, catalogs: Catalogs): readonly ReportFinding[] {
  let byCatalogs = computed.get(a);
  if (!byCatalogs) computed.set(a, (byCatalogs = new WeakMap()));
  let list = byCatalogs.get(catalogs);
  if (!list) byCatalogs.set(catalogs, (list = Object.freeze(buildFindings(a, catalogs))));
  return list;
}

function buildFindings(a: Assessment, catalogs: Catalogs): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const d of a.devices) {
    for (const r of d.requirements) if (LISTED.includes(r.status)) out.push(requirementFinding(d, r, catalogs));
  }
  const site = a.findings.map((f): ReportFinding => ({
    id: siteFindingId(f.code, f.message), kind: 'site', level: f.severity, code: f.code,
    summary: f.code, message: f.message, pointer: f.pointer, devices: [...(f.devices ?? [])].sort(),
  }));
  site.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  // identical site findings (same code and message) are one finding
  return [...out, ...site.filter((f, i) => i === 0 || site[i - 1].id !== f.id)];
}
