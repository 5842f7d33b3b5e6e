import type { IpRange, Model, Transport } from '../../src/model/types.js';
import { FAMILY_BITS } from '../../src/model/ip.js';
import { ANY } from '../../src/rules/types.js';
import type { EnforcementIR, Packet, Rule, Verdict } from '../../src/rules/types.js';
import { evaluate, indexIR } from '../../src/rules/evaluate.js';
import type { EvalIndex } from '../../src/rules/evaluate.js';
import { mulberry32 } from '../../bench/prng.js';

/**
 * A packet corpus for one enforcement point, built from every constant in its IR
 * (vendors.md section 5, "Packet corpus"): address boundaries (first-1, first,
 * last, last+1 of every object range), an unnamed address inside every zone
 * network, port boundaries (lo-1, lo, hi, hi+1) on TCP and UDP, an unrelated port,
 * ICMP and another protocol, read-only operations, and established replies.
 *
 * Tiers, in order of priority when `max` cuts the corpus:
 * 1. for every allow rule, its boundary packets, one axis at a time (source, then
 *    destination, then port/transport) with the other axes inside the rule, in both
 *    directions, plus allowed/denied operations for read-only rules from every
 *    address point inside the rule's source to every one inside its destination;
 * 2. a deterministic sample (seeded) of the cross product, per directed zone pair,
 *    of address points x port points: (a) first with sources inside the source
 *    zone's networks and destinations inside the destination zone's, (b) then all
 *    address points (spoofed and foreign addresses).
 * Then, on top of `max`: the established reply of every packet the spec allows as
 * new, and the same packets re-sent as "established" without any connection in the
 * reverse direction (which a stateful target must drop).
 */
export interface CorpusOptions {
  /** Cap on new-connection packets (tier 1 first). Default 4000. */
  max?: number;
  seed?: number;
  /**
   * Networks of the EP's zones: boundary points and an address in no object for every
   * network. Given by zone id (see `zoneNetworks`) they also give the "plausible"
   * packets of tier 2a; a flat list (the first form of this option) gives no tier 2a.
   */
  networks?: IpRange[] | Record<string, IpRange[]>;
}

const SPORT = 49152;
const TRANSPORTS: Transport[] = ['tcp', 'udp'];

interface Points { 4: bigint[]; 6: bigint[] }

function maxValue(family: 4 | 6): bigint {
  return (1n << BigInt(FAMILY_BITS[family])) - 1n;
}

function clampAddr(family: 4 | 6, v: bigint): bigint {
  return v < 0n ? 0n : v > maxValue(family) ? maxValue(family) : v;
}

