import type { FlowProtocol, PortSpec } from '../model/types.js';
import type { ServiceObject } from './types.js';
import { compareStrings } from './compareStrings.js';

/**
 * Service objects: exactly one transport and one destination port range each.
 * A protocol on TCP and UDP (DNP3 20000, EtherNet/IP 44818) gives two objects,
 * never a tcp+udp cross product: a combined object is the bug class that made a
 * real generator drop the port match (vendors.md section 0.2, aerleon#376).
 *
 * Names: "<protocol-id>-<transport>-<lo>[-<hi>]" for catalogued protocols,
 * "<transport>-<lo>[-<hi>]" for raw tcp/N, udp/N, tcp/N-M forms.
 */
export function serviceName(port: PortSpec, catalogId?: string): string {
  const [lo, hi] = port.ports;
  const ports = lo === hi ? `${lo}` : `${lo}-${hi}`;
  return catalogId ? `${catalogId}-${port.transport}-${ports}` : `${port.transport}-${ports}`;
}

export function serviceObject(port: PortSpec, catalogId?: string): ServiceObject {
  const name = serviceName(port, catalogId);
  const svc: ServiceObject = { id: `svc:${name}`, name, transport: port.transport, ports: [port.ports[0], port.ports[1]] };
  if (catalogId) svc.protocol = catalogId;
  return svc;
}

/** The service objects of one flow protocol, in the protocol's port order. */
export function servicesForProtocol(protocol: FlowProtocol): ServiceObject[] {
  return protocol.ports.map((p) => serviceObject(p, protocol.catalogId));
}

/**
 * Collects service objects across rules, de-duplicated by id (same name means the
 * same protocol, transport and ports). Throws if one id would stand for two
 * different port ranges, which would mean a naming bug.
 */
export class ServiceTable {
  private readonly byId = new Map<string, ServiceObject>();

  add(svc: ServiceObject): string {
    const known = this.byId.get(svc.id);
    if (known && (known.transport !== svc.transport || known.ports[0] !== svc.ports[0] || known.ports[1] !== svc.ports[1])) {
      throw new Error(`service id ${svc.id} names two different port ranges`);
    }
    if (!known) this.byId.set(svc.id, svc);
    return svc.id;
  }

  list(): ServiceObject[] {
    return [...this.byId.values()].sort((a, b) => compareStrings(a.id, b.id));
  }
}
