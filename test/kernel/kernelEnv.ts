import { spawnSync } from 'node:child_process';

/**
 * Can this process run the kernel oracle? It needs CAP_NET_ADMIN and CAP_SYS_ADMIN
 * (root: `ip netns add`, nftables in the namespaces), `nft`, `ip`, `socat`, `timeout`
 * and `unshare`. CI installs them (.ci/run). When they are missing the kernel tests
 * FAIL with the reason; only the explicit opt-out OTPC_SKIP_KERNEL_TESTS=1 skips them.
 */
export const SKIP_KERNEL = process.env.OTPC_SKIP_KERNEL_TESTS === '1';
export const SKIP_REASON = 'skipped: OTPC_SKIP_KERNEL_TESTS=1 (explicit opt-out; the kernel oracle did not run)';

export interface KernelEnv {
  ok: boolean;
  reason: string;
}

let cached: KernelEnv | undefined;

function runs(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

export function kernelEnv(): KernelEnv {
  if (cached) return cached;
  const missing = [['nft', ['--version']], ['ip', ['-V']], ['socat', ['-V']], ['timeout', ['--version']], ['unshare', ['--version']]]
    .filter(([cmd, args]) => !runs(cmd as string, args as string[])).map(([cmd]) => cmd);
  if (missing.length > 0) {
    cached = { ok: false, reason: `missing commands: ${missing.join(', ')} (apt-get install nftables iproute2 socat coreutils util-linux)` };
    return cached;
  }
  const probe = `otpck${process.pid}xenv`;
  const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8', timeout: 10_000 });
  if (add.status !== 0) {
    cached = { ok: false, reason: `cannot create a network namespace (need root or CAP_NET_ADMIN+CAP_SYS_ADMIN): ${add.stderr.trim()}` };
    return cached;
  }
  const nft = spawnSync('ip', ['netns', 'exec', probe, 'nft', 'list', 'ruleset'], { encoding: 'utf8', timeout: 10_000 });
  spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore', timeout: 10_000 });
  cached = nft.status === 0 ? { ok: true, reason: '' } : { ok: false, reason: `nft does not work in a namespace: ${nft.stderr.trim()}` };
  return cached;
}

/** Throws the loud failure the brief asks for (called from beforeAll of every kernel suite). */
export function requireKernel(): void {
  const env = kernelEnv();
  if (!env.ok) {
    throw new Error(`kernel oracle cannot run: ${env.reason}. Run the tests as root on Linux with nftables, iproute2 and socat `
      + '(.ci/run installs them), or set OTPC_SKIP_KERNEL_TESTS=1 to skip them on purpose.');
  }
}

/** Whether /usr/bin/python3 has Debian's python3-pymodbus (the Modbus test needs it). */
export function pymodbusAvailable(): boolean {
  return runs('/usr/bin/python3', ['-c', 'import pymodbus.client, pymodbus.server']);
}
