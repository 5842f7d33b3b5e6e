import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { runCli, tempDir } from '../cli/runCli.js';
import { PLANT_FILE, plantText } from './support.js';

/**
 * Waivers end to end: valid through the end of their expiry day in UTC (the day
 * itself valid, the next day an error naming the waiver's line), a warning within
 * --warn-expiring days, and listed with their expiry in every report format.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const statusOf = (today: string) => {
  const a = analyzePolicy({ text: plantText(), file: PLANT_FILE, today });
  const row = a.assessment?.devices.find((x) => x.id === 'plc-1')?.requirements.find((r) => r.id === 'SR 1.1');
  return { row, diagnostics: a.diagnostics.map((x) => `${x.code}@${x.range?.start.line ?? x.pointer}`) };
};

describe('the UTC day boundary (waiver 1 expires 2027-03-31)', () => {
  it.each([
    ['2027-02-28', 'waived', [] as string[]],
    ['2027-03-01', 'waived', ['OTPC504@53']],
    ['2027-03-31', 'waived', ['OTPC504@53']],
  ])('library: on %s the row is %s', (today, status, diags) => {
    const { row, diagnostics } = statusOf(today);
    expect(row?.status).toBe(status);
    expect(row?.waiver?.expires).toBe('2027-03-31');
    expect(diagnostics.filter((x) => x.startsWith('OTPC50'))).toEqual(diags);
  });

  it('library: on 2027-04-01 the waiver is an error at its expires line and nothing is assessed', () => {
    const a = analyzePolicy({ text: plantText(), file: PLANT_FILE, today: '2027-04-01' });
    expect(a.assessment).toBeUndefined();
    expect(a.diagnostics.filter((x) => x.severity === 'error').map((x) => `${x.code}@${x.range?.start.line}:${x.range?.start.col}`)).toEqual(['OTPC503@53:14']);
  });

  it.each([
    ['2027-03-31', 1, ['warning OTPC504', 'expires on 2027-03-31, today']],
    ['2027-04-01', 2, [`${PLANT_FILE}:53:14: error OTPC503: the waiver of SR 1.1 on asset "plc-1" expired on 2027-03-31 (1 day before 2027-04-01)`]],
  ])('CLI: report --date %s exits %d', async (date, code, stderr) => {
    const r = await runCli(['report', PLANT_FILE, '--date', date, '-f', 'json']);
    expect(r.code).toBe(code);
    for (const s of stderr) expect(r.stderr).toContain(s);
    if (code === 1) expect(JSON.parse(r.stdout).devices.find((x: { id: string }) => x.id === 'plc-1').requirements.find((x: { id: string }) => x.id === 'SR 1.1').status).toBe('waived');
    else expect(r.stdout).toBe('');
  });

  it.each([
    ['30', '2027-03-01', true],
    ['30', '2027-02-28', false],
    ['31', '2027-02-28', true],
    ['0', '2027-03-30', false],
    ['0', '2027-03-31', true],
  ])('--warn-expiring %s on %s warns: %s', async (days, date, warns) => {
    const r = await runCli(['validate', PLANT_FILE, '--date', date, '--warn-expiring', days, '--fail-on', 'warning']);
    expect(r.code).toBe(warns ? 1 : 0);
    expect(r.stderr.includes('warning OTPC504')).toBe(warns);
  });
});

describe('every report format lists the waivers with their expiry', () => {
  const formats = ['json', 'markdown', 'sarif', 'junit', 'github', 'codequality'] as const;
  it.each(formats)('%s', async (format) => {
    const out = tmp.path(`w.${format}`);
    const r = await runCli(['report', PLANT_FILE, '--date', '2027-01-15', '-f', format, '-o', out, '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    switch (format) {
      case 'json':
        expect(JSON.parse(text).waivers.map((w: { expires: string }) => w.expires)).toEqual(['2027-03-31', '2027-12-31']);
        break;
      case 'markdown':
        expect(text).toMatch(/\| asset plc-1 \| SR 1\.1 \| 2027-03-31 \|/);
        expect(text).toMatch(/\| zone control \| SR 2\.8 \| 2027-12-31 \|/);
        expect(text).toContain('valid through the end of its expiry day (UTC)');
        break;
      case 'sarif':
        expect(JSON.parse(text).runs[0].properties.waivers.map((w: { expires: string }) => w.expires)).toEqual(['2027-03-31', '2027-12-31']);
        break;
      case 'junit': {
        const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text);
        const skipped = JSON.stringify(doc);
        expect(skipped).toContain('waived until 2027-03-31');
        expect(skipped).toContain('waived until 2027-12-31');
        break;
      }
      case 'github':
        expect(text).toContain('::notice file=test/cli/fixtures/plant.yaml,line=49,');
        expect(text).toContain('title=otpc%3A waiver SR 1.1 on asset plc-1 until 2027-03-31');
        expect(text).toContain('title=otpc%3A waiver SR 2.8 on zone control until 2027-12-31');
        break;
      case 'codequality':
        expect(text).toContain('waived until 2027-03-31');
        break;
    }
  });
});
