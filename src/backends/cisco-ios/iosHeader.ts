import type { RenderContext } from '../types.js';
import type { EnforcementIR } from '../../rules/types.js';
import { IOS_ACL_LOG_INTERVAL_MS } from './iosGlobals.js';
import { IOS_WRAP, commentText, wrapText } from './iosText.js';
import { siteLabel } from '../common/siteLabel.js';

function phaseText(ep: EnforcementIR): string[] {
  if (ep.phase === 'enforce') return ['Phase: enforce. Default deny with logging at every zone boundary.'];
  if (ep.phase === 'monitor') {
    return ['Phase: monitor. Every allow entry as in enforce; the boundary and final entries permit and log, so nothing the plant does changes.'];
  }
  const per = [...ep.boundaries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((b) => `${b.zones[0]}/${b.zones[1]} ${b.phase}`);
  return [
    `Phase: mixed (staged rollout). Per boundary: ${per.join(', ')}.`,
    'The final entries permit and log until every boundary enforces: traffic to addresses outside every zone network passes.',
  ];
}

/** Which IPv6 the enforcement point carries and whether IPv6 ACLs are rendered. */
export interface Ipv6Form { addresses: boolean; acls: boolean }

function finalVerdict(ep: EnforcementIR): string {
  const final = ep.rules.find((r) => r.kind === 'final');
  const verb = final?.action === 'allow' ? 'permits' : 'denies';
  return final === undefined || final.log ? `${verb} and logs` : verb;
}

/**
 * IPv6: ACLs with entries, ACLs that only keep ND alive before the final entry (no IPv6
 * addresses in the policy: IPv6 enabled on an interface must not bypass the boundary),
 * or, on a platform that filters no IPv6, the advice to disable it.
 */
function ipv6Text(ep: EnforcementIR, ipv6: Ipv6Form): string[] {
  if (ipv6.addresses) return ['IPv6: one ipv6 traffic-filter per interface; ND and router solicitations are permitted before the final entry.'];
  if (!ipv6.acls) return ['IPv6: the policy has no IPv6 addresses and this platform filters no IPv6: disable IPv6 on these interfaces.'];
  return [
    'IPv6: the policy has no IPv6 addresses. Each interface still gets an ipv6 traffic-filter: ND and router solicitations pass,',
    `then the final entry ${finalVerdict(ep)} all other IPv6, so IPv6 enabled on an interface cannot bypass the ACLs.`,
    'Where IPv6 is not used, disable it on these interfaces as well.',
  ];
}

/**
 * The CPU cost of `log` and the rate limit rendered for it. In monitor (and mixed) the
 * boundary and final entries permit and log, so every packet that reaches them is logged.
 */
function loggingText(ep: EnforcementIR, logLimit: boolean): string[] {
  if (!logLimit) return [];
  const permitLog = ep.rules.some((r) => r.kind !== 'flow' && r.action === 'allow' && r.log);
  return [
    'ACL logging costs CPU: a packet that matches a log entry is process-switched (punted to the CPU) to be logged.',
    ...(permitLog ? ['The final entry and the boundary entries not yet enforced permit and log: every packet that reaches them is logged, a heavy load on a busy switch.'] : []),
    `The command ip access-list logging interval ${IOS_ACL_LOG_INTERVAL_MS} below lets at most one logged packet per ${IOS_ACL_LOG_INTERVAL_MS} ms reach the CPU for logging;`,
    'it is documented for IOS but unverified on IOS-XE: if the image rejects it, ACL logging is not rate-limited. Watch the CPU.',
  ];
}

/**
 * The `!` header: what this file is, for which site and enforcement point, in which
 * phase, and the IOS facts an engineer must know before pasting it (stateless ACLs,
 * return traffic, zone matching by networks, logging, traffic to the device itself,
 * merging into existing ACLs). Lines that do not apply to this point are left out.
 */
export function iosHeader(ep: EnforcementIR, ctx: RenderContext, ipv6: Ipv6Form, classic: boolean, logLimit: boolean): string[] {
  const site = siteLabel(ctx.site);
  const zones = [...ep.zones].sort((a, b) => (a.id < b.id ? -1 : 1));
  const empty = zones.filter((z) => z.networks.length === 0).map((z) => z.id);
  const lines = [
    `otpc: Cisco IOS / IOS-XE extended ACLs for enforcement point ${ep.id}`,
    site !== undefined ? `Site: ${site}` : '',
    ...(ep.description ? wrapText(`Description: ${ep.description}`, IOS_WRAP) : []),
    ...phaseText(ep),
    classic ? 'Form: classic. No object-groups; address ranges are split into prefixes with wildcard masks.'
      : 'Form: object-groups for IPv4 (IOS 12.4(20)T, IOS XE); IPv6 entries are written inline.',
    `Zone interfaces, one ACL applied inbound on each: ${zones.map((z) => `${z.id}=${z.interface}`).join(', ')}.`,
    `An inbound ACL does not know the egress interface: boundary entries match the destination zone by its networks${classic ? '' : ' (OG-N-<zone>)'}.`,
    ...(empty.length > 0 ? [`Zones without networks in the policy (${empty.join(', ')}): their boundary entries cannot be rendered; the final entry decides.`] : []),
    'IOS extended ACLs are stateless: each ACL filters what enters its zone interface, replies included.',
    'Return traffic is allowed by reverse entries in the ACL of the responder zone: TCP only with ACK or RST (established);',
    'UDP from the service port of the flow, which a stateless ACL cannot tie to a session.',
    ...(ep.rules.some((r) => r.readOnly) ? ['Read-only flows are port-level only: IOS ACLs cannot filter protocol operations (the assessment reports partial).'] : []),
    'Every ACL ends with an explicit logged entry: the implicit deny of IOS does not log.',
    'Inbound ACLs also filter traffic to this device itself (management, NTP replies, routing protocols): add flows for it.',
    'They also filter traffic routed through these interfaces towards networks outside these zones (another firewall, the WAN):',
    'it meets the final entry. Route such traffic around these interfaces, or add its flows to the policy, before enforcing.',
    ...loggingText(ep, logLimit),
    ...ipv6Text(ep, ipv6),
    'Entries are added to existing ACLs and object-groups of the same name: apply to a device without them.',
    'Review before applying.',
  ];
  return lines.filter((l) => l !== '').map(commentText);
}
