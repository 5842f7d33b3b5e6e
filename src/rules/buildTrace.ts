import type { RateLimit } from '../model/types.js';
import { formatAddress } from '../model/ip.js';
import type { EnforcementIR, ReadOnlyFilter, Rule, RuleIR, RuleTrace } from './types.js';
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
  /** Optimiser-made objects the rules name (present only when there are any). */
  mergedAddresses?: { id: string; name: string; members: string[]; ranges: string[] }[];
  addressGroups?: { id: string; name: string; members: string[] }[];
  serviceGroups?: { id: string; name: string; members: string[] }[];
}

/** A rule of the unoptimised IR that an optimised rule stands for. */
export interface TraceMember {
  id: string;
  number: number;
  comment: string;
  trace?: RuleTrace;
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
  /** Optimised rule: every unoptimised rule (and so every conduit flow) it stands for, itself included. */
  merged?: TraceMember[];
}

/**
 * The sidecar the vendor comments are cut from (vendors.md section 1: keep the full
 * text in a sidecar keyed by rule id). Plain JSON data in a fixed key order: no
 * bigint, no undefined, so JSON.stringify gives byte-identical output.
 */
export function buildTrace(ir: RuleIR): TraceDocument {
  return {
    site: { id: ir.site.id, name: ir.site.name },
    enforcement: ir.enforcement.map(traceEnforcement),
    unplaced: ir.unplaced.map((u) => ({ conduit: u.conduit, pointer: u.pointer })),
  };
}

function traceEnforcement(ep: EnforcementIR): TraceEnforcement {
  const out: TraceEnforcement = { id: ep.id, platform: ep.platform, phase: ep.phase, rules: ep.rules.map(traceRule) };
  const merged = ep.addresses.filter((a) => a.source.kind === 'merged');
  if (merged.length > 0) {
    out.mergedAddresses = merged.map((a) => ({
      id: a.id, name: a.name, members: [...(a.members ?? [])],
      ranges: a.ranges.map((r) => (r.first === r.last ? formatAddress(r.family, r.first) : `${formatAddress(r.family, r.first)}-${formatAddress(r.family, r.last)}`)),
    }));
  }
  if (ep.addressGroups.length > 0) out.addressGroups = ep.addressGroups.map((g) => ({ id: g.id, name: g.name, members: [...g.members] }));
  if (ep.serviceGroups.length > 0) out.serviceGroups = ep.serviceGroups.map((g) => ({ id: g.id, name: g.name, members: [...g.members] }));
  return out;
}

function traceCopy(t: RuleTrace): RuleTrace {
  return { conduit: t.conduit, flowIndex: t.flowIndex, flowKey: t.flowKey, pointer: t.pointer, srs: [...t.srs], controls: [...t.controls] };
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
    ...(t ? { trace: traceCopy(t) } : {}),
    ...(rule.readOnly ? { readOnly: readOnlyCopy(rule.readOnly) } : {}),
    ...(rule.rateLimit ? { rateLimit: copyRateLimit(rule.rateLimit) } : {}),
    ...(rule.merged ? { merged: rule.merged.map((m) => ({ id: m.id, number: m.number, comment: m.comment, ...(m.trace ? { trace: traceCopy(m.trace) } : {}) })) } : {}),
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
