// AES-SIV (RFC 5297, AES-CMAC-SIV) over node:crypto's raw AES: deterministic authenticated encryption for
// the token transform. Contract: `sivEncryptBatch` output equals RFC 5297's SIV || C for every message;
// `sivDecrypt` returns the plaintext only when the SIV authenticates, else null. Key material stays in a
// SivKey's private fields and is never printed.
//
// Why batched: a node:crypto cipher call per value caps at well under a million values/s, but AES-ECB is
// stateless, so the CMAC chains of a whole column advance one block per call (round r enciphers block r of
// every message still running), and CTR keystream is AES-ECB over counter blocks, one call per batch.
// The single-value decrypt uses node's aes-*-ctr, so the tests cross-check the two CTR paths.
import { type Cipher, createCipheriv, createDecipheriv, timingSafeEqual } from "node:crypto";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";

/** Doubling in GF(2^128) (RFC 5297 `dbl`), from `src` into `dst` (may alias). */
function dbl(src: Uint8Array, dst: Uint8Array): void {
  const carry = (src[0] as number) >> 7;
  for (let i = 0; i < 15; i++) dst[i] = (((src[i] as number) << 1) | ((src[i + 1] as number) >> 7)) & 0xff;
  dst[15] = (((src[15] as number) << 1) & 0xff) ^ (carry * 0x87);
}

let cipherOf: (k: SivKey) => readonly [Cipher, Cipher, Uint8Array, Uint8Array, Uint8Array] = () => {
  throw new Error("SivKey not initialised");
};

/**
 * A prepared AES-SIV key: 32 bytes (AES-128 for S2V and for CTR: RFC 5297's AEAD_AES_SIV_CMAC_256) or
 * 64 bytes (AES-256 each: AEAD_AES_SIV_CMAC_512). K1 = the first half (S2V), K2 = the second half (CTR).
 * The key bytes are not retained; only the two AES-ECB contexts and the CMAC subkeys.
 */
export class SivKey {
  readonly #mac: Cipher;
  readonly #ctr: Cipher;
  readonly #k1: Uint8Array;
  readonly #k2: Uint8Array;
  readonly #k2raw: Uint8Array;