function uniqSorted(values: bigint[]): bigint[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function boundaryPoints(ranges: IpRange[]): Points {
  const out: Points = { 4: [], 6: [] };
  for (const r of ranges) {
    out[r.family].push(...[r.first - 1n, r.first, r.last, r.last + 1n].map((v) => clampAddr(r.family, v)));
  }
  return { 4: uniqSorted(out[4]), 6: uniqSorted(out[6]) };
}

/** An address in `net` outside every asset object (an unnamed host of the zone), if one exists. */
function unnamedAddress(net: IpRange, named: IpRange[]): bigint | undefined {
  const inside = named.filter((r) => r.family === net.family);
  const candidates = [net.first + (net.last - net.first) / 2n, net.first, net.last];
  for (const r of inside) candidates.push(r.first - 1n, r.last + 1n);
  return candidates.find((v) => v >= net.first && v <= net.last && !inside.some((r) => r.first <= v && v <= r.last));
}

function addressPoints(ep: EnforcementIR, networks: IpRange[]): Points {
  const zoneNets = [...networks, ...ep.addresses.filter((a) => a.source.kind === 'zone').flatMap((a) => a.ranges)];
  const pts = boundaryPoints([...ep.addresses.flatMap((a) => a.ranges), ...networks]);
  const named = ep.addresses.filter((a) => a.source.kind !== 'zone').flatMap((a) => a.ranges);
  for (const net of zoneNets) {
    const v = unnamedAddress(net, named);
    if (v !== undefined) pts[net.family].push(v);
  }
  return { 4: uniqSorted(pts[4]), 6: uniqSorted(pts[6]) };
}

function portPoints(ep: EnforcementIR): number[] {
  const clamp = (p: number) => Math.min(65535, Math.max(1, p));
  const out = new Set<number>();
  for (const s of ep.services) [s.ports[0] - 1, s.ports[0], s.ports[1], s.ports[1] + 1].forEach((p) => out.add(clamp(p)));
  let unrelated = 1;
  while (unrelated < 65535 && ep.services.some((s) => s.ports[0] <= unrelated && unrelated <= s.ports[1])) unrelated++;
  out.add(unrelated);
  return [...out].sort((a, b) => a - b);
}

function packetKey(p: Packet): string {
  return [p.fromZone, p.toZone, p.family, p.src, p.dst, p.transport, p.sport, p.dport, p.established ? 1 : 0, p.operation ?? ''].join(' ');
}

function pkt(fromZone: string, toZone: string, family: 4 | 6, src: bigint, dst: bigint, transport: Packet['transport'], dport: number, operation?: number): Packet {
  const p: Packet = { fromZone, toZone, family, src, dst, transport, sport: transport === 'tcp' || transport === 'udp' ? SPORT : 0, dport };
  if (operation !== undefined) p.operation = operation;
  return p;
}

function rangesOf(refs: string[], idx: EvalIndex): IpRange[] {
  return refs.filter((r) => r !== ANY).flatMap((r) => idx.addr.get(r) ?? []);
}

function servicesOf(refs: string[], idx: EvalIndex): { transport: string; lo: number; hi: number }[] {
  return refs.filter((r) => r !== ANY).flatMap((r) => idx.svc.get(r) ?? []);
}

const inside = (rs: IpRange[], family: 4 | 6, v: bigint) => rs.some((r) => r.family === family && r.first <= v && v <= r.last);

/**
 * Operation packets of a read-only rule: an allowed and a denied operation from
 * every address point inside its source to every point inside its destination
 * (the points include other objects' boundaries, so an asset that another,
 * read-write flow names inside a read-only zone flow is exercised too).
 */
function operationPackets(rule: Rule, idx: EvalIndex, points: Points): Packet[] {
  const ro = rule.readOnly;
  if (!ro || rule.fromZone === undefined || rule.toZone === undefined) return [];
  const src = rangesOf(rule.src, idx);
  const dst = rangesOf(rule.dst, idx);
  const ops = [...new Set([ro.allowed[0], ro.allowed[ro.allowed.length - 1], ro.denied[0], ro.denied[ro.denied.length - 1]])]
    .filter((o) => o !== undefined);
  const out: Packet[] = [];
  for (const family of [4, 6] as const) {
    const ss = points[family].filter((v) => inside(src, family, v)).slice(0, 12);
    const ds = points[family].filter((v) => inside(dst, family, v)).slice(0, 12);
    for (const svc of servicesOf(rule.services, idx)) {
      for (const s of ss) for (const d of ds) for (const op of ops) out.push(pkt(rule.fromZone, rule.toZone, family, s, d, svc.transport as Transport, svc.lo, op));
    }
  }
  return out;
}

/** Tier 1: boundary packets of one allow rule, one axis at a time. */
function rulePackets(rule: Rule, idx: EvalIndex): Packet[] {
  if (rule.fromZone === undefined || rule.toZone === undefined) return [];
  const out: Packet[] = [];
  const src = rangesOf(rule.src, idx);
  const dst = rangesOf(rule.dst, idx);
  const svcs = servicesOf(rule.services, idx);
  const sp = boundaryPoints(src);
  const dp = boundaryPoints(dst);
  for (const family of [4, 6] as const) {
    const s0 = src.find((r) => r.family === family);
    const d0 = dst.find((r) => r.family === family);
    if (!s0 || !d0) continue;
    for (const svc of svcs) {
      const t = svc.transport as Transport;
      for (const [from, to, a, b] of [[rule.fromZone, rule.toZone, s0.first, d0.first], [rule.toZone, rule.fromZone, d0.first, s0.first]] as const) {
        for (const port of [svc.lo - 1, svc.lo, svc.hi, svc.hi + 1].filter((p) => p >= 1 && p <= 65535)) {
          for (const tr of TRANSPORTS) out.push(pkt(from, to, family, a, b, tr, port));
        }
        out.push(pkt(from, to, family, a, b, 'icmp', 0), pkt(from, to, family, a, b, 'other', 0));
      }
      for (const s of sp[family]) out.push(pkt(rule.fromZone, rule.toZone, family, s, d0.last, t, svc.lo));
      for (const d of dp[family]) out.push(pkt(rule.fromZone, rule.toZone, family, s0.last, d, t, svc.hi));
    }
  }
  return out;
}


/** Deterministic Fisher-Yates shuffle (so a cut takes a sample across all blocks). */
function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Picks `k` of `n` indices deterministically, ascending. */
function sampleIndices(n: number, k: number, rand: () => number): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  if (n <= 4 * k) {
    const all = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rand() * (n - i));
      [all[i], all[j]] = [all[j], all[i]];
    }
    return all.slice(0, k).sort((a, b) => a - b);
  }
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(rand() * n));
  return [...picked].sort((a, b) => a - b);
}

interface Block { from: string; to: string; family: 4 | 6; src: bigint[]; dst: bigint[] }

