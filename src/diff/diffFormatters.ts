import { formatDiffJson } from './formatDiffJson.js';
import { formatDiffMarkdown } from './formatDiffMarkdown.js';
import type { DiffMarkdownOptions } from './formatDiffMarkdown.js';
import type { PolicyDiff } from './types.js';

/** Options of the output formats (each format reads the ones it knows). */
export type DiffFormatOptions = DiffMarkdownOptions;

/** Output formats of `otpc diff`, as a typed registry (STYLE 5). */
export const diffFormatters: Record<string, (d: PolicyDiff, options?: DiffFormatOptions) => string> = {
  markdown: formatDiffMarkdown,
  json: formatDiffJson,
};
