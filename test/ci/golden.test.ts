import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/baselineReport/compareWithBaseline.js';
import { readBaselineReport } from '../../src/baselineReport/readBaselineReport.js';
import { formatDiagnosticsGithub } from '../../src/reports/diagnosticsGithub.js';
import { formatDiagnosticsJson } from '../../src/reports/diagnosticsJson.js';
import { formatDiagnosticsJunit } from '../../src/reports/diagnosticsJunit.js';
import { formatDiagnosticsMarkdown } from '../../src/reports/diagnosticsMarkdown.js';
import { formatDiagnosticsSarif } from '../../src/reports/diagnosticsSarif.js';
import { findingsOf } from '../../src/reports/findingsOf.js';
import { formatters } from '../../src/reports/registry.js';
import { formatJson } from '../../src/reports/toReportJson.js';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { resolveDiagnostics, sortDiagnostics } from '../../src/diagnostics/format.js';
import { analyze, PLANT_FILE, plantText, reportContext } from './support.js';

/**
 * Golden outputs of the CI formats for the test plant (npm run test:golden:update
 * regenerates them; read the diff). No tool version in them, so they only change
 * when the output does.
 */
const grownText = () => plantText()
  .replace('  plc-2: {', '  plc-3: { zone: control, type: plc, address: 10.20.1.13, profile: legacy-plc }\n  plc-2: {')
  .replace('to: [plc-1, plc-2], protocol: modbus', 'to: [plc-1, plc-2, plc-3], protocol: modbus');

describe('golden report outputs', () => {
  const a = analyze(plantText(), PLANT_FILE);
  it.each([
    ['sarif', 'plant.sarif.json'],
    ['junit', 'plant.junit.xml'],
    ['github', 'plant.github.txt'],
  ])('%s', async (format, file) => {
    const text = await formatters[format](a.assessment, reportContext(a));
    await expect(text).toMatchFileSnapshot(`golden/${file}`);
  });

  it('with a baseline: GitHub annotations, the JSON and Markdown baseline sections', async () => {
    const base = readBaselineReport(formatJson(a.assessment, reportContext(a)), 'base.json', 'ci-plant');
    const g = analyze(grownText(), PLANT_FILE);
    const baseline = compareWithBaseline(findingsOf(g.assessment, g.catalogs), base.baseline!);
    const ctx = reportContext(g, { baseline });
    await expect(await formatters.github(g.assessment, ctx)).toMatchFileSnapshot('golden/grown-baseline.github.txt');
    const json = JSON.parse(await formatters.json(g.assessment, ctx));
    await expect(`${JSON.stringify({ ...json.baseline, unchanged: `${json.baseline.unchanged.length} ids` }, null, 2)}\n`).toMatchFileSnapshot('golden/grown-baseline.json');
    const md = await formatters.markdown(g.assessment, ctx);
    const section = md.slice(md.indexOf('## Changes since the baseline'), md.indexOf('\n## ', md.indexOf('## Changes since the baseline') + 1) + 1);
    await expect(section).toMatchFileSnapshot('golden/grown-baseline.md');
  });
});

describe('golden validate outputs', () => {
  const broken = plantText().replace('zone: control, type: plc, address: 10.20.1.11', 'zone: contrl, type: plc, address: 10.20.1.11').replace('expires: 2027-03-31', 'expires: 2027-02-01');
  const a = analyzePolicy({ text: broken, file: 'broken.yaml', today: '2027-01-15' });
  const run = { files: [{ file: 'broken.yaml', diagnostics: sortDiagnostics(resolveDiagnostics(a.diagnostics, a.sourceMap!)) }], failOn: 'error' as const };
  it.each([
    ['sarif', formatDiagnosticsSarif, 'broken.validate.sarif.json'],
    ['junit', formatDiagnosticsJunit, 'broken.validate.junit.xml'],
    ['github', formatDiagnosticsGithub, 'broken.validate.github.txt'],
    ['json', formatDiagnosticsJson, 'broken.validate.json'],
    ['markdown', formatDiagnosticsMarkdown, 'broken.validate.md'],
  ])('%s', async (_f, format, file) => {
    await expect(format(run)).toMatchFileSnapshot(`golden/${file}`);
  });
});
