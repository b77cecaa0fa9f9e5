// a person's signed tokens: short-lived JWTs (EdDSA over Ed25519) whose `sub` is the subject key as the company
// knows it. The company's backend signs them with a key of its own (its public key named in jikimi.yaml
// `server.subject_tokens.public_keys`, PEM SPKI or a JWKS), or `jikimi tokens issue --role subject` mints one with
// the workspace's own key, kept beside the keyring as `<keyring>.subject-key` (PKCS8 PEM, 0600, made on first
// mint). A token verifies only with alg EdDSA, the configured issuer and audience, a lifetime (exp - iat) within
// `max_ttl`, and not expired; every failure is the same `undefined`. The subject key is never put into an error.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { type JWTPayload, jwtVerify, SignJWT } from "jose";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { WorkspaceSettings } from "./settings.js";
import { type Principal, ttlMillis } from "./tokens.js";

/** The only signature algorithm a subject token may carry (Ed25519). */
export const SUBJECT_TOKEN_ALG = "EdDSA";

/** The longest subject key a token may name (characters). */
const MAX_SUBJECT_KEY = 256;
/** How many verified subject tokens a server remembers. */
const VERIFIED_TOKENS = 10_000;
/** How far the clocks of the signer and the server may disagree, in seconds. */
const CLOCK_TOLERANCE = 30;

/** What minting and verifying read of a workspace session. */
export interface SubjectTokenWorkspace {
  readonly settings: Pick<WorkspaceSettings, "keyringPath" | "server">;
  /** the log's origin: the issuer when `server.subject_tokens.issuer` is unset */
  readonly origin: string;
}

/** The workspace's own subject-token key file: `<keyring path>.subject-key`. */
export function subjectKeyPath(ws: SubjectTokenWorkspace): string {
  return `${ws.settings.keyringPath()}.subject-key`;
}

/** The issuer and audience a token must name, and the longest lifetime it may have (ms). */
export function subjectTokenClaims(ws: SubjectTokenWorkspace): {
  issuer: string;
  audience: string;
  maxMs: number;
} {
  const st = ws.settings.server.subjectTokens;
  return {
    issuer: st.issuer !== "" ? st.issuer : ws.origin,
    audience: st.audience,
    maxMs: ttlMillis(st.maxTtl) ?? 3_600_000,
  };
}

/**
 * Mints a person's token with the workspace's own key (made on first use); refuses a lifetime over max_ttl.
 * @example const { token, expiresAt } = await mintSubjectToken(session, { subjectKey: "HB0000000042", ttl: "10m" });
 */
export async function mintSubjectToken(
  ws: SubjectTokenWorkspace,
  request: { subjectKey: string; ttl: string; now?: Date },
): Promise<{ token: string; expiresAt: string }> {
  const ms = ttlMillis(request.ttl);
  if (ms === undefined)
    throw new JikimiError("bad_ttl", t("app.tokens.bad_ttl"), { hint: t("app.tokens.bad_ttl_hint") });
  const { issuer, audience, maxMs } = subjectTokenClaims(ws);
  const maxTtl = ws.settings.server.subjectTokens.maxTtl;
  if (ms > maxMs)
    throw new JikimiError("subject_token_too_long", t("app.subject_tokens.too_long", { max: maxTtl }), {
      hint: t("app.subject_tokens.too_long_hint", { max: maxTtl }),
    });
  const key = request.subjectKey;
  if (key.trim() === "" || key.length > MAX_SUBJECT_KEY || /[\p{Cc}]/u.test(key))
    throw new JikimiError("bad_subject_key", t("app.subject_tokens.bad_subject"), {
      hint: t("app.subject_tokens.bad_subject_hint", { max: MAX_SUBJECT_KEY }),
    });
  const now = request.now ?? new Date();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + Math.floor(ms / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: SUBJECT_TOKEN_ALG, typ: "JWT" })
    .setSubject(key)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(ownKey(subjectKeyPath(ws)));
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/**
 * The verifier the API uses for a bearer that is not an opaque token: the workspace's own key (read when it
 * appears) and every public key file of `server.subject_tokens.public_keys` (read now: a bad file stops the
 * server at start). Answers undefined for any token that does not verify.
 * @example createServer({ session, verifySubject: subjectTokenVerifier(session) })
 */
