// Throughput of `otpc simulate` on a large baseline: read + orient + aggregate + classify + decide.
//
//   node bench/simulate.js [--flows 5000000] [--example examples/water-treatment.yaml] [--keep]
//
// Generates a deterministic flow CSV for a bundled example in a temporary folder (never
// committed: 5M records are ~400 MB), then measures in a fresh child process (so the
// generator's memory does not count) the time to read and simulate it and the peak RSS.
// Needs the built library (npm run bench builds it first). Exported as benchSimulate()
// for bench/run.js.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);

/** mulberry32: a small deterministic PRNG (same file on every machine). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ip4 = (v) => `${Math.floor(v / 16777216)}.${Math.floor(v / 65536) % 256}.${Math.floor(v / 256) % 256}.${v % 256}`;

async function analyze(file) {
  const { analyzePolicy } = await load('analyzePolicy.js');
  const a = analyzePolicy({ text: readFileSync(file), file, today: '2026-06-01' });
  if (!a.model) throw new Error(`${file}: ${a.diagnostics.map((d) => d.message).join('; ')}`);
  return a;
}

/** The documented traffic: every conduit flow between its IPv4 endpoints, on the protocol's first port. */
function documentedPairs(model) {
  const hosts = (refs) => refs.flatMap((r) => {
    if (r.kind === 'asset') return model.assets.get(r.id).addresses.filter((a) => a.family === 4).map((a) => Number(a.first));
    const net = model.zones.get(r.id).networks.find((n) => n.family === 4);
    return net ? [10, 11, 12, 13].map((k) => Number(net.first) + k) : [];
  });
  const pairs = [];
  for (const c of model.conduits.values()) {
    for (const f of c.flows) {
      const port = f.protocol.ports[0];
      const ops = f.protocol.catalogId === 'modbus' ? (f.access === 'read-only' ? '3;4' : '3;16') : '';
      for (const s of hosts(f.from)) for (const d of hosts(f.to)) pairs.push({ s, d, t: port.transport, p: port.ports[0], ops });
    }
  }
  return pairs;
}

/**
 * Writes `n` records: 85 % documented conduit traffic, 10 % from undocumented devices (a pool
 * half the size of the inventory, as a first discovery typically finds) to assets on common
 * ports, 5 % inside one zone; 2 % written responder first. `heavy`: every undocumented record
 * comes from a fresh random address (a port scan, a DHCP pool): hundreds of thousands of
 * distinct flows, the worst case for the decision step.
 */
