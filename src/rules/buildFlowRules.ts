import type { Catalogs, Platform } from '../catalog/types.js';
import type { Conduit, EnforcementPoint, Flow, Model } from '../model/types.js';
import type { Rule } from './types.js';
import { compareStrings, sortedUnique } from './compareStrings.js';
import { endpointRef } from './buildAddresses.js';
import { servicesForProtocol, ServiceTable } from './buildServices.js';
import { planFlowControls } from './planFlowControls.js';
import type { FlowControls } from './planFlowControls.js';

import { MAX_CONDUITS, MAX_FLOWS_PER_CONDUIT } from '../model/limits.js';

export { MAX_CONDUITS, MAX_FLOWS_PER_CONDUIT };

/**
 * Ordinals per conduit table. buildFlowRules runs once per enforcement point, and sorting
 * every conduit id each time made building the IR O(points x conduits log conduits);
 * the model is never changed after it is built, so the sort is done once per model (keyed
 * by its conduit table). The size is kept with the ordinals, so a table that did grow is
 * sorted again.
 */
const ordinalsCache = new WeakMap<Model['conduits'], { size: number; ordinals: ReadonlyMap<string, number> }>();

/**
 * 1-based ordinal of every conduit among ALL model conduits sorted by id, so an
 * enforcement point's rule numbers do not depend on which other points exist.
 */
export function conduitOrdinals(model: Model): ReadonlyMap<string, number> {
  const cached = ordinalsCache.get(model.conduits);
  if (cached && cached.size === model.conduits.size) return cached.ordinals;
  const ids = [...model.conduits.keys()].sort(compareStrings);
  if (ids.length > MAX_CONDUITS) {
    throw new Error(`rule IR: ${ids.length} conduits; rule numbering supports at most ${MAX_CONDUITS}`);
  }
  const ordinals = new Map(ids.map((id, i) => [id, i + 1]));
  ordinalsCache.set(model.conduits, { size: ids.length, ordinals });
  return ordinals;
}

/**
 * One allow rule per flow of every conduit placed on the enforcement point, in the
 * initiating direction only (SR 5.2 RE 1: allow by exception). Conduits in id order,
 * flows in the model's canonical order. Return traffic is the evaluator's and the
 * backends' business (stateful sessions, or IOS reverse entries), never an IR rule.
 */
export function buildFlowRules(
  model: Model,
  catalogs: Catalogs,
  platform: Platform | undefined,
  conduitIds: string[],
  services: ServiceTable,
  phaseOf: (fromZone: string, toZone: string) => 'monitor' | 'enforce' = () => 'enforce',
  ep?: Pick<EnforcementPoint, 'id' | 'platform' | 'options'>,
): Rule[] {
  const ordinals = conduitOrdinals(model);
  const rules: Rule[] = [];
  for (const id of [...conduitIds].sort(compareStrings)) {
    const conduit = model.conduits.get(id);
    const ordinal = ordinals.get(id);
    if (!conduit || ordinal === undefined) throw new Error(`rule IR: placed conduit ${id} is not in the model`);
    if (conduit.flows.length > MAX_FLOWS_PER_CONDUIT) {
      throw new Error(`rule IR: conduit ${id} has ${conduit.flows.length} flows; rule numbering supports at most ${MAX_FLOWS_PER_CONDUIT}`);
    }
    conduit.flows.forEach((flow, i) => {
      const fc = planFlowControls(flow, conduit, platform, catalogs, phaseOf(flow.fromZone, flow.toZone), ep);
      rules.push(flowRule(conduit, flow, i + 1, ordinal, fc, services));
    });
  }
  return orderFlowRules(rules);
}

/**
 * Stable partition: plain allow rules first, then the rules that filter operations
 * (read-only, dpi). Rules are first match, and a dpi rule decides a write it matches
 * (deny) instead of falling through. If "zone supervisory -> plc modbus read-only"
 * came before "hmi-1 -> plc modbus" (read-write), the HMI's setpoint writes would be
 * dropped although the policy allows them. With the partition a packet is allowed
 * exactly when some flow allows it (the policy's union semantics), whatever the ids.
 * Rule numbers keep their conduit/flow meaning, so list order is the only order:
 * backends must render rules in list order, not sorted by number.
 */
export function orderFlowRules(rules: Rule[]): Rule[] {
  const filtered = (r: Rule) => r.readOnly?.mode === 'dpi';
  return [...rules.filter((r) => !filtered(r)), ...rules.filter(filtered)];
}

function flowRule(conduit: Conduit, flow: Flow, n: number, ordinal: number, fc: FlowControls, services: ServiceTable): Rule {
  const rule: Rule = {
    id: `${conduit.id}.${n}`,
    number: ordinal * 1000 + n,
    kind: 'flow',
    fromZone: flow.fromZone,
    toZone: flow.toZone,
    action: 'allow',
    log: true,
    src: sortedUnique(flow.from.map(endpointRef)),
    dst: sortedUnique(flow.to.map(endpointRef)),
    services: sortedUnique(servicesForProtocol(flow.protocol).map((s) => services.add(s))),
    comment: flowComment(conduit, flow, fc),
    trace: {
      conduit: conduit.id,
      flowIndex: flow.index,
      flowKey: flow.key,
      pointer: flow.pointer,
      srs: fc.srs,
      controls: fc.controls,
    },
  };
  if (fc.readOnly) rule.readOnly = fc.readOnly;
  if (fc.rateLimit) rule.rateLimit = fc.rateLimit;
  return rule;
}

function readOnlyLabel(fc: FlowControls): string {
  if (fc.readOnly?.mode === 'port-only') return ' read-only (port-level only)';
  return fc.phase === 'monitor' ? ' read-only (monitor phase: writes logged, not blocked)' : ' read-only';
}

/**
 * "<conduit> <from> -> <to> <protocol>[ read-only][ rate-limited] (SR 5.1, SR 5.2): <description>".
 * Full text: backends sanitise and cut it to their limit, trace.json keeps it whole.
 * A read-only flow that is not filtered (the platform cannot) or only logged (monitor
 * phase) says so, so no reader takes it for a filter that blocks writes.
 */
export function flowComment(conduit: Conduit, flow: Flow, fc: FlowControls): string {
  const ids = (eps: Flow['from']) => sortedUnique(eps.map((e) => e.id)).join(',');
  let text = `${conduit.id} ${ids(flow.from)} -> ${ids(flow.to)} ${flow.protocol.name}`;
  if (fc.readOnly) text += readOnlyLabel(fc);
  if (fc.rateLimit) text += ' rate-limited';
  // Requirements before the free text: vendors cut comments at 100-128 bytes, and the
  // SR trace matters more to an auditor than the description (which trace.json keeps whole).
  if (fc.srs.length > 0) text += ` (${fc.srs.join(', ')})`;
  if (flow.description) text += `: ${flow.description}`;
  return text;
}
