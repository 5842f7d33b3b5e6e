import type { Protocol } from '../catalog/types.js';
import type { FlowRecord } from './flowRecord.js';

/**
 * Which ports are service ports, per transport: every well-known port (< 1024,
 * IANA system ports) and every port of the protocol catalogue (Modbus 502, DNP3
 * 20000, EtherNet/IP 44818, OPC UA 4840, ...). One byte per port: the reader asks
 * twice per flow record.
 */
export interface ServicePorts {
  tcp: Uint8Array;
  udp: Uint8Array;
}

export function buildServicePorts(protocols: Iterable<Protocol>): ServicePorts {
  const out: ServicePorts = { tcp: new Uint8Array(65536), udp: new Uint8Array(65536) };
  out.tcp.fill(1, 0, 1024);
  out.udp.fill(1, 0, 1024);
  for (const p of protocols) {
    for (const port of p.ports) out[port.transport].fill(1, port.ports[0], port.ports[1] + 1);
  }
  return out;
}

/**
 * Real logs sometimes record the responder as the originator: a capture that began
 * mid-connection, a UDP reply seen first, or a PLC shown as the client of its own
 * service port. When one side uses a service port and the other an ephemeral one
 * (a port that is neither well-known nor catalogued), the service side is the
 * responder (pcaps README: the lower, well-known port is the server). Swaps the
 * record in place and returns true when it did.
 */
export function orientByServicePort(r: FlowRecord, ports: ServicePorts): boolean {
  if (r.transport > 1 || r.sport < 0) return false;
  const table = r.transport === 0 ? ports.tcp : ports.udp;
  if (table[r.sport] !== 1 || table[r.dport] === 1) return false;
  const v4 = r.srcV4; r.srcV4 = r.dstV4; r.dstV4 = v4;
  const t6 = r.src6; r.src6 = r.dst6; r.dst6 = t6;
  const v6 = r.src6v; r.src6v = r.dst6v; r.dst6v = v6;
  const p = r.sport; r.sport = r.dport; r.dport = p;
  return true;
}
