import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { EnforcementIR } from '../../rules/types.js';
import type { RenderContext } from '../types.js';
import { buildAddresses } from './addresses.js';
import type { AddressView, GroupView } from './addresses.js';
import { buildDos } from './dos.js';
import type { DosView } from './dos.js';
import { buildDpi } from './dpi.js';
import type { AppListView } from './dpi.js';
import { buildHeader } from './header.js';
import { buildNtp, buildSyslog } from './logging.js';
import type { NtpView, SyslogView } from './logging.js';
import { buildPolicies } from './policies.js';
import type { PolicyView } from './policies.js';
import { buildServices } from './services.js';
import type { ServiceGroupView, ServiceView } from './services.js';
import { createViewContext, hasErrors } from './viewContext.js';
import { buildZones } from './zones.js';
import type { ZoneView } from './zones.js';

/** Everything the templates print, ready to print: every string is validated or sanitised. */
export interface FortiosView {
  header: string[];
  zones: ZoneView[];
  addresses: AddressView[];
  addresses6: AddressView[];
  addrgrps: GroupView[];
  addrgrps6: GroupView[];
  services: ServiceView[];
  serviceGroups: ServiceGroupView[];
  /** OT signatures are excluded by default: `config ips global / set exclude-signatures none`. */
  otSignatures: boolean;
  appLists: AppListView[];
  policies: PolicyView[];
  dos: DosView[];
  dos6: DosView[];
  syslog: SyslogView[];
  ntp: NtpView[];
}

export function toView(ep: EnforcementIR, ctx: RenderContext): { view?: FortiosView; diagnostics: Diagnostic[] } {
  const vc = createViewContext(ep, ctx);
  const zones = buildZones(vc);
  const addresses = buildAddresses(vc);
  const services = buildServices(vc);
  const dpi = buildDpi(vc);
  const policies = buildPolicies(vc, { zones, addresses, services, dpi });
  const dos = buildDos(vc, zones, policies);
  const syslog = buildSyslog(vc);
  const ntp = buildNtp(vc);
  if (hasErrors(vc)) return { diagnostics: vc.diagnostics };
  const view: FortiosView = {
    header: buildHeader(ep, ctx, dpi.notes, ctx.platform),
    zones: zones.zones,
    addresses: addresses.v4,
    addresses6: addresses.v6,
    addrgrps: addresses.groups4,
    addrgrps6: addresses.groups6,
    services: services.custom,
    serviceGroups: services.groups,
    otSignatures: dpi.lists.length > 0,
    appLists: dpi.lists,
    policies: [...policies.values()],
    dos: dos.v4,
    dos6: dos.v6,
    syslog,
    ntp,
  };
  return { view, diagnostics: vc.diagnostics };
}
