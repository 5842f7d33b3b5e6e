import type { Flow } from './types.js';

/**
 * A flow as people name it: "supervisory-control: hmi-1 -> plc-1,plc-2 modbus read-only".
 * Deliberately without the YAML list index, so messages stay identical when flows are reordered.
 */
export function describeFlow(f: Flow): string {
  const side = (xs: Flow['from']) => xs.map((e) => e.id).join(',');
  return `${f.conduit}: ${side(f.from)} -> ${side(f.to)} ${f.protocol.name}${f.access === 'read-only' ? ' read-only' : ''}`;
}
