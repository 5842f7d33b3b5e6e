import type { RenderContext } from '../types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { EnforcementIR } from '../../rules/types.js';
import { parseHost } from '../../model/ip.js';
import { formatAddress } from '../../model/ip.js';
import { PREFIX, checkInterfaceName } from './iosNames.js';
import { commentText } from './iosText.js';

/** Global commands: `!` notes, command lines, then `!` notes that follow them, printed as one block. */
export interface SectionView { comments: string[]; lines: string[]; after: string[] }

function hosts(list: string[], what: string, pointer: string, ctx: RenderContext, diags: Diagnostic[]): { family: 4 | 6; text: string }[] {
  const out: { family: 4 | 6; text: string }[] = [];
  for (const s of list) {
    const h = parseHost(s);
    if (!h) {
      diags.push({ code: 'OTPC407', severity: 'error', file: ctx.file, pointer, message: `${what} address ${JSON.stringify(s)} is not an IP address` });
      continue;
    }
    out.push({ family: h.family, text: formatAddress(h.family, h.value) });
  }
  return out;
}

/**
 * Interval of `ip access-list logging interval <ms>`: at most one logged packet per
 * 10 ms (100 per second) is punted to the CPU for logging. vendors.md section 2.2
 * documents the command (unverified on IOS-XE) but no value; 10 ms is otpc's choice.
 */
export const IOS_ACL_LOG_INTERVAL_MS = 10;

/**
 * ACL logging rate control, once per configuration when some entry logs: a logged
 * packet is process-switched (punted to the CPU), and in monitor every packet that
 * reaches a boundary or final entry is logged. vendors.md section 2.2 documents
 * `ip access-list logging interval <ms>` for this (unverified on IOS-XE). It also names
 * `ip access-list log-update threshold <n>`, which sets after how many matches a log
 * message is sent instead of waiting for the 5-minute summary: it does not limit what
 * is punted (a low threshold means more messages), so it is not rendered. Printed
 * before the ACLs, so the limit is in place before an `ip access-group` starts logging.
 */
export function aclLoggingSection(anyLog: boolean): SectionView | undefined {
  if (!anyLog) return undefined;
  return {
    comments: [commentText(`ACL logging rate limit, before any ACL is applied: at most one logged packet per ${IOS_ACL_LOG_INTERVAL_MS} ms goes to the CPU for logging`)],
    lines: [`ip access-list logging interval ${IOS_ACL_LOG_INTERVAL_MS}`],
    after: [],
  };
}

/**
 * `logging host` (IPv6 needs the `ipv6` keyword) with `logging trap informational`,
 * because ACL log messages (%SEC-6-IPACCESSLOGP) are severity 6; `ntp server` per
 * collector (IOS "logging host", "ntp server" command references).
 */
export function serviceSections(ep: EnforcementIR, ctx: RenderContext, diags: Diagnostic[]): SectionView[] {
  const out: SectionView[] = [];
  const syslog = hosts(ep.syslog, 'Syslog', '/services/syslog', ctx, diags);
  if (syslog.length > 0) {
    out.push({
      comments: [commentText('Central logging (SR 2.8, SR 6.2): ACL log messages are severity 6 (informational)')],
      lines: [...syslog.map((h) => (h.family === 4 ? `logging host ${h.text}` : `logging host ipv6 ${h.text}`)), 'logging trap informational'],
      after: [],
    });
  }
  const ntp = hosts(ep.ntp, 'NTP', '/services/ntp', ctx, diags);
  if (ntp.length > 0) {
    out.push({ comments: [commentText('Time synchronisation (SR 2.11): log time stamps need a common clock')], lines: ntp.map((h) => `ntp server ${h.text}`), after: ntpReplyNotes(ep, ntp, ntpPort(ctx)) });
  }
  return out;
}

/**
 * NTP replies to this device from a server inside one of its zones enter that zone's
 * interface and meet its inbound ACL, whose final entry denies them in enforce. The
 * entry that lets them in needs the device's own address on that interface, which the
 * policy does not hold: it is written as a note to complete, never guessed.
 */
function ntpReplyNotes(ep: EnforcementIR, ntp: { family: 4 | 6; text: string }[], port: number): string[] {
  const out: string[] = [];
  for (const h of ntp) {
    const value = parseHost(h.text)?.value;
    const zone = [...ep.zones].sort((a, b) => (a.id < b.id ? -1 : 1))
      .find((z) => value !== undefined && z.networks.some((r) => r.family === h.family && r.first <= value && value <= r.last));
    if (!zone) continue;
    const acl = (h.family === 4 ? PREFIX.acl4 : PREFIX.acl6) + zone.id;
    out.push(commentText(`NTP replies from ${h.text} enter ${zone.interface}: before the final entry of ${acl} add permit udp host ${h.text} eq ${port} host <address of this device on ${zone.interface}>`));
  }
  return out;
}

/** NTP's UDP port from the protocol catalogue (the `ntp` row), 123 when a catalogue lacks it. */
function ntpPort(ctx: RenderContext): number {
  return ctx.catalogs.protocols.get('ntp')?.ports.find((p) => p.transport === 'udp')?.ports[0] ?? 123;
}

function spanSource(name: string): string {
  // An SVI is mirrored as its VLAN; `source interface Vlan20` is not a SPAN source.
  const vlan = /^vlan(\d{1,4})$/i.exec(name);
  return vlan ? `monitor session 1 source vlan ${Number(vlan[1])} both` : `monitor session 1 source interface ${name} both`;
}

/**
 * Discover phase: local SPAN of every zone interface to the IDS sensor port
 * (IOS "Configuring SPAN"). The destination must be an interface; when only the IDS
 * address is known the destination is left as a commented template.
 */
export function spanSection(ep: EnforcementIR, ctx: RenderContext, diags: Diagnostic[]): SectionView | undefined {
  const span = ep.span;
  if (!span) return undefined;
  const pointer = '/services/ids';
  for (const s of span.sources) diags.push(...checkInterfaceName(s, ctx.file, pointer));
  const comments = [commentText('Discover phase: mirror every zone interface (both directions) to the passive IDS sensor (SR 6.2, C5)')];
  const lines = span.sources.map(spanSource);
  const after: string[] = [];
  const dest = span.destination;
  const host = dest === undefined ? null : parseHost(dest);
  if (dest !== undefined && !host) {
    diags.push(...checkInterfaceName(dest, ctx.file, pointer));
    lines.push(`monitor session 1 destination interface ${dest}`);
  } else {
    const where = host ? `the switch port that connects the IDS sensor ${formatAddress(host.family, host.value)}` : 'the switch port that connects the IDS sensor';
    after.push(commentText(`Set ${where} and remove the leading !:`));
    after.push('monitor session 1 destination interface <port-to-IDS>');
  }
  if (!ctx.platform.supports.span) {
    diags.push({ code: 'OTPC704', severity: 'warning', file: ctx.file, pointer, message: `Platform ${ctx.platform.id} does not support SPAN; the mirror session is rendered as a comment only` });
    return { comments: [...comments, ...lines.map(commentText), ...after], lines: [], after: [] };
  }
  return { comments, lines, after };
}
