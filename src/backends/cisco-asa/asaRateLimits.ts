import type { RenderContext } from '../types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { RateLimit } from '../../model/types.js';
import type { Rule } from '../../rules/types.js';
import { aceTexts } from './asaAces.js';
import type { RuleMatch } from './asaAces.js';
import type { AsaIndex } from './asaIndex.js';
import { ASA_MPF_NAME_MAX, asaName, interfacePointer } from './asaNames.js';
import type { NameRequest } from './asaNames.js';
import { nameMax } from './asaObjects.js';
import { commentText } from './asaText.js';

/**
 * Connection limits through the Modular Policy Framework (vendors.md section 2.3):
 * per rate-limited rule an ACL matching the flow (`permit` = "in the class"), a
 * class-map on it, one policy-map per ingress interface with `set connection ...`
 * per class in rule order (the first matching class applies), and
 * `service-policy <PM> interface <nameif>`. Values 0..2000000 where 0 means unlimited
 * (ASA firewall CLI guide, "Connection Settings"); the IR asks for at least 1.
 * A boundary in the monitor phase gets the limits as a comment only: monitor changes
 * nothing the plant does (DESIGN "Rollout phases").
 */
export interface ClassView { name: string; acl: string; aces: string[]; set: string }
export interface PolicyView { name: string; nameif: string; classes: ClassView[] }
export interface MpfBuild { comments: string[]; policies: PolicyView[]; names: NameRequest[]; diagnostics: Diagnostic[] }

export const CONN_MAX = 2_000_000;
/** "You can identify up to 63 Layer 3/4 class maps in a Layer 3/4 policy map." */
export const CLASSES_PER_POLICY_MAX = 63;

const SETTINGS: [keyof RateLimit, string][] = [
  ['maxConnections', 'conn-max'],
  ['maxEmbryonic', 'embryonic-conn-max'],
  ['perSourceConnections', 'per-client-max'],
];

function describe(rl: RateLimit): string {
  return SETTINGS.filter(([k]) => rl[k] !== undefined).map(([k, kw]) => `${kw} ${rl[k]}`).join(' ');
}

function checkValues(rule: Rule, rl: RateLimit, ctx: RenderContext, pointer: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [k, kw] of SETTINGS) {
    const v = rl[k];
    if (v === undefined || (Number.isInteger(v) && v >= 1 && v <= CONN_MAX)) continue;
    out.push({
      code: 'OTPC705', severity: 'error', file: ctx.file, pointer,
      message: `Cisco ASA set connection ${kw} of rule ${rule.id} is ${v}; ASA takes 1..${CONN_MAX} (0 means unlimited)`,
      expected: `1..${CONN_MAX}`, actual: String(v),
    });
  }
  if (rl.newConnectionsPerSecond !== undefined) {
    // The platforms catalogue leaves this kind out for cisco-asa, so the IR never carries it and the
    // assessment reports the dropped part (OTPC704). A user catalogue that claims it would make the
    // assessment credit a limit this configuration does not apply: refused, not silently dropped.
    out.push({
      code: 'OTPC705', severity: 'error', file: ctx.file, pointer,
      message: `Cisco ASA has no per-second connection limit in set connection: rule ${rule.id} asks for new-connections-per-second ${rl.newConnectionsPerSecond}`,
      hint: 'Remove new-connections-per-second from rate-limit-kinds of the cisco-asa platforms row (a --catalog file?); the assessment then reports it as not enforced.',
    });
  }
  return out;
}

function boundaryPhase(idx: AsaIndex, rule: Rule): 'monitor' | 'enforce' {
  const b = idx.ep.boundaries.find((x) => x.zones.includes(rule.fromZone ?? '') && x.zones.includes(rule.toZone ?? ''));
  if (b) return b.phase;
  return idx.ep.phase === 'monitor' ? 'monitor' : 'enforce';
}

function ruleClass(idx: AsaIndex, rule: Rule, m: RuleMatch, ctx: RenderContext, out: MpfBuild): ClassView | undefined {
  const rl = rule.rateLimit as RateLimit;
  const pointer = rule.trace?.pointer ?? idx.ep.pointer;
  out.diagnostics.push(...checkValues(rule, rl, ctx, pointer));
  const set = describe(rl);
  if (set === '') return undefined;
  if (boundaryPhase(idx, rule) === 'monitor') {
    out.comments.push(commentText(`${rule.id}: monitor phase, connection limits staged, not applied: set connection ${set}`));
    return undefined;
  }
  const aces = aceTexts(m, 'permit', undefined);
  if (aces.length === 0) {
    out.comments.push(commentText(`${rule.id}: matches no packet, no connection limits rendered`));
    return undefined;
  }
  const acl = asaName.classAcl(rule.number);
  const name = asaName.classMap(rule.number);
  out.names.push(
    { key: `class-acl:${rule.id}`, name: acl, what: 'access-list', pointer, max: nameMax(ctx) },
    { key: `class:${rule.id}`, name, what: 'class-map', pointer, max: Math.min(nameMax(ctx), ASA_MPF_NAME_MAX) },
  );
  return { name, acl, aces, set: `set connection ${set}` };
}

export function buildRateLimits(idx: AsaIndex, matches: Map<Rule, RuleMatch>, ctx: RenderContext): MpfBuild {
  const out: MpfBuild = { comments: [], policies: [], names: [], diagnostics: [] };
  for (const zone of idx.ep.zones) {
    const classes: ClassView[] = [];
    for (const rule of idx.ep.rules) {
      if (rule.fromZone !== zone.id || !rule.rateLimit || rule.action !== 'allow' || rule.kind === 'final') continue;
      const m = matches.get(rule) as RuleMatch;
      const c = ruleClass(idx, rule, m, ctx, out);
      if (c) classes.push(c);
    }
    if (classes.length === 0) continue;
    const name = asaName.policyMap(zone.id);
    const pointer = interfacePointer(idx.ep, zone.id);
    out.names.push({ key: `policy:${zone.id}`, name, what: 'policy-map', pointer, max: Math.min(nameMax(ctx), ASA_MPF_NAME_MAX) });
    if (classes.length > CLASSES_PER_POLICY_MAX) {
      out.diagnostics.push({
        code: 'OTPC705', severity: 'error', file: ctx.file, pointer,
        message: `Cisco ASA policy-map ${name} would hold ${classes.length} classes; ASA takes at most ${CLASSES_PER_POLICY_MAX} per policy-map`,
        expected: `<= ${CLASSES_PER_POLICY_MAX}`, actual: String(classes.length),
      });
    }
    out.policies.push({ name, nameif: zone.interface, classes });
  }
  return out;
}
