import { describeFlow } from '../model/describeFlow.js';
import { mergeRanges } from '../model/ip.js';
import type { EndpointRef, Flow, IpRange, Model } from '../model/types.js';
import { addressObject } from '../rules/buildAddresses.js';
import { compareText } from './compareText.js';
import { rangeText } from './rangeText.js';
import { subtractAll } from './subtractBoxes.js';
import type { Box } from './subtractBoxes.js';
import type { AllowedPiece, NewlyAllowed } from './types.js';

/**
 * Operations as a dimension: 0 stands for the read operations, 1 for every other
 * (write, control, program). A read-only flow allows [0, 0], any other flow [0, 1],
 * so a flow that loses `access: read-only` newly allows the writes.
 */
const READS = 0n;
const WRITES = 1n;

interface Space {
  /** "<family>/<transport>": boxes of different spaces never overlap. */
  space: string;
  family: 4 | 6;
  transport: string;
  box: Box;
}

function rangesOf(model: Model, refs: EndpointRef[]): IpRange[] {
  return mergeRanges(refs.flatMap((e) => addressObject(model, `${e.kind}:${e.id}`).ranges));
}

/** The packets a conduit flow allows, as boxes (source x destination x port x operations). */
export function flowBoxes(model: Model, f: Flow): Space[] {
  const ops = f.access === 'read-only' ? [READS, READS] as const : [READS, WRITES] as const;
  const out: Space[] = [];
  for (const s of rangesOf(model, f.from)) {
    for (const d of rangesOf(model, f.to)) {
      if (s.family !== d.family) continue;
      for (const p of f.protocol.ports) {
        out.push({
          space: `${s.family}/${p.transport}`, family: s.family, transport: p.transport,
          box: [[s.first, s.last], [d.first, d.last], [BigInt(p.ports[0]), BigInt(p.ports[1])], ops],
        });
      }
    }
  }
  return out;
}

function allowedBySpace(model: Model): Map<string, Box[]> {
  const map = new Map<string, Box[]>();
  for (const c of model.conduits.values()) {
    for (const f of c.flows) for (const s of flowBoxes(model, f)) map.set(s.space, [...(map.get(s.space) ?? []), s.box]);
  }
  return map;
}

function side(model: Model, refs: EndpointRef[], family: 4 | 6, parts: IpRange[]): string {
  const out: string[] = [];
  for (const e of refs) {
    const own = addressObject(model, `${e.kind}:${e.id}`).ranges.filter((r) => r.family === family);
    const hit = mergeRanges(own.flatMap((r) => parts
      .filter((p) => p.first <= r.last && r.first <= p.last)
      .map((p) => ({ family, first: p.first > r.first ? p.first : r.first, last: p.last < r.last ? p.last : r.last }))));
    if (hit.length === 0) continue;
    const name = e.kind === 'zone' ? `zone ${e.id}` : e.id;
    const whole = hit.length === own.length && hit.every((h, i) => h.first === own[i].first && h.last === own[i].last);
    out.push(whole ? name : `${name} (${hit.map(rangeText).join(', ')})`);
  }
  return out.join(', ');
}

interface Piece { family: 4 | 6; transport: string; src: IpRange[]; dst: IpRange[]; port: readonly [bigint, bigint]; ops: readonly [bigint, bigint] }

/** Joins pieces that differ only in one address dimension, so a widened zone reads as one line. */
function mergePieces(pieces: Piece[], dim: 'src' | 'dst'): Piece[] {
  const other = dim === 'src' ? 'dst' : 'src';
  const groups = new Map<string, Piece>();
  for (const p of pieces) {
    const key = JSON.stringify([p.family, p.transport, p[other].map((r) => [String(r.first), String(r.last)]), String(p.port[0]), String(p.port[1]), String(p.ops[0]), String(p.ops[1])]);
    const g = groups.get(key);
    if (g) g[dim] = mergeRanges([...g[dim], ...p[dim]]);
    else groups.set(key, { ...p, [dim]: [...p[dim]] });
  }
  return [...groups.values()];
}

function describe(model: Model, f: Flow, p: Piece): AllowedPiece {
  const [lo, hi] = p.port;
  const ports = lo === hi ? `${lo}` : `${lo}-${hi}`;
  return {
    src: side(model, f.from, p.family, p.src),
    dst: side(model, f.to, p.family, p.dst),
    service: `${p.transport}/${ports}${f.protocol.catalogId ? ` (${f.protocol.catalogId})` : ''}`,
    operations: p.ops[0] === p.ops[1] ? (p.ops[0] === READS ? 'reads' : 'writes') : 'all',
  };
}

/**
 * Flows whose packets the old policy did not allow and the new one does: new flow
 * keys, widened endpoints or ports, changed addresses, a dropped `access: read-only`.
 * Computed from the policies' conduit flows (what they ask every enforcement point
 * to allow), by set difference of packet boxes, so moving or merging flows that
 * allow the same packets shows nothing.
 */
export function newlyAllowed(old: Model, next: Model): NewlyAllowed[] {
  const before = allowedBySpace(old);
  const out: NewlyAllowed[] = [];
  for (const c of next.conduits.values()) {
    for (const f of c.flows) {
      const pieces: Piece[] = flowBoxes(next, f).flatMap((s) => subtractAll(s.box, before.get(s.space) ?? []).map((b): Piece => ({
        family: s.family, transport: s.transport,
        src: [{ family: s.family, first: b[0][0], last: b[0][1] }], dst: [{ family: s.family, first: b[1][0], last: b[1][1] }],
        port: b[2], ops: b[3],
      })));
      if (pieces.length === 0) continue;
      const described = mergePieces(mergePieces(pieces, 'src'), 'dst').map((p) => describe(next, f, p));
      const unique = [...new Map(described.map((d) => [JSON.stringify(d), d] as const)).values()]
        .sort((x, y) => compareText(JSON.stringify(x), JSON.stringify(y)));
      out.push({ conduit: c.id, flow: describeFlow(f), fromZone: f.fromZone, toZone: f.toZone, pieces: unique });
    }
  }
  return out.sort((x, y) => compareText(x.conduit, y.conduit) || compareText(x.flow, y.flow));
}
