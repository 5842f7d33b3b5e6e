import { formatDiagnosticsGithub } from './diagnosticsGithub.js';
import { formatDiagnosticsJson } from './diagnosticsJson.js';
import { formatDiagnosticsJunit } from './diagnosticsJunit.js';
import { formatDiagnosticsMarkdown } from './diagnosticsMarkdown.js';
import { formatDiagnosticsSarif } from './diagnosticsSarif.js';
import type { ValidationRun } from './validationRun.js';

export type { ValidationRun } from './validationRun.js';
export { diagnosticFails } from './validationRun.js';

export type DiagnosticFormatter = (run: ValidationRun) => string;

/** Machine formats of `otpc validate` (the same names as the report formats). */
export const diagnosticFormatters: Record<string, DiagnosticFormatter> = {
  json: formatDiagnosticsJson,
  markdown: formatDiagnosticsMarkdown,
  sarif: formatDiagnosticsSarif,
  junit: formatDiagnosticsJunit,
  github: formatDiagnosticsGithub,
};