/** Blocks per directed zone pair and family; `within` restricts addresses to the zones' own networks. */
function blocks(ep: EnforcementIR, points: Points, within?: Record<string, IpRange[]>): Block[] {
  const out: Block[] = [];
  const of = (zone: string, family: 4 | 6) =>
    within ? points[family].filter((v) => inside(within[zone] ?? [], family, v)) : points[family];
  for (const a of ep.zones) {
    for (const b of ep.zones) {
      if (a.id === b.id) continue;
      for (const family of [4, 6] as const) {
        const src = of(a.id, family);
        const dst = of(b.id, family);
        if (src.length > 0 && dst.length > 0) out.push({ from: a.id, to: b.id, family, src, dst });
      }
    }
  }
  return out;
}

/** Splits `k` over blocks evenly (each block at most its size), so small blocks such as IPv6 are not drowned. */
function allot(sizes: number[], k: number): number[] {
  const out = sizes.map(() => 0);
  let left = k;
  let open = sizes.map((_, i) => i).filter((i) => sizes[i] > 0);
  while (left > 0 && open.length > 0) {
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      const add = Math.min(share, sizes[i] - out[i], left);
      out[i] += add;
      left -= add;
    }
    open = open.filter((i) => out[i] < sizes[i]);
  }
  return out;
}

/** Tier 2: a cross product per block, addressed by index so it can be sampled without building it. */
function crossProduct(bls: Block[], ports: number[], k: number, rand: () => number): Packet[] {
  const perAddr = ports.length * 2 + 2;
  const sizes = bls.map((bl) => bl.src.length * bl.dst.length * perAddr);
  const shares = allot(sizes, k);
  return bls.flatMap((bl, b) => sampleIndices(sizes[b], shares[b], rand).map((i) => {
    const svc = i % perAddr;
    const pair = Math.floor(i / perAddr);
    const src = bl.src[Math.floor(pair / bl.dst.length)];
    const dst = bl.dst[pair % bl.dst.length];
    if (svc === perAddr - 2) return pkt(bl.from, bl.to, bl.family, src, dst, 'icmp', 0);
    if (svc === perAddr - 1) return pkt(bl.from, bl.to, bl.family, src, dst, 'other', 0);
    return pkt(bl.from, bl.to, bl.family, src, dst, TRANSPORTS[svc % 2], ports[Math.floor(svc / 2)]);
  }));
}

function dedupe(packets: Packet[]): Packet[] {
  const seen = new Set<string>();
  return packets.filter((p) => {
    const k = packetKey(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function reply(p: Packet): Packet {
  return { fromZone: p.toZone, toZone: p.fromZone, family: p.family, src: p.dst, dst: p.src, transport: p.transport, sport: p.dport, dport: p.sport, established: true };
}

export function buildCorpus(ep: EnforcementIR, options: CorpusOptions = {}): Packet[] {
  const max = options.max ?? 4000;
  const rand = mulberry32(options.seed ?? 1);
  const idx = indexIR(ep);
  const zones = new Set(ep.zones.map((z) => z.id));
  const byZone = options.networks && !Array.isArray(options.networks) ? options.networks : undefined;
  const flat = Array.isArray(options.networks) ? options.networks : Object.values(byZone ?? {}).flat();
  const points = addressPoints(ep, flat);
  const allows = ep.rules.filter((r) => r.kind === 'flow' && r.action === 'allow');
  let tier1 = dedupe(allows.flatMap((r) => [...rulePackets(r, idx), ...operationPackets(r, idx, points)]))
    .filter((p) => zones.has(p.fromZone) && zones.has(p.toZone));
  if (tier1.length > max) tier1 = sampleIndices(tier1.length, max, rand).map((i) => tier1[i]);
  const ports = portPoints(ep);
  const room = max - tier1.length;
  // 2a gets most of the room: packets with plausible addresses decide most policy questions.
  const tier2a = byZone ? crossProduct(blocks(ep, points, byZone), ports, Math.floor(room * 0.7), rand) : [];
  // 2b is drawn with room to spare: it overlaps tiers 1 and 2a, and the cut below keeps `max`.
  const tier2b = shuffle(crossProduct(blocks(ep, points), ports, max, rand), rand);
  const fresh = dedupe([...tier1, ...tier2a, ...tier2b]).slice(0, max);
  const replies = fresh.filter((p) => evaluate(ep, p, idx).action === 'allow').map(reply);
  const unsolicited = tier1.map((p) => ({ ...p, established: true }));
  return dedupe([...fresh, ...replies, ...unsolicited]);
}

/** The spec evaluator's verdict for every packet (the reference for re-parsers). */
export function expectVerdicts(ep: EnforcementIR, packets: Packet[]): Verdict[] {
  const idx = indexIR(ep);
  return packets.map((p) => evaluate(ep, p, idx));
}

/** The networks of the enforcement point's zones by zone id, for `CorpusOptions.networks`. */
export function zoneNetworks(model: Model, ep: EnforcementIR): Record<string, IpRange[]> {
  const out: Record<string, IpRange[]> = {};
  for (const z of ep.zones) {
    out[z.id] = (model.zones.get(z.id)?.networks ?? []).map((n) => ({ family: n.family, first: n.first, last: n.last }));
  }
  return out;
}
