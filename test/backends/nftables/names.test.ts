import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVendorName } from '../../../src/backends/common/checkVendorName.js';
import { nftablesBackend } from '../../../src/backends/nftables/index.js';
import { NFT_KEYWORDS, nftNameRule } from '../../../src/backends/nftables/nftNames.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import type { EnforcementIR } from '../../../src/rules/types.js';
import { cellIR, nftPlatform, rangesIR, renderContext } from './fixtures.js';

/**
 * Names are validated, never escaped or truncated (vendors.md 1 and 3): located
 * errors OTPC701 (characters, keywords), OTPC702 (length, from the platform row),
 * OTPC706 (interfaces), OTPC707 (two objects, one name); render never throws and
 * returns no text when an error stops it.
 */
function render(ep: EnforcementIR, nameMax?: number) {
  const ctx = renderContext();
  if (nameMax !== undefined) ctx.platform = { ...nftPlatform(), limits: { ...nftPlatform().limits, nameMax } };
  return nftablesBackend.render(ep, ctx);
}

function errors(ds: Diagnostic[]): { code: string; pointer?: string }[] {
  return ds.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, pointer: d.pointer }));
}

function withObjectName(name: string): EnforcementIR {
  const ep = rangesIR('enforce');
  ep.addresses = ep.addresses.map((a) => (a.id === 'asset:plc-02' ? { ...a, name } : a));
  return ep;
}

function withInterface(iface: string): EnforcementIR {
  const ep = rangesIR('enforce');
  ep.zones = ep.zones.map((z) => (z.id === 'plc' ? { ...z, interface: iface } : z));
  return ep;
}

