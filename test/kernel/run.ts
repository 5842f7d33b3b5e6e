import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion (never rejects for a non-zero exit). Every command of
 * the kernel tests is bounded: by `timeoutMs` here and, for anything that talks to
 * the network, by coreutils `timeout` inside the namespace as well.
 */
export function run(cmd: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: -1, stdout, stderr: `${stderr}${e.message}` }); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.on('error', () => { /* the command may exit before reading its input */ });
    child.stdin.end(options.input ?? '');
  });
}

/** A long-running process in its own process group, so cleanup can end it and its children by id. */
export function spawnTracked(cmd: string, args: string[]): ChildProcess {
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => { /* reported by the readiness check */ });
  return child;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * `nft -c -f` in a fresh user+network namespace (`unshare -rn`): the kernel checks
 * the whole batch without touching any real ruleset (vendors.md 4.1). Works as root
 * and, where user namespaces are allowed, without.
 */
export function nftCheckSync(text: string): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'otpc-nft-'));
  try {
    const file = join(dir, 'ruleset.nft');
    writeFileSync(file, text);
    const r = spawnSync('unshare', ['-rn', 'nft', '-c', '-f', file], { encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Loads the ruleset into a fresh, private network namespace (`unshare -rn`, gone when
 * the command exits: nothing to clean up) and returns `nft -j list ruleset`: the
 * kernel's own normalisation of what was loaded (vendors.md 5).
 */
export function nftRoundTripSync(text: string): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'otpc-nft-'));
  try {
    const file = join(dir, 'ruleset.nft');
    writeFileSync(file, text);
    const r = spawnSync('unshare', ['-rn', 'sh', '-c', 'nft -f "$1" && nft -f "$1" && nft -j list ruleset', 'sh', file], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
