import type { RenderContext } from '../types.js';
import { ANY } from '../../rules/types.js';
import type { Rule, ServiceObject } from '../../rules/types.js';
import { familiesOf } from './asaIndex.js';
import type { AsaIndex, Printed, RangeObject } from './asaIndex.js';
import { asaName } from './asaNames.js';
import type { NameRequest } from './asaNames.js';
import { nameMax, networkGroup, serviceGroup } from './asaObjects.js';
import type { GroupView } from './asaObjects.js';

/**
 * ACE operands of one IR rule. ASA 9.x: bare `any` matches IPv4 AND IPv6, so `any4` /
 * `any6` are always written explicitly (vendors.md section 2.3, "Gotcha"). The ingress
 * ACL does not know the egress interface, so a rule towards a zone with an ANY
 * destination is matched by that zone's networks (ZoneBinding.networks;
 * `dst: 'zone-empty'` when the zone lists none, OTPC317).
 */
export type Side = { kind: 'any' } | { kind: 'none' } | ({ kind: 'ref' } & Printed);
export type Proto = { kind: 'ip' } | { kind: 'none' } | { kind: 'ref'; text: string };

export interface RuleMatch {
  src: Side;
  dst: Side | { kind: 'zone-empty' };
  proto: Proto;
}

/** Object-groups a rule needs because it names several addresses or services (collected while matching). */
export interface Synth { groups: GroupView[]; names: NameRequest[] }

function rulePointer(idx: AsaIndex, rule: Rule): string {
  return rule.trace?.pointer ?? idx.ep.pointer;
}

function addressSide(idx: AsaIndex, rule: Rule, refs: string[], side: 'SRC' | 'DST', ctx: RenderContext, synth: Synth): Side {
  if (refs.includes(ANY)) return { kind: 'any' };
  const live = [...new Set(refs)].filter((r) => idx.printed.has(r));
  if (live.length === 0) return { kind: 'none' };
  if (live.length === 1) {
    idx.used.add(live[0]);
    return { kind: 'ref', ...(idx.printed.get(live[0]) as Printed) };
  }
  const seen = new Set<string>();
  const objs: RangeObject[] = live.flatMap((r) => idx.ranges.get(r) ?? []).filter((o) => (seen.has(o.name) ? false : (seen.add(o.name), true)));
  const name = asaName.ruleGroup(rule.number, side);
  synth.groups.push(networkGroup(name, `rule ${rule.id} ${side === 'SRC' ? 'sources' : 'destinations'}`, objs, ctx));
  synth.names.push({ key: `rule:${rule.id}:${side}`, name, what: 'network object-group', pointer: rulePointer(idx, rule), max: nameMax(ctx) });
  return { kind: 'ref', text: `object-group ${name}`, families: familiesOf(objs) };
}

function serviceSide(idx: AsaIndex, rule: Rule, ctx: RenderContext, synth: Synth): Proto {
  if (rule.services.includes(ANY)) return { kind: 'ip' };
  const live = [...new Set(rule.services)].filter((r) => (idx.services.get(r) ?? []).length > 0);
  if (live.length === 0) return { kind: 'none' };
  if (live.length === 1) return { kind: 'ref', text: idx.servicePrinted.get(live[0]) as string };
  const members = [...new Map(live.flatMap((r) => idx.services.get(r) ?? []).map((s): [string, ServiceObject] => [s.id, s])).values()];
  const name = asaName.ruleServices(rule.number);
  synth.groups.push(serviceGroup(name, `rule ${rule.id} services`, members, ctx));
  synth.names.push({ key: `rule:${rule.id}:SVC`, name, what: 'service object-group', pointer: rulePointer(idx, rule), max: nameMax(ctx) });
  return { kind: 'ref', text: `object-group ${name}` };
}

function destination(idx: AsaIndex, rule: Rule, ctx: RenderContext, synth: Synth): RuleMatch['dst'] {
  const dst = addressSide(idx, rule, rule.dst, 'DST', ctx, synth);
  if (dst.kind !== 'any' || rule.kind === 'final' || rule.toZone === undefined) return dst;
  const zone = idx.zoneNets.get(rule.toZone);
  const printed = zone === undefined ? undefined : idx.printed.get(zone.id);
  if (!zone || !printed) return { kind: 'zone-empty' };
  idx.used.add(zone.id);
  return { kind: 'ref', ...printed };
}

export function ruleMatch(idx: AsaIndex, rule: Rule, ctx: RenderContext, synth: Synth): RuleMatch {
  return {
    src: addressSide(idx, rule, rule.src, 'SRC', ctx, synth),
    dst: destination(idx, rule, ctx, synth),
    proto: serviceSide(idx, rule, ctx, synth),
  };
}

const ANY_TEXT = { 4: 'any4', 6: 'any6' } as const;

function familiesOfSide(s: Side): (4 | 6)[] {
  if (s.kind === 'any') return [4, 6];
  if (s.kind === 'none') return [];
  return ([4, 6] as const).filter((f) => s.families.has(f));
}

/**
 * `<src> <dst>` operand pairs: one pair when both sides are objects (ASA pairs the
 * families itself), one pair per shared family when a side is `any4`/`any6`, none when
 * the sides share no family (the rule matches no packet).
 */
export function operandPairs(src: Side, dst: Side): string[] {
  const d = new Set(familiesOfSide(dst));
  const shared = familiesOfSide(src).filter((f) => d.has(f));
  if (shared.length === 0) return [];
  if (src.kind === 'ref' && dst.kind === 'ref') return [`${src.text} ${dst.text}`];
  const text = (s: Side, f: 4 | 6) => (s.kind === 'ref' ? s.text : ANY_TEXT[f]);
  return shared.map((f) => `${text(src, f)} ${text(dst, f)}`);
}

/** `log ...` of an ACE: allowed flows log at informational (106100), every other hit at warnings. */
export function logOption(rule: Rule): string {
  if (!rule.log) return 'log disable';
  return rule.kind === 'flow' && rule.action === 'allow' ? 'log informational interval 300' : 'log warnings interval 60';
}

/** The ACE bodies (after `extended`) of a rule whose match is fully known. */
export function aceTexts(m: RuleMatch, action: 'permit' | 'deny', log: string | undefined): string[] {
  if (m.proto.kind === 'none' || m.dst.kind === 'zone-empty') return [];
  const proto = m.proto.kind === 'ip' ? 'ip' : m.proto.text;
  return operandPairs(m.src, m.dst).map((pair) => [action, proto, pair, ...(log ? [log] : [])].join(' '));
}
