// column-name hints: Hangul hints match anywhere in the name (고객휴대폰번호 holds 휴대폰); Latin hints match whole
// tokens of the name split at case changes and non-alphanumerics (phoneNumber, phone_no, client-ip), so "tel"
// matches tel_no but not hotel. A negative word (order, product, 주문, ...) makes a name an identifier of something
// other than a person, which cancels a positive hint.

const NEGATIVE = [
  "order",
  "orders",
  "sku",
  "product",
  "item",
  "invoice",
  "serial",
  "version",
  "ver",
  "tracking",
  "주문",
  "상품",
  "송장",
  "품번",
  "제품",
];

/** A column name prepared for hint matching. */
export interface ColumnName {
  lower: string;
  tokens: string[];
  negative: boolean;
}

/** Splits a column name into lower-case tokens. @example prepareName("customerPhone_no").tokens // ["customer","phone","no"] */
export function prepareName(name: string): ColumnName {
  const lower = name.toLowerCase();
  const tokens = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== "");
  const prepared = { lower, tokens, negative: false };
  prepared.negative = NEGATIVE.some((h) => hintMatches(prepared, h));
  return prepared;
}

/** True when `hint` matches the name (see the module comment). */
export function hintMatches(name: ColumnName, hint: string): boolean {
  if (/[^a-z0-9_]/.test(hint)) return name.lower.includes(hint);
  const parts = hint.split("_");
  const t = name.tokens;
  outer: for (let i = 0; i + parts.length <= t.length; i++) {
    for (let j = 0; j < parts.length; j++) if (t[i + j] !== parts[j]) continue outer;
    return true;
  }
  return false;
}

/** The first of `hints` the name matches, or undefined; a negative word matches nothing. */
export function firstHint(name: ColumnName, hints: readonly string[] | undefined): string | undefined {
  if (hints === undefined || name.negative) return undefined;
  return hints.find((h) => hintMatches(name, h));
}

/** Latin name tokens that say a column holds digests (sha256, md5, phone_hash, hashed_email, ...). */
const HASH_TOKEN = /^(?:hash|hashed|hashes|digest|sha|sha\d{1,3}|md5)$/;
const HASH_SUBSTRINGS = ["해시", "암호화"];

/**
 * The hash hint of a column name, or undefined: a token hash, hashed, digest, sha, sha1, sha256, md5 (phone_hash,
 * emailSha256), a name ending in "hash" (phonehash), or 해시 / 암호화 anywhere.
 * @example hashHint(prepareName("phone_sha256")) // "sha256"
 */
export function hashHint(name: ColumnName): string | undefined {
  const token = name.tokens.find((t) => HASH_TOKEN.test(t));
  if (token !== undefined) return token;
  if (/[a-z]hash$/.test(name.lower)) return "hash";
  return HASH_SUBSTRINGS.find((h) => name.lower.includes(h));
}
