import type { Catalogs } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/format.js';
import type { LoadResult } from '../load/loadPolicy.js';
import { buildModel } from '../model/buildModel.js';
import type { Model } from '../model/types.js';
import { buildSiteIndex } from './buildSiteIndex.js';
import { isCalendarDate } from './calendarDate.js';
import { Issues, toDiagnostics } from './issue.js';
import { mapAjvErrors } from './mapAjvErrors.js';
import type { PolicyDocument } from './policyDocument.js';
import { policySchema } from './policySchema.js';
import { asRecord } from './rawAccess.js';
import { runChecks } from './runChecks.js';

export interface ValidateOptions {
  /** YYYY-MM-DD: the date waivers are checked against (the CLI passes --date or today, UTC). */
  today: string;
  /** Warn (OTPC504) about waivers expiring within this many days. Default 30. */
  warnExpiringDays?: number;
}

export interface ValidateResult {
  /** Present only when there is no error (warnings allowed). */
  model?: Model;
  /** Load, schema and semantic diagnostics, located, sorted and de-duplicated. */
  diagnostics: Diagnostic[];
}

/**
 * Schema (ajv, schemas/policy.schema.json), then the semantic checks, then the
 * model. The semantic checks also run when the schema failed, on the parts
 * that have the right shape, so that a user sees every problem in one run.
 */
export function validatePolicy(loaded: LoadResult, catalogs: Catalogs, options: ValidateOptions): ValidateResult {
  const doc = asRecord(loaded.doc);
  if (!doc) return { diagnostics: sortDiagnostics(loaded.diagnostics) };
  if (!isCalendarDate(options.today)) {
    const usage: Diagnostic = { code: 'OTPC901', severity: 'error', file: loaded.file, message: `the date ${JSON.stringify(options.today)} is not a calendar date in the form YYYY-MM-DD` };
    return { diagnostics: [...sortDiagnostics(loaded.diagnostics), usage] };
  }
  const issues = new Issues();
  const validate = policySchema();
  if (!validate(doc)) issues.list.push(...mapAjvErrors(validate.errors ?? []));
  const ctx = { doc, catalogs, issues, today: options.today, warnExpiringDays: options.warnExpiringDays ?? 30, index: buildSiteIndex(doc) };
  runChecks(ctx);
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...toDiagnostics(issues.list, loaded.file, loaded.sourceMap)]);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  try {
    return { model: buildModel(doc as unknown as PolicyDocument, catalogs, loaded.file), diagnostics };
  } catch (e) {
    // a check let something through that the model cannot represent: a bug, reported without a stack trace
    const message = `the model could not be built: ${e instanceof Error ? e.message : String(e)}`;
    return { diagnostics: [...diagnostics, { code: 'OTPC999', severity: 'error', file: loaded.file, message }] };
  }
}
