/**
 * Purdue-level arithmetic for the architecture findings (OTPC755, OTPC756).
 *
 * The span of a conduit is the difference of its zones' Purdue levels. A span of 2 or
 * more skips a whole level (enterprise 4 <-> supervisory 2, site operations 3 <->
 * control 1, DMZ 3.5 <-> control 1). The industrial DMZ sits at 3.5, half a level, and
 * IEC 62443-3-2 / ISA-95 reference architectures place it next to both the enterprise
 * and the operations levels, so DMZ <-> level 2 (1.5) and enterprise <-> DMZ (0.5) are
 * normal architecture and stay below the threshold.
 */
export const MAX_SPAN = 1.5;

export function purdueSpan(a: number, b: number): number {
  return Math.abs(a - b);
}

/**
 * The DMZ line: the IT/OT boundary that the industrial DMZ (Purdue 3.5) sits on.
 * Enterprise and above (>= 4) is on one side, site operations and below (<= 3) on the
 * other; a DMZ zone itself is on neither, so a flow that starts or ends in it goes
 * "through a DMZ".
 */
export function crossesDmzLine(a: number, b: number): boolean {
  return (a >= 4 && b <= 3) || (a <= 3 && b >= 4);
}
