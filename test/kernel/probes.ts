import { evaluate, indexIR } from '../../src/rules/evaluate.js';
import type { EvalIndex } from '../../src/rules/evaluate.js';
import { ANY } from '../../src/rules/types.js';
import type { EnforcementIR, Packet, Rule } from '../../src/rules/types.js';
import type { IpRange } from '../../src/model/types.js';
import type { HostAddr, ListenSpec, ProbeSpec } from './lab.js';

/**
 * A bounded set of real-traffic probes for one enforcement point (vendors.md 5,
 * "Packet corpus", cut down to what real sockets can carry in a few seconds). For
 * every flow rule, per address family the rule has, per transport:
 * - allowed at a range boundary (first source address, last destination address,
 *   lowest and highest port of the range),
 * - the port just below and just above the range,
 * - a source just below and a destination just above the object ranges,
 * - the reverse direction (responder -> initiator, same port);
 * and for every boundary direction one packet between known hosts on a port no rule
 * names. Each address lives in one host namespace: a probe that would need an
 * address in two zones is left out (`skipped`).
 */
export interface Probe {
  label: string;
  packet: Packet & { transport: 'tcp' | 'udp' };
  /** "Outside" probes: the other side of the object ranges, if the first choice is taken by another zone. */
  alt?: bigint;
}

export interface ProbePlan {
  probes: Probe[];
  skipped: Probe[];
  hosts: Map<string, HostAddr[]>;
  listeners: ListenSpec[];
}

const SPORT = 40000;

function specialAddress(family: 4 | 6, v: bigint): boolean {
  if (family === 4) {
    const first = Number(v >> 24n);
    return v <= 0n || v >= 0xffffffffn || first === 0 || first === 127 || first >= 224;
  }
  const top = v >> 112n;
  return v <= 1n || top >= 0xfe80n;
}

function rangesOf(refs: string[], idx: EvalIndex, family: 4 | 6): IpRange[] | 'any' {
  if (refs.includes(ANY)) return 'any';
  return refs.flatMap((r) => idx.addr.get(r) ?? []).filter((r) => r.family === family)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
}

function servicesOf(rule: Rule, idx: EvalIndex): { transport: 'tcp' | 'udp'; lo: number; hi: number }[] {
  const all = rule.services.filter((s) => s !== ANY).flatMap((s) => idx.svc.get(s) ?? []);
  const out: { transport: 'tcp' | 'udp'; lo: number; hi: number }[] = [];
  for (const t of ['tcp', 'udp'] as const) {
    const first = all.filter((s) => s.transport === t).sort((a, b) => a.lo - b.lo)[0];
    if (first) out.push({ transport: t, lo: first.lo, hi: first.hi });
  }
  return out;
}

function pkt(from: string, to: string, family: 4 | 6, src: bigint, dst: bigint, transport: 'tcp' | 'udp', dport: number): Probe['packet'] {
  return { fromZone: from, toZone: to, family, src, dst, transport, sport: SPORT, dport };
}

