import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { formatAddress } from '../../src/model/ip.js';
import type { EnforcementIR } from '../../src/rules/types.js';
import { killGroup, run, spawnTracked } from './run.js';
import type { RunResult } from './run.js';

/**
 * A network-namespace lab for one EnforcementIR (after netns-lab/lab-up.sh):
 *
 *   <id>_z0 --h0==<iface of zone 0>--+
 *   <id>_z1 --h0==<iface of zone 1>--+-- <id>_fw  (ip forwarding, the rendered ruleset)
 *   ...                              +
 *
 * One firewall namespace with one veth per zone, named exactly as the IR's interface
 * (so iifname/oifname match as on the device), and one host namespace per zone that
 * carries every address the probes need (/32, /128 nodad). The firewall answers as
 * the gateway on every interface (an IPv4 documentation address chosen outside every
 * probed address, and fe80::1) and routes each host address to its zone's veth.
 * Every address exists only inside these namespaces; nothing leaves them.
 *
 * Names are unique per run (`otpck<pid>x<n>`), every process is bounded with
 * `timeout` and ended by its id, and the namespaces are deleted in destroy(), on
 * process exit, and by the next run if a crashed run left them behind.
 */
export interface HostAddr {
  family: 4 | 6;
  value: bigint;
}

export interface ListenSpec {
  zone: string;
  family: 4 | 6;
  transport: 'tcp' | 'udp';
  port: number;
  /** UDP listeners bind the address (the reply must come from it); TCP listens on all. */
  addr?: bigint;
}

export interface ProbeSpec {
  fromZone: string;
  family: 4 | 6;
  transport: 'tcp' | 'udp';
  src: bigint;
  dst: bigint;
  port: number;
}

export interface ProbeResult {
  allowed: boolean;
  output: string;
  error: string;
}

const LISTENER_LIFETIME_S = 90;
const GATEWAY_CANDIDATES = ['192.0.2.1', '198.51.100.1', '203.0.113.1', '192.0.2.254', '198.51.100.254', '203.0.113.254'];

let counter = 0;
const active = new Set<Lab>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => { for (const lab of active) lab.destroySync(); });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const lab of active) lab.destroySync();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Deletes namespaces of earlier runs whose process is gone (a crash skipped their cleanup). */
function sweepStale(): void {
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8', timeout: 10_000 });
  for (const line of (list.stdout ?? '').split('\n')) {
    const m = /^(otpck(\d+)x\S*)/.exec(line.trim());
    if (!m || Number(m[2]) === process.pid) continue;
    let alive = true;
    try {
      process.kill(Number(m[2]), 0);
    } catch {
      alive = false;
    }
    if (!alive) spawnSync('ip', ['netns', 'del', m[1]], { stdio: 'ignore', timeout: 10_000 });
  }
}

function addrText(family: 4 | 6, value: bigint): string {
  return formatAddress(family, value);
}

function socatAddr(family: 4 | 6, value: bigint): string {
  return family === 6 ? `[${addrText(6, value)}]` : addrText(4, value);
}

async function must(r: Promise<RunResult>, what: string): Promise<RunResult> {
  const res = await r;
  if (res.code !== 0) throw new Error(`lab: ${what} failed (${res.code}): ${res.stderr.trim()}`);
  return res;
}

export class Lab {
  readonly id: string;
  readonly fw: string;
  readonly ns = new Map<string, string>();
  private readonly children: ChildProcess[] = [];
  private destroyed = false;
  private gateway4 = '';

  private constructor(readonly ep: EnforcementIR, private readonly hosts: Map<string, HostAddr[]>) {
    counter += 1;
    this.id = `otpck${process.pid}x${counter}`;
    this.fw = `${this.id}_fw`;
    ep.zones.forEach((z, i) => this.ns.set(z.id, `${this.id}_z${i}`));
  }

  /** Builds the namespaces; `hosts` maps each zone to the addresses its host namespace carries. */
  static async create(ep: EnforcementIR, hosts: Map<string, HostAddr[]>): Promise<Lab> {
    for (const z of ep.zones) {
      if (z.interface.length > 15) throw new Error(`lab: interface ${z.interface} is longer than 15 characters (IFNAMSIZ)`);
    }
    hookExit();
    sweepStale();
    const lab = new Lab(ep, hosts);
    active.add(lab);
    try {
      await lab.setup();
    } catch (e) {
      await lab.destroy();
      throw e;
    }
    return lab;
  }

  private chooseGateway(): string {
    const used = new Set([...this.hosts.values()].flat().filter((h) => h.family === 4).map((h) => h.value));
    const gw = GATEWAY_CANDIDATES.find((c) => ![...used].some((v) => addrText(4, v) === c));
    if (!gw) throw new Error('lab: no free gateway address');
    return gw;
  }

