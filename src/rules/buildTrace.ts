import type { RateLimit } from '../model/types.js';
import type { ReadOnlyFilter, Rule, RuleIR, RuleTrace } from './types.js';
import { copyRateLimit } from './planFlowControls.js';

/** trace.json (DESIGN "Command line"): every rule's full comment and its rule -> conduit -> flow -> SR trace. */
export interface TraceDocument {
  site: { id: string; name: string };
  enforcement: TraceEnforcement[];
  unplaced: { conduit: string; pointer: string }[];
}

export interface TraceEnforcement {
  id: string;
  platform: string;
  phase: string;
  rules: TraceRule[];
}

export interface TraceRule {
  id: string;
  number: number;
  kind: Rule['kind'];
  action: Rule['action'];
  log: boolean;
  fromZone?: string;
  toZone?: string;
  src: string[];
  dst: string[];
  services: string[];
  comment: string;
  trace?: RuleTrace;
  readOnly?: ReadOnlyFilter;
  rateLimit?: RateLimit;
}

/**
 * The sidecar the vendor comments are cut from (vendors.md section 1: keep the full
 * text in a sidecar keyed by rule id). Plain JSON data in a fixed key order: no
 * bigint, no undefined, so JSON.stringify gives byte-identical output.
 */
export function buildTrace(ir: RuleIR): TraceDocument {
  return {
    site: { id: ir.site.id, name: ir.site.name },
    enforcement: ir.enforcement.map((ep) => ({ id: ep.id, platform: ep.platform, phase: ep.phase, rules: ep.rules.map(traceRule) })),
    unplaced: ir.unplaced.map((u) => ({ conduit: u.conduit, pointer: u.pointer })),
  };
}

function traceRule(rule: Rule): TraceRule {
  const t = rule.trace;
  return {
    id: rule.id,
    number: rule.number,
    kind: rule.kind,
    action: rule.action,
    log: rule.log,
    ...(rule.fromZone !== undefined ? { fromZone: rule.fromZone } : {}),
    ...(rule.toZone !== undefined ? { toZone: rule.toZone } : {}),
    src: [...rule.src],
    dst: [...rule.dst],
    services: [...rule.services],
    comment: rule.comment,
    ...(t ? { trace: { conduit: t.conduit, flowIndex: t.flowIndex, flowKey: t.flowKey, pointer: t.pointer, srs: [...t.srs], controls: [...t.controls] } } : {}),
    ...(rule.readOnly ? { readOnly: readOnlyCopy(rule.readOnly) } : {}),
    ...(rule.rateLimit ? { rateLimit: copyRateLimit(rule.rateLimit) } : {}),
  };
}

function readOnlyCopy(r: ReadOnlyFilter): ReadOnlyFilter {
  return {
    protocol: r.protocol,
    field: r.field,
    ...(r.payloadOffset !== undefined ? { payloadOffset: r.payloadOffset } : {}),
    allowed: [...r.allowed],
    denied: [...r.denied],
    mode: r.mode,
  };
}
