// the API's bearer tokens: issued as `jk_<id>_<secret>` (the secret 256 random bits, shown once), kept as SHA-256
// of the secret, expiring and revocable. `authenticate` turns a bearer into a principal, or undefined: a wrong,
// expired or revoked token is told apart in nothing the caller sees.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { Role, TokenRecord, TokenStore } from "../ports/access.js";

/** A role an opaque token can carry: a person's own access uses a short-lived signed subject token instead. */
export type TokenRole = Exclude<Role, "subject">;

/** Who is calling: an operator's, a DPO's, a regulator's or a controller's token, or one person. */
export type Principal =
  | { kind: "token"; id: string; name: string; role: TokenRole }
  /** a data subject, by the subject key the company's backend signed (held in memory only, never logged) */
  | { kind: "subject"; role: "subject"; subjectKey: string; expiresAt: string };

const PREFIX = "jk_";
const ID_BYTES = 6;
const SECRET_BYTES = 32;
// ids are lowercase hex; the secret base64url (43 characters)
const TOKEN = /^jk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

const hash = (secret: string): Buffer => createHash("sha256").update(secret, "utf8").digest();

/** Whether a bearer looks like an opaque API token (else it may be a signed subject token). */
export const isApiToken = (bearer: string): boolean => bearer.startsWith(PREFIX);

/** Converts "10m", "12h", "90d", "1y" to milliseconds; undefined when it is none of those. */
export function ttlMillis(ttl: string): number | undefined {
  const m = /^([1-9][0-9]{0,5})(m|h|d|y)$/.exec(ttl);
  if (!m) return undefined;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, y: 365 * 86_400_000 }[m[2] as "m" | "h" | "d" | "y"];
  return Number(m[1]) * unit;
}

/**
 * Makes a token and stores its hash; the returned text is the only copy of the secret.
 * @example const { token, record } = await issueToken(store, { name: "airflow", role: "operator", ttl: "90d" });
 */
export async function issueToken(
  store: TokenStore,
  request: { name: string; role: TokenRole; ttl: string; now?: Date },
): Promise<{ token: string; record: TokenRecord }> {
  const ms = ttlMillis(request.ttl);
  if (ms === undefined)
    throw new JikimiError("bad_ttl", t("app.tokens.bad_ttl"), { hint: t("app.tokens.bad_ttl_hint") });
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(request.name))
    throw new JikimiError("bad_token_name", t("app.tokens.bad_name"), {
      hint: t("app.tokens.bad_name_hint"),
    });
  const now = request.now ?? new Date();
  const id = randomBytes(ID_BYTES).toString("hex");
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  const record: TokenRecord = {
    id,
    name: request.name,
    role: request.role,
    secretHash: hash(secret),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ms).toISOString(),
  };
  await store.insert(record);
  return { token: `${PREFIX}${id}_${secret}`, record };
}

/**
 * The principal an opaque bearer token stands for, or undefined when it is malformed, unknown, wrong, expired or
 * revoked (the secret is compared in constant time).
 * @example const who = await authenticateToken(store, bearer, new Date());
 */
export async function authenticateToken(
  store: TokenStore,
  bearer: string,
  now: Date,
): Promise<Principal | undefined> {
  const m = TOKEN.exec(bearer);
  if (!m) return undefined;
  const record = await store.find(m[1] as string);
  const given = hash(m[2] as string);
  // compared even for an unknown id, so a wrong id and a wrong secret take the same time
  const expected = record ? Buffer.from(record.secretHash) : Buffer.alloc(given.length);
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  if (!record || !same || record.revokedAt !== undefined || Date.parse(record.expiresAt) <= now.getTime())
    return undefined;
  if (record.role === "subject") return undefined;
  return { kind: "token", id: record.id, name: record.name, role: record.role };
}
