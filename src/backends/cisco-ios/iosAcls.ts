import type { RenderContext } from '../types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Rule, ZoneBinding } from '../../rules/types.js';
import { aceLine, destinationRefs, forwardAces, reverseAces } from './iosAces.js';
import type { Ace } from './iosAces.js';
import type { IosIndex } from './iosIndex.js';
import { commentText, remarkLines, remarkText } from './iosText.js';
import { zonePointer } from '../common/pointers.js';

/** A block of entries printed together: `!` notes, then remarks, then the entries. */
export interface AclGroupView { comments: string[]; remarks: string[]; aces: string[] }
export interface AclView {
  header: string;
  name: string;
  groups: AclGroupView[];
  /** True when some entry of the ACL logs (the configuration then rate-limits ACL logging). */
  logs: boolean;
}

interface Draft { comments: string[]; remarks: string[]; aces: Ace[] }

/** Neighbour discovery must survive the explicit final deny, which overrides IOS's implicit ND permits. */
const ND_TYPES = ['nd-na', 'nd-ns', 'router-solicitation'] as const;

/**
 * Remark text of a rule, starting with the rule id so an ACL hit maps back to the
 * rule and to trace.json: "supervisory-control.3 hmi-1 -> plc-1 modbus (SR 5.1...)"
 * (a flow comment starts with its conduit id, which the rule id replaces).
 */
export function ruleLabel(rule: Rule): string {
  const conduit = rule.trace?.conduit;
  if (conduit !== undefined && rule.comment.startsWith(`${conduit} `)) return `${rule.id} ${rule.comment.slice(conduit.length + 1)}`;
  return rule.comment.startsWith(`${rule.id} `) ? rule.comment : `${rule.id} ${rule.comment}`;
}

function ruleRemarks(rule: Rule, ctx: RenderContext): string[] {
  const out = remarkLines(ruleLabel(rule), ctx.platform, `rule ${rule.id}`);
  if (rule.readOnly) {
    out.push(remarkText(`read-only NOT enforced on IOS: ${rule.readOnly.protocol} writes pass this port-level rule (partial)`, ctx.platform, 'read-only not enforced'));
  }
  return out;
}

export interface AclBuild { acl?: AclView; diagnostics: Diagnostic[] }

function verdictText(rule: Rule): string {
  return `${rule.action === 'allow' ? 'permit' : 'deny'}${rule.log ? ' and log' : ''}`;
}

/**
 * A rule towards a zone that lists no networks (warning OTPC317): an inbound ACL matches
 * the egress zone only by destination address, so no entry can stand for the rule. Its
 * packets go on to the later entries: the boundary finals towards other zones (which
 * match only their own networks) and the final entry. When the final entry gives the
 * same verdict (enforce: deny and log; monitor: permit and log) nothing changes but the
 * counter that counts the hit, and a `!` note says so. When it does not (a staged
 * rollout that enforces this boundary while the final entry still permits), rendering
 * would silently leave the boundary open: refused with OTPC705.
 */
function zoneWithoutNetworks(rule: Rule, ctx: RenderContext, final: Rule | undefined, family: 4 | 6, diags: Diagnostic[]): Draft {
  const zone = rule.toZone ?? '';
  const same = final !== undefined && final.action === rule.action && final.log === rule.log;
  if (!same && family === 4) {
    diags.push({
      code: 'OTPC705', severity: 'error', file: ctx.file, pointer: rule.trace?.pointer ?? zonePointer(zone),
      message: `Cisco IOS inbound ACLs match the destination zone "${zone}" of rule ${rule.id} by its networks, and the zone lists none: the final entry would ${final ? verdictText(final) : 'decide'} what rule ${rule.id} must ${verdictText(rule)}`,
      hint: `List the networks of zone ${zone} in the policy, or roll this enforcement point out as a whole (every boundary in the same phase).`,
    });
  }
  const note = `${rule.id}: no entry; zone ${zone} lists no networks, so its destinations cannot be matched here. Its traffic meets the final entry, which gives the same verdict (${verdictText(rule)})`;
  return { comments: [commentText(note)], remarks: [], aces: [] };
}

