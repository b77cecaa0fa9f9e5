// per-agreement keys for the share gateway: HKDF-SHA256 (RFC 5869) from the keyring's master key, one
// key per (use, recipient, scope). The scope is the agreement unless a shared `link_key` name is given,
// so two agreements naming the same link_key give the same recipient the same key (what the check rule
// linkable_join_key flags) and different recipients never share one. The key id goes to the ledger;
// the key bytes go nowhere else. A retired master still derives (old tokens detokenize); a shredded one
// never does.
import { createHash, hkdfSync } from "node:crypto";
import canonicalize from "canonicalize";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { KeyEntry, Keyring } from "./keyring.js";

/** HKDF salt of every derived key; a new derivation scheme gets a new label. */
export const DERIVE_SALT = "jikimi/v1";

/** node:crypto's limit on HKDF info. */
const MAX_INFO_BYTES = 1024;

export type KeyUse = "pseudonym" | "token";

/** What a derived key is for. */
export interface DeriveParams {
  use: KeyUse;
  /** the agreement id; the scope when no link_key is given */
  agreement: string;
  recipient: string;
  /** a shared link_key name; defaults to the agreement */
  scope?: string;
  length: 32 | 64;
  /** derive under this master key id (active or retired) instead of the active one */
  master?: string;
}

/** A derived key: `keyId` (`<master id>/<16 hex>`) is safe to record; `key` is secret. */
export interface DerivedKey {
  keyId: string;
  key: Uint8Array;
}

function required(name: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0)
    throw new JikimiError("derive_invalid", t("crypto.derive.empty", { name }));
  return value;
}

/**
 * The HKDF info: RFC 8785 canonical JSON of the use, recipient, scope (tagged agreement or link_key, so a
 * link_key named like an agreement never collides with it), output length (so a 32-byte key is never the
 * prefix of a 64-byte one) and master key id.
 * @example deriveInfo({ use: "token", agreement: "a", recipient: "r", length: 32 }, "master-1a2b3c4d")
 */
export function deriveInfo(params: DeriveParams, masterId: string): Uint8Array {
  const use = params.use;
  if (use !== "pseudonym" && use !== "token")
    throw new JikimiError("derive_invalid", t("crypto.derive.bad_use", { use: String(use) }));
  const scope =
    params.scope === undefined
      ? { agreement: required("agreement", params.agreement) }
      : { link_key: required("scope", params.scope) };
  const text = canonicalize({
    v: DERIVE_SALT,
    use,
    recipient: required("recipient", params.recipient),
    scope,
    length: params.length,
    master: masterId,
  });
  const info = Buffer.from(text ?? "", "utf8");
  if (info.length > MAX_INFO_BYTES)
    throw new JikimiError("derive_invalid", t("crypto.derive.too_long", { max: MAX_INFO_BYTES }), {
      hint: t("crypto.derive.too_long_hint"),
    });
  return info;
}

function masterKey(ring: Keyring, id: string | undefined): KeyEntry & { secret: string } {
  if (id === undefined) return ring.active("master");
  const key = ring.byId(id);
  if (key?.purpose !== "master")
    throw new JikimiError("key_unknown", t("crypto.derive.no_master", { path: ring.path, id }));
  if (key.status === "shredded" || !key.secret)
    throw new JikimiError(
      "key_shredded",
      key.shredded
        ? t("crypto.derive.shredded_on", { id, date: key.shredded })
        : t("crypto.derive.shredded", { id }),
      { hint: t("crypto.derive.shredded_hint") },
    );
  return key as KeyEntry & { secret: string };
}

/**
 * A per-agreement key by HKDF-SHA256 from the active (or the named) master key.
 * @example const { keyId, key } = deriveKey(ring, { use: "pseudonym", agreement: "nsf-credit-feed", recipient: "orbit-pay-sg", length: 32 });
 */
export function deriveKey(ring: Keyring, params: DeriveParams): DerivedKey {
  const length = params.length;
  if (length !== 32 && length !== 64)
    throw new JikimiError("derive_invalid", t("crypto.derive.bad_length", { length: String(length) }));
  const master = masterKey(ring, params.master);
  const info = deriveInfo(params, master.id);
  const key = new Uint8Array(
    hkdfSync("sha256", Buffer.from(master.secret, "base64"), Buffer.from(DERIVE_SALT, "utf8"), info, length),
  );
  const short = createHash("sha256").update(info).digest("hex").slice(0, 16);
  return { keyId: `${master.id}/${short}`, key };
}

/**
 * The master key id of a derived key id (`<master id>/<hash>`), to find the key under which to
 * recompute it.
 * @example masterIdOf("master-1a2b3c4d/0123456789abcdef") // "master-1a2b3c4d"
 */
export function masterIdOf(keyId: string): string {
  const slash = keyId.indexOf("/");
  if (slash <= 0) throw new JikimiError("derive_invalid", t("crypto.derive.not_derived", { id: keyId }));
  return keyId.slice(0, slash);
}
