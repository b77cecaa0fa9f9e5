// Portable SHA-256 (FIPS 180-4) in 32-bit integer JavaScript: the reference every faster path is checked against.
//
// State lives in an Int32Array of 8 words, message words in an Int32Array(64) scratch that the compression
// expands in place. Bytes are big-endian as the standard says; all arithmetic is `| 0` wrap-around.

/** Round constants K[0..63]: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
export const SHA256_K: Int32Array = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** Initial hash value H(0): the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
export const SHA256_IV: Int32Array = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const K = SHA256_K;

/**
 * One SHA-256 compression: `state` (8 words) absorbs the block whose 16 big-endian words are `w[0..15]`.
 * `w` must have 64 entries; entries 16..63 are overwritten by the message schedule.
 */
export function compress(state: Int32Array, w: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15] as number;
    const y = w[t - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (s1 + (w[t - 7] as number) + s0 + (w[t - 16] as number)) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + (g ^ (e & (f ^ g))) + (K[t] as number) + (w[t] as number)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) | (c & (a | b)))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/** Reads 16 big-endian words of `bytes` starting at `offset` into `w[0..15]` (the block must be complete). */
export function loadBlock(w: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const p = offset + 4 * i;
    w[i] =
      ((bytes[p] as number) << 24) |
      ((bytes[p + 1] as number) << 16) |
      ((bytes[p + 2] as number) << 8) |
      (bytes[p + 3] as number);
  }
}

/**
 * Fills `w[0..15]` with the final padded block(s) of a message and compresses them into `state`:
 * `bytes[from..to)` is the unprocessed tail (< 64 bytes), `totalLength` the whole message length in bytes
 * (including anything already absorbed, e.g. an HMAC pad block).
 */
export function finish(
  state: Int32Array,
  w: Int32Array,
  bytes: Uint8Array,
  from: number,
  to: number,
  totalLength: number,
): void {
  const n = to - from;
  w.fill(0, 0, 16);
  for (let i = 0; i < n; i++) {
    const wi = i >> 2;
    w[wi] = (w[wi] as number) | ((bytes[from + i] as number) << (24 - 8 * (i & 3)));
  }
  const pi = n >> 2;
  w[pi] = (w[pi] as number) | (0x80 << (24 - 8 * (n & 3)));
  if (n > 55) {
    compress(state, w);
    w.fill(0, 0, 16);
  }
  // Bit length as a 64-bit big-endian integer; lengths stay below 2^53 bits in practice.
  const bits = totalLength * 8;
  w[14] = Math.floor(bits / 4294967296) | 0;
  w[15] = bits | 0;
  compress(state, w);
}

/** Writes the 8 state words big-endian into `out[offset..offset+32)`. */
export function storeState(state: Int32Array, out: Uint8Array, offset: number): void {
  for (let i = 0; i < 8; i++) {
    const v = state[i] as number;
    const p = offset + 4 * i;
    out[p] = v >>> 24;
    out[p + 1] = (v >>> 16) & 0xff;
    out[p + 2] = (v >>> 8) & 0xff;
    out[p + 3] = v & 0xff;
  }
}

const scratchW = new Int32Array(64);
const scratchState = new Int32Array(8);

/**
 * Absorbs `bytes[from..to)` into `state` (already seeded) after `prefixLength` bytes were absorbed,
 * including final padding: the state then holds the digest words.
 */
export function absorb(
  state: Int32Array,
  bytes: Uint8Array,
  from: number,
  to: number,
  prefixLength: number,
): void {
  const w = scratchW;
  let p = from;
  for (; p + 64 <= to; p += 64) {
    loadBlock(w, bytes, p);
    compress(state, w);
  }
  finish(state, w, bytes, p, to, prefixLength + (to - from));
}

/** Writes SHA-256(`bytes`) into `out[offset..offset+32)` without allocating. */
export function sha256Into(bytes: Uint8Array, out: Uint8Array, offset = 0): void {
  const state = scratchState;
  state.set(SHA256_IV);
  absorb(state, bytes, 0, bytes.length, 0);
  storeState(state, out, offset);
}

/**
 * SHA-256 of `bytes` (FIPS 180-4), 32 bytes.
 * @example sha256(new TextEncoder().encode("abc")) // ba7816bf...f20015ad
 */
export function sha256(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  sha256Into(bytes, out, 0);
  return out;
}
