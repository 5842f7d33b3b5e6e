import { describe, expect, it } from 'vitest';
import { ciscoAsaBackend } from '../../../src/backends/cisco-asa/index.js';
import { backendFor } from '../../../src/backends/registry.js';
import { FIXTURES, NO_NETS, asaContext, riverside, riversideMixed } from './fixtures.js';
import { unmatchedLines } from './lineShapes.js';

/**
 * Golden files for the hand-built fixtures (regenerate with `npx vitest run
 * test/backends/cisco-asa -u` and review the diff). Each golden holds the rendered
 * configuration followed by the diagnostics, one per line.
 */
function golden(text: string, diagnostics: { code: string; severity: string; pointer?: string; message: string }[]): string {
  const diags = diagnostics.map((d) => `# ${d.severity} ${d.code} ${d.pointer ?? ''}: ${d.message}`).join('\n');
  return `${text}${diags === '' ? '' : `\n${diags}\n`}`;
}

describe('cisco-asa golden files', () => {
  it('is registered as cisco-asa with extension txt', () => {
    expect(backendFor('cisco-asa')).toBe(ciscoAsaBackend);
    expect(ciscoAsaBackend.extension).toBe('txt');
  });

  it.each(FIXTURES)('%s', async (name, make) => {
    const r = ciscoAsaBackend.render(make(), asaContext());
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await expect(golden(r.text, r.diagnostics)).toMatchFileSnapshot(`golden/${name}.txt`);
  });

  it('the zone networks come from the zone bindings: the same text whether or not the IR carries zone objects', () => {
    for (const phase of ['enforce', 'monitor'] as const) {
      expect(ciscoAsaBackend.render(riverside(phase, { zoneObjects: true }), asaContext()).text).toBe(ciscoAsaBackend.render(riverside(phase), asaContext()).text);
    }
  });

  it.each(FIXTURES)('%s: LF only, one trailing newline, every line an allowed shape, deterministic', (_name, make) => {
    const a = ciscoAsaBackend.render(make(), asaContext()).text;
    const b = ciscoAsaBackend.render(make(), asaContext()).text;
    expect(a).toBe(b);
    expect(a).not.toMatch(/\r/);
    expect(a.endsWith('\n') && !a.endsWith('\n\n')).toBe(true);
    expect(unmatchedLines(a)).toEqual([]);
  });

  it('a mixed rollout enforcing a boundary towards a zone without networks is refused (OTPC705)', async () => {
    const r = ciscoAsaBackend.render(riversideMixed(NO_NETS), asaContext());
    expect(r.text).toBe('');
    expect([...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))]).toEqual(['OTPC705']);
    await expect(golden(r.text, r.diagnostics)).toMatchFileSnapshot('golden/riverside-mixed-no-zone-nets.txt');
  });
});
