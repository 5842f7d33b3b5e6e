#!/usr/bin/env node
// gen-example-flows.mjs: the flow datasets of test/data/flows/ that are not straight tshark
// output, and the ground truth (*.expected.json) of every dataset.
//
//   node scripts/gen-example-flows.mjs           write the files
//   node scripts/gen-example-flows.mjs --check   compare with the committed files, exit 1 on a difference
//
// What it writes (definitions in test/data/flows/README.md):
//   - water-treatment.csv, batch-chemical.csv, substation.conn.json: a synthetic 90/120-day
//     passive baseline for each bundled example: every documented conduit flow observed, plus the
//     undocumented devices and flows field reports describe, stale inventory, responder-first
//     records and bad lines, as test/data/flows/scenarios.yaml lists them, each injected flow
//     with the finding it must produce;
//   - mb2-dirty.csv: a copy of the tshark-derived mb2.csv with real-world defects;
//   - <dataset>.expected.json for all of them and for the tshark-derived files.
//
// The truth of a synthetic dataset comes from the scenario (what was injected and what each
// injected flow is expected to be). Before writing, the generator evaluates the written file
// against the policy with its own reading of the definitions and stops if the two disagree.
// The pcap-derived datasets have no scenario: their truth is that evaluation.
//
// Deterministic: a seeded PRNG (mulberry32) per dataset, no clock, sorted output.
// Needs node >= 20 and the project's `yaml` package (already a dependency); it deliberately does
// not use otpc's own code, which is what these datasets test.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { mulberry32 } from '../bench/prng.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'test/data/flows';
const CSV_HEADER = 'src,dst,proto,sport,dport,packets,bytes,first,last,operations';
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------- basics

function seedOf(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const uniqSorted = (xs) => [...new Set(xs)].sort(cmp);

// ------------------------------------------------------------------------------ addresses

function parseIPv4(t) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);
  if (!m) return undefined;
  let v = 0n;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255 || (m[i].length > 1 && m[i][0] === '0')) return undefined;
    v = (v << 8n) | BigInt(o);
  }
  return { family: 4, value: v };
}
function parseIPv6(t) {
  if (!/^[0-9a-fA-F:]+$/.test(t) || t.includes(':::')) return undefined;
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 2 && fill < 1) || (halves.length === 1 && fill !== 0)) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return { family: 6, value: v };
}
export function parseIp(t) {
  return t.includes(':') ? parseIPv6(t) : parseIPv4(t);
}
/** Canonical text: dotted quad, or RFC 5952 (lower case, longest zero run compressed). */
export function formatIp({ family, value }) {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const g = [];
  for (let i = 7; i >= 0; i--) g.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > best[1]) best = [i, j - i];
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best[1] < 2) return hex.join(':');
  return `${hex.slice(0, best[0]).join(':')}::${hex.slice(best[0] + best[1]).join(':')}`;
}
const canon = (t) => { const p = parseIp(t); return p ? formatIp(p) : undefined; };
function parseCidr(t) {
  const [a, len] = t.split('/');
  const ip = parseIp(a);
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = Number(len);
  const size = 1n << BigInt(bits - prefix);
  return { family: ip.family, first: ip.value, last: ip.value + size - 1n, prefix };
}
const inNet = (ip, n) => ip.family === n.family && n.first <= ip.value && ip.value <= n.last;

// ------------------------------------------------------------------------------ catalogue

function loadCatalog() {
  const doc = parseYaml(readFileSync(join(ROOT, 'catalogs/protocols.yaml'), 'utf8'));
  const ports = new Map();
  for (const e of doc.entries) ports.set(e.id, e.ports.map((p) => ({ transport: p.transport, lo: p.ports[0], hi: p.ports[1] })));
  return ports;
}
const CATALOG = loadCatalog();
/** A port some catalogue protocol uses on this transport, or a system port: the service side. */
export function isServicePort(transport, port) {
  if (port < 1024) return true;
  for (const specs of CATALOG.values()) for (const s of specs) if (s.transport === transport && s.lo <= port && port <= s.hi) return true;
  return false;
}
function protocolPorts(name) {
  if (CATALOG.has(name)) return CATALOG.get(name);
  const m = /^(tcp|udp)\/(\d+)(?:-(\d+))?$/.exec(name);
  if (!m) throw new Error(`unknown protocol ${name}`);
  return [{ transport: m[1], lo: Number(m[2]), hi: Number(m[3] ?? m[2]) }];
}

// --------------------------------------------------------------------------------- policy

