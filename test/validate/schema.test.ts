import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policySchema } from '../../src/validate/policySchema.js';
import { mutate, validate } from './helpers.js';
import { VALID_POLICY } from './fixtures.js';

describe('schemas/policy.schema.json', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schemas/policy.schema.json', import.meta.url), 'utf8'));

  it('is draft 2020-12 with an $id and compiles in ajv strict mode, once', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^https:\/\//);
    expect(policySchema()).toBe(policySchema());
  });

  it('closes every object and describes every property', () => {
    const problems: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const s = node as Record<string, unknown>;
      if (s.type === 'object' && s.additionalProperties === undefined) problems.push(`${path}: additionalProperties missing`);
      if (s.type === 'object' && s.additionalProperties === true) problems.push(`${path}: additionalProperties true`);
      for (const [k, v] of Object.entries((s.properties as Record<string, Record<string, unknown>>) ?? {})) {
        if (typeof v.description !== 'string') problems.push(`${path}/properties/${k}: no description`);
      }
      for (const [k, v] of Object.entries(s)) walk(v, `${path}/${k}`);
    };
    walk(schema, '#');
    expect(problems).toEqual([]);
  });

  it('accepts the valid fixture', () => {
    const r = validate(VALID_POLICY);
    expect(r.diagnostics).toEqual([]);
    expect(r.model).toBeDefined();
  });
});

