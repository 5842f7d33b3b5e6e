import type { Backend } from '../types.js';
import { ciscoIosPolicyChecks } from './policyChecks.js';
import { renderIos } from './renderIos.js';

/**
 * Cisco IOS / IOS-XE backend: extended named ACLs applied inbound on each zone
 * interface of an L3 switch or router, with the reverse entries a stateless ACL
 * needs for return traffic (vendors.md section 2.2). Options: `classic: true` renders
 * without object-groups for images that lack them.
 *
 * Decisions:
 * - Zone networks: an inbound ACL does not see the egress interface, so boundary
 *   entries match the destination zone by ZoneBinding.networks (object-group
 *   OG-N-<zone>, made from the binding where no flow names the zone: iosIndex.ts). Every
 *   boundary final is rendered and staged (mixed) rollouts work.
 * - A zone without networks (OTPC317): no entry can match it; the boundary final is a
 *   `!` note when the final entry gives the same verdict (enforce, monitor), and refused
 *   (OTPC705) when it does not (a staged rollout enforcing that boundary): iosAcls.ts.
 * - Controls an ACL cannot apply (rate limits, read-only by operation) are refused with
 *   OTPC705, never downgraded: the built-in catalogue lists neither for cisco-ios, so
 *   only a catalogue that claims them reaches here, and the assessment would credit them.
 * - Remarks: rule id first, wrapped over at most three 100-character remark lines.
 * - IPv6 ACLs on every interface whenever the platform filters IPv6: without IPv6
 *   addresses they hold the ND permits and the final entry only, so IPv6 enabled on an
 *   interface cannot bypass the boundary (buildIosView.ts).
 * - ACL logging is rate-limited once per configuration (`ip access-list logging
 *   interval`), before the ACLs, when any entry logs (iosGlobals.ts).
 */
export const ciscoIosBackend: Backend = {
  platform: 'cisco-ios',
  extension: 'txt',
  title: 'Cisco IOS / IOS-XE extended ACLs',
  render: renderIos,
  policyChecks: ciscoIosPolicyChecks,
};