const asList = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export function loadPolicy(rel) {
  const doc = parseYaml(readFileSync(join(ROOT, rel), 'utf8'));
  const zones = new Map(Object.entries(doc.zones).map(([id, z]) => [id, z.networks.map(parseCidr)]));
  const assets = new Map();
  const addrAsset = new Map();
  for (const [id, a] of Object.entries(doc.assets)) {
    const addresses = asList(a.addresses ?? a.address).map(canon);
    assets.set(id, { id, zone: a.zone, type: a.type, profile: a.profile, firmware: String(a.firmware ?? ''), vendor: String(a.vendor ?? ''), addresses });
    for (const ad of addresses) addrAsset.set(ad, id);
  }
  const flows = [];
  for (const [cid, c] of Object.entries(doc.conduits)) {
    c.flows.forEach((f, index) => flows.push({
      conduit: cid, index, from: asList(f.from), to: asList(f.to), protocol: f.protocol,
      access: f.access ?? 'read-write', ports: protocolPorts(f.protocol),
    }));
  }
  const eps = new Map(Object.entries(doc.enforcement ?? {}).map(([id, e]) => [id, new Set(Object.keys(e.interfaces))]));
  const start = doc.rollout?.['baseline-start'] ? Date.parse(`${doc.rollout['baseline-start']}T00:00:00Z`) : undefined;
  return { file: rel, doc, zones, assets, addrAsset, flows, eps, baseline: { start, days: doc.rollout?.['baseline-days'] ?? 90 } };
}

// ------------------------------------------------------------------ definitions (README)

/** 0.0.0.0, ::, 255.255.255.255 and multicast: never a device, whatever the records say. */
function isSpecial(text) {
  const ip = parseIp(text);
  if (ip.family === 4) return ip.value === 0n || ip.value === 0xffffffffn || ip.value >> 28n === 0xen;
  return ip.value === 0n || ip.value >> 120n === 0xffn;
}
/** The last address of an IPv4 zone network of /30 or shorter: a directed broadcast if the records agree. */
function isZoneLast(policy, text) {
  const ip = parseIp(text);
  if (ip.family !== 4) return false;
  for (const nets of policy.zones.values()) for (const n of nets) if (n.family === 4 && n.prefix <= 30 && ip.value === n.last) return true;
  return false;
}
/**
 * Non-unicast addresses of a set of records (README): the special ones, and each zone network's
 * last address that occurs only as the destination of UDP records. A zone network need not be
 * the L3 subnet (dairy-packing carves a flat /24 into blocks, and a real EtherNet/IP controller
 * sits at 141.81.0.63, the last address of 141.81.0.32/27): a broadcast address never sends and
 * never holds a TCP connection, so one that does is a device.
 */
export function nonUnicastOf(policy, records) {
  const notBroadcast = new Set();
  const out = new Set();
  for (const r of records) {
    notBroadcast.add(r.src);
    if (r.proto !== 'udp') notBroadcast.add(r.dst);
  }
  for (const r of records) {
    for (const a of [r.src, r.dst]) if (isSpecial(a) || (isZoneLast(policy, a) && !notBroadcast.has(a))) out.add(a);
  }
  return out;
}
function isNonUnicast(policy, text) {
  return isSpecial(text) || isZoneLast(policy, text);
}
/** An asset's zone for its own addresses; otherwise the zone with the longest matching network. */
export function zoneOf(policy, text) {
  const asset = policy.addrAsset.get(text);
  if (asset) return policy.assets.get(asset).zone;
  const ip = parseIp(text);
  let best;
  for (const [id, nets] of policy.zones) for (const n of nets) if (inNet(ip, n) && (!best || n.prefix > best.prefix)) best = { id, prefix: n.prefix };
  return best?.id;
}
function inEndpoints(policy, text, ids) {
  const ip = parseIp(text);
  for (const id of ids) {
    if (policy.assets.has(id)) { if (policy.assets.get(id).addresses.includes(text)) return true; }
    else if (policy.zones.get(id).some((n) => inNet(ip, n))) return true;
  }
  return false;
}
function covered(policy, f) {
  return policy.flows.some((cf) => inEndpoints(policy, f.src, cf.from) && inEndpoints(policy, f.dst, cf.to)
    && cf.ports.some((p) => p.transport === f.proto && p.lo <= f.dport && f.dport <= p.hi));
}
const flowKey = (f) => `${f.src}|${f.dst}|${f.proto}|${f.dport}`;
function compareFlows(a, b) {
  return cmp(a.src, b.src) || cmp(a.dst, b.dst) || cmp(a.proto, b.proto) || a.dport - b.dport;
}