function ruleProbes(rule: Rule, idx: EvalIndex): Probe[] {
  if (rule.fromZone === undefined || rule.toZone === undefined) return [];
  const out: Probe[] = [];
  const id = rule.id;
  for (const family of [4, 6] as const) {
    const src = rangesOf(rule.src, idx, family);
    const dst = rangesOf(rule.dst, idx, family);
    if (src === 'any' || dst === 'any' || src.length === 0 || dst.length === 0) continue;
    const s = src[0].first;
    const d = dst[dst.length - 1].last;
    const svcs = servicesOf(rule, idx);
    for (const svc of svcs) {
      const t = svc.transport;
      const add = (label: string, p: Probe['packet']) => out.push({ label: `${id} v${family} ${t} ${label}`, packet: p });
      add(`allow lo ${svc.lo}`, pkt(rule.fromZone, rule.toZone, family, s, d, t, svc.lo));
      if (svc.hi !== svc.lo) add(`allow hi ${svc.hi}`, pkt(rule.fromZone, rule.toZone, family, s, d, t, svc.hi));
      if (svc.lo > 1) add(`port lo-1 ${svc.lo - 1}`, pkt(rule.fromZone, rule.toZone, family, s, d, t, svc.lo - 1));
      if (svc.hi < 65535) add(`port hi+1 ${svc.hi + 1}`, pkt(rule.fromZone, rule.toZone, family, s, d, t, svc.hi + 1));
      add('reverse', pkt(rule.toZone, rule.fromZone, family, d, s, t, svc.lo));
    }
    const first = svcs[0];
    if (first) {
      const t = first.transport;
      const sLast = src[src.length - 1].last;
      const dFirst = dst[0].first;
      out.push({ label: `${id} v${family} ${t} src outside`, packet: pkt(rule.fromZone, rule.toZone, family, s - 1n, d, t, first.lo), alt: sLast + 1n });
      out.push({ label: `${id} v${family} ${t} dst outside`, packet: pkt(rule.fromZone, rule.toZone, family, s, d + 1n, t, first.lo), alt: dFirst - 1n });
    }
  }
  return out;
}

/** One unrelated-port probe per boundary direction between hosts already in the plan. */
function boundaryProbes(ep: EnforcementIR, hosts: Map<string, HostAddr[]>): Probe[] {
  const out: Probe[] = [];
  for (const b of ep.boundaries) {
    for (const [from, to] of [[b.zones[0], b.zones[1]], [b.zones[1], b.zones[0]]]) {
      for (const family of [4, 6] as const) {
        const s = hosts.get(from)?.find((h) => h.family === family);
        const d = hosts.get(to)?.find((h) => h.family === family);
        if (!s || !d) continue;
        out.push({ label: `boundary ${from}>${to} v${family} tcp 9`, packet: pkt(from, to, family, s.value, d.value, 'tcp', 9) });
        break;
      }
    }
  }
  return out;
}

function key(h: HostAddr): string {
  return `${h.family}/${h.value}`;
}

/** Assigns addresses to zones; probes needing an address in two zones (or a special one) are skipped. */
function fits(p: Probe['packet'], owner: Map<string, string>): boolean {
  const ends: [string, HostAddr][] = [[p.fromZone, { family: p.family, value: p.src }], [p.toZone, { family: p.family, value: p.dst }]];
  return p.src !== p.dst && ends.every(([zone, h]) => !specialAddress(h.family, h.value) && (owner.get(key(h)) ?? zone) === zone);
}

/** The probe with its alternative "outside" address on the side that was moved. */
function alternative(pr: Probe): Probe | undefined {
  if (pr.alt === undefined) return undefined;
  const p = pr.packet;
  const packet = pr.label.endsWith('src outside') ? { ...p, src: pr.alt } : { ...p, dst: pr.alt };
  return { label: `${pr.label} (other end)`, packet };
}

/**
 * Assigns addresses to zones, in-range probes first so object addresses land in their
 * own zone; a probe needing an address another zone already holds (or a special one)
 * tries its alternative, else is skipped.
 */
function place(probes: Probe[], owner: Map<string, string>, hosts: Map<string, HostAddr[]>): { kept: Probe[]; skipped: Probe[] } {
  const kept: Probe[] = [];
  const skipped: Probe[] = [];
  const ordered = [...probes.filter((p) => p.alt === undefined), ...probes.filter((p) => p.alt !== undefined)];
  for (const candidate of ordered) {
    const alt = alternative(candidate);
    const pr = fits(candidate.packet, owner) ? candidate : alt && fits(alt.packet, owner) ? alt : undefined;
    if (!pr) {
      skipped.push(candidate);
      continue;
    }
    const p = pr.packet;
    for (const [zone, h] of [[p.fromZone, { family: p.family, value: p.src }], [p.toZone, { family: p.family, value: p.dst }]] as [string, HostAddr][]) {
      if (!owner.has(key(h))) {
        owner.set(key(h), zone);
        hosts.set(zone, [...(hosts.get(zone) ?? []), h]);
      }
    }
    kept.push(pr);
  }
  return { kept, skipped };
}

