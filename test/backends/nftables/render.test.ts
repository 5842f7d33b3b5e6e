import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nftablesBackend } from '../../../src/backends/nftables/index.js';
import { backendFor } from '../../../src/backends/registry.js';
import type { EnforcementIR } from '../../../src/rules/types.js';
import { arbitraryNftIRs, FC_SEED } from './arbitraryNft.js';
import { cellIR, rangesIR, renderContext, waterIR } from './fixtures.js';

/**
 * Invariants of every rendered ruleset, on the fixtures and on random policies:
 * deterministic, LF only with a final newline, printable ASCII, a port match on
 * every transport match (the Capirca bug of vendors.md 4.3 cannot happen), comments
 * within 128 bytes and log prefixes within 127 bytes and unique, and the chain
 * layout the kernel tests rely on (read-only checks before the conntrack accept,
 * rate limits before their accept).
 */
function text(ep: EnforcementIR): string {
  const out = nftablesBackend.render(ep, renderContext());
  expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return out.text;
}

function ruleLines(t: string): string[] {
  return t.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

export function invariantProblems(t: string): string[] {
  const out: string[] = [];
  if (!t.endsWith('\n') || t.includes('\r')) out.push('line endings');
  if (!/^[\x20-\x7e\n]*$/.test(t)) out.push('non-printable or non-ASCII text');
  const lines = ruleLines(t);
  for (const l of lines) {
    if (/\b(ip protocol|meta l4proto) \{/.test(l)) out.push(`protocol set: ${l}`);
    if (/\b(tcp|udp) (?!dport)/.test(l.replace(/tcp flags & \(fin\|syn\|rst\|ack\) != syn/, '').replace(/with tcp reset/, ''))) out.push(`transport without a port: ${l}`);
    for (const m of l.matchAll(/comment "([^"]*)"/g)) if (Buffer.byteLength(m[1]) > 128) out.push(`comment over 128 bytes: ${m[1]}`);
  }
  const prefixes = lines.flatMap((l) => [...l.matchAll(/log prefix "([^"]*)"/g)].map((m) => m[1]));
  if (new Set(prefixes).size !== prefixes.length) out.push('duplicate log prefix');
  for (const p of prefixes) if (Buffer.byteLength(p) > 127 || p.includes('$')) out.push(`log prefix ${p}`);
  return out;
}

describe('nftables render', () => {
  it('is registered as nftables with extension nft', () => {
    expect(backendFor('nftables')).toBe(nftablesBackend);
    expect(nftablesBackend.extension).toBe('nft');
  });

  it('is deterministic and independent of the order of unordered IR collections', () => {
    const a = text(cellIR('enforce'));
    expect(text(cellIR('enforce'))).toBe(a);
    const ep = cellIR('enforce');
    ep.addresses.reverse();
    ep.services.reverse();
    ep.zones.reverse();
    ep.boundaries.reverse();
    ep.syslog.reverse();
    expect(text(ep)).toBe(a);
  });

  it.each([['water', () => waterIR('enforce')], ['cell', () => cellIR('enforce')], ['ranges', () => rangesIR('monitor')]] as const)('%s: invariants', (_n, build) => {
    expect(invariantProblems(text(build()))).toEqual([]);
  });

  it('loads idempotently: add table, delete table, then the table', () => {
    const t = text(cellIR('enforce'));
    expect(t).toMatch(/^#!\/usr\/sbin\/nft -f\n(# .*\n)+\nadd table inet otpc_fw_cell\ndelete table inet otpc_fw_cell\n\ntable inet otpc_fw_cell \{\n/);
    expect(ruleLines(t).filter((l) => l.includes('destroy'))).toEqual([]);
  });

  it('puts the read-only checks before the conntrack accept and the rate limits before their accept', () => {
    const lines = ruleLines(text(cellIR('enforce')));
    const jumpRo = lines.findIndex((l) => l.startsWith('iifname "ens3" oifname "ens4" counter jump ro_ops_cell'));
    const established = lines.findIndex((l) => l.startsWith('ct state established,related counter accept'));
    expect(jumpRo).toBeGreaterThanOrEqual(0);
    expect(jumpRo).toBeLessThan(established);
    const check = lines.find((l) => l.includes('@ih,56,8 != @ro_modbus_allowed'));
    expect(check).toMatch(/^ip saddr @a_historian_v4 ip daddr @z_cell_v4 tcp dport 502 @ih,56,8 != @ro_modbus_allowed counter log prefix "otpc 1002\.1 reject-ro " reject with tcp reset comment "R1002 read-only modbus: stateless per-segment check, defence in depth; pipelined PDUs can evade it"$/);
    const accept = lines.findIndex((l) => l.includes('log prefix "otpc 1001 accept "'));
    const limits = lines.map((l, i) => ({ l, i })).filter(({ l }) => /log prefix "otpc 1001 drop-rl-/.test(l)).map(({ i }) => i);
    expect(limits).toEqual([accept - 3, accept - 2, accept - 1]);
  });

  it('in monitor every final rule accepts and the chain policy is accept', () => {
    const t = text(cellIR('monitor'));
    expect(t).toContain('type filter hook forward priority filter; policy accept;');
    expect(t).not.toMatch(/ drop comment/);
    expect(t).not.toContain('reject');
    expect(t).toContain('log prefix "otpc 9999999 monitor-pass " accept');
  });

  it('sanitises comments: no quotes, newlines, backslash, ? or $; cut to 128 bytes', () => {
    const ep = rangesIR('enforce');
    ep.rules = ep.rules.map((r) => (r.id === 'hmi-plc.1'
      ? { ...r, comment: `a "quoted"\nflush ruleset\r\n\\ back?slash $var 'single' \`tick\` Zürich 東京 ; {braces} #hash ${'x'.repeat(200)}` }
      : r));
    const line = ruleLines(text(ep)).find((l) => l.includes('"otpc 1001.1 accept "'))!;
    const comment = /comment "([^"]*)"$/.exec(line)![1];
    expect(comment).toBe('R1001 a quoted flush ruleset backslash var single tick Zurich ; {braces} #hash');
    expect(invariantProblems(text(ep))).toEqual([]);
  });

  it('random policies: no errors and every invariant', () => {
    fc.assert(fc.property(arbitraryNftIRs(), (eps) => {
      for (const ep of eps) {
        const out = nftablesBackend.render(ep, renderContext());
        expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(invariantProblems(out.text)).toEqual([]);
        expect(nftablesBackend.render(ep, renderContext()).text).toBe(out.text);
      }
    }), { numRuns: 150, seed: FC_SEED });
  });
});