/** The findings of README "Definitions" for parsed good records (already re-oriented). */
export function evaluate(policy, records) {
  const seen = new Set();
  const undocumented = new Set();
  const flows = new Map();
  const local = nonUnicastOf(policy, records);
  for (const r of records) {
    seen.add(r.src); seen.add(r.dst);
    for (const a of [r.src, r.dst]) if (!policy.addrAsset.has(a) && !local.has(a)) undocumented.add(a);
    if (local.has(r.src) || local.has(r.dst)) continue;
    const f = { src: r.src, dst: r.dst, proto: r.proto, dport: r.dport };
    flows.set(flowKey(f), f);
  }
  const uncovered = [];
  const blocked = [];
  for (const f of flows.values()) {
    const zs = zoneOf(policy, f.src);
    const zd = zoneOf(policy, f.dst);
    if (zs !== undefined && zs === zd) continue;
    if (covered(policy, f)) continue;
    uncovered.push(f);
    if (zs !== undefined && zd !== undefined && [...policy.eps.values()].some((z) => z.has(zs) && z.has(zd))) blocked.push(f);
  }
  const unseen = [...policy.assets.values()].filter((a) => !a.addresses.some((ad) => seen.has(ad))).map((a) => a.id);
  return {
    undocumentedAddresses: [...undocumented].sort(cmp),
    uncoveredFlows: uncovered.sort(compareFlows),
    unseenAssets: unseen.sort(cmp),
    blockedFlows: blocked.sort(compareFlows),
  };
}

// ------------------------------------------------------------------------------- readers

const PORT = /^\d{1,5}$/;
function record(src, dst, proto, sport, dport) {
  const s = canon(String(src));
  const d = canon(String(dst));
  const p = String(proto).toLowerCase();
  if (!s || !d || (p !== 'tcp' && p !== 'udp')) return undefined;
  if (!PORT.test(String(sport)) || !PORT.test(String(dport))) return undefined;
  const sp = Number(sport);
  const dp = Number(dport);
  if (sp > 65535 || dp > 65535) return undefined;
  // Re-orientation (README): the source port marks the service and the destination port does not.
  if (isServicePort(p, sp) && !isServicePort(p, dp)) return { src: d, dst: s, proto: p, sport: dp, dport: sp, reoriented: true };
  return { src: s, dst: d, proto: p, sport: sp, dport: dp, reoriented: false };
}
/** Parse a flow file as README "Records and bad lines" says: good records and bad line numbers. */
export function readFlows(text, format) {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const records = [];
  const badLines = [];
  let fields;
  lines.forEach((line, i) => {
    const no = i + 1;
    let r;
    if (format === 'csv') {
      if (no === 1) { if (line !== CSV_HEADER) throw new Error('CSV header'); return; }
      const c = line.split(',');
      const okNums = c.length === 10 && /^\d+$/.test(c[5]) && /^\d+$/.test(c[6]) && !Number.isNaN(Date.parse(c[7])) && !Number.isNaN(Date.parse(c[8])) && /^(\d{1,3}(;\d{1,3})*)?$/.test(c[9]);
      r = okNums ? record(c[0], c[1], c[2], c[3], c[4]) : undefined;
    } else if (format === 'zeek-tsv') {
      if (line.startsWith('#')) { if (line.startsWith('#fields\t')) fields = line.split('\t').slice(1); return; }
      const c = line.split('\t');
      if (fields && c.length === fields.length) {
        const v = Object.fromEntries(fields.map((f, k) => [f, c[k]]));
        r = record(v['id.orig_h'], v['id.resp_h'], v.proto, v['id.orig_p'], v['id.resp_p']);
      }
    } else {
      let o;
      try { o = JSON.parse(line); } catch { o = undefined; }
      if (o && typeof o === 'object' && !Array.isArray(o) && typeof o['id.orig_h'] === 'string' && typeof o['id.resp_h'] === 'string'
        && Number.isInteger(o['id.orig_p']) && Number.isInteger(o['id.resp_p']) && typeof o.proto === 'string') {
        r = record(o['id.orig_h'], o['id.resp_h'], o.proto, o['id.orig_p'], o['id.resp_p']);
      }
    }
    if (r) records.push(r); else badLines.push(no);
  });
  return { records, badLines };
}

// ---------------------------------------------------------------------------- manifests

