import type { BaselineComparison, BaselineEntry } from '../baselineReport/types.js';
import type { ReportFinding } from './findingsOf.js';

function item(f: ReportFinding | BaselineEntry) {
  if (f.kind === 'requirement') {
    const status = 'level' in f ? f.level : f.status;
    return { id: f.id, device: f.device, requirement: f.requirement, status };
  }
  const severity = 'level' in f ? f.level : f.severity;
  return { id: f.id, code: f.code, severity, message: f.message };
}

/**
 * The `baseline` section of the JSON report (--baseline): the baseline's site and
 * date, the counts, the new and resolved findings in full and the unchanged ones
 * by id. Never the baseline's path (no paths in artifacts).
 */
export function baselineJson(b: BaselineComparison) {
  return {
    site: b.site.id,
    date: b.date,
    summary: { new: b.new.length, unchanged: b.unchanged.length, resolved: b.resolved.length },
    new: b.new.map(item),
    resolved: b.resolved.map(item),
    unchanged: b.unchanged.map((f) => f.id),
  };
}