export function subjectTokenVerifier(
  ws: SubjectTokenWorkspace,
): (bearer: string, now: Date) => Promise<Principal | undefined> {
  const external = ws.settings.server.subjectTokens.publicKeyFiles.flatMap(readPublicKeys);
  const { issuer, audience, maxMs } = subjectTokenClaims(ws);
  // a workspace without a keyring has no own key: only the configured public keys verify
  let ownPath: string | undefined;
  try {
    ownPath = subjectKeyPath(ws);
  } catch {
    ownPath = undefined;
  }
  let own: KeyObject | undefined;
  const keys = (): KeyObject[] => {
    if (own === undefined && ownPath !== undefined) {
      if (existsSync(ownPath)) own = createPublicKey(readOwnKey(ownPath));
    }
    return own === undefined ? external : [own, ...external];
  };
  // a person's app sends the same token with every call of its session: a token verified once is remembered
  // (bounded, oldest forgotten first) and answers again without a signature check while its times still hold
  const verified = new Map<string, { principal: Principal; iat: number; exp: number }>();
  return async (bearer, now) => {
    const seconds = now.getTime() / 1000;
    const known = verified.get(bearer);
    if (known !== undefined) {
      if (seconds < known.exp + CLOCK_TOLERANCE && known.iat <= seconds + CLOCK_TOLERANCE)
        return known.principal;
      if (seconds >= known.exp + CLOCK_TOLERANCE) verified.delete(bearer);
      return undefined;
    }
    const principal = await verifyOnce(bearer, now);
    if (principal === undefined) return undefined;
    if (verified.size >= VERIFIED_TOKENS) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    verified.set(bearer, principal);
    return principal.principal;
  };

  async function verifyOnce(
    bearer: string,
    now: Date,
  ): Promise<{ principal: Principal; iat: number; exp: number } | undefined> {
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(bearer)) return undefined;
    for (const key of keys()) {
      const payload = await verifyWith(bearer, key, { issuer, audience, now });
      if (payload === undefined) continue;
      const { sub, iat, exp } = payload;
      if (typeof sub !== "string" || sub === "" || sub.length > MAX_SUBJECT_KEY) return undefined;
      if (typeof iat !== "number" || typeof exp !== "number") return undefined;
      // a token may not outlive max_ttl, nor be issued in the future
      if ((exp - iat) * 1000 > maxMs || iat > now.getTime() / 1000 + CLOCK_TOLERANCE) return undefined;
      return {
        principal: {
          kind: "subject",
          role: "subject",
          subjectKey: sub,
          expiresAt: new Date(exp * 1000).toISOString(),
        },
        iat,
        exp,
      };
    }
    return undefined;
  }
}

async function verifyWith(
  bearer: string,
  key: KeyObject,
  c: { issuer: string; audience: string; now: Date },
): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(bearer, key, {
      algorithms: [SUBJECT_TOKEN_ALG],
      issuer: c.issuer,
      audience: c.audience,
      currentDate: c.now,
      clockTolerance: CLOCK_TOLERANCE,
      requiredClaims: ["sub", "iat", "exp"],
    });
    return payload;
  } catch {
    return undefined;
  }
}

/** The own private key, made (0600, exclusively) when the file does not exist. */
function ownKey(path: string): KeyObject {
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync("ed25519");
    writeExclusive(path, privateKey.export({ format: "pem", type: "pkcs8" }).toString());
  }
  return readOwnKey(path);
}

/** The own private key file, refused when others may read it or it is no Ed25519 PKCS8 key. */
function readOwnKey(path: string): KeyObject {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new JikimiError(
      "keyring_permissions",
      t("app.subject_tokens.key_permissions", { path, mode: mode.toString(8) }),
      {
        hint: t("app.subject_tokens.key_permissions_hint", { path }),
      },
    );
  try {
    const key = createPrivateKey(readFileSync(path, "utf8"));
    if (key.asymmetricKeyType !== "ed25519") throw new Error("not ed25519");
    return key;
  } catch {
    throw new JikimiError("subject_token_key_unusable", t("app.subject_tokens.key_unusable", { path }), {
      hint: t("app.subject_tokens.key_unusable_hint"),
    });
  }
}

/** Writes a new file at mode 0600 through a temporary and a hard link; a file made meanwhile by another run wins. */
function writeExclusive(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${randomBytes(8).toString("hex")}`;
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The Ed25519 public keys of one file: a PEM SPKI key (one or more blocks) or a JWKS (`{"keys": [...]}`). */
function readPublicKeys(path: string): KeyObject[] {
  const unusable = () =>
    new JikimiError("subject_token_key_unusable", t("app.subject_tokens.public_key_unusable", { path }), {
      hint: t("app.subject_tokens.public_key_unusable_hint"),
    });
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw unusable();
  }
  const keys: KeyObject[] = [];
  try {
    if (text.trimStart().startsWith("{")) {
      const set = JSON.parse(text) as { keys?: unknown };
      const jwks = Array.isArray(set.keys) ? set.keys : [set];
      for (const jwk of jwks) {
        const k = jwk as { kty?: unknown; crv?: unknown; use?: unknown; alg?: unknown };
        if (k.kty !== "OKP" || k.crv !== "Ed25519" || (k.use !== undefined && k.use !== "sig")) continue;
        if (k.alg !== undefined && k.alg !== SUBJECT_TOKEN_ALG && k.alg !== "Ed25519") continue;
        keys.push(createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }));
      }
    } else {
      for (const block of text.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [])
        keys.push(createPublicKey(block));
    }
  } catch {
    throw unusable();
  }
  if (keys.length === 0 || keys.some((k) => k.asymmetricKeyType !== "ed25519")) throw unusable();
  return keys;
}