function manifestText(m) {
  const flowList = (fs) => (fs.length === 0 ? '[]'
    : `[\n${fs.map((f) => `    { "src": ${JSON.stringify(f.src)}, "dst": ${JSON.stringify(f.dst)}, "proto": ${JSON.stringify(f.proto)}, "dport": ${f.dport} }`).join(',\n')}\n  ]`);
  const strList = (xs) => (xs.length === 0 ? '[]' : `[\n${xs.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`);
  return `{
  "policy": ${JSON.stringify(m.policy)},
  "flows": ${JSON.stringify(m.flows)},
  "format": ${JSON.stringify(m.format)},
  "undocumentedAddresses": ${strList(m.undocumentedAddresses)},
  "uncoveredFlows": ${flowList(m.uncoveredFlows)},
  "unseenAssets": ${strList(m.unseenAssets)},
  "blockedFlows": ${flowList(m.blockedFlows)},
  "reoriented": ${m.reoriented},
  "badLines": [${m.badLines.join(', ')}]
}
`;
}
function manifestFor(policy, flowsPath, format, text) {
  const { records, badLines } = readFlows(text, format);
  const ev = evaluate(policy, records);
  return { policy: policy.file, flows: flowsPath, format, ...ev, reoriented: records.filter((r) => r.reoriented).length, badLines };
}

// ------------------------------------------------------------------------ synthetic data

/** Ephemeral source-port ranges by host: Windows Vista+, Linux, embedded stacks and Windows XP. */
const EPHEMERAL = { windows: [49152, 65535], linux: [32768, 60999], embedded: [1025, 5000] };
function osOf(asset) {
  if (/debian|ubuntu|linux|graylog|splunk/i.test(`${asset.firmware} ${asset.vendor}`)) return 'linux';
  if (/XP/.test(asset.firmware)) return 'embedded';
  if (/windows/.test(asset.profile ?? '') || ['hmi', 'ews', 'server', 'historian', 'jump-host'].includes(asset.type)) return 'windows';
  return 'embedded';
}

/** How a protocol's connections look in a baseline: long-lived polls, sessions or datagrams. */
function kindOf(proto, port) {
  const poll = ['modbus', 'dnp3', 's7comm', 's7comm-plus', 'enip', 'iec104', 'mms', 'opcua', 'osisoft-pi', 'fins', 'bacnet'];
  if (poll.includes(proto) || /^tcp\/(5413|5026|32568|4001|4002|4003|4004|20000)/.test(proto)) return 'poll';
  if (port.transport === 'udp') return 'datagram';
  return 'session';
}
/** Zeek `service` values (stock analyzers, ICSNPP for S7 and EtherNet/IP); others stay unset. */
const SERVICE_NAMES = {
  modbus: 'modbus', dnp3: 'dnp3', dns: 'dns', ntp: 'ntp', http: 'http', https: 'ssl', ssh: 'ssh', rdp: 'rdp',
  smb: 'smb', ftp: 'ftp', syslog: 'syslog', 'syslog-tls': 'ssl', kerberos: 'krb', ldap: 'ldap', snmp: 'snmp',
  s7comm: 's7comm', enip: 'enip', wsus: 'http', dhcp: 'dhcp',
};

/** Operation codes a record of this protocol carries (decimal; both directions). */
function opsFor(rnd, proto, access, role) {
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  switch (proto) {
    case 'modbus':
      if (access === 'read-only') return pick([[3], [3, 4], [4]]);
      if (role === 'backup') return [90];
      if (role === 'ews') return pick([[3, 16, 43, 90], [3, 6, 16, 43]]);
      return pick([[3, 6, 16], [1, 3, 5, 15], [3, 4, 6]]);
    case 'dnp3':
      return access === 'read-only' ? [0, 1, 129, 130] : pick([[0, 1, 2, 5, 20, 129, 130], [0, 1, 3, 4, 129, 130]]);
    case 's7comm':
      if (access === 'read-only') return [4, 240];
      if (role === 'backup') return [4, 29, 30, 31, 240];
      if (role === 'ews') return [4, 5, 26, 27, 28, 29, 30, 31, 40, 240];
      return [4, 5, 240];
    case 'enip':
      return pick([[1, 14, 76, 77, 78, 82, 84], [1, 10, 76, 78, 82, 84]]);
    case 'iec104':
      return [1, 3, 13, 30, 31, 45, 46, 100, 103];
    default:
      return [];
  }
}
function roleOf(asset) {
  if (!asset) return 'other';
  if (/backup/.test(asset.id)) return 'backup';
  if (asset.type === 'ews') return 'ews';
  return asset.type;
}

