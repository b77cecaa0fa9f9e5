// sfc32 in 32-bit integer arithmetic, seeded per chunk from (seed, kind, chunk): same inputs, same stream.

/** A generation seed split into two 32-bit words (a non-negative safe integer). */
export interface Seed {
  readonly lo: number;
  readonly hi: number;
}

const TWO_32 = 4294967296;
const INV_32 = 1 / TWO_32;
const INV_53 = 1 / 9007199254740992;

/** Splits a non-negative safe integer into 32-bit words. @example splitSeed(1) // { lo: 1, hi: 0 } */
export function splitSeed(seed: number): Seed {
  return { lo: (seed % TWO_32) >>> 0, hi: Math.floor(seed / TWO_32) >>> 0 };
}

/** A bijective 32-bit mixer (lowbias32), so distinct inputs stay distinct. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Small fast counting generator; one per chunk, never shared between chunks. */
export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds from (seed, kind, chunkIndex); each distinct triple gives a distinct starting state. */
  constructor(seed: Seed, kind: number, chunkIndex: number) {
    this.a = mix32(seed.lo ^ 0x9e3779b9);
    this.b = mix32(seed.hi ^ 0x85ebca6b);
    this.c = mix32(chunkIndex >>> 0);
    this.d = mix32(((kind & 0xff) << 24) ^ Math.floor(chunkIndex / TWO_32)) | 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** Next unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    const c = (this.c << 21) | (this.c >>> 11);
    this.c = (c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.next() * INV_32;
  }

  /** Uniform float in [0, 1) with 53 bits of resolution (for picks among billions). */
  float53(): number {
    return ((this.next() >>> 5) * 67108864 + (this.next() >>> 6)) * INV_53;
  }

  /** Uniform integer in [0, n) for n up to about 2^20 (bias below 2^-12). */
  int(n: number): number {
    return Math.floor(this.next() * INV_32 * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p * TWO_32;
  }
}
