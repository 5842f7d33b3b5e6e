import { codeInfo } from '../diagnostics/codes.js';
import { diagnosticFails } from './validationRun.js';
import type { ValidationRun } from './validationRun.js';
import { xmlAttrs, xmlEscape } from './xmlEscape.js';

/**
 * `otpc validate --format junit`: one testsuite per policy file; a valid file is one
 * passing testcase, otherwise one testcase per diagnostic, failed when it fails
 * validate's --fail-on (errors; warnings too with --fail-on warning).
 */
export function formatDiagnosticsJunit(run: ValidationRun): string {
  let tests = 0;
  let failures = 0;
  const suites = run.files.map((f) => {
    const cases = f.diagnostics.length === 0
      ? [`    <testcase${xmlAttrs({ classname: 'otpc.validate', name: `${f.file} is valid`, file: f.file })}/>`]
      : f.diagnostics.map((d) => {
        const info = codeInfo(d.code);
        const where = d.range ? `${f.file}:${d.range.start.line}:${d.range.start.col}` : f.file;
        const text = `${where}: ${d.severity} ${d.code}: ${d.message}${(d.hint ?? info?.hint) ? `\nhint: ${d.hint ?? info?.hint}` : ''}`;
        const attrs = xmlAttrs({ classname: 'otpc.validate', name: `${d.code} ${d.message}`, file: f.file, line: d.range?.start.line });
        if (!diagnosticFails(d, run.failOn)) return `    <testcase${attrs}>\n      <system-out>${xmlEscape(text, false)}</system-out>\n    </testcase>`;
        return `    <testcase${attrs}>\n      <failure${xmlAttrs({ type: d.code, message: d.message })}>${xmlEscape(text, false)}</failure>\n    </testcase>`;
      });
    const failed = f.diagnostics.filter((d) => diagnosticFails(d, run.failOn)).length;
    tests += cases.length;
    failures += failed;
    return [`  <testsuite${xmlAttrs({ name: f.file, tests: cases.length, failures: failed, errors: 0, skipped: 0 })}>`, ...cases, '  </testsuite>'];
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${xmlAttrs({ name: 'otpc validate', tests, failures, errors: 0, skipped: 0 })}>`, ...suites.flat(), '</testsuites>', ''].join('\n');
}