class Synth {
  constructor(policy, scenario) {
    this.p = policy;
    this.s = scenario;
    this.rnd = mulberry32(seedOf(scenario.name));
    const start = policy.baseline.start ?? Date.parse(`${scenario.baselineStart}T00:00:00Z`);
    this.t0 = start;
    this.t1 = start + policy.baseline.days * DAY;
    this.rows = [];
  }
  int(lo, hi) { return lo + Math.floor(this.rnd() * (hi - lo + 1)); }
  host(ref) {
    const a = this.p.assets.get(ref);
    if (a) return { asset: a, os: osOf(a) };
    const x = this.s.hosts[ref];
    if (x) return { address: String(x.address), os: x.os };
    // A literal is only allowed for broadcast/multicast/unspecified: every unicast device is named.
    if (!parseIp(ref) || !isNonUnicast(this.p, canon(ref))) throw new Error(`${this.s.name}: unknown endpoint ${ref}`);
    return { address: ref, os: 'windows' };
  }
  addressOf(ref, family) {
    const h = this.host(ref);
    if (h.address) return canon(h.address);
    const list = h.asset.addresses.filter((a) => parseIp(a).family === family);
    return list[0] ?? h.asset.addresses[0];
  }
  ephemeral(os) {
    const [lo, hi] = EPHEMERAL[os];
    for (;;) {
      const p = this.int(lo, hi);
      if (!isServicePort('tcp', p) && !isServicePort('udp', p)) return p;
    }
  }
  shape(kind) {
    const span = this.t1 - this.t0;
    let dur;
    let packets;
    let size;
    if (kind === 'poll') {
      dur = this.int(2, 40) * DAY + this.int(0, DAY);
      packets = Math.round((dur / 1000) * (0.2 + this.rnd() * 2.8));
      size = this.int(62, 140);
    } else if (kind === 'session') {
      dur = this.int(2_000, 3 * 3_600_000);
      packets = this.int(10, 40_000);
      size = this.int(80, 900);
    } else {
      dur = this.rnd() < 0.3 ? 0 : this.int(1, 3_600_000);
      packets = dur === 0 ? 1 : this.int(2, 1_500);
      size = this.int(60, 300);
    }
    dur = Math.min(dur, span - 60_000);
    const first = this.t0 + Math.floor(this.rnd() * (span - dur));
    return { first, last: first + dur, packets, bytes: packets * size };
  }
  /** One or more connection records of src -> dst on one port spec. */
  emit(srcRef, dstRef, port, proto, opts = {}) {
    const family = opts.family ?? 4;
    const src = opts.srcAddress ?? this.addressOf(srcRef, family);
    const dst = opts.dstAddress ?? this.addressOf(dstRef, parseIp(src).family);
    const kind = opts.kind ?? kindOf(proto, port);
    const n = opts.count ?? (kind === 'poll' ? this.int(1, 3) : this.int(2, 5));
    const srcHost = this.host(srcRef);
    for (let i = 0; i < n; i++) {
      const sh = this.shape(kind);
      const sport = opts.sport ?? this.ephemeral(srcHost.os);
      const ops = opts.ops ?? opsFor(this.rnd, proto, opts.access ?? 'read-write', roleOf(srcHost.asset));
      // Syslog and broadcast/multicast datagrams get no answer: every packet is the originator's.
      const oneWay = proto === 'syslog' || isNonUnicast(this.p, dst);
      this.rows.push({ src, dst, proto: port.transport, sport, dport: opts.dport ?? port.lo, ...sh, ops, service: SERVICE_NAMES[proto] ?? '', oneWay, swap: false, tag: opts.tag ?? 'covered' });
    }
  }
  /** Every documented conduit flow, between every pair of endpoints that is not stale. */
  documented() {
    const stale = new Set(this.s.stale);
    for (const f of this.p.flows) {
      const ends = (ids, side) => ids.flatMap((id) => {
        if (this.p.assets.has(id)) return stale.has(id) ? [] : [id];
        const members = [...this.p.assets.values()].filter((a) => a.zone === id && !stale.has(a.id)).map((a) => a.id);
        const extra = side === 'from' ? this.s.zoneSenders?.[id] ?? [] : [];
        return [...members.slice(0, 6), ...extra];
      });
      const pairs = [];
      for (const a of ends(f.from, 'from')) for (const b of ends(f.to, 'to')) if (a !== b) pairs.push([a, b]);
      if (pairs.length === 0) throw new Error(`${this.s.name}: documented flow ${f.conduit}[${f.index}] has no observable pair`);
      const write = this.s.readOnlyWrites ?? [];
      for (const [a, b] of pairs) {
        // IPv6-only targets are reached from the source's IPv6 address (dual-stack EWS).
        const dstAsset = this.p.assets.get(b);
        const family = dstAsset && dstAsset.addresses.every((x) => parseIp(x).family === 6) ? 6 : 4;
        const spec = this.primary(f);
        // A raw range (tcp/4001-4004: one serial line per port) is used port by port; a
        // catalogue range (wsus 8530-8531: HTTP and HTTPS) by its first port.
        const ports = spec.lo === spec.hi || CATALOG.has(f.protocol) ? [spec.lo] : Array.from({ length: spec.hi - spec.lo + 1 }, (_, k) => spec.lo + k);
        for (const dport of ports) {
          const w = write.find((x) => x.from === a && x.to === b && f.access === 'read-only');
          this.emit(a, b, spec, f.protocol, { family, dport, access: f.access, ...(w ? { ops: w.ops, count: 1 } : {}) });
        }
      }
    }
  }
  primary(f) {
    const prefer = { dns: 'udp', kerberos: 'udp', ntp: 'udp', syslog: 'udp' };
    const want = prefer[f.protocol];
    return f.ports.find((p) => p.transport === want) ?? f.ports[0];
  }
  extras() {
    for (const x of this.s.extras) {
      const [transport, port] = x.port.split('/');
      const spec = { transport, lo: Number(port), hi: Number(port) };
      const opts = { family: x.family ?? 4, tag: x.expect, count: x.count ?? this.int(1, 3), ops: x.ops ?? [] };
      if (x.kind) opts.kind = x.kind;
      if (x.sport !== undefined) opts.sport = x.sport;
      this.emit(x.src, x.dst, spec, x.protocol ?? x.port, opts);
    }
  }
  /** Write chosen documented records responder first (server port as source). */
  swapSome() {
    for (const sel of this.s.responderFirst) {
      const src = this.addressOf(sel.src, 4);
      const dst = this.addressOf(sel.dst, 4);
      const row = this.rows.find((r) => r.src === src && r.dst === dst && r.dport === sel.dport && r.tag === 'covered' && !r.swap);
      if (!row) throw new Error(`${this.s.name}: no record ${sel.src} -> ${sel.dst}:${sel.dport} to swap`);
      if (!isServicePort(row.proto, row.dport) || isServicePort(row.proto, row.sport)) throw new Error(`${this.s.name}: ${sel.src} -> ${sel.dst}:${sel.dport} is not re-orientable`);
      row.swap = true;
    }
  }
  build() {
    this.documented();
    this.extras();
    this.swapSome();
    this.rows.sort((a, b) => a.first - b.first || cmp(a.src, b.src) || cmp(a.dst, b.dst) || a.dport - b.dport || a.sport - b.sport);
    return this.rows;
  }
}

