import { formatJson } from './toReportJson.js';
import { formatMarkdown } from './markdown.js';
import { formatCodequality } from './codequality.js';
import { formatGithub } from './github.js';
import { formatHtml } from './html/formatHtml.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import type { Formatter } from './types.js';

/** Report formats as values in a typed registry (STYLE 5); the CLI takes --format choices from the keys. */
export const formatters: Record<string, Formatter> = {
  json: formatJson,
  markdown: formatMarkdown,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  codequality: formatCodequality,
  html: formatHtml,
};
