import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compilePolicy.js';
import type { CompileOptions } from '../../src/compilePolicy.js';
import { optimize } from '../../src/optimize/optimize.js';
import { formatters } from '../../src/reports/registry.js';
import type { ReportContext } from '../../src/reports/types.js';
import { EXAMPLES, analyseExample } from './exampleFiles.js';

/**
 * Golden files of the bundled examples through the real pipeline (load, validate,
 * model, place, assess, rule IR, render): for every examples/*.yaml (new examples are
 * picked up by the glob), in enforce and monitor, every rendered configuration and
 * trace.json, and the Markdown and JSON gap reports. "Today" is fixed so waiver expiry
 * and report dates do not move. Regenerate with `npm run test:golden:update` and read
 * the diff as a reviewer of the firewall change would.
 *
 * Configurations are compiled as `otpc compile` does by default (optimised); the
 * `enforce-no-optimize` variant is the one-rule-per-flow form `--no-optimize` gives auditors.
 *
 * Layout: examples/<example>/<variant>/<file> and examples/<example>/report.{md,json}.
 */
const VARIANTS: Record<string, CompileOptions> = {
  enforce: { target: 'all', phase: 'enforce', optimize },
  monitor: { target: 'all', phase: 'monitor', optimize },
  'enforce-no-optimize': { target: 'all', phase: 'enforce' },
};

/** Files in a golden folder that the pipeline no longer produces (an enforcement point renamed or removed). */
function stale(dir: URL, produced: string[]): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => !produced.includes(f)).sort() : [];
}

it('finds the bundled examples', () => {
  expect(EXAMPLES.length).toBeGreaterThanOrEqual(3);
});

describe.each(EXAMPLES)('%s', (file) => {
  const name = file.replace(/\.yaml$/, '');

  it.each(Object.keys(VARIANTS))('%s: every rendered configuration and trace.json', async (variant) => {
    const a = analyseExample(file);
    const out = compilePolicy(a, VARIANTS[variant]);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const paths = out.files.map((f) => f.path);
    // One file per enforcement point (DIR/<id>.<ext>) and trace.json.
    expect(paths.length).toBe(a.model.enforcement.size + 1);
    expect(paths).toContain('trace.json');
    for (const f of out.files) {
      expect(f.content.endsWith('\n') && !f.content.includes('\r')).toBe(true);
      await expect(f.content).toMatchFileSnapshot(`examples/${name}/${variant}/${f.path}`);
    }
    expect(stale(new URL(`examples/${name}/${variant}/`, import.meta.url), paths), 'stale golden files: delete them').toEqual([]);
    // Byte for byte the same on a second run.
    expect(compilePolicy(analyseExample(file), VARIANTS[variant]).files).toEqual(out.files);
  });

  it('the Markdown and JSON gap reports', async () => {
    const a = analyseExample(file);
    const ctx: ReportContext = { model: a.model, catalogs: a.catalogs, placement: a.placement, file: `examples/${file}` };
    await expect(await formatters.markdown(a.assessment, ctx)).toMatchFileSnapshot(`examples/${name}/report.md`);
    await expect(await formatters.json(a.assessment, ctx)).toMatchFileSnapshot(`examples/${name}/report.json`);
  });
});
