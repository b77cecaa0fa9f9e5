// signed checkpoints: tree size, root and time under the ledger's Ed25519 key. A regulator keeps one;
// later it proves the log only grew since then, and that nobody rewrote what it covers.
import canonicalize from "canonicalize";
import { z } from "zod";
import type { Signer } from "../crypto/signing.js";
import { verifySignature } from "../crypto/signing.js";

export const CHECKPOINT_FORMAT = "jikimi-checkpoint/1";

export const CheckpointSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  log: z.string().min(1).describe("the controller whose log this is"),
  size: z.number().int().nonnegative(),
  root: z.string().regex(/^[0-9a-f]{64}$/),
  time: z.string(),
  key_id: z.string().min(1),
  public_key: z
    .string()
    .min(1)
    .describe("base64 SPKI of the signing key; pin it, do not trust it from the file"),
  signature: z.string().min(1),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

function signedBytes(c: Omit<Checkpoint, "signature">): Buffer {
  const { format, log, size, root, time, key_id } = c;
  return Buffer.from(canonicalize({ format, log, size, root, time, key_id }) ?? "", "utf8");
}

/** Signs a checkpoint of `size` leaves with `root` (hex). */
export function signCheckpoint(
  signer: Signer,
  log: string,
  size: number,
  root: string,
  time: string,
): Checkpoint {
  const body = {
    format: CHECKPOINT_FORMAT,
    log,
    size,
    root,
    time,
    key_id: signer.keyId,
    public_key: signer.publicKey,
  } as const;
  return { ...body, signature: signer.sign(signedBytes(body)) };
}

/** True when the signature holds under `publicKey` (the pinned key, not the one the file names). */
export function checkpointSignatureValid(c: Checkpoint, publicKey: string): boolean {
  return verifySignature(publicKey, signedBytes(c), c.signature);
}

/** Bytes a per-append tree head signs: size, root, the new leaf and the time. */
export function headBytes(
  size: number,
  root: Uint8Array,
  leaf: Uint8Array,
  time: string,
  keyId: string,
): Buffer {
  const text = canonicalize({
    format: "jikimi-tree-head/1",
    size,
    root: Buffer.from(root).toString("hex"),
    leaf: Buffer.from(leaf).toString("hex"),
    time,
    key_id: keyId,
  });
  return Buffer.from(text ?? "", "utf8");
}