function forwardDrafts(idx: IosIndex, zone: string, family: 4 | 6, ctx: RenderContext, kind: Rule['kind'], final: Rule | undefined, diags: Diagnostic[]): Draft[] {
  const out: Draft[] = [];
  for (const rule of idx.ep.rules) {
    if (rule.kind !== kind || rule.fromZone !== zone) continue;
    const dst = destinationRefs(idx, rule);
    if (!dst) {
      out.push(zoneWithoutNetworks(rule, ctx, final, family, diags));
      continue;
    }
    const aces = forwardAces(idx, rule, dst, family);
    if (aces.length === 0) continue;
    out.push({ comments: [], remarks: ruleRemarks(rule, ctx), aces });
  }
  return out;
}

function replyKinds(aces: Ace[]): string {
  const protos = new Set(aces.map((a) => a.proto));
  return [
    protos.has('tcp') ? 'TCP ACK/RST only' : '',
    protos.has('udp') ? 'UDP from service port, no session' : '',
    protos.has('icmp') ? 'ICMP' : '',
  ].filter((s) => s !== '').join('; ');
}

function reverseDrafts(idx: IosIndex, zone: string, family: 4 | 6, ctx: RenderContext): Draft[] {
  const out: Draft[] = [];
  for (const rule of idx.ep.rules) {
    if (rule.kind !== 'flow' || rule.action !== 'allow' || rule.toZone !== zone) continue;
    const dst = destinationRefs(idx, rule);
    if (!dst) continue;
    const aces = reverseAces(idx, rule, dst, family);
    if (aces.length === 0) continue;
    const text = `replies to ${rule.id} (stateless): ${replyKinds(aces)}`;
    out.push({ comments: [], remarks: [remarkText(text, ctx.platform, `return ${rule.id}`)], aces });
  }
  return out;
}

function finalDraft(final: Rule | undefined, family: 4 | 6, ctx: RenderContext): Draft {
  const action = final?.action === 'allow' ? 'permit' : 'deny';
  const proto = family === 4 ? 'ip' : 'ipv6';
  const remark = remarkText(final ? ruleLabel(final) : '', ctx.platform, 'explicit final rule (the implicit deny does not log)');
  return { comments: [], remarks: [remark], aces: [{ action, proto, src: 'any', dst: 'any', log: final?.log ?? true }] };
}

function ndDraft(ctx: RenderContext): Draft {
  const remark = remarkText('IPv6 ND and router solicitation: the explicit final entry overrides the implicit ND permits', ctx.platform, 'IPv6 ND');
  return { comments: [], remarks: [remark], aces: ND_TYPES.map((t) => ({ action: 'permit', proto: 'icmp', src: 'any', dst: 'any', flag: t, log: false })) };
}

function numbered(drafts: Draft[], family: 4 | 6): AclGroupView[] {
  let seq = 0;
  return drafts.map((d) => ({
    comments: d.comments, remarks: d.aces.length > 0 ? d.remarks : [],
    aces: d.aces.map((a) => aceLine(a, family, (seq += 10))),
  }));
}

/**
 * The ACL applied inbound on one zone interface, in this order: the zone's flow rules
 * (IR order), return traffic of flows into the zone, the boundary-final rules to the
 * other zones (matched by their networks), for IPv6 the ND permits, and the explicit
 * catch-all, which logs because the implicit deny does not (vendors.md section 1).
 * An IPv6 ACL of a policy without IPv6 addresses holds only the ND permits and the
 * catch-all: no flow or boundary entry has an IPv6 operand.
 */
export function buildAcl(idx: IosIndex, zone: ZoneBinding, family: 4 | 6, name: string, ctx: RenderContext): AclBuild {
  const diagnostics: Diagnostic[] = [];
  const final = idx.ep.rules.find((r) => r.kind === 'final');
  const drafts = [
    ...forwardDrafts(idx, zone.id, family, ctx, 'flow', final, diagnostics),
    ...reverseDrafts(idx, zone.id, family, ctx),
    ...forwardDrafts(idx, zone.id, family, ctx, 'boundary-final', final, diagnostics),
    ...(family === 6 ? [ndDraft(ctx)] : []),
    finalDraft(final, family, ctx),
  ];
  const header = family === 4 ? `ip access-list extended ${name}` : `ipv6 access-list ${name}`;
  const logs = drafts.some((d) => d.aces.some((a) => a.log));
  return { acl: { header, name, groups: numbered(drafts, family), logs }, diagnostics };
}
