// Ed25519 signatures over canonical bytes, for checkpoints of the transfer ledger.
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import type { KeyEntry } from "./keyring.js";

export interface Signer {
  keyId: string;
  /** base64 SPKI DER of the public key, safe to publish */
  publicKey: string;
  sign(bytes: Uint8Array): string;
}

/** A signer from a keyring's ledger-signing key. */
export function signerFrom(key: KeyEntry & { secret: string }): Signer {
  const privateKey = createPrivateKey({
    key: Buffer.from(key.secret, "base64"),
    format: "der",
    type: "pkcs8",
  });
  const publicKey =
    key.public ?? createPublicKey(privateKey).export({ format: "der", type: "spki" }).toString("base64");
  return {
    keyId: key.id,
    publicKey,
    sign: (bytes) => sign(null, bytes, privateKey).toString("base64"),
  };
}

/** Verifies a base64 signature with a base64 SPKI public key; false on any malformed input. */
export function verifySignature(publicKey: string, bytes: Uint8Array, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, "base64"), format: "der", type: "spki" });
    return verify(null, bytes, key, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
