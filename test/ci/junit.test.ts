import { readFileSync, writeFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xmlEscape } from '../../src/reports/xmlEscape.js';
import { runCli, tempDir } from '../cli/runCli.js';
import { PLANT_FILE, plantText } from './support.js';

const tmp = tempDir();
const d = ['--date', '2027-01-15'];
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

interface Case { name: string; classname: string; file: string; line?: string; failure?: { type: string; message: string }; skipped?: { message: string } }
interface Suite { name: string; tests: string; failures: string; skipped: string; testcase: Case[] }
interface Doc { testsuites: { name: string; tests: string; failures: string; skipped: string; testsuite: Suite[] } }

async function junit(argv: string[]): Promise<{ doc: Doc; xml: string }> {
  const out = tmp.path(`j${Math.random().toString(36).slice(2)}.xml`);
  await runCli([...argv, '-f', 'junit', '-o', out]);
  const xml = readFileSync(out, 'utf8');
  return { doc: parser.parse(xml) as Doc, xml };
}

let report: { devices: { id: string; requirements: { id: string; status: string }[] }[] };

beforeAll(async () => {
  await runCli(['report', PLANT_FILE, ...d, '-f', 'json', '-o', tmp.path('base.json'), '--fail-on', 'never']);
  report = JSON.parse(readFileSync(tmp.path('base.json'), 'utf8'));
  writeFileSync(tmp.path('grown.yaml'), plantText()
    .replace('  plc-2: {', '  plc-3: { zone: control, type: plc, address: 10.20.1.13, profile: legacy-plc }\n  plc-2: {')
    .replace('to: [plc-1, plc-2], protocol: modbus', 'to: [plc-1, plc-2, plc-3], protocol: modbus'));
});
afterAll(() => tmp.cleanup());

const count = (status: string, id?: string) => report.devices.filter((x) => !id || x.id === id)
  .reduce((n, x) => n + x.requirements.filter((r) => r.status === status).length, 0);

describe('report --format junit, parsed back', () => {
  it('one testsuite per device, one testcase per required requirement, failures are the gaps', async () => {
    const { doc } = await junit(['report', PLANT_FILE, ...d]);
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual([...report.devices.map((x) => x.id), 'site findings']);
    for (const dev of report.devices) {
      const s = suites.find((x) => x.name === dev.id)!;
      expect(s.testcase.map((c) => c.name)).toEqual(dev.requirements.map((r) => expect.stringMatching(new RegExp(`^${r.id} `))));
      expect(Number(s.tests)).toBe(dev.requirements.length);
      expect(s.testcase.filter((c) => c.failure).length).toBe(count('gap', dev.id));
      expect(Number(s.failures)).toBe(count('gap', dev.id));
      expect(s.testcase.filter((c) => c.skipped).length).toBe(count('waived', dev.id));
      expect(s.testcase.every((c) => c.classname === `ci-plant.${s.testcase[0].classname.split('.')[1]}.${dev.id}` && c.file === PLANT_FILE)).toBe(true);
    }
    expect(Number(doc.testsuites.failures)).toBe(count('gap'));
    expect(Number(doc.testsuites.tests)).toBe(suites.reduce((n, s) => n + s.testcase.length, 0));
  });

  it('--fail-on partial also fails the partly met requirements; warnings fail the site suite with --fail-on warning', async () => {
    const partial = (await junit(['report', PLANT_FILE, ...d, '--fail-on', 'partial'])).doc;
    expect(Number(partial.testsuites.failures)).toBe(count('gap') + count('partial'));
    const site = (doc: Doc) => doc.testsuites.testsuite.find((s) => s.name === 'site findings')!;
    expect(Number(site(partial).failures)).toBe(0);
    const warning = (await junit(['report', PLANT_FILE, ...d, '--fail-on', 'warning'])).doc;
    expect(Number(site(warning).failures)).toBe(site(warning).testcase.length);
    expect(site(warning).testcase.some((c) => c.failure?.type === 'OTPC703')).toBe(true);
  });

  it('waived rows are skipped with their expiry', async () => {
    const { doc } = await junit(['report', PLANT_FILE, ...d]);
    const plc1 = doc.testsuites.testsuite.find((s) => s.name === 'plc-1')!;
    const skipped = plc1.testcase.filter((c) => c.skipped);
    expect(skipped.map((c) => c.name.split(' ').slice(0, 2).join(' ')).sort()).toEqual(['SR 1.1', 'SR 2.8']);
    expect(skipped.find((c) => c.name.startsWith('SR 1.1 '))!.skipped!.message).toContain('waived until 2027-03-31');
  });

  it('with --baseline only new findings fail; known gaps are skipped as unchanged', async () => {
    const { doc } = await junit(['report', tmp.path('grown.yaml'), ...d, '--baseline', tmp.path('base.json')]);
    const failed = doc.testsuites.testsuite.filter((s) => Number(s.failures) > 0).map((s) => s.name);
    expect(failed).toEqual(['plc-3']);
    const plc1 = doc.testsuites.testsuite.find((s) => s.name === 'plc-1')!;
    expect(plc1.testcase.filter((c) => c.skipped?.message.includes('unchanged since the baseline')).length).toBe(count('gap', 'plc-1'));
  });

  it('escapes the site name and free text, and the parser reads them back unchanged', async () => {
    const { doc, xml } = await junit(['report', PLANT_FILE, ...d]);
    expect(xml).toContain('<?xml version="1.0" encoding="UTF-8"?>');
    expect(doc.testsuites.name).toBe('otpc report ci-plant 2027-01-15');
    const plc1 = doc.testsuites.testsuite.find((s) => s.name === 'plc-1')!;
    const sr11 = plc1.testcase.find((c) => c.name.startsWith('SR 1.1 '))!;
    expect(sr11.skipped!.message).toContain('100% sure, "quoted", a:b,c');
  });
});

describe('validate --format junit', () => {
  it('one testsuite per file; a valid file passes, each error fails', async () => {
    writeFileSync(tmp.path('bad.yaml'), plantText().replace('protocol: tcp/2222', 'protocol: tcp/99999'));
    const { doc } = await junit(['validate', PLANT_FILE, tmp.path('bad.yaml'), ...d]);
    const [good, bad] = doc.testsuites.testsuite;
    expect(good.name).toBe(PLANT_FILE);
    expect(Number(good.failures)).toBe(0);
    expect(Number(bad.failures)).toBeGreaterThan(0);
    expect(bad.testcase.some((c) => c.failure?.type === 'OTPC406')).toBe(true);
  });
});

describe('xmlEscape', () => {
  it.each([
    ['a<b>&"c\'', 'a&lt;b&gt;&amp;&quot;c&apos;'],
    ['line1\nline2\tx\r', 'line1&#10;line2&#9;x&#13;'],
    ['nul\u0000 bell\u0007 ok', 'nul\uFFFD bell\uFFFD ok'],
    ['lone \uD800 surrogate, pair \uD83D\uDE00', 'lone \uFFFD surrogate, pair \uD83D\uDE00'],
  ])('%j', (input, want) => {
    expect(xmlEscape(input)).toBe(want);
    const back = parser.parse(`<x a="${xmlEscape(input)}"/>`).x.a as string;
    expect(back).toBe(want.includes('\uFFFD') ? input.replace(/[\u0000-\u0008]|\uD800(?!\uDE00)/g, '\uFFFD') : input);
  });
});
