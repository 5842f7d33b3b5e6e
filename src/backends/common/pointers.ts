import { joinPointer } from '../../diagnostics/sourceMap.js';

/** JSON pointer of a zone's interface on an enforcement point, for located vendor errors. */
export function interfacePointer(ep: { pointer: string }, zone: string): string {
  return joinPointer(joinPointer(ep.pointer, 'interfaces'), zone);
}

/** JSON pointer of a zone in the policy. */
export function zonePointer(zone: string): string {
  return joinPointer('/zones', zone);
}
