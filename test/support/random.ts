// seeded randomness for tests: the same seed gives the same inputs, so a failing case can be replayed from it.

/** mulberry32: a seeded 32-bit generator; each call returns a whole number in 0..2^32 - 1. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Lengths 0..max weighted to short values: 60% <= 56, 25% <= 128, 15% <= max. */
export function weightedLength(next: () => number, max = 200): number {
  const r = next() % 100;
  if (r < 60) return next() % 57;
  if (r < 85) return next() % 129;
  return next() % (max + 1);
}

/** `n` bytes drawn from `next`, one call a byte. */
export function randomBytes(next: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = next() & 0xff;
  return b;
}