function iso(ms) { return new Date(ms).toISOString(); }
function csvLine(r) {
  const [s, d, sp, dp] = r.swap ? [r.dst, r.src, r.dport, r.sport] : [r.src, r.dst, r.sport, r.dport];
  return `${s},${d},${r.proto},${sp},${dp},${r.packets},${r.bytes},${iso(r.first)},${iso(r.last)},${r.ops.join(';')}`;
}
function zeekJsonLine(r, rnd, policy) {
  const b62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let uid = 'C';
  for (let i = 0; i < 17; i++) uid += b62[Math.floor(rnd() * 62)];
  const usec = (ms) => `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000 + Math.floor(rnd() * 1000)).padStart(6, '0')}`;
  const origPkts = r.oneWay ? r.packets : Math.max(1, Math.ceil(r.packets * (0.45 + rnd() * 0.1)));
  const respPkts = r.packets - origPkts;
  const origIp = Math.round(r.bytes * (origPkts / r.packets));
  const respIp = r.bytes - origIp;
  const hdr = r.proto === 'tcp' ? 40 : 28;
  let o = { h: r.src, p: r.sport, pkts: origPkts, ip: origIp };
  let s = { h: r.dst, p: r.dport, pkts: respPkts, ip: respIp };
  let history;
  let state;
  if (r.proto === 'udp') { history = respPkts > 0 ? 'Dd' : 'D'; state = respPkts > 0 ? 'SF' : 'S0'; }
  else if (r.swap) { history = 'DdA'; state = 'OTH'; }
  else { history = 'ShADadFf'; state = 'SF'; }
  if (r.swap) [o, s] = [s, o];
  const local = (h) => zoneOf(policy, h) !== undefined;
  const f = [`"ts":${usec(r.first)}`, `"uid":"${uid}"`, `"id.orig_h":"${o.h}"`, `"id.orig_p":${o.p}`, `"id.resp_h":"${s.h}"`, `"id.resp_p":${s.p}`, `"proto":"${r.proto}"`];
  if (r.service) f.push(`"service":"${r.service}"`);
  if (r.last > r.first) {
    const dur = r.last - r.first;
    f.push(`"duration":${Math.floor(dur / 1000)}.${String((dur % 1000) * 1000).padStart(6, '0')}`);
    f.push(`"orig_bytes":${Math.max(0, o.ip - o.pkts * hdr)}`, `"resp_bytes":${Math.max(0, s.ip - s.pkts * hdr)}`);
  }
  f.push(`"conn_state":"${state}"`, `"local_orig":${local(o.h)}`, `"local_resp":${local(s.h)}`, '"missed_bytes":0', `"history":"${history}"`);
  f.push(`"orig_pkts":${o.pkts}`, `"orig_ip_bytes":${o.ip}`, `"resp_pkts":${s.pkts}`, `"resp_ip_bytes":${s.ip}`);
  return `{${f.join(',')}}`;
}

