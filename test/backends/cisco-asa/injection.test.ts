import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RenderContext } from '../../../src/backends/types.js';
import { ciscoAsaBackend } from '../../../src/backends/cisco-asa/index.js';
import type { EnforcementIR } from '../../../src/rules/types.js';
import { parseAsa } from '../../reparse/cisco-asa/parseAsa.js';
import { addr, asaContext, enforcementIR, flow, range, riverside, svc, zone } from './fixtures.js';
import { unmatchedLines } from './lineShapes.js';

/**
 * Injection corpus (vendors.md sections 0.4, 3 and 5): names with newlines, CR, quotes,
 * backslashes, `?`, `;`, braces, `#`, non-ASCII, and lengths at and one past the limit
 * are rejected with a located error; remarks, descriptions and comments carrying the
 * same characters are sanitised, and the whole output still parses and every line
 * has an allowed shape.
 */
const NASTY = [
  'a\nb', 'a\r\nb', 'a\rb', 'a"b', "a'b", 'a\\b', 'a?b', 'a;b', 'a{b}', 'a#b', 'a!b', 'Kläranlage', 'a b', 'a\tb',
  'a\u2028b', 'a`b', 'a\u0000b', 'a.b', 'a$b', 'a/b', 'a\nno access-list ACL_control_IN', 'x\npermit ip any any',
];

function render(ep: EnforcementIR, ctx: RenderContext = asaContext()) {
  return ciscoAsaBackend.render(ep, ctx);
}

function expectSafe(text: string): void {
  expect(text).not.toBe('');
  expect(unmatchedLines(text)).toEqual([]);
  expect(() => parseAsa(text)).not.toThrow();
  for (const line of text.split('\n')) {
    const remark = / remark (.*)$/.exec(line);
    if (remark) expect(remark[1].length).toBeLessThanOrEqual(100);
  }
}

/** Two zones and one flow, with the names under test. */
function small(o: { asset?: string; zoneId?: string; nameif?: string; service?: string; comment?: string }): EnforcementIR {
  const z = o.zoneId ?? 'b';
  const s = svc('tcp', 502);
  if (o.service !== undefined) s.name = o.service;
  return enforcementIR({
    id: 'fw', phase: 'enforce', zones: [zone('a', 'inside', 2, [range('10.0.0.0/24')]), zone(z, o.nameif ?? 'outside', 2, [range('10.0.1.0/24')])],
    addresses: [addr('asset', o.asset ?? 'h', ['10.0.0.1']), addr('asset', 'p', ['10.0.1.1', '10.0.1.9']), addr('zone', 'a', ['10.0.0.0/24'])],
    services: [s],
    flows: [flow({ conduit: 'c', ordinal: 1, n: 1, from: z, to: 'a', src: ['asset:p'], dst: [`asset:${o.asset ?? 'h'}`], services: [s.id], comment: o.comment })],
  });
}

function errors(ep: EnforcementIR): [string, string | undefined][] {
  const r = render(ep);
  if (r.diagnostics.some((d) => d.severity === 'error')) expect(r.text).toBe('');
  return r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pointer]);
}

