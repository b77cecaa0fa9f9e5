// HMAC-SHA256 (RFC 2104) with the key's ipad/opad states precomputed once, plus an allocation-free batch API.
//
// A short message (<= 55 bytes) then costs exactly two compressions: the inner block holding the message and
// its padding, and the outer block holding the inner digest. Batches of short messages run four at a time in
// the WebAssembly SIMD kernel; longer messages (and runtimes without WebAssembly) take the portable path.

import { JikimiError } from "../../errors.js";
import { toHex } from "./digest-set.js";
import { absorb, compress, SHA256_IV, sha256, storeState } from "./sha256.js";
import { getHmacKernel, type HmacKernel, HmacLayout } from "./wasm-kernels.js";

let statesOf: (k: HmacKey) => readonly [Int32Array, Int32Array] = () => {
  throw new Error("HmacKey not initialised");
};

/**
 * A prepared HMAC-SHA256 key: only the two chaining states after the ipad and opad blocks are kept (they are
 * key-equivalent secrets, so they are private and never printed). Build one per key with {@link hmacKey}.
 */
export class HmacKey {
  readonly #inner: Int32Array;
  readonly #outer: Int32Array;

  /** @internal Use {@link hmacKey}. */
  constructor(inner: Int32Array, outer: Int32Array) {
    this.#inner = inner;
    this.#outer = outer;
  }

