import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { analysisFindings, conduit, site } from './sitePolicy.js';

/**
 * OTPC757 with the numbers. The site below has 4 zones (6 boundaries, 12 boundary
 * finals), one catch-all and two flows that the optimiser merges into one rule:
 * 15 rules without optimisation, 14 with.
 */
const flows = conduit('supervisory', 'control', { from: 'hmi-1', to: 'plc-1', protocol: 'modbus' }, { from: 'ws-1', to: 'plc-1', protocol: 'modbus' });
const limits = (options: Record<string, unknown>, catalogFiles: { file: string; text: string }[] = []) =>
  analysisFindings(site({ 'supervisory-control': flows }, { options }), catalogFiles).filter((f) => f.code === 'OTPC757').map((f) => `${f.pointer}: ${f.message}`);

describe('OTPC757 platform limits', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['rules over a declared limit', { 'max-rules': 10 }, ['/enforcement/fw-1/options/max-rules: fw-1 (fortios) needs 14 rules (15 without optimisation): the limit is 10 (option max-rules)']],
    ['rules over the limit only with --no-optimize', { 'max-rules': 14 }, ['/enforcement/fw-1/options/max-rules: fw-1 (fortios) needs 15 rules with --no-optimize: the limit is 14 (option max-rules); the optimised configuration has 14']],
    ['rules close to the limit (90 %)', { 'max-rules': 15 }, ['/enforcement/fw-1/options/max-rules: fw-1 (fortios) needs 14 rules (15 without optimisation), close to the limit of 15 (option max-rules)']],
    ['objects', { 'max-objects': 3 }, ['/enforcement/fw-1/options/max-objects: fw-1 (fortios) needs 4 objects: the limit is 3 (option max-objects)']],
    ['group size', { 'max-group-members': 1 }, ['/enforcement/fw-1/options/max-group-members: fw-1 (fortios) needs 2 members in its largest group (1 without optimisation): the limit is 1 (option max-group-members)']],
    ['a value that is not a positive integer is ignored, and said', { 'max-rules': 'many', 'max-objects': 0 }, [
      '/enforcement/fw-1/options/max-objects: option max-objects of fw-1 must be a positive integer (got 0); ignored',
      '/enforcement/fw-1/options/max-rules: option max-rules of fw-1 must be a positive integer (got "many"); ignored',
    ]],
    ['limits with room to spare', { 'max-rules': 100, 'max-objects': 100, 'max-group-members': 100 }, []],
    ['no limit declared anywhere', {}, []],
  ])('%s', (_name, options, want) => {
    expect(limits(options)).toEqual(want);
  });

  it('a catalogue limit (a user catalogue row with rules-max) applies without an option; the option overrides it', () => {
    const shipped = parse(readFileSync(new URL('../../catalogs/platforms.yaml', import.meta.url), 'utf8')) as { entries: { id: string; limits: Record<string, number> }[] };
    const fortios = shipped.entries.find((e) => e.id === 'fortios')!;
    const row = { ...fortios, limits: { ...fortios.limits, 'rules-max': 12 } };
    const catalog = [{ file: 'small-fortigate.yaml', text: stringify({ kind: 'platforms', version: 1, entries: [row] }) }];
    expect(limits({}, catalog)).toEqual(['/enforcement/fw-1: fw-1 (fortios) needs 14 rules (15 without optimisation): the limit is 12 (platform fortios)']);
    expect(limits({ 'max-rules': 50 }, catalog)).toEqual([]);
  });
});
