import { compareRequirementIds } from '../catalog/compareRequirementIds.js';

/**
 * Requirement ids sorted in natural order ("SR 1.2" < "SR 1.2 RE 1" < "SR 1.10"),
 * without duplicates: the order the catalogue and the reports use, so rule
 * comments, trace.json and the assessment list SRs alike.
 */
export function sortRequirementIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareRequirementIds);
}
