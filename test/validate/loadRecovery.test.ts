import { describe, expect, it } from 'vitest';
import { analyzePolicy } from '../../src/analyzePolicy.js';
import { at, mutate, validate } from './helpers.js';
import { TODAY } from './fixtures.js';

/**
 * A duplicate key (OTPC104) or an explicit tag (OTPC105) no longer hides the other errors:
 * the loader returns the document with the error (first occurrence kept, tagged values read
 * as if untagged) and validation reports everything else too, in one run.
 */
describe('duplicate keys and tags do not hide the other errors', () => {
  // plc-filter-1 copy-pasted with a second "zone:", and a protocol typo in a conduit
  const dupAndTypo = mutate(
    ['    type: plc\n', '    type: plc\n    zone: supervisory\n'],
    ['protocol: enip }', 'protocol: modbuss }'],
  );

  it('validatePolicy reports the duplicate key and the typo, each at its line', () => {
    const r = validate(dupAndTypo);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map(at)).toEqual(['OTPC104@21:5', 'OTPC303@40:54']);
    expect(r.model).toBeUndefined();
  });

  it('the first occurrence wins: the asset stays in zone "control" (no OTPC405 for its address)', () => {
    const r = validate(dupAndTypo);
    expect(r.diagnostics.some((d) => d.code === 'OTPC405' || d.code === 'OTPC408')).toBe(false);
    expect(r.diagnostics.find((d) => d.code === 'OTPC104')?.message).toBe('duplicate key "zone" (first defined on line 19); this occurrence is ignored');
  });

  it('analyzePolicy (validate, report, compile) reports each diagnostic once, and stops before the model', () => {
    const a = analyzePolicy({ text: dupAndTypo, file: 'p.yaml', today: TODAY });
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['OTPC104', 'OTPC303']);
    expect(a.model).toBeUndefined();
  });

  it('a tagged value is read as if untagged and checked like any other', () => {
    const r = validate(mutate(['    address: 10.20.1.11\n', '    address: !ip 10.20.1.11\n'], ['criticality: critical, networks', 'criticality: severe, networks']));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).sort()).toEqual(['OTPC105', 'OTPC204']);
    const bad = validate(mutate(['    address: 10.20.1.11\n', '    address: !ip 10.20.1.300\n']));
    expect(bad.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).sort()).toEqual(['OTPC105', 'OTPC401']);
  });

  it('a policy whose only problem is a duplicate key is still rejected', () => {
    const r = validate(mutate(['    type: plc\n', '    type: plc\n    type: plc\n']));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OTPC104']);
    expect(r.model).toBeUndefined();
  });

  it('a syntax error still stops at the loader', () => {
    const r = validate(`${dupAndTypo}bad: [1, 2\n`);
    expect(r.diagnostics.some((d) => d.code === 'OTPC103')).toBe(true);
    expect(r.diagnostics.some((d) => d.code === 'OTPC303')).toBe(false);
  });
});