  /** Throws JikimiError "token_key_length" unless `key` is 32 or 64 bytes. */
  constructor(key: Uint8Array) {
    if (key.length !== 32 && key.length !== 64)
      throw new JikimiError("token_key_length", t("engine.transform.siv_key", { length: key.length }), {
        hint: t("engine.transform.siv_key_hint"),
      });
    const half = key.length / 2;
    const algorithm = half === 16 ? "aes-128-ecb" : "aes-256-ecb";
    this.#mac = createCipheriv(algorithm, key.subarray(0, half), null).setAutoPadding(false);
    this.#ctr = createCipheriv(algorithm, key.subarray(half), null).setAutoPadding(false);
    this.#k2raw = Uint8Array.from(key.subarray(half));
    const l = this.#mac.update(new Uint8Array(16));
    this.#k1 = new Uint8Array(16);
    dbl(l, this.#k1);
    this.#k2 = new Uint8Array(16);
    dbl(this.#k1, this.#k2);
    l.fill(0);
  }

  static {
    cipherOf = (k) => [k.#mac, k.#ctr, k.#k1, k.#k2, k.#k2raw];
  }

  /** Never reveals key material. */
  toString(): string {
    return "SivKey(redacted)";
  }

  /** Never reveals key material. */
  toJSON(): string {
    return "SivKey(redacted)";
  }

  /** Never reveals key material in `console.log` / `util.inspect`. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "SivKey(redacted)";
  }
}

/** One AES-CMAC (RFC 4493) of `msg` under K1. */
function cmac(key: SivKey, msg: Uint8Array): Uint8Array {
  const [mac, , k1, k2] = cipherOf(key);
  const n = Math.max(1, Math.ceil(msg.length / 16));
  const complete = msg.length > 0 && msg.length % 16 === 0;
  let x: Uint8Array = new Uint8Array(16);
  for (let b = 0; b < n; b++) {
    const y = new Uint8Array(16);
    for (let j = 0; j < 16; j++) {
      const p = b * 16 + j;
      let v = p < msg.length ? (msg[p] as number) : p === msg.length ? 0x80 : 0;
      if (b === n - 1) v ^= complete ? (k1[j] as number) : (k2[j] as number);
      y[j] = v ^ (x[j] as number);
    }
    x = mac.update(y);
  }
  return x;
}

/**
 * The S2V chaining value after the associated-data strings (RFC 5297 2.4, all steps before the final
 * string): D = CMAC(0^128), then D = dbl(D) xor CMAC(S_i) per string. Constant per key and label, so the
 * token transform computes it once. Returns `dbl(D) xor K1sub` too, the constant a short final block takes.
 */
export function s2vPrefix(key: SivKey, associatedData: readonly Uint8Array[]): Uint8Array {
  const [, , k1] = cipherOf(key);
  const d = cmac(key, new Uint8Array(16));
  for (const s of associatedData) {
    dbl(d, d);
    const m = cmac(key, s);
    for (let j = 0; j < 16; j++) d[j] = (d[j] as number) ^ (m[j] as number);
  }
  const short = new Uint8Array(16);
  dbl(d, short);
  for (let j = 0; j < 16; j++) short[j] = (short[j] as number) ^ (k1[j] as number);
  const out = new Uint8Array(32);
  out.set(d, 0);
  out.set(short, 16);
  return out;
}

/**
 * S2V's final CMAC for messages `pt[offsets[i]..offsets[i+1])`, i < n, written as 16-byte SIVs to `siv`.
 * `prefix` is {@link s2vPrefix}'s output. Round r enciphers block r of every message that has one, in one
 * AES-ECB call.
 */
function s2vBatch(
  key: SivKey,
  prefix: Uint8Array,
  pt: Uint8Array,
  offsets: Uint32Array,
  n: number,
  siv: Uint8Array,
): void {
  const [mac, , k1, k2] = cipherOf(key);
  let active = new Int32Array(n);
  for (let i = 0; i < n; i++) active[i] = i;
  let count = n;
  const input = new Uint8Array(n * 16);
  siv.fill(0, 0, n * 16);
  for (let r = 0; count > 0; r++) {
    for (let a = 0; a < count; a++) {
      const i = active[a] as number;
      const from = offsets[i] as number;
      const len = (offsets[i + 1] as number) - from;
      const o = a * 16;
      const x = i * 16;
      if (len < 16) {
        // T = dbl(D) xor pad(P): one complete block, so it takes K1sub (folded into prefix[16..32)).
        for (let j = 0; j < 16; j++) {
          const v = j < len ? (pt[from + j] as number) : j === len ? 0x80 : 0;
          input[o + j] = v ^ (prefix[16 + j] as number);
        }
        continue;
      }
      // T = P xorend D; block r of T, padded and keyed with the subkey when it is the last.
      const blocks = Math.ceil(len / 16);
      const last = r === blocks - 1;
      const sub = len % 16 === 0 ? k1 : k2;
      const tail = len - 16;
      for (let j = 0; j < 16; j++) {
        const p = r * 16 + j;
        let v = p < len ? (pt[from + p] as number) : p === len ? 0x80 : 0;
        if (p >= tail && p < len) v ^= prefix[p - tail] as number;
        if (last) v ^= sub[j] as number;
        input[o + j] = v ^ (siv[x + j] as number);
      }
    }
    const enc = mac.update(input.subarray(0, count * 16));
    let next = 0;
    const still = new Int32Array(count);
    for (let a = 0; a < count; a++) {
      const i = active[a] as number;
      siv.set(enc.subarray(a * 16, a * 16 + 16), i * 16);
      const len = (offsets[i + 1] as number) - (offsets[i] as number);
      if (len >= 16 && Math.ceil(len / 16) > r + 1) still[next++] = i;
    }
    enc.fill(0);
    active = still;
    count = next;
  }
  input.fill(0);
}

/**
 * Encrypts messages `pt[offsets[i]..offsets[i+1])`, i < n, writing SIV || C (16 + length bytes) for
 * message i at `out[at[i]..)`. `prefix` is {@link s2vPrefix}(key, associated data). One ECB call per
 * CMAC round (the longest message's block count) plus one for the whole batch's keystream.
 * @example sivEncryptBatch(k, s2vPrefix(k, [label]), bytes, offsets, n, out, at)
 */
export function sivEncryptBatch(
  key: SivKey,
  prefix: Uint8Array,
  pt: Uint8Array,
  offsets: Uint32Array,
  n: number,
  out: Uint8Array,
  at: Uint32Array,
): void {
  const [, ctr] = cipherOf(key);
  const siv = new Uint8Array(n * 16);
  s2vBatch(key, prefix, pt, offsets, n, siv);
  let blocks = 0;
  for (let i = 0; i < n; i++) blocks += Math.ceil(((offsets[i + 1] as number) - (offsets[i] as number)) / 16);
  const counters = new Uint8Array(blocks * 16);
  let c = 0;
  for (let i = 0; i < n; i++) {
    const len = (offsets[i + 1] as number) - (offsets[i] as number);
    const q = i * 16;
    // Q = V with bits 63 and 31 cleared, so the low 32-bit word cannot carry for < 2^31 blocks.
    const low =
      ((((siv[q + 12] as number) & 0x7f) << 24) |
        ((siv[q + 13] as number) << 16) |
        ((siv[q + 14] as number) << 8) |
        (siv[q + 15] as number)) >>>
      0;
    for (let b = 0; b * 16 < len; b++) {
      const o = c * 16;
      counters.set(siv.subarray(q, q + 12), o);
      counters[o + 8] = (counters[o + 8] as number) & 0x7f;
      const w = low + b;
      counters[o + 12] = w >>> 24;
      counters[o + 13] = (w >>> 16) & 0xff;
      counters[o + 14] = (w >>> 8) & 0xff;
      counters[o + 15] = w & 0xff;
      c++;
    }
  }
  const stream = blocks > 0 ? ctr.update(counters) : new Uint8Array(0);
  c = 0;
  for (let i = 0; i < n; i++) {
    const from = offsets[i] as number;
    const len = (offsets[i + 1] as number) - from;
    const o = at[i] as number;
    out.set(siv.subarray(i * 16, i * 16 + 16), o);
    for (let p = 0; p < len; p++) out[o + 16 + p] = (pt[from + p] as number) ^ (stream[c * 16 + p] as number);
    c += Math.ceil(len / 16);
  }
  stream.fill(0);
  siv.fill(0);
}

/**
 * Decrypts one SIV || C under `key` and the associated data `prefix` stands for; null when it is shorter
 * than a SIV or does not authenticate (constant-time comparison). CTR runs through node's aes-*-ctr.
 * @example sivDecrypt(k, s2vPrefix(k, [label]), bytes) ?? fail()
 */
export function sivDecrypt(key: SivKey, prefix: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  if (sealed.length < 16) return null;
  const [, , , , k2raw] = cipherOf(key);
  const v = sealed.subarray(0, 16);
  const q = Uint8Array.from(v);
  q[8] = (q[8] as number) & 0x7f;
  q[12] = (q[12] as number) & 0x7f;
  const decipher = createDecipheriv(k2raw.length === 16 ? "aes-128-ctr" : "aes-256-ctr", k2raw, q);
  const pt = Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]);
  const check = new Uint8Array(16);
  s2vBatch(key, prefix, pt, Uint32Array.of(0, pt.length), 1, check);
  const ok = timingSafeEqual(check, v);
  check.fill(0);
  if (ok) return pt;
  pt.fill(0);
  return null;
}
