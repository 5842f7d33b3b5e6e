/**
 * Boxes in a space of closed integer intervals (source address, destination
 * address, destination port, operations), and set difference on them: what a new
 * policy allows that an old one did not. A difference of two boxes is at most
 * 2 x dimensions boxes: per dimension, the part of `a` below and above `b`, with
 * the dimensions already handled clipped to `b`.
 */
export type Interval = readonly [bigint, bigint];
export type Box = readonly Interval[];

function overlaps(a: Box, b: Box): boolean {
  return a.every(([lo, hi], i) => lo <= b[i][1] && b[i][0] <= hi);
}

/** a \ b as disjoint boxes (empty when b covers a). */
export function subtractBox(a: Box, b: Box): Box[] {
  if (!overlaps(a, b)) return [a];
  const out: Box[] = [];
  const core = [...a];
  for (let i = 0; i < a.length; i++) {
    const [lo, hi] = core[i];
    if (lo < b[i][0]) out.push(core.map((iv, j) => (j === i ? [lo, b[i][0] - 1n] as const : iv)));
    if (hi > b[i][1]) out.push(core.map((iv, j) => (j === i ? [b[i][1] + 1n, hi] as const : iv)));
    core[i] = [lo > b[i][0] ? lo : b[i][0], hi < b[i][1] ? hi : b[i][1]];
  }
  return out;
}

/** Everything in `a` that none of `bs` covers, as disjoint boxes. */
export function subtractAll(a: Box, bs: readonly Box[]): Box[] {
  let rest: Box[] = [a];
  for (const b of bs) {
    if (rest.length === 0) break;
    rest = rest.flatMap((r) => subtractBox(r, b));
  }
  return rest;
}
