// One seeded generator for everything that needs reproducible randomness outside src/: the
// generated plants and flow files (bench/), the example flow datasets (scripts/) and the
// tests' shuffles and samples, so a failing seed can be replayed on any machine.

/** mulberry32: a small, well-distributed 32-bit PRNG (public domain); values in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
