/**
 * The loader's fast paths (scanSimpleYaml, cstToData) accept an input only when the reference
 * path (yaml's Composer, then toData) would find nothing to report and they know exactly what
 * it would produce. Anywhere else they call needsReference(): the attempt is abandoned and the
 * next path reads the input, so every diagnostic, its message and its position stay the
 * reference's. It throws one frozen object (no stack trace is captured: giving up is cheap).
 */
const NEEDS_REFERENCE = Object.freeze({ needsReference: true });

export function needsReference(): never {
  throw NEEDS_REFERENCE;
}

export function isNeedsReference(e: unknown): boolean {
  return e === NEEDS_REFERENCE;
}
