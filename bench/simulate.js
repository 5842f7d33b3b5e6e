// Throughput of `otpc simulate` on a large baseline: read + orient + aggregate + classify + decide.
//
//   node bench/simulate.js [--flows 1000000] [--forms csv-epoch,csv-iso,zeek-tsv,zeek-json]
//                          [--example examples/water-treatment.yaml] [--heavy] [--keep]
//
// For each input form (the otpc flow CSV with epoch-second times, the same CSV with ISO-8601
// times as scripts/pcap-to-flows.sh and nfdump write them, Zeek conn.log TSV, Zeek JSON lines)
// generates the same deterministic records for a bundled example in a temporary folder (never
// committed: 1M records are 90-330 MB depending on the form), then measures in a fresh child
// process (so the generator's memory does not count) the time to read and simulate it and the
// peak RSS, and prints one table. Records per form: --flows, else BENCH_SIMULATE_FLOWS, else 1M.
// Needs the built library (npm run build). Exported as benchSimulate() (one form, the CSV with
// epoch times by default) for bench/run.js, and benchSimulateForms().
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { mulberry32 } from './prng.js';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);


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

/** Input forms the readers meet in practice; the same records in each (only the text differs). */
export const FORMS = ['csv-epoch', 'csv-iso', 'zeek-tsv', 'zeek-json'];

const ZEEK_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents'];
const ZEEK_TYPES = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'interval', 'count', 'count', 'string', 'bool', 'bool', 'count', 'string', 'count', 'count', 'count', 'count', 'set[string]'];

function header(form) {
  if (form === 'csv-epoch' || form === 'csv-iso') return 'src,dst,proto,sport,dport,packets,bytes,first,last,operations\n';
  if (form === 'zeek-tsv') {
    return ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn', '#open\t2026-09-01-00-00-00',
      `#fields\t${ZEEK_FIELDS.join('\t')}`, `#types\t${ZEEK_TYPES.join('\t')}`].join('\n') + '\n';
  }
  return '';
}

const pad = (v, n) => String(v).padStart(n, '0');
/** ISO 8601 UTC with microseconds, as tshark (scripts/pcap-to-flows.sh) writes it. */
const iso = (sec, us) => `${new Date(sec * 1000).toISOString().slice(0, 19)}.${pad(us, 6)}Z`;

/**
 * One record in `form`: `s` the originator, `d` the responder (already swapped for a
 * record written responder first), times in whole seconds plus `us` microseconds.
 */
function line(form, i, s, d, t, sp, dp, pk, by, first, dur, us, ops) {
  const src = ip4(s), dst = ip4(d);
  if (form === 'csv-epoch') return `${src},${dst},${t},${sp},${dp},${pk},${by},${first}.${pad(us, 6)},${first + dur}.${pad(us, 6)},${ops}\n`;
  if (form === 'csv-iso') return `${src},${dst},${t},${sp},${dp},${pk},${by},${iso(first, us)},${iso(first + dur, us)},${ops}\n`;
  const op = Math.ceil(pk / 2), rp = pk - op, ob = Math.floor(by / 2), rb = by - ob;
  const uid = `C${pad(((i * 2654435761) >>> 0).toString(36), 7)}${pad(i.toString(36), 10)}`;
  if (form === 'zeek-tsv') {
    return `${first}.${pad(us, 6)}\t${uid}\t${src}\t${sp}\t${dst}\t${dp}\t${t}\t-\t${dur}.000000\t${ob}\t${rb}\tSF\tT\tT\t0\tShADadFf\t${op}\t${ob + 40 * op}\t${rp}\t${rb + 40 * rp}\t(empty)\n`;
  }
  return `{"ts":${first}.${pad(us, 6)},"uid":"${uid}","id.orig_h":"${src}","id.orig_p":${sp},"id.resp_h":"${dst}","id.resp_p":${dp},"proto":"${t}","duration":${dur}.0,"orig_bytes":${ob},"resp_bytes":${rb},"conn_state":"SF","local_orig":true,"local_resp":true,"missed_bytes":0,"history":"ShADadFf","orig_pkts":${op},"orig_ip_bytes":${ob + 40 * op},"resp_pkts":${rp},"resp_ip_bytes":${rb + 40 * rp}}\n`;
}

/**
 * Writes `n` records: 85 % documented conduit traffic, 10 % from undocumented devices (a pool
 * half the size of the inventory, as a first discovery typically finds) to assets on common
 * ports, 5 % inside one zone; 2 % written responder first. `heavy`: every undocumented record
 * comes from a fresh random address (a port scan, a DHCP pool): hundreds of thousands of
 * distinct flows, the worst case for the decision step. `form` (FORMS) only changes the text:
 * the records are the same in every form (Zeek conn.log has no operations column).
 */
