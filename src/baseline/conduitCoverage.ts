import type { EndpointRef, IpRange, Model } from '../model/types.js';
import { compareStrings } from '../rules/compareStrings.js';
import type { ClassifiedFlow } from './classifyFlows.js';
import { inRangeSet, rangeSet } from './rangeSet.js';
import type { RangeSet } from './rangeSet.js';

interface CoverFlow {
  conduit: string;
  src: RangeSet;
  dst: RangeSet;
  ports: Record<'tcp' | 'udp', [number, number][]>;
}

/**
 * Which observed flows a conduit flow of the policy covers: same direction (the
 * conduit flow's `from` initiates), source in its `from` endpoints, destination in
 * its `to` endpoints, transport and destination port in its protocol's ports.
 * Coverage is a property of the policy, not of placement: a flow of an unplaced
 * conduit still documents the traffic.
 */
export interface ConduitCoverage {
  /** The conduit that covers the flow, or undefined. */
  coveredBy(c: ClassifiedFlow): string | undefined;
  /** Conduits joining two zones, by id. */
  conduitsJoining(a: string, b: string): string[];
}

function endpointRanges(model: Model, refs: EndpointRef[]): IpRange[] {
  return refs.flatMap((r) => (r.kind === 'asset' ? model.assets.get(r.id)?.addresses ?? [] : model.zones.get(r.id)?.networks ?? []));
}

export function buildConduitCoverage(model: Model): ConduitCoverage {
  const byPair = new Map<string, CoverFlow[]>();
  const joining = new Map<string, string[]>();
  for (const id of [...model.conduits.keys()].sort(compareStrings)) {
    const conduit = model.conduits.get(id)!;
    const pairKey = [...conduit.zones].sort(compareStrings).join('|');
    joining.set(pairKey, [...(joining.get(pairKey) ?? []), id]);
    for (const flow of conduit.flows) {
      const ports: CoverFlow['ports'] = { tcp: [], udp: [] };
      for (const p of flow.protocol.ports) ports[p.transport].push([p.ports[0], p.ports[1]]);
      const key = `${flow.fromZone}>${flow.toZone}`;
      const list = byPair.get(key) ?? [];
      list.push({ conduit: id, src: rangeSet(endpointRanges(model, flow.from)), dst: rangeSet(endpointRanges(model, flow.to)), ports });
      byPair.set(key, list);
    }
  }
  return {
    coveredBy(c) {
      const f = c.flow;
      if (c.srcZone === undefined || c.dstZone === undefined || (f.transport !== 'tcp' && f.transport !== 'udp')) return undefined;
      for (const cf of byPair.get(`${c.srcZone}>${c.dstZone}`) ?? []) {
        if (!cf.ports[f.transport].some(([lo, hi]) => lo <= f.dport && f.dport <= hi)) continue;
        if (inRangeSet(cf.src, f.src) && inRangeSet(cf.dst, f.dst)) return cf.conduit;
      }
      return undefined;
    },
    conduitsJoining: (a, b) => joining.get([a, b].sort(compareStrings).join('|')) ?? [],
  };
}
