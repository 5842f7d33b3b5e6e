import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactUri } from '../../src/reports/artifactUri.js';
import { runCli, tempDir } from '../cli/runCli.js';
import { PLANT_FILE, plantText, sarifErrors, shufflePolicy } from './support.js';

const tmp = tempDir();
const d = ['--date', '2027-01-15'];
type Log = { runs: { tool: { driver: { rules: { id: string }[] } }; results: Result[]; properties: Record<string, unknown>; artifacts: unknown[] }[] };
type Result = {
  ruleId: string; ruleIndex: number; level: string; kind?: string; baselineState?: string; message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } } }[];
  partialFingerprints: Record<string, string>; suppressions?: { kind: string; status: string; justification: string }[];
  properties: Record<string, unknown>;
};

async function sarif(argv: string[]): Promise<Log> {
  const out = tmp.path(`r${Math.random().toString(36).slice(2)}.sarif`);
  const r = await runCli([...argv, '-f', 'sarif', '-o', out]);
  expect([0, 1, 2]).toContain(r.code);
  return JSON.parse(readFileSync(out, 'utf8')) as Log;
}

const lines = plantText().split('\n');
let plain: Log;

beforeAll(async () => {
  writeFileSync(tmp.path('grown.yaml'), plantText()
    .replace('  plc-2: {', '  plc-3: { zone: control, type: plc, address: 10.20.1.13, profile: legacy-plc }\n  plc-2: {')
    .replace('to: [plc-1, plc-2], protocol: modbus', 'to: [plc-1, plc-2, plc-3], protocol: modbus'));
  expect((await runCli(['report', PLANT_FILE, ...d, '-f', 'json', '-o', tmp.path('base.json'), '--fail-on', 'never'])).code).toBe(0);
  expect((await runCli(['report', tmp.path('grown.yaml'), ...d, '-f', 'json', '-o', tmp.path('grown.json'), '--fail-on', 'never'])).code).toBe(0);
  plain = await sarif(['report', PLANT_FILE, ...d]);
});
afterAll(() => tmp.cleanup());

