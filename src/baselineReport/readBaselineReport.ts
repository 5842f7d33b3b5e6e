import { STATUSES } from '../assess/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { joinPointer } from '../diagnostics/sourceMap.js';
import { requirementFindingId, siteFindingId } from '../reports/findingId.js';
import { REPORT_FORMAT_VERSION } from '../reports/toReportJson.js';
import { jsonLocator, positionAt } from './locateJson.js';
import { jsonSyntaxError } from './jsonSyntaxError.js';
import type { BaselineEntry, BaselineReport } from './types.js';

export interface ReadBaselineResult {
  baseline?: BaselineReport;
  /** Located errors (OTPC951 not JSON, OTPC952 not a report, OTPC953 another site or version). */
  diagnostics: Diagnostic[];
}

/** At most this many shape errors are listed (a wrong file would otherwise give thousands). */
const MAX_SHAPE_ERRORS = 20;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const FAILING_STATUSES = new Set(['gap', 'partial']);

class Problems {
  readonly list: { code: string; pointer: string; message: string }[] = [];
  add(code: string, pointer: string, message: string): void {
    if (code !== 'OTPC952' || this.list.filter((p) => p.code === code).length < MAX_SHAPE_ERRORS) this.list.push({ code, pointer, message });
  }
}

function str(p: Problems, o: Obj, key: string, at: string, what: string): string | undefined {
  const v = o[key];
  if (typeof v === 'string') return v;
  p.add('OTPC952', joinPointer(at, key), `${what} has no string "${key}"`);
  return undefined;
}

function list(p: Problems, o: Obj, key: string, at: string, what: string): unknown[] {
  const v = o[key];
  if (Array.isArray(v)) return v;
  p.add('OTPC952', joinPointer(at, key), `${what} has no list "${key}"`);
  return [];
}

function requirementEntries(p: Problems, root: Obj): BaselineEntry[] {
  const out: BaselineEntry[] = [];
  list(p, root, 'devices', '', 'the report').forEach((d, i) => {
    const at = `/devices/${i}`;
    if (!isObj(d)) { p.add('OTPC952', at, `device ${i + 1} is not an object`); return; }
    const device = str(p, d, 'id', at, `device ${i + 1}`);
    list(p, d, 'requirements', at, `device ${device ?? i + 1}`).forEach((r, j) => {
      const rat = `${at}/requirements/${j}`;
      if (!isObj(r)) { p.add('OTPC952', rat, `requirement ${j + 1} of device ${device ?? i + 1} is not an object`); return; }
      const id = str(p, r, 'id', rat, `requirement ${j + 1} of device ${device ?? i + 1}`);
      const status = str(p, r, 'status', rat, `requirement ${id ?? j + 1} of device ${device ?? i + 1}`);
      if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
        p.add('OTPC952', joinPointer(rat, 'status'), `status "${status}" is not one of ${STATUSES.join(', ')}`);
      } else if (device !== undefined && id !== undefined && status !== undefined && FAILING_STATUSES.has(status)) {
        out.push({ id: requirementFindingId(device, id, status), kind: 'requirement', device, requirement: id, status });
      }
    });
  });
  return out;
}

function siteEntries(p: Problems, root: Obj): BaselineEntry[] {
  const out: BaselineEntry[] = [];
  list(p, root, 'findings', '', 'the report').forEach((f, i) => {
    const at = `/findings/${i}`;
    if (!isObj(f)) { p.add('OTPC952', at, `finding ${i + 1} is not an object`); return; }
    const code = str(p, f, 'code', at, `finding ${i + 1}`);
    const message = str(p, f, 'message', at, `finding ${i + 1}`);
    const severity = str(p, f, 'severity', at, `finding ${i + 1}`);
    if (code !== undefined && message !== undefined && severity !== undefined) {
      out.push({ id: siteFindingId(code, message), kind: 'site', code, severity, message });
    }
  });
  return out;
}

function header(p: Problems, root: Obj, siteId: string | undefined): { site?: { id: string; name: string }; date?: string } {
  const version = root.otpcReport;
  if (version === undefined) {
    p.add('OTPC952', '', 'this is not an otpc JSON report (it has no "otpcReport" version)');
    return {};
  }
  if (version !== REPORT_FORMAT_VERSION) {
    p.add('OTPC953', '/otpcReport', `report format version ${JSON.stringify(version)}; this otpc compares with version ${REPORT_FORMAT_VERSION} reports`);
    return {};
  }
  const site = isObj(root.site) ? root.site : undefined;
  if (!site) p.add('OTPC952', '/site', 'the report has no "site" object');
  const id = site ? str(p, site, 'id', '/site', 'the site') : undefined;
  const name = site ? str(p, site, 'name', '/site', 'the site') : undefined;
  if (id !== undefined && siteId !== undefined && id !== siteId) {
    p.add('OTPC953', '/site/id', `the baseline is a report for site "${id}", not for "${siteId}"`);
  }
  const date = str(p, root, 'date', '', 'the report');
  return { ...(id !== undefined && name !== undefined ? { site: { id, name } } : {}), ...(date !== undefined ? { date } : {}) };
}

function syntaxError(text: string, file: string): Diagnostic {
  const e = jsonSyntaxError(text) ?? { offset: 0, message: 'not valid JSON' };
  const start = positionAt(text, e.offset);
  return { code: 'OTPC951', severity: 'error', file, range: { start, end: start }, message: `the baseline is not valid JSON: ${e.message}` };
}

/**
 * Reads a previous `otpc report --format json` as a baseline: every gap and partial
 * requirement row and every site finding, by identity. Everything wrong with the
 * file is returned at once as located diagnostics; `siteId` (the current policy's
 * site) must match the report's site.
 */
export function readBaselineReport(text: string, file: string, siteId?: string): ReadBaselineResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return { diagnostics: [syntaxError(body, file)] };
  }
  const p = new Problems();
  let entries: BaselineEntry[] = [];
  let head: ReturnType<typeof header> = {};
  if (!isObj(root)) {
    p.add('OTPC952', '', 'this is not an otpc JSON report (the top level is not an object)');
  } else {
    head = header(p, root, siteId);
    if (p.list.length === 0) entries = [...requirementEntries(p, root), ...siteEntries(p, root)];
  }
  if (p.list.length > 0 || !head.site || head.date === undefined) {
    const locate = jsonLocator(body);
    return { diagnostics: p.list.map((x) => ({ code: x.code, severity: 'error', file, pointer: x.pointer, range: locate(x.pointer), message: x.message })) };
  }
  const byId = new Map(entries.map((e) => [e.id, e] as const));
  const sorted = [...byId.keys()].sort().map((id) => byId.get(id)!);
  return { baseline: { site: head.site, date: head.date, entries: sorted }, diagnostics: [] };
}
