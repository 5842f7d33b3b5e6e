import type { RenderContext } from '../types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatAddress, parseHost } from '../../model/ip.js';
import { zoneOfAddress } from './asaIndex.js';
import type { AsaIndex } from './asaIndex.js';
import { commentText } from './asaText.js';

/**
 * Central logging (C6, SR 2.8 / SR 6.2) and time (C10, SR 2.11).
 * `logging host <nameif> <addr>` needs the interface that reaches the collector: the
 * nameif of the zone whose networks (ZoneBinding.networks) contain the address. When
 * no zone of this enforcement point contains it (a collector behind a router, or in a
 * zone without networks), the line is printed as a comment to complete by hand and a
 * warning says so: a guessed interface would send the logs nowhere. `ntp server`
 * takes an optional `source <nameif>` chosen the same way; without it the ASA uses its
 * routes, which is correct, so no warning.
 */
export interface LoggingBuild { lines: string[]; comments: string[]; diagnostics: Diagnostic[] }

function host(text: string, what: string, idx: AsaIndex, ctx: RenderContext, diags: Diagnostic[]): { addr: string; nameif?: string } | undefined {
  const h = parseHost(text);
  if (!h) {
    diags.push({
      code: 'OTPC407', severity: 'error', file: ctx.file, pointer: idx.ep.pointer,
      message: `${what} address ${JSON.stringify(text)} is not a single IP address`,
    });
    return undefined;
  }
  const zone = zoneOfAddress(idx, h.family, h.value);
  const nameif = zone === undefined ? undefined : idx.nameif.get(zone);
  return { addr: formatAddress(h.family, h.value), ...(nameif !== undefined ? { nameif } : {}) };
}

function syslog(idx: AsaIndex, ctx: RenderContext, out: LoggingBuild): void {
  if (idx.ep.syslog.length === 0) return;
  out.lines.push('logging enable', 'logging timestamp', 'logging trap informational');
  for (const text of idx.ep.syslog) {
    const h = host(text, 'syslog collector', idx, ctx, out.diagnostics);
    if (!h) continue;
    if (h.nameif !== undefined) {
      out.lines.push(`logging host ${h.nameif} ${h.addr}`);
      continue;
    }
    out.comments.push(commentText(`logging host <nameif> ${h.addr} ! set <nameif> to the interface that reaches the collector`));
    out.diagnostics.push({
      code: 'OTPC704', severity: 'warning', file: ctx.file, pointer: idx.ep.pointer,
      message: `Cisco ASA logging host needs the interface that reaches syslog collector ${h.addr}; no zone network of this enforcement point contains it, so the line is rendered as a comment`,
      hint: 'Complete the commented logging host line with the nameif towards the collector (the zone networks do not say which).',
    });
  }
}

function ntp(idx: AsaIndex, ctx: RenderContext, out: LoggingBuild): void {
  for (const text of idx.ep.ntp) {
    const h = host(text, 'NTP server', idx, ctx, out.diagnostics);
    if (h) out.lines.push(h.nameif !== undefined ? `ntp server ${h.addr} source ${h.nameif}` : `ntp server ${h.addr}`);
  }
}

export function buildLogging(idx: AsaIndex, ctx: RenderContext): LoggingBuild {
  const out: LoggingBuild = { lines: [], comments: [], diagnostics: [] };
  syslog(idx, ctx, out);
  ntp(idx, ctx, out);
  return out;
}