describe('nftables names', () => {
  it.each([
    ['250 characters: set name a_<name>_v4 is 255 bytes, the nft maximum', 'p'.repeat(250), []],
    ['251 characters: 256 bytes', 'p'.repeat(251), [{ code: 'OTPC702', pointer: '/assets/plc-02' }]],
    ['newline (injection)', 'plc\nflush ruleset', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['double quote', 'plc"x', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['backslash', 'plc\\x', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['semicolon', 'plc;drop', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['braces', 'plc{}', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['hash', 'plc#1', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['question mark', 'plc?', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['space', 'plc 2', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['dollar', 'plc$x', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['non-ASCII', 'plcé', [{ code: 'OTPC701', pointer: '/assets/plc-02' }]],
    ['a leading digit is fine behind the prefix', '2nd-plc', []],
  ] as const)('object name: %s', (_name, objName, want) => {
    const out = render(withObjectName(objName));
    expect(errors(out.diagnostics)).toEqual(want);
    expect(out.text === '').toBe(want.length > 0);
  });

  it('the platform row limits names: nameMax 20 rejects a 21-byte set name', () => {
    expect(errors(render(withObjectName('p'.repeat(15)), 20).diagnostics)).toEqual([]);
    expect(errors(render(withObjectName('p'.repeat(16)), 20).diagnostics)).toEqual([{ code: 'OTPC702', pointer: '/assets/plc-02' }]);
  });

  it('two objects that render to one set name: OTPC707', () => {
    const ep = rangesIR('enforce');
    const twin = { ...ep.addresses.find((a) => a.id === 'asset:plc-02')!, id: 'asset:plc_02', name: 'plc_02', pointer: '/assets/plc_02' };
    ep.addresses = [...ep.addresses, twin];
    expect(errors(render(ep).diagnostics)).toEqual([{ code: 'OTPC707', pointer: '/assets/plc_02' }]);
  });

  it('two boundary directions that render to one chain name: OTPC707', () => {
    const ep = rangesIR('enforce');
    ep.zones = [
      { ...ep.zones[0], id: 'a', interface: 'e0' }, { ...ep.zones[0], id: 'b-c', interface: 'e1' },
      { ...ep.zones[0], id: 'a-b', interface: 'e2' }, { ...ep.zones[0], id: 'c', interface: 'e3' },
    ];
    ep.boundaries = [
      { id: 'a|b-c', zones: ['a', 'b-c'], interfaces: ['e0', 'e1'], phase: 'enforce' },
      { id: 'a-b|c', zones: ['a-b', 'c'], interfaces: ['e2', 'e3'], phase: 'enforce' },
    ];
    ep.rules = ep.rules.filter((r) => r.kind === 'final');
    expect(errors(render(ep).diagnostics).map((d) => d.code)).toEqual(['OTPC707']);
  });

  it('the table name comes from the enforcement point id and is checked', () => {
    const ep = { ...rangesIR('enforce'), id: 'fw lab', pointer: '/enforcement/fw lab' };
    expect(errors(render(ep).diagnostics)).toEqual([{ code: 'OTPC701', pointer: '/enforcement/fw lab' }]);
  });

  it.each([
    ['eth0.20', true], ['enp1s0', true], ['x'.repeat(15), true], ['br-lan', true],
    ['x'.repeat(16), false], ['eth0"; flush ruleset', false], ['eth*', false], ['a/b', false], ['', false],
    ['.', false], ['lan 0', false], ['eth0\n', false], ['eth$x', false], ['-eth', false],
  ] as const)('interface %j valid: %s', (iface, ok) => {
    const out = render(withInterface(iface));
    expect(errors(out.diagnostics)).toEqual(ok ? [] : [{ code: 'OTPC706', pointer: '/enforcement/fw-lab/interfaces/plc' }]);
  });

  it('keywords are rejected whatever their case, even though prefixes make them unreachable', () => {
    for (const word of ['accept', 'drop', 'reject', 'ip', 'ip6', 'inet', 'tcp', 'udp', 'counter', 'log', 'ct', 'meta', 'table', 'chain', 'set', 'map', 'element', 'rule', 'jump', 'goto', 'return', 'queue', 'continue', 'flow', 'limit', 'quota']) {
      expect(NFT_KEYWORDS).toContain(word);
      expect(checkVendorName(word.toUpperCase(), nftNameRule('set', 255), 'f.yaml', '/x').map((d) => d.code)).toEqual(['OTPC701']);
    }
    expect(checkVendorName('a_plc_v4', nftNameRule('set', 255), 'f.yaml', '/x')).toEqual([]);
  });

  it('a read-only filter without a payload offset cannot be rendered: OTPC705 at the flow', () => {
    const ep = cellIR('enforce');
    ep.rules = ep.rules.map((r) => (r.readOnly?.mode === 'dpi' ? { ...r, readOnly: { ...r.readOnly, payloadOffset: undefined } } : r));
    expect(errors(render(ep).diagnostics)).toEqual([{ code: 'OTPC705', pointer: '/conduits/ops-cell/flows/1' }]);
  });

  it('max-embryonic is reported as not expressible (warning) and the rest renders', () => {
    // The IR builder drops it already (platforms.yaml rate-limit-kinds); the backend still refuses to approximate it.
    const ep = cellIR('enforce');
    ep.rules = ep.rules.map((r) => (r.id === 'ops-cell.1' ? { ...r, rateLimit: { ...r.rateLimit, maxEmbryonic: 4 } } : r));
    const out = render(ep);
    expect(out.diagnostics.map((d) => [d.code, d.severity, d.pointer])).toEqual([['OTPC704', 'warning', '/conduits/ops-cell/flows/3']]);
    expect(out.text).toContain('max-embryonic 4 is not expressible in nftables');
  });

  it('a rule that refers to an unknown object is an internal error, not a crash', () => {
    const ep = rangesIR('enforce');
    ep.rules = ep.rules.map((r) => (r.id === 'hmi-plc.1' ? { ...r, src: ['asset:nowhere'] } : r));
    expect(errors(render(ep).diagnostics).map((d) => d.code)).toContain('OTPC999');
  });

  it('render never throws for arbitrary names and interface names', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 60 }), (name, iface, epId) => {
      const ep = withInterface(iface);
      ep.addresses = ep.addresses.map((a) => (a.id === 'asset:plc-02' ? { ...a, name } : a));
      ep.id = epId;
      const out = render(ep);
      if (out.text !== '') expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      else expect(out.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }), { numRuns: 300, seed: 62443 });
  });
});
