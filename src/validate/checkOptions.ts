import { joinPointer } from '../diagnostics/sourceMap.js';
import { isCalendarDate } from './calendarDate.js';
import type { CheckContext } from './checkContext.js';
import { PATTERN_HINTS } from './mapAjvErrors.js';
import { asRecord, asString, entriesOf } from './rawAccess.js';
import { quote } from './quote.js';
import { canonicalRequirementId } from './requirementId.js';
import { didYouMean } from './suggest.js';

/**
 * options.requirement-levels: a site may choose another level only for the
 * catalogue rows whose level is disputed (those with `alternatives`).
 */
function checkRequirementLevels(ctx: CheckContext, value: unknown): void {
  const seen = new Map<string, string>();
  for (const { key, value: level, pointer } of entriesOf(value, '/options/requirement-levels')) {
    const id = canonicalRequirementId(key);
    const twice = id === undefined ? undefined : seen.get(id);
    if (id !== undefined && twice !== undefined) {
      ctx.issues.add('OTPC318', pointer, `options.requirement-levels gives "${id}" twice (as ${quote(twice)} and ${quote(key)})`, { at: 'key' });
      continue;
    }
    if (id !== undefined) seen.set(id, key);
    const row = id === undefined ? undefined : ctx.catalogs.requirements.get(id);
    if (!row || id === undefined) {
      const known = ctx.catalogs.requirements.keys();
      ctx.issues.add('OTPC319', pointer, `options.requirement-levels names the unknown requirement ${quote(key)}${didYouMean(id ?? key, known)}`, { at: 'key' });
      continue;
    }
    const allowed = [row.level, ...(row.alternatives ?? [])].sort((a, b) => a - b);
    if (!row.alternatives || row.alternatives.length === 0) {
      ctx.issues.add('OTPC318', pointer, `requirement "${id}" has no alternative levels (its level is ${row.level}); only disputed rows can be overridden`, { at: 'key' });
    } else if (typeof level === 'number' && Number.isInteger(level) && !allowed.includes(level)) {
      ctx.issues.add('OTPC318', pointer, `level ${level} is not available for requirement "${id}"; choose ${allowed.join(' or ')}`);
    }
  }
}

/** Options (318, 319) and the rollout baseline date. */
export function checkOptions(ctx: CheckContext): void {
  const options = asRecord(ctx.doc.options);
  if (options) checkRequirementLevels(ctx, options['requirement-levels']);
  const start = asString(asRecord(ctx.doc.rollout)?.['baseline-start']);
  if (start !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(start) && !isCalendarDate(start)) {
    ctx.issues.add('OTPC207', joinPointer('/rollout', 'baseline-start'), `rollout.baseline-start ${quote(start)} is not a calendar date`, { hint: `${PATTERN_HINTS.date.slice(0, -1)}; that day must exist.` });
  }
}