  private async setup(): Promise<void> {
    this.gateway4 = this.chooseGateway();
    const all = [this.fw, ...this.ns.values()];
    await must(run('ip', ['-batch', '-'], { input: all.map((n) => `netns add ${n}\n`).join('') }), 'netns add');
    // Before the veths exist: no DAD (addresses usable at once), forwarding on the firewall only.
    // Written through /proc/sys (per network namespace): procps' sysctl is not on a bare CI image.
    await Promise.all(all.map((n) => {
      const keys = ['ipv6/conf/all/accept_dad=0', 'ipv6/conf/default/accept_dad=0',
        ...(n === this.fw ? ['ipv4/ip_forward=1', 'ipv6/conf/all/forwarding=1', 'ipv4/conf/all/rp_filter=0', 'ipv4/conf/default/rp_filter=0'] : [])];
      const script = keys.map((k) => `echo ${k.split('=')[1]} > /proc/sys/net/${k.split('=')[0]}`).join(' && ');
      return must(run('ip', ['netns', 'exec', n, 'sh', '-c', script]), `sysctl in ${n}`);
    }));
    const links = this.ep.zones.map((z) => `link add ${z.interface} netns ${this.fw} type veth peer name h0 netns ${this.ns.get(z.id)}\n`).join('');
    await must(run('ip', ['-batch', '-'], { input: links }), 'veth setup');
    const macs = await this.macs();
    await must(run('ip', ['-n', this.fw, '-batch', '-'], { input: this.fwCommands(macs) }), 'firewall addresses');
    await Promise.all(this.ep.zones.map((z) => must(run('ip', ['-n', this.ns.get(z.id)!, '-batch', '-'], { input: this.hostCommands(z.id, macs) }), `host ${z.id}`)));
  }

  /**
   * MAC addresses of both ends of every veth. Neighbours are installed as permanent
   * entries, so no ARP or ND runs: a burst of parallel probes would otherwise queue
   * behind the first resolution, and a UDP datagram dropped from that queue is never
   * sent again (seen here as a rare false "deny").
   */
  private async macs(): Promise<Map<string, { fw: string; host: string }>> {
    const mac = async (ns: string, dev: string) => {
      const r = await must(run('ip', ['-n', ns, '-j', 'link', 'show', 'dev', dev]), `link ${dev}`);
      return String((JSON.parse(r.stdout) as { address: string }[])[0].address);
    };
    const out = new Map<string, { fw: string; host: string }>();
    await Promise.all(this.ep.zones.map(async (z) => {
      out.set(z.id, { fw: await mac(this.fw, z.interface), host: await mac(this.ns.get(z.id)!, 'h0') });
    }));
    return out;
  }