export async function generateFlows(file, policy, n, heavy = false) {
  const { model } = await analyze(policy);
  const pairs = documentedPairs(model);
  const nets = [...model.zones.values()].flatMap((z) => z.networks.filter((x) => x.family === 4).map((x) => [Number(x.first), Number(x.last)]));
  const assets = [...model.assets.values()].flatMap((a) => a.addresses.filter((x) => x.family === 4).map((x) => Number(x.first)));
  const rnd = prng(62443);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const inNet = ([lo, hi]) => lo + 1 + Math.min(Math.max(1, hi - lo - 1), heavy ? Math.floor(rnd() * (hi - lo - 1)) : 200 + Math.floor(rnd() * 50));
  const pool = Array.from({ length: Math.max(4, Math.ceil(assets.length / 2)) }, () => inNet(pick(nets)));
  const start = Date.UTC(2026, 8, 1) / 1000;
  const out = createWriteStream(file);
  out.write('src,dst,proto,sport,dport,packets,bytes,first,last,operations\n');
  let buf = '';
  for (let i = 0; i < n; i++) {
    const r = rnd();
    let s, d, t = 'tcp', p, ops = '';
    if (r < 0.85) ({ s, d, t, p, ops } = pick(pairs));
    else if (r < 0.95) { s = heavy ? inNet(pick(nets)) : pick(pool); d = pick(assets); p = pick([502, 102, 44818, 445, 3389, 80, 135, 1433]); }
    else { const net = pick(nets); s = heavy ? inNet(net) : pick(pool); d = pick(assets); p = pick([445, 139, 502]); }
    const sport = 49152 + Math.floor(rnd() * 16000);
    const first = start + Math.floor((i / n) * 90 * 86400);
    const tail = `${1 + Math.floor(rnd() * 500)},${60 + Math.floor(rnd() * 60000)},${first},${first + Math.floor(rnd() * 600)},${ops}\n`;
    buf += rnd() < 0.02 ? `${ip4(d)},${ip4(s)},${t},${p},${sport},${tail}` : `${ip4(s)},${ip4(d)},${t},${sport},${p},${tail}`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/** In the child: read + simulate, timed; peak RSS of this process. */
async function measure(file, policy) {
  const { readFlows } = await load('baseline/readFlows.js');
  const { buildServicePorts } = await load('baseline/servicePorts.js');
  const { buildAddressBook } = await load('baseline/addressBook.js');
  const { classifyFlows } = await load('baseline/classifyFlows.js');
  const { simulateFlows } = await load('baseline/simulateFlows.js');
  const { buildRuleIR } = await load('rules/buildRuleIR.js');
  const a = await analyze(policy);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const read = await readFlows(createReadStream(file, { highWaterMark: 1 << 20 }), { servicePorts: buildServicePorts(a.catalogs.protocols.values()) });
  if (!read.ok) throw new Error(read.message);
  const t1 = performance.now();
  const ir = buildRuleIR(a.model, a.catalogs, a.placement, { phase: 'enforce' });
  const sim = simulateFlows(ir, classifyFlows(read.set.flows, buildAddressBook(a.model)));
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const records = read.set.stats.records;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    records, distinct: read.set.flows.length, blocked: sim.summary.blockedFlows,
    readSeconds: (t1 - t0) / 1000, simulateSeconds: (t2 - t1) / 1000, cpuSeconds,
    flowsPerSecond: Math.round(records / ((t2 - t0) / 1000)), flowsPerCpuSecond: Math.round(records / cpuSeconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export async function benchSimulate({ flows = 5_000_000, example = 'examples/water-treatment.yaml', keep = false, heavy = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'otpc-bench-'));
  const file = join(dir, 'flows.csv');
  try {
    const g0 = performance.now();
    await generateFlows(file, example, flows, heavy);
    const generateSeconds = (performance.now() - g0) / 1000;
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', file, example], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    const m = JSON.parse(child.stdout);
    return { example, heavy, bytes: statSync(file).size, generateSeconds, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, ...m, file: keep ? file : undefined };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (argv[0] === '--measure') {
    process.stdout.write(`${JSON.stringify(await measure(argv[1], argv[2]))}\n`);
  } else {
    const opt = (name, d) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : d);
    const r = await benchSimulate({ flows: Number(opt('--flows', 5_000_000)), example: opt('--example', 'examples/water-treatment.yaml'), keep: argv.includes('--keep'), heavy: argv.includes('--heavy') });
    console.log('## otpc simulate on a large baseline\n');
    console.log('| example | records | distinct flows | file MB | read s | simulate s | flows/s (read+simulate, wall) | flows per CPU second | peak RSS MB |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    console.log(`| ${r.example}${r.heavy ? ' (heavy)' : ''} | ${r.records} | ${r.distinct} | ${(r.bytes / 1e6).toFixed(0)} | ${r.readSeconds.toFixed(2)} | ${r.simulateSeconds.toFixed(2)} | ${r.flowsPerSecond} | ${r.flowsPerCpuSecond} | ${r.peakRssMB} |`);
    console.log(`\n${r.cpu} (${r.cores} cores), Node ${r.node}, ${new Date().toISOString().slice(0, 10)}${r.file ? `; file kept: ${r.file}` : ''}`);
  }
}
