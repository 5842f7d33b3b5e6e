import { compareStrings } from '../../rules/compareStrings.js';
import type { EnforcementIR } from '../../rules/types.js';
import type { NftRenderContext } from './nftContext.js';
import { nftNote, nftNoteText } from './nftText.js';
import { siteLabel } from '../common/siteLabel.js';

const WRAP = 100;

/** Long free text (a description) as several `#` lines instead of a cut one. */
export function wrapNote(text: string, width = WRAP): string[] {
  const words = nftNoteText(text).split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur !== '' && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur === '' ? w : `${cur} ${w}`;
  }
  if (cur !== '') lines.push(cur);
  return lines;
}

function phaseLines(ep: EnforcementIR): string[] {
  if (ep.phase === 'enforce') {
    return ['phase: enforce. Default deny with logging: every boundary chain ends in a logged drop, then the logged catch-all drop.'];
  }
  if (ep.phase === 'monitor') {
    return [
      'phase: monitor. Every allow rule as in enforce; the boundary-final rules and the catch-all accept and log (would deny),',
      'read-only checks and rate limits log only, so nothing the plant does changes. To enforce, compile with --phase enforce.',
    ];
  }
  const per = [...ep.boundaries].sort((a, b) => compareStrings(a.id, b.id)).map((b) => `${b.zones[0]}/${b.zones[1]} ${b.phase}`).join(', ');
  return [`phase: mixed (staged rollout), per boundary: ${per}.`, 'The catch-all and the conntrack hygiene rules log only until every boundary enforces.'];
}

/**
 * The `#` header: what the file is, for which site and enforcement point, in which
 * phase, how to load it, and the nftables facts an engineer must know before applying.
 * Deterministic: no dates, versions or paths.
 */
export function buildHeader(ep: EnforcementIR, ctx: NftRenderContext, table: string): string[] {
  const zones = [...ep.zones].sort((a, b) => compareStrings(a.id, b.id)).map((z) => `${z.id}=${z.interface}`).join(', ');
  const lines = [
    `otpc: nftables ruleset for enforcement point ${ep.id}. Generated: change the policy and compile again, do not edit.`,
    ...(ctx.site ? [`site: ${siteLabel(ctx.site)}`] : []),
    ...(ep.description ? wrapNote(`description: ${ep.description}`) : []),
    ...phaseLines(ep),
    `zones (interface): ${zones}`,
    'REVIEW BEFORE APPLYING. Keep the running ruleset for rollback (nft list ruleset > rollback.nft), then',
    'check with nft -c -f FILE and load with nft -f FILE. Loading replaces only this table, atomically and idempotently',
    `(add table + delete table + table, for nftables 1.0.6 which has no destroy): table inet ${table}.`,
    'Other tables with a forward hook (firewalld, docker, libvirt) still apply: a packet must pass every base chain.',
    'Stateful: return traffic follows conntrack (ct state established,related); rules match the initiating direction only.',
    'Logging: kernel log, prefix otpc <rule number> <verdict>; hit counters: nft list table inet ' + table + '.',
    'Requires ip forwarding on this host (net.ipv4.ip_forward=1, net.ipv6.conf.all.forwarding=1 for IPv6).',
  ];
  return [...lines.map(nftNote), ...serviceNotes(ep)];
}

/**
 * Site services nftables has no statement for (vendors.md 2.6): syslog shipping and
 * NTP are host services; SPAN is a switch feature. Named here so the engineer sets
 * them up, and nothing else is rendered for them.
 */
function serviceNotes(ep: EnforcementIR): string[] {
  const syslog = [...ep.syslog].sort(compareStrings);
  const ntp = [...ep.ntp].sort(compareStrings);
  const out: string[] = [];
  if (syslog.length > 0) {
    out.push(...wrapNote(`syslog (SR 2.8, SR 6.2): nftables has no syslog statement. Ship the kernel log of this host to ${syslog.join(', ')}, `
      + 'e.g. rsyslog imkernel/imjournal with omfwd, or use ulogd2 with log group N instead of log prefix (not rendered).'));
  } else {
    out.push(nftNote('syslog: no collector in the policy; the rule logs stay in the kernel log of this host.'));
  }
  if (ntp.length > 0) {
    out.push(...wrapNote(`time (SR 2.11): nftables has no NTP statement; point chrony or systemd-timesyncd of this host at ${ntp.join(', ')}.`));
  }
  if (ep.span) out.push(nftNote('span: mirroring is not applicable to this nftables target and is not rendered.'));
  return out;
}