describe('report --format sarif', () => {
  it('is valid against the OASIS SARIF 2.1.0 schema', () => {
    expect(sarifErrors(plain)).toEqual([]);
  });

  it('declares one rule per finding kind, and every result names a declared rule by id and index', () => {
    const run = plain.runs[0];
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('SR-1.1');
    expect(ids).toContain('OTPC703');
    for (const r of run.results) expect(ids[r.ruleIndex]).toBe(r.ruleId);
    const used = new Set(run.results.map((r) => r.ruleId));
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });

  it('locates each requirement result at its asset line, waived rows at the waiver, site findings at the conduit', () => {
    for (const r of plain.runs[0].results) {
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: PLANT_FILE, uriBaseId: '%SRCROOT%', index: 0 });
      const text = lines[loc.region!.startLine - 1];
      if (r.properties.status === 'waived') expect(text).toMatch(/^ {2}- (asset|zone): /);
      else if (r.properties.device) expect(text.startsWith(`  ${r.properties.device as string}:`), `${r.ruleId} at line ${loc.region!.startLine}: ${text}`).toBe(true);
      else if (r.ruleId === 'OTPC703') expect(text).toBe('  lab-control:');
      else expect(text, `${r.ruleId}: ${text}`).toMatch(/^ {2}[a-z0-9-]+:$|^ {6}- /); // a conduit or one of its flows
    }
  });

  it('levels: gap error, partial warning, waived note with an accepted suppression stating the expiry', () => {
    const results = plain.runs[0].results;
    const by = (s: string) => results.filter((r) => r.properties.status === s);
    expect(by('gap').every((r) => r.level === 'error')).toBe(true);
    expect(by('partial').every((r) => r.level === 'warning')).toBe(true);
    const waived = by('waived');
    expect(waived.map((r) => r.partialFingerprints['otpcFinding/v1']).sort()).toEqual(['plc-1/SR 1.1/waived', 'plc-1/SR 2.8/waived']);
    for (const r of waived) {
      expect(r.level).toBe('note');
      expect(r.suppressions).toHaveLength(1);
      expect(r.suppressions![0]).toMatchObject({ kind: 'external', status: 'accepted' });
      expect(r.suppressions![0].justification).toMatch(/waived until 2027-(03|12)-31 \(end of day, UTC\), approved by /);
    }
    expect(plain.runs[0].properties.waivers).toEqual([
      { subject: 'asset plc-1', requirement: 'SR 1.1', expires: '2027-03-31', approvedBy: 'J. Smith, Plant Manager', reason: 'Replacement PLC in the 2027 outage; 100% sure, "quoted", a:b,c' },
      { subject: 'zone control', requirement: 'SR 2.8', expires: '2027-12-31', approvedBy: 'A. Jones', reason: 'No audit trail on the legacy controllers.' },
    ]);
  });

  it('keeps its fingerprints when the policy is reordered', async () => {
    writeFileSync(tmp.path('shuffled.yaml'), shufflePolicy(plantText(), 7));
    const shuffled = await sarif(['report', tmp.path('shuffled.yaml'), ...d]);
    const prints = (l: Log) => l.runs[0].results.map((r) => r.partialFingerprints['otpcFinding/v1']).sort();
    expect(prints(shuffled)).toEqual(prints(plain));
  });

  it('with --baseline: baselineState new and unchanged, resolved findings as absent passes; still schema-valid', async () => {
    const grown = await sarif(['report', tmp.path('grown.yaml'), ...d, '--baseline', tmp.path('base.json')]);
    expect(sarifErrors(grown)).toEqual([]);
    const results = grown.runs[0].results;
    expect(results.filter((r) => r.properties.device === 'plc-3' && r.properties.status !== 'waived').every((r) => r.baselineState === 'new')).toBe(true);
    expect(results.filter((r) => r.properties.device === 'plc-1' && r.properties.status === 'gap').every((r) => r.baselineState === 'unchanged')).toBe(true);
    const back = await sarif(['report', PLANT_FILE, ...d, '--baseline', tmp.path('grown.json')]);
    expect(sarifErrors(back)).toEqual([]);
    const absent = back.runs[0].results.filter((r) => r.baselineState === 'absent');
    expect(absent.length).toBeGreaterThan(0);
    expect(absent.every((r) => r.kind === 'pass' && r.level === 'none' && r.message.text.startsWith('resolved since the baseline'))).toBe(true);
    expect(absent.some((r) => r.partialFingerprints['otpcFinding/v1'].startsWith('plc-3/'))).toBe(true);
  });
});

describe('validate --format sarif', () => {
  it('is schema-valid for a valid and an invalid file, one result per diagnostic at its line', async () => {
    writeFileSync(tmp.path('bad.yaml'), plantText().replace('zone: control, type: plc, address: 10.20.1.11', 'zone: contrl, type: plc, address: 10.20.1.11'));
    const log = await sarif(['validate', PLANT_FILE, tmp.path('bad.yaml'), ...d]);
    expect(sarifErrors(log)).toEqual([]);
    const errors = log.runs[0].results.filter((r) => r.level === 'error');
    expect(errors.map((r) => [r.ruleId, r.locations[0].physicalLocation.region?.startLine])).toContainEqual(['OTPC301', 17]);
    expect(log.runs[0].artifacts).toHaveLength(2);
  });
});

describe('artifactUri', () => {
  it.each([
    ['plant.yaml', { uri: 'plant.yaml', uriBaseId: '%SRCROOT%' }],
    ['./sites/a b/plant#1.yaml', { uri: 'sites/a%20b/plant%231.yaml', uriBaseId: '%SRCROOT%' }],
    ['sites\\north\\plant.yaml', { uri: 'sites/north/plant.yaml', uriBaseId: '%SRCROOT%' }],
    ['/srv/ot/plant 100%.yaml', { uri: 'file:///srv/ot/plant%20100%25.yaml' }],
    ['C:\\ot\\plant.yaml', { uri: 'file:///C:/ot/plant.yaml' }],
  ])('%s', (file, want) => {
    expect(artifactUri(file)).toEqual(want);
  });
});
