import { beforeAll, describe, it } from 'vitest';
import { nftablesBackend } from '../../src/backends/nftables/index.js';
import { parseNet } from '../../src/model/ip.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { rangesIR, renderContext } from '../backends/nftables/fixtures.js';
import { requireKernel, SKIP_KERNEL, SKIP_REASON } from './kernelEnv.js';
import { Lab } from './lab.js';
import type { HostAddr } from './lab.js';
import { parseRuleset } from './nftJson.js';

/**
 * Rate limits with real connections (the spec evaluator has no rates, so the kernel
 * checks the rendered form directly; forms from netns-lab/ratelimit.nft):
 * - per-source concurrent connections 2: two held-open connections pass, a third
 *   from the same source is dropped while they last;
 * - 1 new connection per second (burst 1): of four simultaneous connections, fewer
 *   than four pass.
 * In monitor everything passes and the meters log (counters), nothing is dropped.
 */
const HMI = '192.0.2.10';
const PLC = '198.51.100.20';

function host(text: string): HostAddr {
  const r = parseNet(text);
  if (!r.ok) throw new Error(r.error);
  return { family: r.net.family, value: r.net.first };
}

function limitedIR(phase: 'monitor' | 'enforce'): EnforcementIR {
  const ep = rangesIR(phase);
  ep.rules = ep.rules.map((r) => {
    if (r.id === 'hmi-plc.2') return { ...r, rateLimit: { perSourceConnections: 2 } };
    if (r.id === 'hmi-plc.1') return { ...r, rateLimit: { newConnectionsPerSecond: 1 } };
    return r;
  });
  return ep;
}

/**
 * One client connection; stdin stays open for `holdSeconds` (socat ends a connection
 * once its input is at EOF, and a closed connection no longer counts in conncount).
 */
async function connect(lab: Lab, port: number, holdSeconds: number, connectTimeout: string): Promise<boolean> {
  const socat = `socat -T${holdSeconds + 2} -t2 - TCP4:${PLC}:${port},bind=${HMI},connect-timeout=${connectTimeout}`;
  const r = await lab.exec('hmi', ['timeout', String(holdSeconds + 6), 'sh', '-c', `sleep ${holdSeconds} | ${socat}`], { timeoutMs: (holdSeconds + 10) * 1000 });
  return r.stdout.includes('OK');
}

async function withLab(phase: 'monitor' | 'enforce', body: (lab: Lab) => Promise<void>): Promise<Map<string, number>> {
  const ep = limitedIR(phase);
  const lab = await Lab.create(ep, new Map([['hmi', [host(HMI)]], ['plc', [host(PLC)]]]));
  try {
    await lab.loadRuleset(nftablesBackend.render(ep, renderContext()).text);
    // port 2000 holds each connection for 3 s after answering; port 502 answers at once
    lab.spawnIn('plc', ['socat', 'TCP4-LISTEN:2000,fork,reuseaddr', 'SYSTEM:echo OK; sleep 3']);
    lab.spawnIn('plc', ['socat', 'TCP4-LISTEN:502,fork,reuseaddr', 'EXEC:echo OK']);
    const deadline = Date.now() + 5000;
    while ((await lab.exec('plc', ['ss', '-Hlnt'])).stdout.trim().split('\n').filter((l) => /:(2000|502)\s/.test(l)).length < 2) {
      if (Date.now() > deadline) throw new Error('listeners did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    await body(lab);
    const rs = parseRuleset(await lab.rulesetJson());
    const counters = new Map<string, number>();
    for (const r of [...rs.chains.values()].flatMap((c) => c.rules)) if (r.logPrefix) counters.set(r.logPrefix.trim(), r.counter?.packets ?? 0);
    return counters;
  } finally {
    await lab.destroy();
  }
}

describe.skipIf(SKIP_KERNEL)(SKIP_KERNEL ? `kernel oracle: rate limits (${SKIP_REASON})` : 'kernel oracle: rate limits with real connections', () => {
  beforeAll(requireKernel);

  it.concurrent('enforce: the third concurrent connection from one source and the excess new connections are dropped', async ({ expect }) => {
    let held: boolean[] = [];
    let third = true;
    let burst: boolean[] = [];
    const counters = await withLab('enforce', async (lab) => {
      const holding = [connect(lab, 2000, 3, '2'), connect(lab, 2000, 3, '2')];
      await new Promise((r) => setTimeout(r, 700));
      third = await connect(lab, 2000, 0, '1');
      held = await Promise.all(holding);
      burst = await Promise.all([0, 1, 2, 3].map(() => connect(lab, 502, 0, '0.5')));
    });
    expect(held).toEqual([true, true]);
    expect(third).toBe(false);
    expect(counters.get('otpc 1002.1 drop-rl-src')).toBeGreaterThanOrEqual(1);
    expect(burst.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect(burst.filter(Boolean).length).toBeLessThan(4);
    expect(counters.get('otpc 1001.1 drop-rl-rate')).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it.concurrent('monitor: the same traffic passes, the meters only count and log', async ({ expect }) => {
    let results: boolean[] = [];
    const counters = await withLab('monitor', async (lab) => {
      const holding = [connect(lab, 2000, 3, '2'), connect(lab, 2000, 3, '2')];
      await new Promise((r) => setTimeout(r, 700));
      const third = await connect(lab, 2000, 0, '1');
      const burst = await Promise.all([0, 1, 2, 3].map(() => connect(lab, 502, 0, '1')));
      results = [...(await Promise.all(holding)), third, ...burst];
    });
    expect(results).toEqual([true, true, true, true, true, true, true]);
    expect(counters.get('otpc 1002.1 log-rl-src')).toBeGreaterThanOrEqual(1);
    expect(counters.get('otpc 1001.1 log-rl-rate')).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
