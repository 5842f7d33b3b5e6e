import { formatAddress, parseNet } from '../../model/ip.js';
import { FORTIOS_LIMITS } from './limits.js';
import type { ViewContext } from './viewContext.js';

/** `config log syslogd setting`, `config log syslogd2 setting`, ... */
export interface SyslogView {
  section: string;
  server: string;
}

export interface NtpView {
  id: string;
  server: string;
}

/** A site service address as canonical text, or undefined (OTPC407) when it is not one host address. */
function hostText(vc: ViewContext, text: string, pointer: string): string | undefined {
  const r = parseNet(text);
  if (r.ok && r.net.first === r.net.last) return formatAddress(r.net.family, r.net.first);
  vc.diagnostics.push({
    code: 'OTPC407', severity: 'error', file: vc.file, pointer,
    message: `site service address "${JSON.stringify(text).slice(1, -1)}" is not a single IP address`,
  });
  return undefined;
}

/**
 * Remote syslog (SR 2.8, SR 6.1 evidence): FortiOS has up to four collectors,
 * `log syslogd setting` .. `log syslogd4 setting`; UDP 514, facility local7.
 */
export function buildSyslog(vc: ViewContext): SyslogView[] {
  const out: SyslogView[] = [];
  vc.ep.syslog.forEach((text, i) => {
    const server = hostText(vc, text, `/services/syslog`);
    if (server === undefined) return;
    if (out.length >= FORTIOS_LIMITS.syslogServers) {
      vc.diagnostics.push({
        code: 'OTPC757', severity: 'warning', file: vc.file, pointer: '/services/syslog',
        message: `FortiOS sends logs to at most ${FORTIOS_LIMITS.syslogServers} syslog servers; collector ${i + 1} (${server}) is not rendered`,
      });
      return;
    }
    out.push({ section: out.length === 0 ? 'syslogd' : `syslogd${out.length + 1}`, server });
  });
  return out;
}

/** Time synchronisation (SR 2.11): `config system ntp`, type custom, one ntpserver per address. */
export function buildNtp(vc: ViewContext): NtpView[] {
  const out: NtpView[] = [];
  for (const text of vc.ep.ntp) {
    const server = hostText(vc, text, '/services/ntp');
    if (server !== undefined) out.push({ id: String(out.length + 1), server });
  }
  return out;
}
