import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/baselineReport/compareWithBaseline.js';
import { jsonSyntaxError } from '../../src/baselineReport/jsonSyntaxError.js';
import { readBaselineReport } from '../../src/baselineReport/readBaselineReport.js';
import type { BaselineReport } from '../../src/baselineReport/types.js';
import { failsAt } from '../../src/reports/failLevel.js';
import type { FailLevel } from '../../src/reports/failLevel.js';
import { requirementFindingId, siteFindingId } from '../../src/reports/findingId.js';
import { findingsOf } from '../../src/reports/findingsOf.js';
import type { ReportFinding } from '../../src/reports/findingsOf.js';
import { gateFailures } from '../../src/reports/gateFailures.js';
import { formatJson } from '../../src/reports/toReportJson.js';
import { analyze, plantText, reportContext, shufflePolicy } from './support.js';

const req = (device: string, requirement: string, level: 'gap' | 'partial' | 'waived'): ReportFinding => ({
  id: requirementFindingId(device, requirement, level), kind: 'requirement', level, device, requirement,
  summary: `${device}: ${requirement} ${level}`, message: 'm', pointer: `/assets/${device}`, devices: [device],
});
const site = (code: string, message: string, level: 'warning' | 'error' | 'note' = 'warning'): ReportFinding => ({
  id: siteFindingId(code, message), kind: 'site', level, code, summary: code, message, pointer: '/conduits/x', devices: [],
});
const baseline = (entries: BaselineReport['entries']): BaselineReport => ({ site: { id: 's', name: 'S' }, date: '2027-01-01', entries });

describe('finding identity', () => {
  it('requirement findings: device + requirement + status; site findings: code + message', () => {
    expect(requirementFindingId('plc-7', 'SR 1.13 RE 1', 'gap')).toBe('plc-7/SR 1.13 RE 1/gap');
    expect(siteFindingId('OTPC703', 'conduit a (x <-> y) is not enforced')).toBe('OTPC703/conduit a (x <-> y) is not enforced');
  });

  it('does not change when every map and list of the policy is reordered', () => {
    const ids = (text: string) => findingsOf(analyze(text).assessment, analyze(text).catalogs).map((f) => f.id).sort();
    const want = ids(plantText());
    for (const seed of [1, 2, 3]) expect(ids(shufflePolicy(plantText(), seed))).toEqual(want);
  });

  it('the JSON report (the baseline file) is byte-identical for a reordered policy', () => {
    const json = (text: string) => { const a = analyze(text); return formatJson(a.assessment, reportContext(a)); };
    expect(json(shufflePolicy(plantText(), 11))).toBe(json(plantText()));
  });
});

describe('compareWithBaseline', () => {
  const current = [req('plc-1', 'SR 1.1', 'gap'), req('plc-1', 'SR 1.2', 'partial'), req('plc-2', 'SR 2.8', 'waived'), site('OTPC703', 'a')];
  it('new, unchanged and resolved; waived rows take no part', () => {
    const b = baseline([
      { id: 'plc-1/SR 1.1/gap', kind: 'requirement', device: 'plc-1', requirement: 'SR 1.1', status: 'gap' },
      { id: 'plc-1/SR 1.2/gap', kind: 'requirement', device: 'plc-1', requirement: 'SR 1.2', status: 'gap' },
      { id: 'OTPC704/b', kind: 'site', code: 'OTPC704', severity: 'warning', message: 'b' },
    ]);
    const c = compareWithBaseline(current, b);
    expect(c.new.map((f) => f.id)).toEqual(['plc-1/SR 1.2/partial', 'OTPC703/a']);
    expect(c.unchanged.map((f) => f.id)).toEqual(['plc-1/SR 1.1/gap']);
    // a gap that became partial: the gap is resolved and the partial row is new
    expect(c.resolved.map((e) => e.id)).toEqual(['plc-1/SR 1.2/gap', 'OTPC704/b']);
    expect(c.state.has('plc-2/SR 2.8/waived')).toBe(false);
  });

  it('the gate fails only on new findings at or above --fail-on', () => {
    const b = baseline([{ id: 'plc-1/SR 1.1/gap', kind: 'requirement' }]);
    const c = compareWithBaseline(current, b);
    const failing = (level: FailLevel, withBaseline: boolean) => gateFailures(current, level, withBaseline ? c : undefined).map((f) => f.id);
    expect(failing('gap', false)).toEqual(['plc-1/SR 1.1/gap']);
    expect(failing('gap', true)).toEqual([]);
    expect(failing('partial', true)).toEqual(['plc-1/SR 1.2/partial']);
    expect(failing('warning', true)).toEqual(['plc-1/SR 1.2/partial', 'OTPC703/a']);
    expect(failing('never', false)).toEqual([]);
  });
});

