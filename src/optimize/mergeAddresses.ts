import { mergeRanges } from '../model/ip.js';
import { compareStrings, sortedUnique } from '../rules/compareStrings.js';
import { ANY } from '../rules/types.js';
import type { AddressObject, EnforcementIR, Rule } from '../rules/types.js';
import { contentName } from './contentName.js';
import { addressSpan, isSubset, normalize, sameSet } from './ruleSpace.js';
import type { SpanSet } from './ruleSpace.js';
import type { Pass } from './types.js';

/**
 * Rewrites each rule side that lists several addresses into fewer objects:
 * 1. a reference another reference of the same side already contains is dropped
 *    (an asset next to its own zone; of two equal objects the smaller id stays);
 * 2. asset (and earlier merged) objects whose addresses touch or overlap are merged
 *    into one object per run of touching addresses, holding the fewest ranges: hosts
 *    .10, .11, .12, .13 become one object .10-.13 ("merged addresses" on every vendor,
 *    named after its first member), while .10, .11 and .50 become [.10-.11, .50].
 * Zone objects are never merged: they name a zone's networks, and the backends find
 * a zone's networks by them. Objects that touch nothing stay as they are
 * (groupAddresses names the list if it recurs).
 */
export const mergeAddresses: Pass = {
  name: 'mergeAddresses',
  description: 'merge adjacent or overlapping addresses of a rule side into the fewest ranges',
  fn(ep) {
    const ctx = new MergeContext(ep);
    const plans = ep.rules.map((r) => ({ src: ctx.plan(r.src), dst: ctx.plan(r.dst) }));
    ctx.nameNewObjects();
    let changed = false;
    const rules = ep.rules.map((rule, i): Rule => {
      const src = ctx.apply(plans[i].src) ?? rule.src;
      const dst = ctx.apply(plans[i].dst) ?? rule.dst;
      if (sameList(src, rule.src) && sameList(dst, rule.dst)) return rule;
      changed = true;
      return { ...rule, src, dst };
    });
    if (!changed) return ep;
    const addresses = [...ep.addresses, ...ctx.created()].sort((a, b) => compareStrings(a.id, b.id));
    return { ...ep, rules, addresses };
  },
};

interface MergePlan {
  /** Base names of the merged object (its content key). */
  names: string[];
  ranges: AddressObject['ranges'];
  pointer: string;
}

interface SidePlan {
  keep: string[];
  merges: MergePlan[];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function spansOf(o: AddressObject): SpanSet {
  return normalize(o.ranges.map(addressSpan));
}

/** Base names an object stands for: its own name, or the members of a merged object. */
function baseNames(o: AddressObject): string[] {
  return o.source.kind === 'merged' ? o.members ?? [o.name] : [o.name];
}

class MergeContext {
  private readonly objects: Map<string, AddressObject>;
  private readonly groups: Map<string, string[]>;
  /** Content key (base names) -> merged object, existing or new. */
  private readonly byContent = new Map<string, AddressObject>();
  private readonly pending = new Map<string, MergePlan>();
  private readonly fresh: AddressObject[] = [];

  constructor(ep: EnforcementIR) {
    this.objects = new Map(ep.addresses.map((a) => [a.id, a]));
    this.groups = new Map(ep.addressGroups.map((g) => [g.id, g.members]));
    for (const a of ep.addresses) if (a.source.kind === 'merged') this.byContent.set(baseNames(a).join(','), a);
  }

  plan(refs: readonly string[]): SidePlan | undefined {
    if (refs.length < 2 || refs.includes(ANY)) return undefined;
    const ids = sortedUnique(refs.flatMap((r) => this.groups.get(r) ?? [r]));
    const objs = ids.map((id) => this.objects.get(id));
    if (objs.some((o) => o === undefined)) return undefined;
    // Merging can make a new object contain a zone (or the other way round): repeat until stable.
    let side = dropContained(objs as AddressObject[]);
    for (let runs = touchingRuns(side); runs.length > 0; runs = touchingRuns(side)) {
      const merged = new Set(runs.flat());
      side = dropContained([...side.filter((o) => !merged.has(o)), ...runs.map(pendingObject)]);
    }
    const merges = side.filter((o) => o.id.startsWith(PENDING)).map((o): MergePlan => ({ names: baseNames(o), ranges: o.ranges, pointer: o.pointer }));
    for (const m of merges) if (!this.byContent.has(m.names.join(','))) this.pending.set(m.names.join(','), m);
    return { keep: side.filter((o) => !o.id.startsWith(PENDING)).map((o) => o.id), merges };
  }

  /** Names new merged objects in content order, so a name never depends on rule order. */
  nameNewObjects(): void {
    const taken = new Set([...this.byContent.values()].map((o) => o.name));
    for (const key of [...this.pending.keys()].sort(compareStrings)) {
      const plan = this.pending.get(key) as MergePlan;
      const name = contentName(plan.names[0], plan.names, (n) => taken.has(n));
      taken.add(name);
      const obj: AddressObject = { id: `net:${name}`, name, source: { kind: 'merged', id: name }, members: plan.names, ranges: plan.ranges, pointer: plan.pointer };
      this.byContent.set(key, obj);
      this.fresh.push(obj);
    }
  }

  apply(plan: SidePlan | undefined): string[] | undefined {
    if (!plan) return undefined;
    const merged = plan.merges.map((m) => (this.byContent.get(m.names.join(',')) as AddressObject).id);
    return sortedUnique([...plan.keep, ...merged]);
  }

  created(): AddressObject[] {
    return this.fresh;
  }
}

const PENDING = 'pending:';

/** A merged object before it has a name: its content key stands in for the id. */
function pendingObject(run: AddressObject[]): AddressObject {
  const names = sortedUnique(run.flatMap(baseNames));
  return { id: `${PENDING}${names.join(',')}`, name: '', source: { kind: 'merged', id: '' }, members: names, ranges: mergeRanges(run.flatMap((o) => o.ranges)), pointer: run[0].pointer };
}

/** Objects not contained in another object of the list (of equal ones, the smallest id stays). */
function dropContained(objs: AddressObject[]): AddressObject[] {
  const spans = objs.map(spansOf);
  return objs.filter((o, i) => !objs.some((p, k) => k !== i && isSubset(spans[i], spans[k]) && (!sameSet(spans[i], spans[k]) || p.id < o.id)));
}

/**
 * Groups of two or more objects whose ranges touch or overlap, transitively (union-find
 * over the objects, in id order); only groups that save a range are returned.
 */
function touchingRuns(objs: AddressObject[]): AddressObject[][] {
  objs = objs.filter((o) => o.source.kind === 'asset' || o.source.kind === 'merged');
  const parent = objs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const points = objs.flatMap((o, i) => o.ranges.map((r) => ({ i, span: addressSpan(r) })))
    .sort((a, b) => (a.span.lo < b.span.lo ? -1 : a.span.lo > b.span.lo ? 1 : a.i - b.i));
  let reach = -2n;
  let owner = -1;
  for (const p of points) {
    if (owner >= 0 && p.span.lo <= reach + 1n) parent[find(p.i)] = find(owner);
    if (p.span.hi > reach || owner < 0) {
      reach = p.span.hi > reach ? p.span.hi : reach;
      owner = p.i;
    }
  }
  const runs = new Map<number, AddressObject[]>();
  objs.forEach((o, i) => runs.set(find(i), [...(runs.get(find(i)) ?? []), o]));
  return [...runs.values()].filter((run) => run.length >= 2 && mergeRanges(run.flatMap((o) => o.ranges)).length < run.reduce((n, o) => n + o.ranges.length, 0));
}