/** Render rows, splice in the bad lines, and return the text, its bad line numbers and the swap count. */
function render(scenario, policy, rows) {
  const rnd = mulberry32(seedOf(`${scenario.name}/render`));
  const body = rows.map((r) => (scenario.format === 'csv' ? csvLine(r) : zeekJsonLine(r, rnd, policy)));
  const header = scenario.format === 'csv' ? [CSV_HEADER] : [];
  const bad = [...scenario.badLines].sort((a, b) => a.after - b.after);
  const out = [...header];
  const badLines = [];
  let k = 0;
  body.forEach((line, i) => {
    out.push(line);
    while (k < bad.length && bad[k].after === i + 1) { out.push(bad[k].text); badLines.push(out.length); k++; }
  });
  for (; k < bad.length; k++) { out.push(bad[k].text); badLines.push(out.length); }
  // A truncated last line has no line feed (the collector died mid-write).
  const truncatedEnd = bad.length > 0 && bad[bad.length - 1].after === Infinity;
  return { text: out.join('\n') + (truncatedEnd ? '' : '\n'), badLines };
}

/** The truth the scenario states: what was injected and what each injected flow must be. */
function scenarioTruth(scenario, policy, rows, badLines) {
  const addr = (r) => [r.src, r.dst];
  const local = nonUnicastOf(policy, rows);
  const undocumented = uniqSorted(rows.flatMap(addr).filter((a) => !policy.addrAsset.has(a) && !local.has(a)));
  // The scenario names its undocumented hosts; nothing else may appear.
  const named = uniqSorted(Object.values(scenario.hosts).map((h) => canon(String(h.address))));
  if (JSON.stringify(undocumented) !== JSON.stringify(named)) throw new Error(`${scenario.name}: undocumented addresses ${undocumented} differ from the scenario's hosts ${named}`);
  const byTag = (tags) => {
    const m = new Map();
    for (const r of rows) if (tags.includes(r.tag)) m.set(flowKey(r), { src: r.src, dst: r.dst, proto: r.proto, dport: r.dport });
    return [...m.values()].sort(compareFlows);
  };
  return {
    policy: policy.file, flows: `${OUT}/${scenario.file}`, format: scenario.format,
    undocumentedAddresses: named,
    uncoveredFlows: byTag(['blocked', 'uncovered']),
    unseenAssets: [...scenario.stale].sort(cmp),
    blockedFlows: byTag(['blocked']),
    reoriented: rows.filter((r) => r.swap).length,
    badLines,
  };
}

// -------------------------------------------------------------------------------- scenarios

/** The scenarios are data: test/data/flows/scenarios.yaml (one per bundled example). */
function loadScenarios() {
  const doc = parseYaml(readFileSync(join(ROOT, OUT, 'scenarios.yaml'), 'utf8'));
  return doc.scenarios.map((s) => ({
    ...s,
    hosts: s.hosts ?? {},
    stale: s.stale ?? [],
    extras: s.extras ?? [],
    responderFirst: s['responder-first'] ?? [],
    readOnlyWrites: s['read-only-writes'] ?? [],
    zoneSenders: s['zone-senders'] ?? {},
    badLines: (s['bad-lines'] ?? []).map((b) => ({ after: b.after === 'end' ? Infinity : b.after, text: b.text })),
  }));
}

function synthesize(scenario) {
  const policy = loadPolicy(scenario.policy);
  const rows = new Synth(policy, scenario).build();
  const { text, badLines } = render(scenario, policy, rows);
  const truth = scenarioTruth(scenario, policy, rows, badLines);
  const evaluated = manifestFor(policy, truth.flows, scenario.format, text);
  const a = manifestText(truth);
  const b = manifestText(evaluated);
  if (a !== b) {
    throw new Error(`${scenario.name}: the scenario's truth and the evaluation of the written file disagree\n--- scenario\n${a}--- evaluated\n${b}`);
  }
  return [[`${OUT}/${scenario.file}`, text], [`${OUT}/${scenario.manifest}`, a]];
}