describe('the --fail-on ladder', () => {
  const levels: FailLevel[] = ['gap', 'partial', 'warning', 'never'];
  it.each([
    ['gap', [true, true, true, false]],
    ['error', [true, true, true, false]],
    ['partial', [false, true, true, false]],
    ['warning', [false, false, true, false]],
    ['waived', [false, false, false, false]],
    ['note', [false, false, false, false]],
  ] as const)('a %s finding', (level, want) => {
    expect(levels.map((l) => failsAt({ level }, l))).toEqual(want);
  });
});

describe('readBaselineReport: every problem located, exit 2 in the CLI', () => {
  const ok = JSON.stringify({ otpcReport: 1, site: { id: 's', name: 'S' }, date: '2027-01-01', devices: [{ id: 'plc-1', requirements: [{ id: 'SR 1.1', status: 'gap' }, { id: 'SR 1.2', status: 'native' }] }], findings: [{ code: 'OTPC703', severity: 'warning', message: 'a' }] }, null, 2);
  it('reads the gaps, partial rows and site findings of a report', () => {
    const r = readBaselineReport(ok, 'b.json', 's');
    expect(r.diagnostics).toEqual([]);
    expect(r.baseline!.entries.map((e) => e.id)).toEqual(['OTPC703/a', 'plc-1/SR 1.1/gap']);
    expect(readBaselineReport(`\uFEFF${ok}`, 'b.json', 's').diagnostics).toEqual([]);
  });

  it.each([
    ['empty', '', 'OTPC951@1:1 unexpected end of the file'],
    ['trailing comma', '{\n  "a": 1,\n}', "OTPC951@3:1 expected a property name in double quotes"],
    ['missing value', '{\n  "site": ,\n}', 'OTPC951@2:11 expected a value'],
    ['two values', '{}\n{}', 'OTPC951@2:1 unexpected text after the JSON value'],
    ['a string ending in a backslash (found by fast-check)', '"\\', 'OTPC951@1:3 unterminated string'],
    ['a list', '[1, 2]', 'OTPC952@1:1 this is not an otpc JSON report (the top level is not an object)'],
    ['a SARIF log', '{\n  "version": "2.1.0",\n  "runs": []\n}', 'OTPC952@1:1 this is not an otpc JSON report (it has no "otpcReport" version)'],
    ['another version', '{\n  "otpcReport": 2\n}', 'OTPC953@2:17 report format version 2; this otpc compares with version 1 reports'],
    ['another site', ok.replace('"id": "s"', '"id": "t"'), 'OTPC953@4:11 the baseline is a report for site "t", not for "s"'],
    ['no status', ok.replace('"status": "gap"', '"state": "gap"'), 'OTPC952@12:9 requirement SR 1.1 of device plc-1 has no string "status"'],
    ['unknown status', ok.replace('"status": "gap"', '"status": "bad"'), 'OTPC952@14:21 status "bad" is not one of native, compensated, waived, partial, gap'],
  ])('%s', (_name, text, want) => {
    const r = readBaselineReport(text, 'b.json', 's');
    expect(r.baseline).toBeUndefined();
    expect(r.diagnostics.map((x) => `${x.code}@${x.range?.start.line}:${x.range?.start.col} ${x.message.replace(/^the baseline is not valid JSON: /, '')}`)).toEqual([want]);
    expect(r.diagnostics.every((x) => x.file === 'b.json' && x.severity === 'error')).toBe(true);
  });

  it('lists every shape problem at once (up to a limit)', () => {
    const devices = Array.from({ length: 30 }, (_, i) => ({ id: i }));
    const r = readBaselineReport(JSON.stringify({ otpcReport: 1, site: { id: 's', name: 'S' }, date: 'd', devices, findings: [] }), 'b.json', 's');
    expect(r.diagnostics.length).toBe(20);
  });
});

describe('jsonSyntaxError agrees with JSON.parse', () => {
  const valid = (t: string) => { try { JSON.parse(t); return true; } catch { return false; } };
  it('on valid JSON', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), (t) => jsonSyntaxError(t) === undefined), { numRuns: 300 });
  });
  it('on JSON with one character changed or removed', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '0', '-', '\\'), (t, at, c) => {
      const i = t.length === 0 ? 0 : at % t.length;
      const broken = t.slice(0, i) + c + t.slice(i + 1);
      const e = jsonSyntaxError(broken);
      expect(e === undefined).toBe(valid(broken));
      if (e) expect(e.offset).toBeGreaterThanOrEqual(0);
      if (e) expect(e.offset).toBeLessThanOrEqual(broken.length);
    }), { numRuns: 500 });
  });
});
