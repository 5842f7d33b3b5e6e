import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/assess/types.js';
import { reportChunks } from '../../src/reports/reportChunks.js';
import { formatters } from '../../src/reports/registry.js';
import { SharedText } from '../../src/reports/sharedText.js';
import { toReportJson } from '../../src/reports/toReportJson.js';
import type { ReportContext } from '../../src/reports/types.js';
import { generatePlant } from '../../bench/generatePlant.js';
import { analyze, reportContext } from '../ci/support.js';
import { analyseExample, EXAMPLES } from '../golden/exampleFiles.js';

/**
 * The CLI writes json, markdown, sarif, junit and codequality reports chunk by chunk
 * (src/cli/io.ts); the chunks must be the formatter's text exactly, and small: about one
 * device (or one finding) each, so a 10,000-asset report is never held whole.
 */
async function collect(chunks: Iterable<string> | AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

const CHUNKED = Object.entries(formatters).filter(([, f]) => f.chunks).map(([name]) => name).sort();

function exampleCtx(file: string): { a: Assessment; ctx: ReportContext } {
  const x = analyseExample(file);
  return { a: x.assessment, ctx: { model: x.model, catalogs: x.catalogs, placement: x.placement, file: `examples/${file}` } };
}

describe('report chunks', () => {
  it('json, markdown, sarif, junit and codequality are produced in chunks', () => {
    expect(CHUNKED).toEqual(['codequality', 'json', 'junit', 'markdown', 'sarif']);
  });

  describe.each(EXAMPLES)('%s', (file) => {
    it.each(Object.keys(formatters).filter((f) => f !== 'html'))('%s: the chunks are the formatter\'s text', async (format) => {
      const { a, ctx } = exampleCtx(file);
      const whole = await formatters[format](a, ctx);
      expect((await collect(reportChunks(formatters[format], a, ctx))).join('')).toBe(whole);
    });

    it('json: the streamed text is JSON.stringify of the report document', () => {
      const { a, ctx } = exampleCtx(file);
      expect(formatters.json(a, ctx)).toBe(`${JSON.stringify(toReportJson(a, ctx), null, 2)}\n`);
    });
  });

  it('a generated plant: chunks of one device each, and the same text as the whole report', async () => {
    const text = generatePlant(100).text;
    const x = analyze(text, 'plant-100.yaml', '2026-11-25');
    const ctx = reportContext(x);
    for (const format of CHUNKED) {
      const chunks = await collect(reportChunks(formatters[format], x.assessment, ctx));
      const whole = chunks.join('');
      expect(whole, format).toBe(await formatters[format](x.assessment, ctx));
      expect(chunks.length, format).toBeGreaterThan(x.assessment.devices.length);
      // the head of the report (zones, diagram) aside, no chunk is a large part of the report
      expect(Math.max(...chunks.slice(1).map((c) => c.length)), format).toBeLessThan(whole.length / 20);
    }
  });

  it('the formatter is called when the chunks are asked for, and its failure surfaces there', () => {
    const failing = () => { throw new Error('formatter exploded'); };
    expect(() => reportChunks(failing, {} as Assessment, {} as ReportContext)).toThrow('formatter exploded');
  });
});

describe('SharedText', () => {
  it('formats a row listed several times once, a row listed once when met, and gives each listing its text', () => {
    const shared = { id: 'shared' };
    const own = { id: 'own' };
    const calls: string[] = [];
    const texts = new SharedText([[shared, own], [shared], [shared]], (r) => { calls.push(r.id); return `<${r.id}>`; });
    expect([texts.text(shared), texts.text(own), texts.text(shared), texts.text(shared)]).toEqual(['<shared>', '<own>', '<shared>', '<shared>']);
    expect(calls).toEqual(['shared', 'own']);
  });

  it('a row asked for more often than listed is formatted again, never wrong', () => {
    const row = { id: 'r' };
    const texts = new SharedText([[row]], (r) => r.id);
    expect([texts.text(row), texts.text(row)]).toEqual(['r', 'r']);
  });
});
