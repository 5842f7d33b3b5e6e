import { beforeAll, describe, it } from 'vitest';
import { nftablesBackend } from '../../src/backends/nftables/index.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { cellIR, rangesIR, renderContext, waterIR } from '../backends/nftables/fixtures.js';
import { requireKernel, SKIP_KERNEL, SKIP_REASON } from './kernelEnv.js';
import { oracleProblems, runOracle } from './oracle.js';

/**
 * The kernel checks the spec evaluator (vendors.md 5, "Kernel anchor"): for each
 * fixture, real TCP/UDP over IPv4 and IPv6 through the rendered ruleset in network
 * namespaces; every probe's kernel verdict must equal evaluate(ep, packet), and the
 * kernel's counters must attribute the hits to the rules the evaluator names.
 */
const CASES: [string, () => EnforcementIR][] = [
  ['cell enforce (3 zones, IPv4+IPv6, read-only, rate limits)', () => cellIR('enforce')],
  ['cell mixed (ops|cell monitors, the rest enforces)', () => cellIR('enforce', { 'fw-cell:cell|ops': 'monitor' })],
  ['water plant fw-control enforce', () => waterIR('enforce')],
  ['ranges enforce (non-prefix ranges, groups, service groups)', () => rangesIR('enforce')],
];

describe.skipIf(SKIP_KERNEL)(SKIP_KERNEL ? `kernel oracle: real traffic (${SKIP_REASON})` : 'kernel oracle: real traffic, kernel == spec evaluator', () => {
  beforeAll(requireKernel);

  // Each case builds its own lab (unique namespace names): they run side by side.
  for (const [name, build] of CASES) {
    it.concurrent(name, async ({ expect }) => {
      const ep = build();
      const out = nftablesBackend.render(ep, renderContext());
      expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const res = await runOracle(ep, out.text);
      expect(oracleProblems(res, ep)).toEqual([]);
      expect(res.skipped.map((p) => p.label)).toEqual([]);
      expect(res.outcomes.some((o) => o.kernel === 'allow')).toBe(true);
      expect(res.outcomes.some((o) => o.kernel === 'deny')).toBe(true);
    }, 60_000);
  }

  it.concurrent('monitor: every probe passes and the would-deny counters count them', async ({ expect }) => {
    const ep = cellIR('monitor');
    const res = await runOracle(ep, nftablesBackend.render(ep, renderContext()).text);
    expect(oracleProblems(res, ep)).toEqual([]);
    expect(res.outcomes.filter((o) => o.kernel !== 'allow').map((o) => o.probe.label)).toEqual([]);
    const finals = ep.rules.filter((r) => r.kind === 'boundary-final' && (res.expected.get(r.number) ?? 0) > 0);
    expect(finals.length).toBeGreaterThanOrEqual(4);
    for (const f of finals) expect(res.counters.get(f.number), f.id).toBeGreaterThan(0);
  }, 60_000);
});
