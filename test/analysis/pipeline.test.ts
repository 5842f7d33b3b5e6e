import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { formatters } from '../../src/reports/registry.js';
import { runCli, tempDir } from '../cli/runCli.js';
import { analyseExample, EXAMPLES } from '../golden/exampleFiles.js';
import { conduit, site } from './sitePolicy.js';

/**
 * The analysis findings travel with the assessment (analyzePolicy appends them), so
 * every report format and the compile command show them.
 */
const doc = site({
  c: { ...conduit('enterprise', 'supervisory', { from: 'ent-pc', to: 'ws-1', protocol: 'https' }, { from: 'ent-pc', to: 'hmi-1', protocol: 'tcp/1-65535', accept: [{ code: 'OTPC754', reason: 'Licence server, random ports' }] }) },
});

describe('analysis findings in the pipeline', () => {
  const a = analyzePolicy({ text: stringify(doc), file: 'site.yaml', today: '2026-06-01' });

  it('analyzePolicy appends them after the assessment findings, sorted', () => {
    const codes = a.assessment!.findings.map((f) => f.code).filter((c) => c >= 'OTPC751');
    expect(codes).toEqual(['OTPC754', 'OTPC755', 'OTPC755', 'OTPC756']);
  });

  it.each(Object.keys(formatters).sort())('report format %s shows them', async (format) => {
    const ctx = { model: a.model!, catalogs: a.catalogs!, placement: a.placement!, file: 'site.yaml' };
    const text = await formatters[format](a.assessment!, ctx);
    expect(text).toContain('OTPC756');
    expect(text).toContain('OTPC755');
  });

  it('report JSON and Markdown carry the accepted reason', async () => {
    const ctx = { model: a.model!, catalogs: a.catalogs!, placement: a.placement!, file: 'site.yaml' };
    for (const format of ['json', 'markdown']) expect(await formatters[format](a.assessment!, ctx)).toContain('accepted: Licence server, random ports');
  });

  it('otpc report and otpc compile print them, located', async () => {
    const t = tempDir();
    try {
      writeFileSync(t.path('site.yaml'), stringify(doc));
      const report = await runCli(['report', t.path('site.yaml'), '--date', '2026-06-01', '--fail-on', 'never']);
      expect(report.code).toBe(0);
      expect(report.stderr).toMatch(/site\.yaml:\d+:\d+: warning OTPC756: conduit c joins enterprise/);
      const compile = await runCli(['compile', t.path('site.yaml'), '-o', t.path('out'), '--date', '2026-06-01']);
      expect(compile.code).toBe(0);
      expect(compile.stderr).toMatch(/site\.yaml:\d+:\d+: warning OTPC755: flow c: ent-pc -> ws-1 https/);
    } finally {
      t.cleanup();
    }
  });
});

describe.each(EXAMPLES)('bundled example %s', (file) => {
  it('DMZ (Purdue 3.5) <-> level 2 conduits are normal architecture: no OTPC756 for them', () => {
    const a = analyseExample(file);
    const flagged = new Set(a.assessment.findings.filter((f) => f.code === 'OTPC756').map((f) => f.pointer));
    const dmzToTwo = [...a.model.conduits.values()].filter((c) => c.zones.map((z) => a.model.zones.get(z)!.purdue).sort().join() === '2,3.5');
    for (const c of dmzToTwo) expect(flagged.has(c.pointer)).toBe(false);
  });
});

it('the examples do have DMZ <-> level 2 conduits (the check above is not vacuous)', () => {
  const n = EXAMPLES.map(analyseExample).flatMap((a) => [...a.model.conduits.values()]
    .filter((c) => c.zones.map((z) => a.model.zones.get(z)!.purdue).sort().join() === '2,3.5')).length;
  expect(n).toBeGreaterThan(0);
});
