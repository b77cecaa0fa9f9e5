// subjects are never stored by their key: a subject key becomes HMAC-SHA256(ledger subject key, key),
// truncated to 16 bytes (collision odds for 10^9 subjects stay below 10^-20).
import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { workerFile } from "../../built.js";
import { hmacBatch, hmacKey } from "../../crypto/sha256/index.js";

export const SUBJECT_HASH_BYTES = 16;

export interface SubjectHasher {
  /** id of the key used, recorded with the dictionary */
  keyId: string;
  /** hashes every key into one buffer of `keys.length * 16` bytes */
  hashMany(keys: readonly string[]): Uint8Array;
  /**
   * `hashMany` of keys already encoded as UTF-8 one after another: key i is `messages[offsets[i], offsets[i + 1])`,
   * `offsets.length - 1` keys (the same hashes as `hashMany` of their text).
   */
  hashEncoded(messages: Uint8Array, offsets: Uint32Array): Uint8Array;
  /**
   * The 16-byte key of entry `seq`'s receipts tree: HMAC-SHA256(secret, "jikimi-receipt-key/1" || u64be(seq))[0:16].
   * A secret like the hasher's own: never print, store or return it beyond the receipts code.
   */
  receiptKey(seq: number): Uint8Array;
}

const RECEIPT_KEY_LABEL = Buffer.from("jikimi-receipt-key/1", "utf8");

/** The receipts key of entry `seq` under the ledger-subjects secret (see SubjectHasher.receiptKey). */
function receiptKeyOf(secret: Uint8Array, seq: number): Uint8Array {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new Error("an entry number is a whole number");
  const n = Buffer.alloc(8);
  n.writeBigUInt64BE(BigInt(seq));
  return new Uint8Array(
    createHmac("sha256", secret).update(RECEIPT_KEY_LABEL).update(n).digest().subarray(0, 16),
  );
}

/**
 * A hasher over node:crypto; `secret` is the keyring's ledger-subjects key.
 * @example const h = nodeSubjectHasher("ledger-subjects-1a2b", secret); h.hashMany(["HB0000000001"])
 */
export function nodeSubjectHasher(keyId: string, secret: Uint8Array): SubjectHasher {
  return {
    keyId,
    hashMany(keys) {
      const out = new Uint8Array(keys.length * SUBJECT_HASH_BYTES);
      for (let i = 0; i < keys.length; i++) {
        const mac = createHmac("sha256", secret)
          .update(keys[i] ?? "")
          .digest();
        out.set(mac.subarray(0, SUBJECT_HASH_BYTES), i * SUBJECT_HASH_BYTES);
      }
      return out;
    },
    hashEncoded(messages, offsets) {
      const n = Math.max(0, offsets.length - 1);
      const out = new Uint8Array(n * SUBJECT_HASH_BYTES);
      for (let i = 0; i < n; i++) {
        const key = messages.subarray(offsets[i] as number, offsets[i + 1] as number);
        out.set(createHmac("sha256", secret).update(key).digest().subarray(0, SUBJECT_HASH_BYTES), i * 16);
      }
      return out;
    },
    receiptKey: (seq) => receiptKeyOf(secret, seq),
  };
}

/** The first 16 bytes of each 32-byte MAC (`macs` at a 4-byte aligned offset), packed: four words each. */
function truncated(macs: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n * SUBJECT_HASH_BYTES);
  const to = new Uint32Array(out.buffer);
  const from = new Uint32Array(macs.buffer, macs.byteOffset, n * 8);
  for (let i = 0; i < n; i++) {
    const s = i * 8;
    const d = i * 4;
    to[d] = from[s] as number;
    to[d + 1] = from[s + 1] as number;
    to[d + 2] = from[s + 2] as number;
    to[d + 3] = from[s + 3] as number;
  }
  return out;
}

