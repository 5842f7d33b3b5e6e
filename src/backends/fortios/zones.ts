import { cmp } from './addresses.js';
import { FORTIOS_LIMITS } from './limits.js';
import { checkInterfaceName, zoneName } from './naming.js';
import { acceptName, comment } from './viewContext.js';
import type { ViewContext } from './viewContext.js';

/** One `config system zone` entry. */
export interface ZoneView {
  name: string;
  description: string;
  interfaces: string[];
}

export interface ZoneSection {
  zones: ZoneView[];
  /** IR zone id -> FortiOS zone name and its member interface. */
  byId: Map<string, { name: string; interface: string }>;
}

/**
 * One zone per zone binding, `intrazone deny` (traffic between member interfaces needs
 * a policy). Zone names share a namespace with interfaces, hence the `Z-` prefix; an
 * interface can be a member of one zone only (OTPC312 otherwise).
 */
export function buildZones(vc: ViewContext): ZoneSection {
  const sec: ZoneSection = { zones: [], byId: new Map() };
  const interfaceOwner = new Map<string, string>();
  for (const z of [...vc.ep.zones].sort((a, b) => cmp(a.id, b.id))) {
    const pointer = `${vc.ep.pointer}/interfaces/${z.id}`;
    const ifProblems = checkInterfaceName(z.interface, vc.file, pointer);
    vc.diagnostics.push(...ifProblems);
    const owner = interfaceOwner.get(z.interface);
    if (owner !== undefined) {
      vc.diagnostics.push({
        code: 'OTPC312', severity: 'error', file: vc.file, pointer,
        message: `interface "${z.interface}" is bound to zones ${owner} and ${z.id}; a FortiOS interface belongs to one zone`,
      });
    }
    interfaceOwner.set(z.interface, z.id);
    const name = zoneName(z.id);
    const nameOk = acceptName(vc, vc.zones, name, 'zone', FORTIOS_LIMITS.zoneName, `zone ${z.id}`, pointer);
    if (!nameOk || ifProblems.length > 0) continue;
    sec.zones.push({ name, description: comment(z.description, FORTIOS_LIMITS.zoneDescription), interfaces: [z.interface] });
    sec.byId.set(z.id, { name, interface: z.interface });
  }
  return sec;
}
