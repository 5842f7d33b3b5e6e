import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { nftablesBackend } from '../../src/backends/nftables/index.js';
import { parseNet } from '../../src/model/ip.js';
import { evaluate } from '../../src/rules/evaluate.js';
import type { EnforcementIR, Packet } from '../../src/rules/types.js';
import { cellIR, renderContext } from '../backends/nftables/fixtures.js';
import { pymodbusAvailable, requireKernel, SKIP_KERNEL, SKIP_REASON } from './kernelEnv.js';
import { Lab } from './lab.js';
import type { HostAddr } from './lab.js';
import { parseRuleset } from './nftJson.js';

/**
 * Read-only Modbus through the real kernel (vendors.md 4.4): a pymodbus server in the
 * PLC namespace, pymodbus clients in the operations namespace, the cell fixture's
 * ruleset on the router between them. The historian's flow is read-only (dpi), the
 * HMI's flow to the same PLC is read-write and comes first in the IR: its writes
 * must pass, the historian's must be reset, on IPv4 and IPv6. The spec evaluator is
 * asked the same questions with `operation` 3, 6 and 8.
 */
const SCRIPTS = fileURLToPath(new URL('./modbus/', import.meta.url));
const PY = '/usr/bin/python3';

function host(text: string): HostAddr {
  const r = parseNet(text);
  if (!r.ok) throw new Error(r.error);
  return { family: r.net.family, value: r.net.first };
}

const HISTORIAN4 = '10.40.2.40';
const HISTORIAN6 = 'fd00:40:2::40';
const HMI4 = '10.40.2.21';
const PLC4 = '10.40.1.11';
const PLC6 = 'fd00:40:1::11';

interface OpResult {
  op: string;
  connected: boolean;
  ok: boolean;
  detail: string;
}

function specPacket(src: string, dst: string, operation: number): Packet {
  const s = host(src);
  const d = host(dst);
  return { fromZone: 'ops', toZone: 'cell', family: s.family, src: s.value, dst: d.value, transport: 'tcp', sport: 40000, dport: 502, operation };
}

async function withModbusLab(ep: EnforcementIR, body: (client: (src: string, dst: string, ops: string[]) => Promise<OpResult[]>, lab: Lab) => Promise<void>): Promise<void> {
  const hosts = new Map<string, HostAddr[]>([['ops', [HISTORIAN4, HMI4, HISTORIAN6].map(host)], ['cell', [PLC4, PLC6].map(host)]]);
  const lab = await Lab.create(ep, hosts);
  try {
    await lab.loadRuleset(nftablesBackend.render(ep, renderContext()).text);
    for (const addr of [PLC4, PLC6]) lab.spawnIn('cell', [PY, `${SCRIPTS}mb_server.py`, addr, '502']);
    const deadline = Date.now() + 15_000;
    while (((await lab.exec('cell', ['ss', '-Hlnt', 'sport = :502'])).stdout.trim().split('\n').filter((l) => l !== '').length) < 2) {
      if (Date.now() > deadline) throw new Error('modbus servers did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const client = async (src: string, dst: string, ops: string[]) => {
      const r = await lab.exec('ops', ['timeout', '20', PY, `${SCRIPTS}mb_client.py`, dst, '502', src, ...ops], { timeoutMs: 30_000 });
      const lines = r.stdout.trim().split('\n').filter((l) => l.startsWith('{'));
      if (lines.length !== ops.length) throw new Error(`mb_client: ${r.stdout}\n${r.stderr}`);
      return lines.map((l) => JSON.parse(l) as OpResult);
    };
    await body(client, lab);
  } finally {
    await lab.destroy();
  }
}

describe.skipIf(SKIP_KERNEL)(SKIP_KERNEL ? `kernel oracle: read-only Modbus/TCP (${SKIP_REASON})` : 'kernel oracle: read-only Modbus/TCP with pymodbus', () => {
  beforeAll(() => {
    requireKernel();
    if (!pymodbusAvailable()) {
      throw new Error('the Modbus test needs Debian python3-pymodbus under /usr/bin/python3 (apt-get install python3-pymodbus; .ci/run installs it)');
    }
  });

  it('enforce: FC 3 read passes, FC 6 write and FC 8 are reset on the read-only flow; the read-write flow may write', async () => {
    const ep = cellIR('enforce');
    await withModbusLab(ep, async (client, lab) => {
      const [hist4, hist6, hmi] = await Promise.all([
        client(HISTORIAN4, PLC4, ['fc3', 'fc6', 'raw:8']),
        client(HISTORIAN6, PLC6, ['fc3', 'fc6']),
        client(HMI4, PLC4, ['fc3', 'fc6']),
      ]);
      const summary = (rs: OpResult[]) => rs.map((r) => `${r.op}:${r.connected ? 'connected' : 'no-connect'}:${r.ok ? 'ok' : 'failed'}`);
      expect(summary(hist4), JSON.stringify(hist4)).toEqual(['fc3:connected:ok', 'fc6:connected:failed', 'raw:8:connected:failed']);
      for (const r of [hist4[1], hist4[2]]) expect(r.detail).toMatch(/Errno 104|reset by peer/);
      expect(summary(hist6), JSON.stringify(hist6)).toEqual(['fc3:connected:ok', 'fc6:connected:failed']);
      expect(hist6[1].detail).toMatch(/Errno 104|reset by peer/);
      expect(summary(hmi), JSON.stringify(hmi)).toEqual(['fc3:connected:ok', 'fc6:connected:ok']);

      const rs = parseRuleset(await lab.rulesetJson());
      const hits = [...rs.chains.values()].flatMap((c) => c.rules).filter((r) => /^otpc 1002\.\d reject-ro $/.test(r.logPrefix ?? ''));
      expect(hits.map((r) => r.counter?.packets ?? 0).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    });
    expect(evaluate(ep, specPacket(HISTORIAN4, PLC4, 3)).action).toBe('allow');
    expect(evaluate(ep, specPacket(HISTORIAN4, PLC4, 6))).toMatchObject({ action: 'deny', rule: 'ops-cell.2' });
    expect(evaluate(ep, specPacket(HISTORIAN4, PLC4, 8)).action).toBe('deny');
    expect(evaluate(ep, specPacket(HISTORIAN6, PLC6, 6)).action).toBe('deny');
    expect(evaluate(ep, specPacket(HMI4, PLC4, 6))).toMatchObject({ action: 'allow', rule: 'ops-cell.4' });
  }, 60_000);

  it('monitor: the historian write passes (nothing the plant does changes)', async () => {
    const ep = cellIR('monitor');
    await withModbusLab(ep, async (client) => {
      const hist = await client(HISTORIAN4, PLC4, ['fc3', 'fc6']);
      expect(hist.map((r) => r.ok), JSON.stringify(hist)).toEqual([true, true]);
    });
    expect(evaluate(ep, specPacket(HISTORIAN4, PLC4, 6)).action).toBe('allow');
  }, 60_000);
});
