import type { RenderContext } from '../types.js';
import type { EnforcementIR } from '../../rules/types.js';
import { commentText } from './iosText.js';

/** RenderContext may carry the site (not every caller sets it yet). */
interface SiteContext { site?: { id: string; name: string } }

function phaseText(ep: EnforcementIR): string {
  if (ep.phase === 'enforce') return 'Phase: enforce. Default deny with logging at every zone boundary.';
  if (ep.phase === 'monitor') return 'Phase: monitor. Every allow entry as in enforce; the boundary and final entries permit and log, so nothing the plant does changes.';
  const per = [...ep.boundaries].sort((a, b) => (a.id < b.id ? -1 : 1)).map((b) => `${b.zones[0]}/${b.zones[1]} ${b.phase}`);
  return `Phase: mixed (staged rollout). Per boundary: ${per.join(', ')}.`;
}

/**
 * The `!` header: what this file is, for which site and enforcement point, in which
 * phase, and the IOS facts an engineer must know before pasting it (stateless ACLs,
 * return traffic, logging, traffic to the device itself, merging into existing ACLs).
 */
export function iosHeader(ep: EnforcementIR, ctx: RenderContext, ipv6: boolean, classic: boolean): string[] {
  const site = (ctx as RenderContext & SiteContext).site;
  const zones = [...ep.zones].sort((a, b) => (a.id < b.id ? -1 : 1)).map((z) => `${z.id}=${z.interface}`);
  const lines = [
    `otpc: Cisco IOS / IOS-XE extended ACLs for enforcement point ${ep.id}`,
    site ? `Site: ${site.name} (${site.id})` : '',
    ep.description ? `Description: ${ep.description}` : '',
    phaseText(ep),
    classic ? 'Form: classic. No object-groups; address ranges are split into prefixes with wildcard masks.'
      : 'Form: object-groups for IPv4 (IOS 12.4(20)T, IOS XE); IPv6 entries are written inline.',
    `Zone interfaces, one ACL applied inbound on each: ${zones.join(', ')}.`,
    'IOS extended ACLs are stateless: each ACL filters what enters its zone interface, replies included.',
    'Return traffic is allowed by reverse entries in the ACL of the responder zone: TCP only with ACK or RST (established);',
    'UDP from the service port of the flow, which a stateless ACL cannot tie to a session.',
    'Every ACL ends with an explicit logged entry: the implicit deny of IOS does not log.',
    'Inbound ACLs also filter traffic to this device itself (management, NTP replies, routing protocols): add flows for it.',
    'ACL logging is process-switched: rate-limit it with ip access-list logging interval, not rendered here (unverified on IOS-XE).',
    ipv6 ? 'IPv6: one ipv6 traffic-filter per interface; ND and router solicitations are permitted before the final entry.'
      : 'IPv6: the policy has no IPv6 addresses and no IPv6 ACL is rendered; disable IPv6 on these interfaces.',
    'Entries are added to existing ACLs and object-groups of the same name: apply to a device without them.',
    'Review before applying.',
  ];
  return lines.filter((l) => l !== '').map(commentText);
}
