import { evaluate, indexIR } from '../../../src/rules/evaluate.js';
import type { EnforcementIR, Packet, Verdict } from '../../../src/rules/types.js';
import { buildFortiModel, evaluateFortios } from './evaluateFortios.js';
import type { AppSignatureModel, FortiModel, FortiPacket, FortiVerdict } from './evaluateFortios.js';
import { parseFortios } from './parseFortios.js';

/**
 * Glue between the IR world and the FortiOS world. Only topology crosses over: which
 * interface a zone's traffic enters and leaves by (the IR's zone bindings). Vendor
 * semantics stay in evaluateFortios.ts; IR semantics stay in src/rules/evaluate.ts.
 */
export function modelFor(ep: EnforcementIR, text: string): FortiModel {
  return buildFortiModel(parseFortios(text), ep.zones.map((z) => z.interface));
}

export function toFortiPacket(ep: EnforcementIR, p: Packet): FortiPacket {
  const intf = (zone: string) => {
    const z = ep.zones.find((b) => b.id === zone);
    if (!z) throw new Error(`packet zone ${zone} is not bound on ${ep.id}`);
    return z.interface;
  };
  const out: FortiPacket = {
    srcintf: intf(p.fromZone), dstintf: intf(p.toZone), family: p.family, src: p.src, dst: p.dst,
    proto: p.transport, sport: p.sport, dport: p.dport,
  };
  if (p.operation !== undefined) out.operation = p.operation;
  if (p.established) out.established = true;
  return out;
}

/**
 * Test-side model of the FortiGuard database: 48885 is Modbus FC 5 (documented,
 * vendors.md 2.1); ids a site supplies with `fortiguard-app-modbus-write` are, by the
 * site's assertion, the remaining Modbus write operations. The Modbus decoder listens
 * on TCP/502 only by default (FortiOS admin guide, "IPS Modbus TCP decoder").
 */
export function fortiguardModel(ep: EnforcementIR): AppSignatureModel[] {
  const db: AppSignatureModel[] = [{ id: 48885, ot: true, transport: 'tcp', ports: [502, 502], operations: [5] }];
  const override = ep.options['fortiguard-app-modbus-write'];
  if (override !== undefined) {
    const denied = [...new Set(ep.rules.flatMap((r) => (r.readOnly?.protocol === 'modbus' ? r.readOnly.denied : [])))];
    for (const id of String(override).split(/[\s,]+/).filter(Boolean).map(Number)) {
      if (id !== 48885) db.push({ id, ot: true, transport: 'tcp', ports: [502, 502], operations: denied });
    }
  }
  return db;
}

/** Modbus write operations the shipped table blocks (48885 = FC 5). */
const TABLE_COVERED = new Set([5]);

/**
 * The verdict FortiOS is expected to give, from the spec verdict, with the two
 * documented divergences made explicit:
 * 1. monitor phase: a read-only rule's application list passes (and logs) writes,
 *    because nothing the plant does may change in monitor; the spec denies them;
 * 2. write operations with no verified FortiGuard id (and no site override) pass the
 *    application list (warning OTPC704); the spec denies them.
 */
export function expectedVerdict(ep: EnforcementIR, p: Packet, spec: Verdict): Verdict {
  if (spec.action !== 'deny' || p.operation === undefined) return spec;
  const rule = ep.rules.find((r) => r.id === spec.rule);
  const ro = rule?.readOnly;
  if (!rule || !ro || ro.mode !== 'dpi' || rule.action !== 'allow') return spec;
  const b = ep.boundaries.find((x) => x.zones.includes(rule.fromZone!) && x.zones.includes(rule.toZone!));
  const phase = b ? b.phase : ep.phase === 'enforce' ? 'enforce' : 'monitor';
  const covered = ep.options['fortiguard-app-modbus-write'] !== undefined || TABLE_COVERED.has(p.operation);
  if (phase === 'monitor' || !covered) return { action: 'allow', log: true, rule: spec.rule };
  return spec;
}

/**
 * True when a FortiGuard signature this configuration lists should see the packet (a
 * covered write of a dpi read-only rule): the decision must then come from an
 * application-list entry, in monitor (pass + log) as in enforce (block).
 */
export function expectsAppEntry(ep: EnforcementIR, p: Packet, spec: Verdict): boolean {
  if (p.operation === undefined || p.established) return false;
  const rule = ep.rules.find((r) => r.id === spec.rule);
  const ro = rule?.readOnly;
  if (!rule || !ro || ro.mode !== 'dpi' || rule.action !== 'allow' || !ro.denied.includes(p.operation)) return false;
  return ep.options['fortiguard-app-modbus-write'] !== undefined || TABLE_COVERED.has(p.operation);
}

export function fortiVerdict(ep: EnforcementIR, model: FortiModel, p: Packet): FortiVerdict {
  return evaluateFortios(model, toFortiPacket(ep, p), fortiguardModel(ep));
}

function show(p: Packet): string {
  return `${p.fromZone}>${p.toZone} v${p.family} ${p.src}->${p.dst} ${p.transport} ${p.sport}>${p.dport}${p.operation !== undefined ? ` op${p.operation}` : ''}${p.established ? ' est' : ''}`;
}

/**
 * Every difference between the spec evaluator (with the documented divergences of
 * expectedVerdict) and the re-parsed FortiOS text over `packets`: action, log, the
 * deciding policy (the rule's number), application-list coverage of filtered writes,
 * and in the monitor phase that nothing new is dropped and every final hit is logged.
 */
export function fortiosDifferences(ep: EnforcementIR, text: string, packets: Packet[], limit = 20): string[] {
  const model = modelFor(ep, text);
  const idx = indexIR(ep);
  const out: string[] = [];
  for (const p of packets) {
    const spec = evaluate(ep, p, idx);
    const want = expectedVerdict(ep, p, spec);
    const got = fortiVerdict(ep, model, p);
    if (expectsAppEntry(ep, p, spec) && got.app === undefined) out.push(`${show(p)}: write operation not seen by an application list`);
    const wantPolicy = String(ep.rules.find((x) => x.id === want.rule)?.number ?? 'implicit');
    if (got.action !== want.action || got.log !== want.log || got.policy !== wantPolicy) {
      out.push(`${show(p)}: spec ${want.action}/${want.log ? 'log' : 'nolog'} by ${want.rule} (${wantPolicy}), FortiOS ${got.action}/${got.log ? 'log' : 'nolog'} by ${got.policy}`);
    }
    if (ep.phase === 'monitor' && !p.established) {
      if (got.action !== 'allow') out.push(`${show(p)}: monitor phase dropped a packet`);
      const rule = ep.rules.find((x) => x.id === want.rule);
      if (rule && rule.kind !== 'flow' && !got.log) out.push(`${show(p)}: monitor phase final hit not logged`);
    }
    if (out.length >= limit) break;
  }
  return out;
}
