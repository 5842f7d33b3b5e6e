import { beforeAll, describe, expect, it } from 'vitest';
import { nftablesBackend } from '../../src/backends/nftables/index.js';
import { nftComment } from '../../src/backends/nftables/nftText.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { rangesIR, renderContext } from '../backends/nftables/fixtures.js';
import { requireKernel, SKIP_KERNEL, SKIP_REASON } from './kernelEnv.js';
import { parseRuleset } from './nftJson.js';
import type { ParsedRuleset } from './nftJson.js';
import { nftCheckSync, nftRoundTripSync } from './run.js';

/**
 * Injection and limits against the real nft (vendors.md 0.4, 3 and 5): hostile free
 * text reaches comments, set comments and `#` header lines; nft must accept the
 * sanitised output, and `nft -j` must show exactly the comment otpc rendered (no
 * silent truncation by the tool, nothing else executed). Names at the limit load;
 * names past it are rejected before nft sees them (test/backends/nftables/names.test.ts).
 */
const HOSTILE: [string, string][] = [
  ['newline + statement', 'ok\nflush ruleset\nadd rule inet x y drop'],
  ['CR LF', 'a\r\nb\rc'],
  ['double quotes', 'say "hello" and ""'],
  ['single quote, backtick, backslash', "it's `x` C:\\path\\"],
  ['question mark (CLI help elsewhere)', 'why? because?'],
  ['semicolon and braces', 'a; } chain x { drop; }'],
  ['hash', 'a # not a comment'],
  ['dollar (nft variable)', 'cost $HOME ${x}'],
  ['non-ASCII', 'Zürich 東京 café — ünïcödé 🙂'],
  ['tab and vertical whitespace', 'a\tb\vc\fd\u2028e'],
  ['exactly 122 characters (128 with the rule prefix)', 'y'.repeat(122)],
  ['123 characters (129 with the rule prefix: cut)', 'z'.repeat(123)],
  ['long words', `${'word '.repeat(40)}end`],
];

function withComment(comment: string, description?: string): EnforcementIR {
  const ep = rangesIR('enforce');
  ep.rules = ep.rules.map((r) => (r.id === 'hmi-plc.1' ? { ...r, comment } : r));
  if (description !== undefined) ep.description = description;
  ep.addresses = ep.addresses.map((a) => (a.id === 'asset:plc-01' ? { ...a, source: { ...a.source, id: `plc-01 ${comment}` } } : a));
  return ep;
}

function load(text: string): ParsedRuleset {
  const check = nftCheckSync(text);
  expect(check.stderr).toBe('');
  expect(check.code).toBe(0);
  const r = nftRoundTripSync(text);
  expect(r.code, r.stderr).toBe(0);
  return parseRuleset(r.stdout);
}

describe.skipIf(SKIP_KERNEL)(SKIP_KERNEL ? `kernel oracle: injection (${SKIP_REASON})` : 'kernel oracle: injection corpus through nft', () => {
  beforeAll(requireKernel);

  it.each(HOSTILE)('%s', (_name, hostile) => {
    const out = nftablesBackend.render(withComment(hostile, `plant router ${hostile}`), renderContext());
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.text.split('\n').filter((l) => /^\s*(flush|add rule|chain x)/.test(l))).toEqual([]);
    const rs = load(out.text);
    const rules = [...rs.chains.values()].flatMap((c) => c.rules);
    const stored = rules.filter((r) => /^otpc 1001\.\d accept $/.test(r.logPrefix ?? '')).map((r) => r.comment);
    const expected = nftComment(`R1001 ${hostile}`);
    expect(stored).toEqual([expected, expected, expected, expected]);
    expect(Buffer.byteLength(expected)).toBeLessThanOrEqual(128);
    expect(expected).toMatch(/^[\x20-\x7e]*$/);
    expect(expected).not.toMatch(/["'`\\?$\n\r]/);
    const setComment = [...rs.sets.values()].find((s) => s.name === 'a_plc_01_v4')?.comment ?? '';
    expect(setComment).toBe(nftComment(`otpc asset plc-01 ${hostile}`));
    expect([...rs.chains.keys()].sort()).toEqual(['c_hmi_plc', 'c_plc_hmi', 'forward']);
  });

  it('a comment of exactly 128 bytes is stored whole; 129 are cut by otpc at a word boundary, never by nft', () => {
    expect(nftComment(`R1001 ${'y'.repeat(122)}`)).toHaveLength(128);
    expect(nftComment(`R1001 ${'z'.repeat(123)}`)).toHaveLength(128);
    expect(nftComment(`R1001 ${'word '.repeat(40)}end`)).toMatch(/^R1001 (word ){20,}word$/);
  });

  it('names at the limit load: a 255-byte set name and a 15-character interface', () => {
    const ep = rangesIR('enforce');
    const name = 'p'.repeat(250);
    ep.addresses = ep.addresses.map((a) => (a.id === 'asset:plc-02' ? { ...a, name } : a));
    ep.zones = ep.zones.map((z) => (z.id === 'plc' ? { ...z, interface: 'vlan.1234567890' } : z));
    ep.boundaries = ep.boundaries.map((b) => ({ ...b, interfaces: [b.interfaces[0], 'vlan.1234567890'] }));
    const rs = load(nftablesBackend.render(ep, renderContext()).text);
    expect(rs.sets.has(`a_${name}_v4`)).toBe(true);
    expect(`a_${name}_v4`).toHaveLength(255);
    expect(rs.chains.get('forward')!.rules.filter((r) => r.oifname === 'vlan.1234567890')).toHaveLength(1);
  });

  it('nft itself rejects one byte more (the limits otpc enforces are the real ones)', () => {
    const chain = (name: string, comment: string, prefix: string) =>
      `table inet otpc_limits {\n  chain ${name} {\n    counter log prefix "${prefix}" accept comment "${comment}"\n  }\n}\n`;
    expect(nftCheckSync(chain('c'.repeat(255), 'x'.repeat(128), 'p'.repeat(127))).code).toBe(0);
    expect(nftCheckSync(chain('c'.repeat(256), 'x', 'p')).code).not.toBe(0);
    expect(nftCheckSync(chain('c', 'x'.repeat(129), 'p')).stderr).toMatch(/comment too long/);
    expect(nftCheckSync(chain('c', 'x', 'p'.repeat(128))).code).not.toBe(0);
    expect(nftCheckSync(chain('c', 'x', 'a$b')).code).not.toBe(0);
  });
});
