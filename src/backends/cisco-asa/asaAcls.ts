import type { RenderContext } from '../types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Rule, ZoneBinding } from '../../rules/types.js';
import { aceTexts, logOption } from './asaAces.js';
import type { RuleMatch } from './asaAces.js';
import type { AsaIndex } from './asaIndex.js';
import { asaName, interfacePointer } from './asaNames.js';
import { zonePointer } from '../common/pointers.js';
import type { NameRequest } from './asaNames.js';
import { nameMax } from './asaObjects.js';
import { commentText, remarkLines, remarkText } from './asaText.js';

/** A block printed together: `!` notes, then `remark` lines, then `extended` entries. */
export interface AclBlock { comments: string[]; remarks: string[]; aces: string[] }
export interface AclView { name: string; nameif: string; blocks: AclBlock[] }

export interface AclsBuild { acls: AclView[]; names: NameRequest[]; diagnostics: Diagnostic[] }

/** The rules an ingress ACL of `zone` carries: those from the zone, and the catch-all. */
function appliesTo(rule: Rule, zone: string): boolean {
  return rule.kind === 'final' || rule.fromZone === zone;
}

/**
 * The rule id first (ties every entry to trace.json), then the comment without the
 * conduit id it repeats, so more of it fits in ASA's 100 characters.
 */
function remarks(rule: Rule, ctx: RenderContext): string[] {
  const conduit = rule.trace ? `${rule.trace.conduit} ` : undefined;
  const comment = conduit && rule.comment.startsWith(conduit) ? rule.comment.slice(conduit.length) : rule.comment;
  const out = remarkLines(`${rule.id} ${comment}`, ctx.platform, `rule ${rule.id}`);
  if (rule.readOnly) {
    // ASA has no Modbus/DNP3 inspection (that lives in FTD/Snort): the assessment reports partial.
    out.push(remarkText(`${rule.id} read-only NOT enforced on ASA: port-level only, ${rule.readOnly.protocol} writes pass (partial)`, ctx.platform, 'read-only not enforced'));
  }
  return out;
}

/**
 * A rule towards a zone that lists no networks can be left out only when nothing but
 * the catch-all (and finals towards other zones, which match only their own networks)
 * follows it and the catch-all decides the same: then every packet it would match
 * gets the same verdict.
 */
function droppable(rule: Rule, later: Rule[]): boolean {
  if (rule.kind !== 'boundary-final') return false;
  const final = later.find((r) => r.kind === 'final');
  const othersOk = later.every((r) => r.kind === 'final' || (r.kind === 'boundary-final' && r.toZone !== rule.toZone));
  return othersOk && final !== undefined && final.action === rule.action && final.log === rule.log;
}

function verdictText(rule: Rule): string {
  return `${rule.action === 'allow' ? 'permit' : 'deny'}${rule.log ? ' and log' : ''}`;
}

/**
 * A rule towards a zone without networks (warning OTPC317): the ingress ACL matches the
 * egress zone only by destination address, so no entry can stand for it. In enforce and
 * monitor the final entries give the same verdict and a `!` note says so; in a staged
 * rollout that enforces this boundary while the final entries still permit, rendering
 * would leave the boundary open: refused with OTPC705.
 */
function zoneWithoutNetworks(rule: Rule, zone: string, later: Rule[], ctx: RenderContext, diags: Diagnostic[]): AclBlock {
  const to = rule.toZone ?? '';
  if (!droppable(rule, later)) {
    const final = later.find((r) => r.kind === 'final');
    diags.push({
      code: 'OTPC705', severity: 'error', file: ctx.file, pointer: rule.trace?.pointer ?? zonePointer(to),
      message: `Cisco ASA ingress ACLs match the destination zone "${to}" of rule ${rule.id} (from ${zone}) by its networks, and the zone lists none: the final entries would ${final ? verdictText(final) : 'decide'} what rule ${rule.id} must ${verdictText(rule)}`,
      hint: `List the networks of zone ${to} in the policy, or roll this enforcement point out as a whole (every boundary in the same phase).`,
    });
  }
  const note = `${rule.id}: no entry; zone ${to} lists no networks, so its destinations cannot be matched here. Its traffic meets the final entries, which give the same verdict (${verdictText(rule)})`;
  return { comments: [commentText(note)], remarks: [], aces: [] };
}

function aclBlocks(zone: ZoneBinding, rules: Rule[], matches: Map<Rule, RuleMatch>, ctx: RenderContext, diags: Diagnostic[]): AclBlock[] {
  const blocks: AclBlock[] = [{ comments: [], remarks: [remarkText(zone.description, ctx.platform, `zone ${zone.id}`)], aces: [] }];
  rules.forEach((rule, i) => {
    const m = matches.get(rule) as RuleMatch;
    if (m.dst.kind === 'zone-empty') {
      blocks.push(zoneWithoutNetworks(rule, zone.id, rules.slice(i + 1), ctx, diags));
      return;
    }
    const aces = aceTexts(m, rule.action === 'allow' ? 'permit' : 'deny', logOption(rule));
    if (aces.length === 0) {
      blocks.push({ comments: [commentText(`${rule.id}: matches no packet (no address of a shared family, or no service), not rendered`)], remarks: [], aces: [] });
      return;
    }
    blocks.push({ comments: [], remarks: remarks(rule, ctx), aces });
  });
  return blocks;
}

/**
 * One `access-list ACL_<zone>_IN extended` per zone interface, applied with
 * `access-group ... in interface <nameif>`: the IR rules from that zone in IR order
 * (flows, then the boundary finals matched by the destination zone's networks), then
 * the catch-all as `any4 any4` and `any6 any6`. The explicit logged final entry is
 * needed because ASA's implicit deny does not log (vendors.md section 1, "Ordering").
 */
export function buildAcls(idx: AsaIndex, matches: Map<Rule, RuleMatch>, ctx: RenderContext): AclsBuild {
  const out: AclsBuild = { acls: [], names: [], diagnostics: [] };
  for (const zone of idx.ep.zones) {
    const name = asaName.acl(zone.id);
    const pointer = interfacePointer(idx.ep, zone.id);
    out.names.push({ key: `acl:${zone.id}`, name, what: 'access-list', pointer, max: nameMax(ctx) });
    const rules = idx.ep.rules.filter((r) => appliesTo(r, zone.id));
    out.acls.push({ name, nameif: zone.interface, blocks: aclBlocks(zone, rules, matches, ctx, out.diagnostics) });
  }
  return out;
}
