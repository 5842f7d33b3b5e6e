import { formatJson } from './toReportJson.js';
import { formatMarkdown } from './markdown.js';
import type { Formatter } from './types.js';

/** Report formats as values in a typed registry (STYLE 5); the CLI takes --format choices from the keys. */
export const formatters: Record<string, Formatter> = {
  json: formatJson,
  markdown: formatMarkdown,
};