/** Encodes keys as UTF-8 one after another into shared memory; ASCII keys skip the encoder. */
function encodeKeys(keys: readonly string[]): { messages: Uint8Array; offsets: Uint32Array } {
  let bytes = 0;
  for (const k of keys) bytes += k.length * 3;
  const messages = new Uint8Array(new SharedArrayBuffer(Math.max(1, bytes)));
  const offsets = new Uint32Array(new SharedArrayBuffer((keys.length + 1) * 4));
  const encoder = new TextEncoder();
  let at = 0;
  for (let i = 0; i < keys.length; i++) {
    at += encodeKeyInto(keys[i] ?? "", messages, at, encoder);
    offsets[i + 1] = at;
  }
  return { messages, offsets };
}

/**
 * Writes `key` as UTF-8 at `bytes[at]` (the caller leaves 3 bytes a UTF-16 unit); returns the bytes written. ASCII
 * keys, the usual customer numbers, skip the encoder.
 * @example encodeKeyInto("HB0000000001", buf, 0, new TextEncoder()) // 12
 */
export function encodeKeyInto(
  key: string,
  bytes: Uint8Array,
  at: number,
  encoder: InstanceType<typeof TextEncoder>,
): number {
  let j = 0;
  for (; j < key.length; j++) {
    const c = key.charCodeAt(j);
    if (c > 127) break;
    bytes[at + j] = c;
  }
  return j < key.length ? encoder.encodeInto(key, bytes.subarray(at)).written : j;
}

const PARALLEL_MIN = 200_000;

/**
 * The same hashes through the batch HMAC engine (WebAssembly SIMD, about 14x node:crypto per core); large
 * batches are split with one worker thread (when running from the built package).
 * @example fastSubjectHasher(key.id, secret).hashMany(customerIds)
 */
export function fastSubjectHasher(keyId: string, secret: Uint8Array): SubjectHasher {
  const key = hmacKey(secret);
  let worker: Worker | undefined | null;
  const helper = (): Worker | null => {
    if (worker !== undefined) return worker;
    const file = workerFile("ledger/subjects/hash-worker.js");
    worker = existsSync(fileURLToPath(file))
      ? new Worker(file, { workerData: { secret: Uint8Array.from(secret).buffer } })
      : null;
    worker?.unref();
    return worker;
  };
  /** Large batches in shared memory are split with the helper thread; the rest are hashed here. */
  const hash = (messages: Uint8Array, offsets: Uint32Array): Uint8Array => {
    const n = Math.max(0, offsets.length - 1);
    const macs = new Uint8Array(new SharedArrayBuffer(Math.max(1, n * 32)));
    const shared =
      messages.buffer instanceof SharedArrayBuffer &&
      offsets.buffer instanceof SharedArrayBuffer &&
      messages.byteOffset === 0 &&
      offsets.byteOffset === 0;
    const w = n >= PARALLEL_MIN && shared ? helper() : null;
    if (w) {
      const mid = n >> 1;
      const done = new SharedArrayBuffer(4);
      w.postMessage({
        messages: messages.buffer,
        offsets: offsets.buffer,
        out: macs.buffer,
        done,
        from: mid,
        to: n,
      });
      hmacBatch(key, messages, offsets.subarray(0, mid + 1), macs.subarray(0, mid * 32));
      const flag = new Int32Array(done);
      // a worker that died or hangs must not hang the ledger: after 30 s the main thread does its half
      for (let waited = 0; Atomics.load(flag, 0) === 0 && waited < 30; waited++)
        Atomics.wait(flag, 0, 0, 1000);
      if (Atomics.load(flag, 0) !== 1)
        hmacBatch(key, messages, offsets.subarray(mid), macs.subarray(mid * 32));
    } else if (n > 0) hmacBatch(key, messages, offsets, macs);
    return truncated(macs, n);
  };
  return {
    keyId,
    hashMany(keys) {
      const { messages, offsets } = encodeKeys(keys);
      return hash(messages, offsets);
    },
    hashEncoded: hash,
    receiptKey: (seq) => receiptKeyOf(secret, seq),
  };
}
