// the ledger-signing key (Ed25519, PKCS#8 in the keyring) as a signed-note signer named by the log's origin, and
// its verifier key text, so checkpoints are c2sp.org/tlog-checkpoint notes any standard verifier opens.
import type { KeyEntry } from "../../crypto/keyring.js";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { type NoteSigner, signerFromSeed, vkeyOf } from "./signed-note.js";

const PKCS8_PREFIX = "302e020100300506032b657004220420";
const SPKI_PREFIX = "302a300506032b6570032100";

/** The note signer of a ledger-signing key, named `origin`. */
export function logNoteSigner(key: KeyEntry & { secret: string }, origin: string): NoteSigner {
  const der = Buffer.from(key.secret, "base64");
  if (der.length !== 48 || der.subarray(0, 16).toString("hex") !== PKCS8_PREFIX)
    throw new JikimiError("key_unusable", t("ledger.errors.key_unusable", { id: key.id }), {
      hint: t("ledger.errors.key_unusable_hint"),
    });
  return signerFromSeed(origin, der.subarray(16));
}

/** The vkey of a ledger-signing key's public part (base64 SPKI), named `origin`. */
export function logVkey(publicSpki: string, origin: string): string {
  const der = Buffer.from(publicSpki, "base64");
  if (der.length !== 44 || der.subarray(0, 12).toString("hex") !== SPKI_PREFIX)
    throw new JikimiError("key_unusable", t("ledger.errors.public_key_unusable"));
  return vkeyOf(origin, der.subarray(12));
}