describe('cisco-asa injection: names are rejected, never escaped', () => {
  it.each(NASTY)('asset name %j', (bad) => {
    expect(errors(small({ asset: bad }))).toContainEqual(['OTPC701', `/assets/${bad}`]);
  });

  it.each(NASTY)('zone id %j (ACL name)', (bad) => {
    expect(errors(small({ zoneId: bad }))).toContainEqual(['OTPC701', `/enforcement/fw/interfaces/${bad.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
  });

  it.each(NASTY)('nameif %j', (bad) => {
    expect(errors(small({ nameif: bad }))).toContainEqual(['OTPC706', '/enforcement/fw/interfaces/b']);
  });

  it.each(NASTY)('service name %j', (bad) => {
    expect(errors(small({ service: bad })).map(([c]) => c)).toContain('OTPC701');
  });

  it.each(NASTY)('address and service group names %j', (bad) => {
    const ep = small({});
    ep.addressGroups = [{ id: 'group:x', name: bad, members: ['asset:h'], pointer: '/groups/x' }];
    ep.serviceGroups = [{ id: 'sgroup:x', name: `${bad}2`, members: ['svc:tcp-502'] }];
    // Groups are rendered (and their names checked) where a rule names them.
    ep.rules[0] = { ...ep.rules[0], dst: ['group:x'], services: ['sgroup:x'] };
    expect(errors(ep)).toEqual(expect.arrayContaining([['OTPC701', '/groups/x']]));
    expect(errors(ep).filter(([c]) => c === 'OTPC701')).toHaveLength(2);
  });

  it.each([
    ['object at 64', { asset: 'h'.repeat(62) }, []],
    ['object at 65', { asset: 'h'.repeat(63) }, ['OTPC702']],
    ['ACL at 64', { zoneId: 'b'.repeat(57) }, []],
    ['ACL at 65', { zoneId: 'b'.repeat(58) }, ['OTPC702']],
    ['nameif at 48', { nameif: 'n'.repeat(48) }, []],
    ['nameif at 49', { nameif: 'n'.repeat(49) }, ['OTPC706']],
  ])('%s', (_name, o, want) => {
    expect(errors(small(o)).map(([c]) => c)).toEqual(want);
  });

  it('a multi-range member name one past the limit is rejected at the asset', () => {
    const ep = small({});
    ep.addresses = ep.addresses.map((a) => (a.id === 'asset:p' ? { ...a, name: 'p'.repeat(60) } : a));
    expect(errors(ep)).toEqual([]);
    ep.addresses = ep.addresses.map((a) => (a.id === 'asset:p' ? { ...a, name: 'p'.repeat(61) } : a));
    expect(errors(ep)).toEqual([['OTPC702', '/assets/p'], ['OTPC702', '/assets/p']]);
  });

  it('random names: rendered only when they fit the allow-list and the limit', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 70 }), (name) => {
      const r = render(small({ asset: name }));
      const fits = /^[A-Za-z0-9_-]*$/.test(name) && `H_${name}`.length <= 64;
      expect(r.text !== '').toBe(fits);
      if (fits) expectSafe(r.text);
    }), { numRuns: 300, seed: 7 });
  });
});

describe('cisco-asa injection: free text is sanitised', () => {
  it.each(NASTY)('rule comment, description, zone description and site %j', (bad) => {
    const ep = riverside('enforce');
    ep.description = bad;
    ep.zones = ep.zones.map((z) => ({ ...z, description: bad }));
    ep.rules = ep.rules.map((r) => ({ ...r, comment: `${bad} ${r.comment} ${bad}` }));
    const ctx = { ...asaContext(), site: { id: 'x', name: bad } } as RenderContext;
    expectSafe(render(ep, ctx).text);
  });

  it('a remark of exactly 100 characters is kept, one more wraps to a second remark line', () => {
    const id = 'c.1';
    const at = 'w'.repeat(100 - id.length - 1);
    const text = render(small({ comment: at })).text;
    expect(text).toContain(`access-list ACL_b_IN remark ${id} ${at}\n`);
    const over = render(small({ comment: `${at}x` })).text;
    // The 97-character word does not fit after the rule id: it starts the second remark line.
    expect(over).toContain(`access-list ACL_b_IN remark ${id}\naccess-list ACL_b_IN remark ${at}x\n`);
    expectSafe(over);
  });

  it('only whitespace and control characters: a fallback remark, never an empty one', () => {
    expectSafe(render(small({ comment: '\n\r\t ' })).text);
  });

  it('random text anywhere: the output parses and every line has an allowed shape', () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    fc.assert(fc.property(text, text, text, (comment, description, zoneDescription) => {
      const ep = riverside('monitor');
      ep.description = description;
      ep.zones = ep.zones.map((z) => ({ ...z, description: zoneDescription }));
      ep.rules = ep.rules.map((r) => ({ ...r, comment }));
      expectSafe(render(ep).text);
    }), { numRuns: 200, seed: 11 });
  });
});