/** mb2-dirty.csv: mb2.csv with defects a real export has (README "mb2-dirty.csv"). */
function dirtyMb2() {
  const lines = readFileSync(join(ROOT, OUT, 'mb2.csv'), 'utf8').split('\n').filter((l) => l !== '');
  const swapLine = (prefix) => {
    const i = lines.findIndex((l) => l.startsWith(prefix));
    if (i < 0) throw new Error(`mb2.csv: no line ${prefix}`);
    const c = lines[i].split(',');
    lines[i] = [c[1], c[0], c[2], c[4], c[3], ...c.slice(5)].join(',');
  };
  // The PLC as client of its own port 502, and an S7 CPU as client of its own port 102: exports
  // that key a flow on its first packet seen write long-lived connections this way round.
  swapLine('141.81.0.10,141.81.0.66,tcp,60759,502,');
  swapLine('141.81.0.10,141.81.0.237,tcp,52603,102,');
  const at = (prefix) => lines.findIndex((l) => l.startsWith(prefix));
  // A duplicate record (the collector re-sent a batch): valid, changes no finding.
  const dup = at('141.81.0.10,141.81.0.11,tcp,58454,1433,');
  lines.splice(dup + 1, 0, lines[dup]);
  // A row from a semicolon-separated (German locale spreadsheet) export pasted in.
  const semi = at('141.81.0.10,141.81.0.31,tcp,63149,102,');
  lines.splice(semi + 1, 0, '141.81.0.10;141.81.0.31;tcp;63149;102;258;20952;2012-11-12T13:22:09.435424Z;2012-11-12T13:22:30.577344Z;4;5');
  // A mistyped address in a hand-edited row.
  const typo = at('141.81.0.10,141.81.0.163,tcp,59598,502,');
  lines.splice(typo + 1, 0, '141.81.0.10,141.81.0.1633,tcp,59598,502,293,20068,2012-11-12T13:22:09.304701Z,2012-11-12T13:22:29.918533Z,1;2;4;15');
  // The export was cut off mid-line: no line feed at the end.
  const text = `${lines.join('\n')}\n141.81.0.183,141.81.0.10,tcp,1080,49188,3,3`;
  return text;
}

const PCAP_DATASETS = [
  { file: 'mb2.csv', format: 'csv' },
  { file: 'mb2.conn.log', format: 'zeek-tsv' },
  { file: 'dnp3-digitalbond.csv', format: 'csv' },
  { file: 'modbus-digitalbond.csv', format: 'csv' },
  { file: 'iec104-testdissect.csv', format: 'csv' },
  { file: 'iec104-diverse.csv', format: 'csv' },
  { file: 'wincc-s400.csv', format: 'csv' },
];
export const manifestName = (file) => file.replace(/\.(csv|log|json)$/, '.expected.json');

export function generateAll() {
  const out = [];
  const dairy = loadPolicy('examples/dairy-packing.yaml');
  for (const d of PCAP_DATASETS) {
    const text = readFileSync(join(ROOT, OUT, d.file), 'utf8');
    out.push([`${OUT}/${manifestName(d.file)}`, manifestText(manifestFor(dairy, `${OUT}/${d.file}`, d.format, text))]);
  }
  const dirty = dirtyMb2();
  out.push([`${OUT}/mb2-dirty.csv`, dirty], [`${OUT}/mb2-dirty.expected.json`, manifestText(manifestFor(dairy, `${OUT}/mb2-dirty.csv`, 'csv', dirty))]);
  for (const s of loadScenarios()) out.push(...synthesize(s));
  return out.sort((a, b) => cmp(a[0], b[0]));
}

const USAGE = `Usage: node scripts/gen-example-flows.mjs [--check]

Write the synthetic flow datasets, mb2-dirty.csv and every *.expected.json under
test/data/flows/ (definitions in test/data/flows/README.md).

Options:
  --check     write nothing; exit 1 if a committed file differs from the output
  -h, --help  this text

Examples:
  node scripts/gen-example-flows.mjs
  node scripts/gen-example-flows.mjs --check
`;

function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(USAGE); return 0; }
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) { process.stderr.write(`gen-example-flows: unknown argument ${unknown[0]}\n${USAGE}`); return 2; }
  const check = argv.includes('--check');
  let stale = 0;
  for (const [rel, text] of generateAll()) {
    const path = join(ROOT, rel);
    const cur = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (cur === text) continue;
    if (check) { process.stderr.write(`${rel}: differs from the generator's output\n`); stale++; }
    else { writeFileSync(path, text); process.stderr.write(`wrote ${rel}\n`); }
  }
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`gen-example-flows: ${e.message}\n`);
    process.exitCode = 3;
  }
}
