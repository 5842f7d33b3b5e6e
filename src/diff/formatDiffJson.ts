import type { PolicyDiff } from './types.js';

export const DIFF_FORMAT_VERSION = 1;

/** `otpc diff --format json`: the whole PolicyDiff, with a format version first. */
export function formatDiffJson(d: PolicyDiff): string {
  return `${JSON.stringify({ otpcDiff: DIFF_FORMAT_VERSION, ...d }, null, 2)}\n`;
}