export async function generateFlows(file, policy, n, heavy = false, form = 'csv-epoch') {
  if (!FORMS.includes(form)) throw new Error(`unknown form ${form}: expected ${FORMS.join(', ')}`);
  const { model } = await analyze(policy);
  const pairs = documentedPairs(model);
  const nets = [...model.zones.values()].flatMap((z) => z.networks.filter((x) => x.family === 4).map((x) => [Number(x.first), Number(x.last)]));
  const assets = [...model.assets.values()].flatMap((a) => a.addresses.filter((x) => x.family === 4).map((x) => Number(x.first)));
  const rnd = mulberry32(62443);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const inNet = ([lo, hi]) => lo + 1 + Math.min(Math.max(1, hi - lo - 1), heavy ? Math.floor(rnd() * (hi - lo - 1)) : 200 + Math.floor(rnd() * 50));
  const pool = Array.from({ length: Math.max(4, Math.ceil(assets.length / 2)) }, () => inNet(pick(nets)));
  const start = Date.UTC(2026, 8, 1) / 1000;
  const out = createWriteStream(file);
  out.write(header(form));
  let buf = '';
  for (let i = 0; i < n; i++) {
    const r = rnd();
    let s, d, t = 'tcp', p, ops = '';
    if (r < 0.85) ({ s, d, t, p, ops } = pick(pairs));
    else if (r < 0.95) { s = heavy ? inNet(pick(nets)) : pick(pool); d = pick(assets); p = pick([502, 102, 44818, 445, 3389, 80, 135, 1433]); }
    else { const net = pick(nets); s = heavy ? inNet(net) : pick(pool); d = pick(assets); p = pick([445, 139, 502]); }
    const sport = 49152 + Math.floor(rnd() * 16000);
    const first = start + Math.floor((i / n) * 90 * 86400);
    const pk = 1 + Math.floor(rnd() * 500);
    const by = 60 + Math.floor(rnd() * 60000);
    const dur = Math.floor(rnd() * 600);
    const us = (i * 7919) % 1_000_000;
    buf += rnd() < 0.02 ? line(form, i, d, s, t, p, sport, pk, by, first, dur, us, ops) : line(form, i, s, d, t, sport, p, pk, by, first, dur, us, ops);
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
    readPerSecond: Math.round(records / ((t1 - t0) / 1000)),
    flowsPerSecond: Math.round(records / ((t2 - t0) / 1000)), flowsPerCpuSecond: Math.round(records / cpuSeconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export async function benchSimulate({ flows = 5_000_000, example = 'examples/water-treatment.yaml', keep = false, heavy = false, form = 'csv-epoch' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'otpc-bench-'));
  const file = join(dir, form.startsWith('csv') ? 'flows.csv' : form === 'zeek-tsv' ? 'conn.log' : 'conn.json');
  try {
    const g0 = performance.now();
    await generateFlows(file, example, flows, heavy, form);
    const generateSeconds = (performance.now() - g0) / 1000;
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', file, example], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    const m = JSON.parse(child.stdout);
    return { example, heavy, form, bytes: statSync(file).size, generateSeconds, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, ...m, file: keep ? file : undefined };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** One run per input form (FORMS), one after the other (each file is deleted before the next is written). */
export async function benchSimulateForms({ forms = FORMS, ...options } = {}) {
  const out = [];
  for (const form of forms) {
    process.stderr.write(`bench: otpc simulate, ${form}...\n`);
    out.push(await benchSimulate({ ...options, form }));
  }
  return out;
}

/** The Markdown table of benchSimulateForms. */
export function formsTable(rows) {
  const lines = [
    '| input form | records | distinct flows | file MB | read s | simulate s | records/s read | records/s read+simulate (wall) | records per CPU second | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.form}${r.heavy ? ' (heavy)' : ''} | ${r.records} | ${r.distinct} | ${(r.bytes / 1e6).toFixed(0)} | ${r.readSeconds.toFixed(2)} | ${r.simulateSeconds.toFixed(2)} | ${r.readPerSecond} | ${r.flowsPerSecond} | ${r.flowsPerCpuSecond} | ${r.peakRssMB} |`);
  }
  return lines.join('\n');
}

const argv = process.argv.slice(2);
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (argv[0] === '--measure') {
    process.stdout.write(`${JSON.stringify(await measure(argv[1], argv[2]))}\n`);
  } else {
    const opt = (name, d) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : d);
    const flows = Number(opt('--flows', process.env.BENCH_SIMULATE_FLOWS ?? 1_000_000));
    const forms = opt('--forms', FORMS.join(',')).split(',');
    const example = opt('--example', 'examples/water-treatment.yaml');
    const rows = await benchSimulateForms({ forms, flows, example, keep: argv.includes('--keep'), heavy: argv.includes('--heavy') });
    const r = rows[0];
    console.log(`## otpc simulate on a large baseline, by input form (${example})\n`);
    console.log(formsTable(rows));
    console.log(`\n${r.cpu} (${r.cores} cores), Node ${r.node}, ${new Date().toISOString().slice(0, 10)}${rows.some((x) => x.file) ? `; files kept: ${rows.map((x) => x.file).join(', ')}` : ''}`);
  }
}
