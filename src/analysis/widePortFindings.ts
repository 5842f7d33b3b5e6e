import type { Finding } from '../assess/types.js';
import { describeFlow } from '../model/describeFlow.js';
import type { Model } from '../model/types.js';

/**
 * OTPC754: a raw port range (`tcp/N-M`, `udp/N-M`) wider than 1024 ports, up to every
 * port (SR 7.7 least functionality, SR 5.2 RE 1 allow by exception). 1024 is the size
 * of the whole well-known range: no single OT protocol needs more, and the dynamic
 * ranges some need (DCOM, OPC Classic) are catalogue protocols, which are not flagged.
 */
export const MAX_RAW_PORTS = 1024;

export function widePortFindings(model: Model): Finding[] {
  const out: Finding[] = [];
  for (const c of model.conduits.values()) {
    for (const f of c.flows) {
      if (f.protocol.catalogId !== undefined) continue;
      for (const p of f.protocol.ports) {
        const width = p.ports[1] - p.ports[0] + 1;
        if (width <= MAX_RAW_PORTS) continue;
        const all = p.ports[0] <= 1 && p.ports[1] >= 65535;
        out.push({
          code: 'OTPC754', severity: 'warning', pointer: f.pointer,
          message: `flow ${describeFlow(f)} allows ${p.transport}/${p.ports[0]}-${p.ports[1]}: ${all ? 'every port' : `${width} ports`} (more than ${MAX_RAW_PORTS})`,
        });
      }
    }
  }
  return out;
}
