import type { RenderContext } from '../types.js';
import type { EnforcementIR } from '../../rules/types.js';
import { ASA_WRAP, commentText, wrapText } from './asaText.js';
import { siteLabel } from '../common/siteLabel.js';

function phaseText(ep: EnforcementIR): string[] {
  if (ep.phase === 'enforce') return ['Phase: enforce. Default deny with logging at every zone boundary.'];
  if (ep.phase === 'monitor') {
    return ['Phase: monitor. Every allow entry as in enforce; the boundary and final entries permit and log, so nothing the plant does changes.'];
  }
  const per = [...ep.boundaries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((b) => `Boundary ${b.zones[0]}/${b.zones[1]}: ${b.phase}.`);
  return [
    'Phase: mixed (staged rollout), boundary by boundary.',
    ...per,
    'Destinations outside every zone network reach the final entries, which permit and log until every boundary enforces.',
  ];
}

/**
 * The `!` header: what this file is, for which site and enforcement point, in which
 * phase, and the ASA facts an engineer must know before pasting it (vendors.md 2.3).
 * Lines that do not apply to this enforcement point are left out.
 */
export function asaHeader(ep: EnforcementIR, ctx: RenderContext): string[] {
  const site = siteLabel(ctx.site);
  const zones = ep.zones.map((z) => `${z.id}=${z.interface}`);
  const empty = ep.zones.filter((z) => z.networks.length === 0).map((z) => z.id);
  const lines = [
    `otpc: Cisco ASA 9.x access policy for enforcement point ${ep.id}`,
    site !== undefined ? `Site: ${site}` : '',
    ...(ep.description ? wrapText(`Description: ${ep.description}`, ASA_WRAP) : []),
    ...phaseText(ep),
    'ASA is stateful: one rule per initiating direction; replies of permitted connections pass.',
    `One ACL per zone interface (nameif), applied inbound: ${zones.length > 0 ? zones.join(', ') : 'none'}.`,
    'The ingress ACL does not know the egress interface: a zone boundary is matched by the destination zone networks (N_<zone>).',
    ...(empty.length > 0 ? [`Zones without networks in the policy (${empty.join(', ')}): their boundary entries cannot be rendered; the final entries decide.`] : []),
    'any4 and any6 are written explicitly: a bare any matches IPv4 and IPv6 on ASA 9.x.',
    'Every ACL ends with explicit logged entries: the implicit deny of ASA does not log.',
    ...(ep.rules.some((r) => r.readOnly) ? ['Read-only flows are port-level only: ASA has no OT application inspection (the assessment reports partial).'] : []),
    'Zone interfaces with equal security-level also need same-security-traffic permit inter-interface.',
    'Interfaces not named in the policy keep their own ACLs or the security-level defaults; traffic from a zone interface',
    'towards them (or towards networks outside every zone) meets the final entries.',
    'VPN traffic bypasses interface ACLs while sysopt connection permit-vpn is on (the default): for these entries to filter',
    'traffic of a tunnel that ends on this ASA, enter no sysopt connection permit-vpn (check other tunnels first) or use a vpn-filter.',
    'Entries append to existing ACLs, objects and policy-maps of the same name: apply to a device without them.',
    ...(ep.rules.some((r) => r.rateLimit) ? ['An interface takes one service-policy: a PM_ policy-map below replaces an existing one on that interface.'] : []),
    'Review before applying.',
  ];
  return lines.filter((l) => l !== '').map(commentText);
}
