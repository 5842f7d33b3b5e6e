import { formatDiffJson } from './formatDiffJson.js';
import { formatDiffMarkdown } from './formatDiffMarkdown.js';
import type { PolicyDiff } from './types.js';

/** Output formats of `otpc diff`, as a typed registry (STYLE 5). */
export const diffFormatters: Record<string, (d: PolicyDiff) => string> = {
  markdown: formatDiffMarkdown,
  json: formatDiffJson,
};
