import type { ServiceGroup, ServiceObject } from '../../rules/types.js';
import { cmp, duplicateId, unknownRef } from './addresses.js';
import { FORTIOS_LIMITS } from './limits.js';
import { serviceGroupName, serviceName } from './naming.js';
import { acceptName, comment } from './viewContext.js';
import type { ViewContext } from './viewContext.js';

/** One `config firewall service custom` entry: exactly one of tcp / udp is non-empty. */
export interface ServiceView {
  name: string;
  comment: string;
  tcp: string;
  udp: string;
}

export interface ServiceGroupView {
  name: string;
  comment: string;
  members: string[];
}

export interface ServiceSection {
  custom: ServiceView[];
  groups: ServiceGroupView[];
  /** IR service/group id -> vendor name; null: an empty group that renders to nothing. */
  refs: Map<string, string | null>;
}

function validPorts(s: ServiceObject): boolean {
  const [lo, hi] = s.ports;
  return Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && lo <= hi && hi <= 65535;
}

/**
 * `set tcp-portrange 502` / `set udp-portrange 2000-2010`: destination ports only, so the
 * source port is any (FortiOS: "dst[-dst][:src[-src]]", vendors.md 2.1). The IR gives one
 * transport per object, so TCP and UDP are never combined in one object.
 */
function serviceView(vc: ViewContext, s: ServiceObject): ServiceView | undefined {
  if (!validPorts(s) || (s.transport !== 'tcp' && s.transport !== 'udp')) {
    vc.diagnostics.push({
      code: 'OTPC406', severity: 'error', file: vc.file, pointer: vc.ep.pointer,
      message: `service ${JSON.stringify(s.id)} has an invalid transport or port range`,
    });
    return undefined;
  }
  const name = serviceName(s.name);
  // A rejected name is still returned: rendering stops on the error, and references to
  // the service must not cascade into "unknown id" diagnostics.
  acceptName(vc, vc.services, name, 'service', vc.nameMax, `service ${s.id}`, vc.ep.pointer);
  const range = s.ports[0] === s.ports[1] ? `${s.ports[0]}` : `${s.ports[0]}-${s.ports[1]}`;
  const text = `otpc ${s.protocol ? `${s.protocol} ` : ''}${s.transport}/${range}`;
  return {
    name,
    comment: comment(text, FORTIOS_LIMITS.objectComment),
    tcp: s.transport === 'tcp' ? range : '',
    udp: s.transport === 'udp' ? range : '',
  };
}

function groupView(vc: ViewContext, g: ServiceGroup, refs: Map<string, string | null>): ServiceGroupView | undefined {
  for (const m of g.members) if (!refs.has(m)) unknownRef(vc, `service group ${g.id} member`, m, vc.ep.pointer);
  const members = [...new Set(g.members.map((m) => refs.get(m)).filter((n): n is string => typeof n === 'string'))].sort(cmp);
  if (members.length === 0) return undefined;
  const name = serviceGroupName(g.name);
  acceptName(vc, vc.services, name, 'service group', vc.nameMax, `service group ${g.id}`, vc.ep.pointer);
  return { name, comment: comment(`otpc service group ${g.name}`, FORTIOS_LIMITS.objectComment), members };
}

export function buildServices(vc: ViewContext): ServiceSection {
  const sec: ServiceSection = { custom: [], groups: [], refs: new Map() };
  for (const s of [...vc.ep.services].sort((a, b) => cmp(a.id, b.id))) {
    if (sec.refs.has(s.id)) { duplicateId(vc, s.id, vc.ep.pointer); continue; }
    const view = serviceView(vc, s);
    if (!view) continue;
    sec.custom.push(view);
    sec.refs.set(s.id, view.name);
  }
  for (const g of [...vc.ep.serviceGroups].sort((a, b) => cmp(a.id, b.id))) {
    if (sec.refs.has(g.id)) { duplicateId(vc, g.id, vc.ep.pointer); continue; }
    const view = groupView(vc, g, sec.refs);
    sec.refs.set(g.id, view ? view.name : null);
    if (view) sec.groups.push(view);
  }
  sec.custom.sort((a, b) => cmp(a.name, b.name));
  sec.groups.sort((a, b) => cmp(a.name, b.name));
  return sec;
}
