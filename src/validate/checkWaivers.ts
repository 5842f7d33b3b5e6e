import { joinPointer } from '../diagnostics/sourceMap.js';
import { daysBetween, isCalendarDate } from './calendarDate.js';
import type { CheckContext } from './checkContext.js';
import { asRecord, asString, has, type Raw } from './rawAccess.js';
import { quote } from './quote.js';
import { canonicalRequirementId } from './requirementId.js';
import { didYouMean } from './suggest.js';

const DATE_FORM = /^\d{4}-\d{2}-\d{2}$/;

function checkSubject(ctx: CheckContext, w: Raw, pointer: string, name: string): string {
  const asset = asString(w.asset);
  const zone = asString(w.zone);
  if (has(w, 'asset') && has(w, 'zone')) {
    ctx.issues.add('OTPC207', joinPointer(pointer, 'zone'), `${name} names both an asset and a zone; a waiver covers one asset or one zone`, { at: 'key' });
  } else if (!has(w, 'asset') && !has(w, 'zone')) {
    ctx.issues.add('OTPC202', joinPointer(pointer, 'asset'), `${name} is missing the required key "asset" (or "zone")`, { at: 'key' });
  }
  if (asset !== undefined && !ctx.index.assetZone.has(asset)) {
    ctx.issues.add('OTPC501', joinPointer(pointer, 'asset'), `${name} names the unknown asset ${quote(asset)}${didYouMean(asset, ctx.index.assetZone.keys())}`);
  }
  if (zone !== undefined && !ctx.index.zones.has(zone)) {
    ctx.issues.add('OTPC501', joinPointer(pointer, 'zone'), `${name} names the unknown zone ${quote(zone)}${didYouMean(zone, ctx.index.zones)}`);
  }
  return asset !== undefined ? `asset "${asset}"` : zone !== undefined ? `zone "${zone}"` : 'no subject';
}

function checkRequirement(ctx: CheckContext, w: Raw, pointer: string, name: string): string | undefined {
  const text = asString(w.requirement);
  if (text === undefined) return undefined;
  const at = joinPointer(pointer, 'requirement');
  const id = canonicalRequirementId(text);
  if (id === undefined) {
    ctx.issues.add('OTPC502', at, `${name}: ${quote(text)} is not a requirement id (write it as "SR 1.1" or "SR 1.1 RE 1")`);
  } else if (!ctx.catalogs.requirements.has(id)) {
    ctx.issues.add('OTPC502', at, `${name} names the unknown requirement "${id}"${didYouMean(id, ctx.catalogs.requirements.keys())}`);
  }
  return id;
}

/**
 * Expiry: valid through the end of the day, UTC (DESIGN "Policy file format"),
 * so a waiver expiring today is still valid; expired waivers are errors in CI.
 */
function checkExpiry(ctx: CheckContext, w: Raw, pointer: string, what: string): void {
  const expires = asString(w.expires);
  if (expires === undefined || !DATE_FORM.test(expires)) return;
  const at = joinPointer(pointer, 'expires');
  if (!isCalendarDate(expires)) {
    ctx.issues.add('OTPC506', at, `${what}: expiry date ${quote(expires)} is not a calendar date`);
    return;
  }
  const days = daysBetween(ctx.today, expires);
  if (days < 0) {
    ctx.issues.add('OTPC503', at, `${what} expired on ${expires} (${-days} day${days === -1 ? '' : 's'} before ${ctx.today})`);
  } else if (days <= ctx.warnExpiringDays) {
    const when = days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
    ctx.issues.add('OTPC504', at, `${what} expires on ${expires}, ${when}`);
  }
}

/** Subject (501), requirement (502), expiry (503, 504, 506) of each waiver. */
export function checkWaivers(ctx: CheckContext): void {
  if (!Array.isArray(ctx.doc.waivers)) return;
  ctx.doc.waivers.forEach((value, i) => {
    const w = asRecord(value);
    if (!w) return;
    const pointer = `/waivers/${i}`;
    const name = `waiver ${i + 1}`;
    const subject = checkSubject(ctx, w, pointer, name);
    const requirement = checkRequirement(ctx, w, pointer, name);
    // named by what it waives, not by its list position: the message is a finding's identity
    // for --baseline, and reordering the waivers must not change it
    checkExpiry(ctx, w, pointer, `the waiver of ${requirement ?? 'a requirement'} on ${subject}`);
  });
}