  private fwCommands(macs: Map<string, { fw: string; host: string }>): string {
    const lines = ['link set lo up'];
    for (const z of this.ep.zones) {
      lines.push(`link set ${z.interface} up`, `addr add ${this.gateway4}/32 dev ${z.interface}`, `addr add fe80::1/64 dev ${z.interface} nodad`);
      for (const h of this.hosts.get(z.id) ?? []) {
        const a = addrText(h.family, h.value);
        lines.push(`route add ${a}/${h.family === 4 ? 32 : 128} dev ${z.interface}`, `neigh replace ${a} lladdr ${macs.get(z.id)!.host} dev ${z.interface} nud permanent`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  private hostCommands(zone: string, macs: Map<string, { fw: string; host: string }>): string {
    const fwMac = macs.get(zone)!.fw;
    const lines = ['link set lo up', 'link set h0 up', `neigh replace ${this.gateway4} lladdr ${fwMac} dev h0 nud permanent`, `neigh replace fe80::1 lladdr ${fwMac} dev h0 nud permanent`];
    for (const h of this.hosts.get(zone) ?? []) {
      lines.push(h.family === 4 ? `addr add ${addrText(4, h.value)}/32 dev h0` : `addr add ${addrText(6, h.value)}/128 dev h0 nodad`);
    }
    lines.push(`route add default via ${this.gateway4} dev h0 onlink`, 'route add ::/0 via fe80::1 dev h0');
    return `${lines.join('\n')}\n`;
  }

  /** Runs a command inside a namespace ('fw' or a zone id). */
  exec(where: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
    const ns = where === 'fw' ? this.fw : this.ns.get(where);
    if (!ns) throw new Error(`lab: no namespace for ${where}`);
    return run('ip', ['netns', 'exec', ns, ...args], options);
  }

  /** `nft -c -f` then `nft -f` in the firewall namespace; throws with nft's message. */
  async loadRuleset(text: string): Promise<void> {
    await must(this.exec('fw', ['nft', '-c', '-f', '-'], { input: text }), 'nft -c');
    await must(this.exec('fw', ['nft', '-f', '-'], { input: text }), 'nft -f');
  }

  async rulesetJson(): Promise<string> {
    return (await must(this.exec('fw', ['nft', '-j', 'list', 'ruleset']), 'nft -j list ruleset')).stdout;
  }

  /** Starts a bounded process in a namespace; it is ended by id in destroy(). */
  spawnIn(where: string, args: string[]): ChildProcess {
    const ns = where === 'fw' ? this.fw : this.ns.get(where);
    if (!ns) throw new Error(`lab: no namespace for ${where}`);
    const child = spawnTracked('ip', ['netns', 'exec', ns, 'timeout', String(LISTENER_LIFETIME_S), ...args]);
    this.children.push(child);
    return child;
  }

  /** socat listeners that answer "OK" (TCP on every address of the port; UDP bound to one address). */
  async listen(specs: ListenSpec[]): Promise<void> {
    const seen = new Set<string>();
    for (const s of specs) {
      const key = `${s.zone} ${s.family} ${s.transport} ${s.port} ${s.transport === 'udp' ? s.addr : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const local = s.transport === 'tcp'
        ? `TCP${s.family}-LISTEN:${s.port},fork,reuseaddr${s.family === 6 ? ',ipv6only=1' : ''}`
        : `UDP${s.family}-RECVFROM:${s.port},bind=${socatAddr(s.family, s.addr!)},fork`;
      // UDP: read the datagram before answering. With `EXEC:echo OK` socat's write of the
      // request into the already finished echo fails (EPIPE) and the answer is lost at random.
      this.spawnIn(s.zone, ['socat', local, s.transport === 'udp' ? 'SYSTEM:read l; echo OK' : 'EXEC:echo OK']);
    }
    await this.waitListening(specs);
  }

  private async waitListening(specs: ListenSpec[]): Promise<void> {
    const want = new Map<string, Set<string>>();
    for (const s of specs) {
      const set = want.get(s.zone) ?? new Set<string>();
      set.add(`${s.transport}:${s.port}`);
      want.set(s.zone, set);
    }
    const deadline = Date.now() + 5000;
    for (const [zone, ports] of want) {
      for (;;) {
        const out = (await this.exec(zone, ['ss', '-Hlntu'])).stdout;
        const bound = new Set(out.split('\n').filter((l) => l.trim() !== '').map((l) => {
          const cols = l.trim().split(/\s+/);
          return `${cols[0]}:${cols[4]?.slice(cols[4].lastIndexOf(':') + 1)}`;
        }));
        if ([...ports].every((p) => bound.has(p))) break;
        if (Date.now() > deadline) throw new Error(`lab: listeners in ${zone} did not start: want ${[...ports].join(' ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /**
   * One socat client per probe, from the source zone's namespace, bounded by socat and
   * `timeout`. A dropped SYN is retransmitted only after 1 s, so connect-timeout=1 loses
   * nothing; an allowed connect completes in the kernel whatever the scheduling. The
   * answer then has -t2/-T2 (the listener forks a shell under a loaded CI machine).
   */
  async probe(p: ProbeSpec): Promise<ProbeResult> {
    const remote = p.transport === 'tcp'
      ? `TCP${p.family}:${socatAddr(p.family, p.dst)}:${p.port},bind=${socatAddr(p.family, p.src)},connect-timeout=1`
      : `UDP${p.family}:${socatAddr(p.family, p.dst)}:${p.port},bind=${socatAddr(p.family, p.src)}`;
    // TCP: a denied probe fails at connect, so a longer read window costs nothing. UDP: -t is the wait for the answer.
    const wait = p.transport === 'tcp' ? ['-T3', '-t3'] : ['-T2', '-t2'];
    const r = await this.exec(p.fromZone, ['timeout', '6', 'socat', ...wait, '-', remote], { input: p.transport === 'udp' ? 'x\n' : '', timeoutMs: 10_000 });
    return { allowed: r.stdout.includes('OK'), output: r.stdout.trim(), error: r.stderr.trim() };
  }

  /** Runs probes with bounded parallelism, results in input order. */
  async probeAll(probes: ProbeSpec[], concurrency = 200): Promise<ProbeResult[]> {
    const out: ProbeResult[] = new Array(probes.length);
    let next = 0;
    const worker = async () => {
      while (next < probes.length) {
        const i = next++;
        out[i] = await this.probe(probes[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, probes.length) }, worker));
    return out;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const c of this.children) killGroup(c);
    await Promise.all(this.children.map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      const t = setTimeout(() => { killGroup(c, 'SIGKILL'); resolve(); }, 2000);
      c.once('exit', () => { clearTimeout(t); resolve(); });
    })));
    await run('ip', ['-force', '-batch', '-'], { input: [this.fw, ...this.ns.values()].map((n) => `netns del ${n}\n`).join('') });
    active.delete(this);
  }

  /** Synchronous cleanup for the process exit hook. */
  destroySync(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const c of this.children) killGroup(c, 'SIGKILL');
    for (const n of [this.fw, ...this.ns.values()]) spawnSync('ip', ['netns', 'del', n], { stdio: 'ignore', timeout: 10_000 });
    active.delete(this);
  }
}
