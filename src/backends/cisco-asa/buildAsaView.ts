import type { RenderContext } from '../types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { EnforcementIR, Rule } from '../../rules/types.js';
import { ruleMatch } from './asaAces.js';
import type { RuleMatch, Synth } from './asaAces.js';
import { buildAcls } from './asaAcls.js';
import type { AclView } from './asaAcls.js';
import { asaHeader } from './asaHeader.js';
import { indexAsa } from './asaIndex.js';
import { buildLogging } from './asaLogging.js';
import { checkAsaNames, checkNameif, interfacePointer } from './asaNames.js';
import { buildObjects } from './asaObjects.js';
import type { GroupView, ObjectView } from './asaObjects.js';
import { buildRateLimits } from './asaRateLimits.js';
import type { PolicyView } from './asaRateLimits.js';

/** Everything the templates print, ready to print (STYLE 6). */
export interface AsaView {
  header: string[];
  notes: string[];
  objects: ObjectView[];
  groups: GroupView[];
  acls: AclView[];
  mpf: { comments: string[]; policies: PolicyView[] };
  logging: { lines: string[]; comments: string[] };
}

/** One nameif per zone, valid, and no two zones on one interface (an ingress ACL could not tell them apart). */
function checkInterfaces(ep: EnforcementIR, ctx: RenderContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const z of ep.zones) {
    const pointer = interfacePointer(ep, z.id);
    out.push(...checkNameif(z.interface, ctx.file, pointer));
    const prev = seen.get(z.interface.toLowerCase());
    if (prev !== undefined) {
      out.push({
        code: 'OTPC706', severity: 'error', file: ctx.file, pointer,
        message: `Cisco ASA interface ${JSON.stringify(z.interface)} is given to zones ${prev} and ${z.id}; one ingress ACL per interface cannot tell them apart`,
        hint: 'Give each zone its own interface (nameif); nameifs are not case-sensitive.',
      });
    } else {
      seen.set(z.interface.toLowerCase(), z.id);
    }
  }
  return out;
}

/** IR facts the renderer relies on; a failure here is an upstream bug or a platform mismatch. */
function checkRules(ep: EnforcementIR, ctx: RenderContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const zones = new Set(ep.zones.map((z) => z.id));
  for (const rule of ep.rules) {
    const pointer = rule.trace?.pointer ?? ep.pointer;
    if (rule.kind !== 'final' && (rule.fromZone === undefined || !zones.has(rule.fromZone))) {
      out.push({ code: 'OTPC999', severity: 'error', file: ctx.file, pointer, message: `rule ${rule.id} comes from zone ${String(rule.fromZone)}, which has no interface on enforcement point ${ep.id}` });
    }
    if (rule.action === 'allow' && rule.readOnly?.mode === 'dpi') {
      out.push({
        code: 'OTPC705', severity: 'error', file: ctx.file, pointer,
        message: `rule ${rule.id} asks for read-only filtering of ${rule.readOnly.protocol} by operation; Cisco ASA has no OT application inspection`,
        hint: 'The rule IR for cisco-asa must carry read-only flows as port-only (the platforms catalogue lists no read-only protocols for ASA).',
      });
    }
  }
  for (const s of ep.services) {
    const [lo, hi] = s.ports;
    const ok = (s.transport === 'tcp' || s.transport === 'udp') && Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo <= hi && hi <= 65535;
    if (!ok) out.push({ code: 'OTPC999', severity: 'error', file: ctx.file, pointer: ep.pointer, message: `service ${s.id} is not one transport (tcp or udp) with a port range 0..65535` });
  }
  return out;
}

export function buildAsaView(ep: EnforcementIR, ctx: RenderContext): { view?: AsaView; diagnostics: Diagnostic[] } {
  const diagnostics = [...checkInterfaces(ep, ctx), ...checkRules(ep, ctx)];
  const idx = indexAsa(ep);
  for (const z of idx.zoneMismatches) {
    diagnostics.push({ code: 'OTPC999', severity: 'error', file: ctx.file, pointer: ep.pointer, message: `rule IR: address object zone:${z} holds other ranges than the networks of zone ${z}` });
  }
  const synth: Synth = { groups: [], names: [] };
  const matches = new Map<Rule, RuleMatch>(ep.rules.map((r) => [r, ruleMatch(idx, r, ctx, synth)]));
  const objects = buildObjects(idx, ctx);
  const acls = buildAcls(idx, matches, ctx);
  const mpf = buildRateLimits(idx, matches, ctx);
  const logging = buildLogging(idx, ctx);
  diagnostics.push(
    ...checkAsaNames([...objects.names, ...synth.names, ...acls.names, ...mpf.names], ctx.file),
    ...acls.diagnostics, ...mpf.diagnostics, ...logging.diagnostics,
  );
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const view: AsaView = {
    header: asaHeader(ep, ctx),
    notes: objects.comments,
    objects: objects.objects,
    groups: [...objects.groups, ...synth.groups],
    acls: acls.acls,
    mpf: { comments: mpf.comments, policies: mpf.policies },
    logging: { lines: logging.lines, comments: logging.comments },
  };
  return { view, diagnostics };
}