export function planProbes(ep: EnforcementIR): ProbePlan {
  const idx = indexIR(ep);
  const owner = new Map<string, string>();
  const hosts = new Map<string, HostAddr[]>();
  const zones = new Set(ep.zones.map((z) => z.id));
  const candidates = ep.rules.filter((r) => r.kind === 'flow').flatMap((r) => ruleProbes(r, idx))
    .filter((p) => zones.has(p.packet.fromZone) && zones.has(p.packet.toZone));
  const seen = new Set<string>();
  const unique = candidates.filter((p) => {
    const k = `${p.packet.fromZone}>${p.packet.toZone} ${p.packet.family} ${p.packet.src} ${p.packet.dst} ${p.packet.transport} ${p.packet.dport}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const first = place(unique, owner, hosts);
  const extra = place(boundaryProbes(ep, hosts), owner, hosts);
  const probes = [...first.kept, ...extra.kept];
  const listeners: ListenSpec[] = probes.map((pr) => ({
    zone: pr.packet.toZone, family: pr.packet.family, transport: pr.packet.transport, port: pr.packet.dport,
    ...(pr.packet.transport === 'udp' ? { addr: pr.packet.dst } : {}),
  }));
  return { probes, skipped: [...first.skipped, ...extra.skipped], hosts, listeners };
}

export function toProbeSpec(p: Probe['packet']): ProbeSpec {
  return { fromZone: p.fromZone, family: p.family, transport: p.transport, src: p.src, dst: p.dst, port: p.dport };
}

/**
 * Splits probes into waves so that no rate limit of the rule that decides them can
 * trip (the spec evaluator has no notion of rates): per wave and rule, at most
 * min(new connections per second, connections per source) new connections from one
 * source and maxConnections to one destination; UDP sessions stay in conntrack for
 * 30 s, so they count against the per-source limit for the whole run.
 */
export function waves(ep: EnforcementIR, probes: Probe[]): Probe[][] {
  const idx = indexIR(ep);
  const byId = new Map(ep.rules.map((r) => [r.id, r]));
  const out: { probes: Probe[]; count: Map<string, number> }[] = [];
  const udpTotal = new Map<string, number>();
  for (const pr of probes) {
    const v = evaluate(ep, pr.packet, idx);
    const rl = v.action === 'allow' ? byId.get(v.rule)?.rateLimit : undefined;
    if (!rl) {
      (out[0] ??= { probes: [], count: new Map() }).probes.push(pr);
      continue;
    }
    const perSrc = Math.min(rl.newConnectionsPerSecond ?? Infinity, rl.perSourceConnections ?? Infinity);
    const perDst = rl.maxConnections ?? Infinity;
    const ks = `${v.rule} s ${pr.packet.src}`;
    const kd = `${v.rule} d ${pr.packet.dst}`;
    if (pr.packet.transport === 'udp') {
      const used = udpTotal.get(ks) ?? 0;
      if (rl.perSourceConnections !== undefined && used >= rl.perSourceConnections) throw new Error(`probe plan: too many UDP probes for ${ks}`);
      udpTotal.set(ks, used + 1);
    }
    let w = out.findIndex((x) => (x.count.get(ks) ?? 0) < perSrc && (x.count.get(kd) ?? 0) < perDst);
    if (w < 0) w = out.push({ probes: [], count: new Map() }) - 1;
    out[w].count.set(ks, (out[w].count.get(ks) ?? 0) + 1);
    out[w].count.set(kd, (out[w].count.get(kd) ?? 0) + 1);
    out[w].probes.push(pr);
  }
  return out.filter((x) => x !== undefined && x.probes.length > 0).map((x) => x.probes);
}