describe('schema errors: codes, pointers and messages', () => {
  it.each<[string, [string, string][], string, string, string]>([
    ['wrong type', [['purdue: 2\n', 'purdue: high\n']], 'OTPC201', '/zones/supervisory/purdue', 'purdue of zone "supervisory" must be a number, not the text "high"'],
    ['number where text is expected', [['firmware: "FRN 10"', 'firmware: 20.10']], 'OTPC201', '/assets/plc-filter-1/firmware', 'must be text, not the number 20.1'],
    ['sl-target of the wrong type', [['sl-target: 3\n    rate', 'sl-target: high\n    rate']], 'OTPC201', '/conduits/supervisory-control/sl-target', 'must be a whole number or a mapping, not the text "high"'],
    ['flow endpoint of the wrong type', [['from: ews-1', 'from: 12']], 'OTPC201', '/conduits/supervisory-control/flows/2/from', 'from of flow 3 of conduit "supervisory-control" must be text or a list'],
    ['missing required key', [['criticality: critical, ', '']], 'OTPC202', '/zones/control/criticality', 'zone "control" is missing the required key "criticality"'],
    ['missing top-level key', [['site: { id: riverside-wtp, name: Riverside Water Treatment }\n', '']], 'OTPC202', '/site', 'the policy is missing the required key "site"'],
    ['incomplete SL vector', [['FR6: 2, FR7: 2 }', 'FR6: 2 }']], 'OTPC202', '/zones/supervisory/sl-target/FR7', 'sl-target of zone "supervisory" is missing the required key "FR7"'],
    ['unknown key with a suggestion', [['    vendor: Rockwell', '    vendr: Rockwell']], 'OTPC203', '/assets/plc-filter-1/vendr', 'unknown key "vendr" in asset "plc-filter-1"; did you mean "vendor"?'],
    ['unknown top-level key', [['otpc: 1\n', 'otpc: 1\nzone: {}\n']], 'OTPC203', '/zone', 'unknown key "zone" in the policy; did you mean "zones"?'],
    ['enum', [['criticality: critical', 'criticality: severe']], 'OTPC204', '/zones/control/criticality', 'is "severe"; expected one of low, medium, high, critical'],
    ['enum with a suggestion', [['access: read-only', 'access: readonly']], 'OTPC204', '/conduits/supervisory-control/flows/1/access', 'did you mean "read-only"?'],
    ['id pattern on a map key', [['  control: { purdue: 1', '  Control_Zone: { purdue: 1']], 'OTPC205', '/zones/Control_Zone', 'zone id "Control_Zone" is not valid'],
    ['id pattern on a value', [['site: { id: riverside-wtp', 'site: { id: Riverside']], 'OTPC205', '/site/id', 'did you mean "riverside"?'],
    ['date form', [['expires: 2028-01-01', 'expires: 01/01/2028']], 'OTPC205', '/waivers/1/expires', 'is "01/01/2028", not a date in the form YYYY-MM-DD'],
    ['maximum', [['sl-target: 3, criticality: critical', 'sl-target: 7, criticality: critical']], 'OTPC206', '/zones/control/sl-target', 'sl-target of zone "control" is 7; it must be <= 4'],
    ['minimum in a vector', [['FR1: 2, FR2: 2', 'FR1: -1, FR2: 2']], 'OTPC206', '/zones/supervisory/sl-target/FR1', 'is -1; it must be >= 0'],
    ['multipleOf', [['purdue: 3.5', 'purdue: 3.25']], 'OTPC206', '/zones/dmz/purdue', 'must be a multiple of 0.5'],
    ['conduit with three zones', [['zones: [dmz, supervisory]', 'zones: [dmz, supervisory, control]']], 'OTPC207', '/conduits/dmz-supervisory/zones', 'must name exactly two zones'],
    ['empty reason', [['reason: "vendor access"', 'reason: ""']], 'OTPC207', '/waivers/1/reason', 'must not be empty'],
    ['unsupported version', [['otpc: 1', 'otpc: 2']], 'OTPC208', '/otpc', 'unsupported policy format version 2'],
    ['version as text', [['otpc: 1', 'otpc: "1"']], 'OTPC208', '/otpc', 'unsupported policy format version "1"'],
  ])('%s', (_name, edits, code, pointer, message) => {
    const r = validate(mutate(...edits));
    const found = r.diagnostics.find((d) => d.code === code && d.pointer === pointer);
    expect(found, JSON.stringify(r.diagnostics.map((d) => [d.code, d.pointer, d.message]))).toBeDefined();
    expect(found?.message).toContain(message);
    expect(r.model).toBeUndefined();
  });

  it('points an unknown key at the key itself', () => {
    const r = validate(mutate(['    vendor: Rockwell', '    vendr: Rockwell']));
    expect(r.diagnostics.map((d) => `${d.code}@${d.range?.start.line}:${d.range?.start.col}`)).toEqual(['OTPC203@21:5']);
  });

  it('reports only the most specific alternative (anyOf noise removed)', () => {
    const r = validate(mutate(['sl-target: 3, criticality: critical', 'sl-target: 7, criticality: critical']));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OTPC206']);
    const v = validate(mutate(['FR6: 2, FR7: 2 }', 'FR6: 2 }']));
    expect(v.diagnostics.map((d) => d.code)).toEqual(['OTPC202']);
  });

  it('gives a hint to quote numbers meant as text', () => {
    const r = validate(mutate(['firmware: "FRN 10"', 'firmware: 20.10']));
    expect(r.diagnostics[0].hint).toContain('Quote the value');
  });

  it('shortens a 10,000-character id in the message', () => {
    const id = 'a'.repeat(10_000);
    const r = validate(mutate(['site: { id: riverside-wtp', `site: { id: ${id}`]));
    const d = r.diagnostics.find((x) => x.code === 'OTPC205');
    expect(d?.message.length).toBeLessThan(300);
    expect(d?.message).toContain('(10000 characters)');
  });

  it('reports "__proto__" as an unknown key and does not pollute', () => {
    const r = validate(mutate(['otpc: 1\n', 'otpc: 1\n__proto__: { polluted: true }\n']));
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['OTPC203', '/__proto__']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('schema errors: a hint that fits the field', () => {
  const DATE = 'Write the date as YYYY-MM-DD (e.g. 2027-12-31)';
  const ID = 'Ids are lowercase letters, digits and "-"';
  it.each<[string, [string, string][], string, string, string]>([
    ['waiver expiry written day first', [['expires: 2028-01-01', 'expires: 31/12/2027']], 'OTPC205', '/waivers/1/expires', DATE],
    ['waiver expiry with a time', [['expires: 2027-03-31', 'expires: "2027-03-31T12:00"']], 'OTPC205', '/waivers/0/expires', DATE],
    ['rollout baseline start written month first', [['baseline-start: 2026-09-01', 'baseline-start: 09/01/2026']], 'OTPC205', '/rollout/baseline-start', DATE],
    ['rollout baseline start that is no calendar day', [['baseline-start: 2026-09-01', 'baseline-start: 2026-02-30']], 'OTPC207', '/rollout/baseline-start', DATE],
    ['site id', [['site: { id: riverside-wtp', 'site: { id: Riverside_WTP']], 'OTPC205', '/site/id', ID],
    ['zone id (a map key)', [['  control: { purdue: 1', '  Control_Zone: { purdue: 1']], 'OTPC205', '/zones/Control_Zone', ID],
    ['zone id in interfaces', [['interfaces: { control: Vlan20', 'interfaces: { Control: Vlan20']], 'OTPC205', '/enforcement/acl-control/interfaces/Control', ID],
    ['enforcement point option name', [['options: { classic: true }', 'options: { Classic: true }']], 'OTPC205', '/enforcement/acl-control/options/Classic', 'Option names are lowercase'],
  ])('%s', (_name, edits, code, pointer, hint) => {
    const r = validate(mutate(...edits));
    const found = r.diagnostics.find((d) => d.code === code && d.pointer === pointer);
    expect(found, JSON.stringify(r.diagnostics.map((d) => [d.code, d.pointer, d.message]))).toBeDefined();
    expect(found?.hint).toContain(hint);
    if (hint === DATE) expect(found?.hint).not.toContain('Ids are');
  });

  it('gives a date field the date hint, never the id hint, whatever the date looks like', () => {
    for (const bad of ['31/12/2027', '2027-1-5', '27-12-31', 'tomorrow', '2027.12.31']) {
      const r = validate(mutate(['expires: 2028-01-01', `expires: "${bad}"`]));
      const d = r.diagnostics.find((x) => x.pointer === '/waivers/1/expires');
      expect(d?.code, bad).toBe('OTPC205');
      expect(d?.hint, bad).toBe(`${DATE}.`);
    }
  });
});