  static {
    statesOf = (k) => [k.#inner, k.#outer];
  }

  /** Never reveals key material. */
  toString(): string {
    return "HmacKey(redacted)";
  }

  /** Never reveals key material. */
  toJSON(): string {
    return "HmacKey(redacted)";
  }

  /** Never reveals key material in `console.log` / `util.inspect`. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "HmacKey(redacted)";
  }
}

const w = new Int32Array(64);
const st = new Int32Array(8);

/**
 * Prepares `key` for HMAC-SHA256: keys longer than 64 bytes are hashed first (RFC 2104), then the states
 * after compressing `key ^ ipad` and `key ^ opad` are stored. The key bytes themselves are not retained.
 * @example const k = hmacKey(new TextEncoder().encode("secret"));
 */
export function hmacKey(key: Uint8Array): HmacKey {
  const k = key.length > 64 ? sha256(key) : key;
  const inner = Int32Array.from(SHA256_IV);
  const outer = Int32Array.from(SHA256_IV);
  for (const [state, pad] of [
    [inner, 0x36],
    [outer, 0x5c],
  ] as const) {
    for (let i = 0; i < 16; i++) {
      let word = 0;
      for (let j = 0; j < 4; j++) word = (word << 8) | (((k[4 * i + j] ?? 0) ^ pad) & 0xff);
      w[i] = word;
    }
    compress(state, w);
  }
  w.fill(0);
  if (k !== key) k.fill(0);
  return new HmacKey(inner, outer);
}

/** Writes HMAC(`k`, `bytes[from..to)`) into `out[offset..offset+32)` with the portable implementation. */
export function hmacInto(
  k: HmacKey,
  bytes: Uint8Array,
  from: number,
  to: number,
  out: Uint8Array,
  offset: number,
): void {
  const [inner, outer] = statesOf(k);
  st.set(inner);
  absorb(st, bytes, from, to, 64);
  for (let i = 0; i < 8; i++) w[i] = st[i] as number;
  w[8] = 0x80000000 | 0;
  w.fill(0, 9, 15);
  w[15] = 768;
  st.set(outer);
  compress(st, w);
  storeState(st, out, offset);
}

/**
 * HMAC-SHA256(key, `msg`), 32 bytes. Any length; <= 55 bytes costs two compressions.
 * @example hmac(hmacKey(key), new TextEncoder().encode("01012345678"))
 */
export function hmac(k: HmacKey, msg: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  hmacInto(k, msg, 0, msg.length, out, 0);
  return out;
}

let kernelChecked = false;

/**
 * The SIMD kernel, verified once against RFC 4231 case 2 in all four lanes when first used; `null` where
 * WebAssembly SIMD is unavailable. A kernel that runs but disagrees is an engine bug: it throws, loudly.
 */
function checkedKernel(): HmacKernel | null {
  const kernel = getHmacKernel();
  if (kernel === null || kernelChecked) return kernel;
  const L = HmacLayout;
  const data = new TextEncoder().encode("what do ya want for nothing?");
  const [inner, outer] = statesOf(hmacKey(new TextEncoder().encode("Jefe")));
  kernel.words.set(inner, L.innerState / 4);
  kernel.words.set(outer, L.outerState / 4);
  for (let i = 0; i < 4; i++) {
    kernel.memory.set(data, L.messages + i * data.length);
    kernel.words[L.offsets / 4 + i] = i * data.length;
  }
  kernel.words[L.offsets / 4 + 4] = 4 * data.length;
  kernel.run(4, 0);
  const expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  for (let i = 0; i < 4; i++) {
    if (toHex(kernel.memory, L.out + 32 * i, 32) !== expected) {
      throw new JikimiError(
        "sha256_kernel_mismatch",
        "the WebAssembly HMAC-SHA256 kernel disagrees with RFC 4231",
      );
    }
  }
  kernelChecked = true;
  return kernel;
}

/** Below this many messages the batch skips the SIMD kernel (call setup would dominate). */
const SIMD_MIN_BATCH = 8;

function shapeError(detail: string): JikimiError {
  return new JikimiError("sha256_batch_shape", `hmacBatch: ${detail}`);
}

/**
 * HMACs many messages without allocating: message i is `messages[offsets[i] .. offsets[i+1])`, so `offsets`
 * holds n + 1 non-decreasing positions (offsets[0] is usually 0), and its 32-byte MAC goes to
 * `out[32i .. 32i+32)`. Runs 4 messages at a time in WebAssembly SIMD when available.
 * @example hmacBatch(k, Buffer.from("ab" + "cde"), Uint32Array.of(0, 2, 5), new Uint8Array(64))
 */
export function hmacBatch(k: HmacKey, messages: Uint8Array, offsets: Uint32Array, out: Uint8Array): void {
  const n = offsets.length - 1;
  if (n < 0) throw shapeError("offsets must hold n + 1 positions (at least one)");
  if (out.length < n * 32)
    throw shapeError(`out holds ${out.length} bytes, ${n * 32} needed for ${n} messages`);
  let prev = offsets[0] as number;
  for (let i = 1; i <= n; i++) {
    const o = offsets[i] as number;
    if (o < prev) throw shapeError(`offsets decrease at index ${i}`);
    prev = o;
  }
  if (prev > messages.length) throw shapeError(`offsets run past the ${messages.length} message bytes`);

  const kernel = n >= SIMD_MIN_BATCH ? checkedKernel() : null;
  if (kernel === null) {
    for (let i = 0; i < n; i++)
      hmacInto(k, messages, offsets[i] as number, offsets[i + 1] as number, out, i * 32);
    return;
  }
  const L = HmacLayout;
  const [inner, outer] = statesOf(k);
  kernel.words.set(inner, L.innerState / 4);
  kernel.words.set(outer, L.outerState / 4);
  try {
    let i = 0;
    while (i < n) {
      let j = Math.min(n, i + L.chunk);
      while (j > i + 1 && (offsets[j] as number) - (offsets[i] as number) > L.messageCapacity)
        j = i + ((j - i) >> 1);
      const base = offsets[i] as number;
      const end = offsets[j] as number;
      if (end - base > L.messageCapacity) {
        hmacInto(k, messages, base, end, out, i * 32);
        i = j;
        continue;
      }
      kernel.memory.set(messages.subarray(base, end), L.messages);
      kernel.words.set(offsets.subarray(i, j + 1), L.offsets / 4);
      kernel.run(j - i, base);
      out.set(kernel.memory.subarray(L.out, L.out + (j - i) * 32), i * 32);
      for (let m = i; m < j; m++) {
        const from = offsets[m] as number;
        const to = offsets[m + 1] as number;
        if (to - from > L.maxShort) hmacInto(k, messages, from, to, out, m * 32);
      }
      i = j;
    }
  } finally {
    kernel.words.fill(0, L.innerState / 4, L.outerState / 4 + 8);
  }
}
