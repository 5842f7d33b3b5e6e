import type { Catalogs } from '../../src/catalog/types.js';
import type { EndpointRef, Flow, Model, Placement } from '../../src/model/types.js';
import type { Packet } from '../../src/rules/types.js';

/**
 * The policy oracle: what the POLICY allows, computed straight from the model's
 * flows and the placement, never through the rule IR. The IR is faithful when the
 * spec evaluator on the IR agrees with this for every packet of the corpus.
 *
 * A new packet from zone A to zone B on enforcement point E is allowed iff some
 * flow of a conduit placed on E goes from A to B, its source and destination
 * endpoints contain the packet's addresses, one of its port specs has the packet's
 * transport and destination port, and, for a read-only flow on a platform that
 * filters the protocol's operations, the packet carries no operation or a read /
 * session operation. An established packet is allowed iff its reverse is allowed
 * as a new connection (stateful semantics).
 */
export function flowsOn(model: Model, placement: Placement, epId: string): Flow[] {
  return [...model.conduits.values()]
    .filter((c) => (placement.byConduit.get(c.id) ?? []).includes(epId))
    .flatMap((c) => c.flows);
}

function contains(model: Model, e: EndpointRef, family: 4 | 6, v: bigint): boolean {
  const nets = e.kind === 'asset' ? model.assets.get(e.id)?.addresses ?? [] : model.zones.get(e.id)?.networks ?? [];
  return nets.some((n) => n.family === family && n.first <= v && v <= n.last);
}

/** Phase of the boundary between two zones on an enforcement point, from the build options (not from the IR). */
export type PhaseOf = (epId: string, fromZone: string, toZone: string) => 'monitor' | 'enforce';

export function phaseFromOptions(options: { phase: 'monitor' | 'enforce'; boundaryPhases?: Record<string, 'monitor' | 'enforce'> }): PhaseOf {
  return (epId, a, b) => options.boundaryPhases?.[`${epId}:${a < b ? `${a}|${b}` : `${b}|${a}`}`] ?? options.phase;
}

/**
 * Operations are filtered only where the platform can and the boundary enforces
 * (monitor changes nothing the plant does).
 */
export function flowAllows(model: Model, catalogs: Catalogs, platform: string, f: Flow, p: Packet, filterOps = true, epOptions?: Record<string, unknown>): boolean {
  if (f.fromZone !== p.fromZone || f.toZone !== p.toZone) return false;
  if (!f.from.some((e) => contains(model, e, p.family, p.src))) return false;
  if (!f.to.some((e) => contains(model, e, p.family, p.dst))) return false;
  if (!f.protocol.ports.some((s) => s.transport === p.transport && s.ports[0] <= p.dport && p.dport <= s.ports[1])) return false;
  if (f.access === 'read-only' && p.operation !== undefined && f.protocol.catalogId) {
    const ops = catalogs.protocols.get(f.protocol.catalogId)?.operations;
    const plat = catalogs.platforms.get(platform);
    const option = plat?.supports.readOnlyOption?.replace('{protocol}', f.protocol.catalogId);
    // A platform that needs site data (e.g. FortiGuard ids) filters only when the enforcement point gives it.
    const dpi = (plat?.supports.readOnly.includes(f.protocol.catalogId) ?? false) && (!option || (epOptions?.[option] ?? '') !== '');
    if (ops && dpi && filterOps) return [...ops.read, ...(ops.session ?? [])].includes(p.operation);
  }
  return true;
}

export function policyAllows(model: Model, catalogs: Catalogs, placement: Placement, epId: string, p: Packet, phaseOf?: PhaseOf): boolean {
  const ep = model.enforcement.get(epId);
  if (!ep) return false;
  const filterOps = (phaseOf?.(epId, p.fromZone, p.toZone) ?? 'enforce') === 'enforce';
  const q: Packet = p.established
    ? { fromZone: p.toZone, toZone: p.fromZone, family: p.family, src: p.dst, dst: p.src, transport: p.transport, sport: p.dport, dport: p.sport }
    : p;
  return flowsOn(model, placement, epId).some((f) => flowAllows(model, catalogs, ep.platform, f, q, filterOps, ep.options));
}
