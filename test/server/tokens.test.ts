// `jikimi tokens issue|list|revoke` as a user runs it (the built CLI), checked against the API in process: a token
// is printed once and works, list shows no secret, a revoked token gets 401; and a person's signed token: minted
// by the CLI or signed by the company's backend with a configured key, refused (401) when signed by another key,
// expired, for another audience, longer-lived than max_ttl or not EdDSA. The subject key is printed and logged
// nowhere.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT } from "jose";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { openWorkspace } from "../../src/index.js";
import { subjectKeyPath, subjectTokenVerifier } from "../../src/public/server.js";
import { createServer } from "../../src/server/index.js";
import { jikimi, tempDir } from "../support/cli.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const SUBJECT = "HB0000000042";
const API_TOKEN = /^jk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

/** A fresh copy of the minimal example, `extraConfig` appended to its jikimi.yaml; `run` runs jikimi on it. */
function workspace(extraConfig = "") {
  const { dir, cleanup } = tempDir("jikimi-tokens-");
  cleanups.push(cleanup);
  const ws = join(dir, "ws");
  if (jikimi(["init", ws, "--example", "minimal"]).status !== 0) throw new Error("jikimi init failed");
  if (extraConfig !== "") appendFileSync(join(ws, "jikimi.yaml"), `\n${extraConfig}\n`);
  const env = { JIKIMI_KEYRING: join(dir, "keys", "test.keyring") };
  const run = (args: string[]) => jikimi([...args, "-w", ws], { env });
  return { dir, ws, env, run };
}

/** The API over the workspace in process, with the verifier `jikimi serve` uses and a request log kept in `lines`. */
async function api(w: { ws: string; env: Record<string, string> }) {
  const session = await openWorkspace({ root: w.ws, env: w.env });
  const lines: string[] = [];
  const logger = pino({ base: undefined }, { write: (line: string) => void lines.push(line) });
  const app = createServer({ session, logger, verifySubject: subjectTokenVerifier(session) });
  const whoami = (bearer: string) =>
    app.request("/v1/whoami", { headers: { authorization: `Bearer ${bearer}` } });
  return { session, app, lines, whoami };
}

const sign = (
  key: KeyObject | Uint8Array,
  claims: { sub?: string; iss: string; aud: string; iat: number; exp: number },
  alg = "EdDSA",
) =>
  new SignJWT({})
    .setProtectedHeader({ alg, typ: "JWT" })
    .setSubject(claims.sub ?? SUBJECT)
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(key);

describe("jikimi tokens", () => {
  it("prints a token once, alone on stdout; list shows no secret; a revoked token gets 401 and cannot be revoked twice", async () => {
    const w = workspace();
    const text = w.run([
      "tokens",
      "issue",
      "--role",
      "operator",
      "--name",
      "airflow-nightly",
      "--ttl",
      "90d",
    ]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^jk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n$/);
    const operator = text.stdout.trim();
    expect(text.stderr).not.toContain(operator);
    expect(text.stderr).toContain("airflow-nightly");

    const json = w.run(["tokens", "issue", "--role", "dpo", "--name", "dpo-desk", "--format", "json"]);
    expect(json.status).toBe(0);
    const issued = JSON.parse(json.stdout) as Record<string, string>;
    expect(Object.keys(issued).sort()).toEqual(["expires_at", "id", "name", "role", "token"]);
    expect(issued).toMatchObject({ name: "dpo-desk", role: "dpo" });
    expect(issued.token).toMatch(API_TOKEN);
    expect(json.stderr).not.toContain(issued.token);
    // the default lifetime is 90 days
    expect(Date.parse(issued.expires_at as string) - Date.now()).toBeGreaterThan(89 * 86_400_000);

    const bad = w.run(["tokens", "issue", "--role", "operator", "--format", "json"]);
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout).error.code).toBe("bad_option");

    const s = await api(w);
    try {
      const ok = await s.whoami(operator);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ kind: "token", role: "operator", name: "airflow-nightly" });
      expect((await s.whoami(issued.token as string)).status).toBe(200);

      const secrets = [operator, issued.token as string].map((tk) => tk.slice(16));
      const listText = w.run(["tokens", "list"]);
      const listJson = w.run(["tokens", "list", "--format", "json"]);
      expect(listText.status).toBe(0);
      expect(listText.stdout).toContain("airflow-nightly");
      const listed = JSON.parse(listJson.stdout) as { tokens: Record<string, unknown>[] };
      expect(listed.tokens.map((tk) => tk.name)).toEqual(["airflow-nightly", "dpo-desk"]);
      for (const tk of listed.tokens)
        expect(Object.keys(tk).sort()).toEqual([
          "created_at",
          "expires_at",
          "id",
          "name",
          "revoked_at",
          "role",
        ]);
      const operatorId = operator.split("_")[1] as string;
      for (const out of [listText, listJson])
        for (const secret of secrets) {
          expect(out.stdout + out.stderr).not.toContain(secret);
          expect(out.stdout + out.stderr).not.toContain(secret.slice(0, 12));
        }

      const revoked = w.run(["tokens", "revoke", operatorId, "--format", "json"]);
      expect(revoked.status).toBe(0);
      expect(JSON.parse(revoked.stdout)).toMatchObject({ id: operatorId, name: "airflow-nightly" });
      const refused = await s.whoami(operator);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
      expect((await s.whoami(issued.token as string)).status).toBe(200);

      const again = w.run(["tokens", "revoke", operatorId, "--format", "json"]);
      expect(again.status).toBe(2);
      expect(JSON.parse(again.stdout).error.code).toBe("token_revoked");
      const unknown = w.run(["tokens", "revoke", "0123456789ab", "--format", "json"]);
      expect(unknown.status).toBe(2);
      expect(JSON.parse(unknown.stdout).error.code).toBe("unknown_token");
      // a whole token pasted as the id: refused without repeating its secret
      const pasted = w.run(["tokens", "revoke", issued.token as string]);
      expect(pasted.status).toBe(2);
      expect(pasted.stderr).not.toContain(secrets[1]);
      const after = JSON.parse(w.run(["tokens", "list", "--format", "json"]).stdout) as {
        tokens: { id: string; revoked_at: string | null }[];
      };
      expect(after.tokens.find((tk) => tk.id === operatorId)?.revoked_at).toEqual(expect.any(String));
      expect(after.tokens.find((tk) => tk.id === issued.id)?.revoked_at).toBeNull();
    } finally {
      await s.session.close();
    }
  });

  it("mints a person's token that the API takes as that subject, and prints or logs the subject key nowhere", async () => {
    const w = workspace();
    const minted = w.run(["tokens", "issue", "--role", "subject", "--subject", SUBJECT, "--ttl", "10m"]);
    expect(minted.status).toBe(0);
    expect(minted.stdout).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/);
    expect(minted.stdout + minted.stderr).not.toContain(SUBJECT);
    const token = minted.stdout.trim();
    const json = w.run(["tokens", "issue", "--role", "subject", "--subject", SUBJECT, "--format", "json"]);
    expect(json.status).toBe(0);
    expect(Object.keys(JSON.parse(json.stdout)).sort()).toEqual(["expires_at", "role", "token"]);
    expect(json.stderr).not.toContain(SUBJECT);

    const s = await api(w);
    try {
      // the key file beside the keyring, owner-only
      expect(statSync(subjectKeyPath(s.session)).mode & 0o777).toBe(0o600);
      const res = await s.whoami(token);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(JSON.parse(body)).toEqual({ kind: "subject", role: "subject" });
      expect(body).not.toContain(SUBJECT);
      // a person's token reaches only the routes of role subject
      const denied = await s.app.request("/v1/access-log", { headers: { authorization: `Bearer ${token}` } });
      expect(denied.status).toBe(403);
      expect(s.lines.length).toBeGreaterThan(0);
      expect(s.lines.join("")).not.toContain(SUBJECT);
      expect(s.lines.join("")).not.toContain(token);
    } finally {
      await s.session.close();
    }

    const long = w.run([
      "tokens",
      "issue",
      "--role",
      "subject",
      "--subject",
      SUBJECT,
      "--ttl",
      "2h",
      "--format",
      "json",
    ]);
    expect(long.status).toBe(2);
    expect(JSON.parse(long.stdout).error.code).toBe("subject_token_too_long");
    expect(long.stdout + long.stderr).not.toContain(SUBJECT);
    const noSubject = w.run(["tokens", "issue", "--role", "subject", "--format", "json"]);
    expect(noSubject.status).toBe(2);
    expect(JSON.parse(noSubject.stdout).error.code).toBe("bad_subject_key");
  });

  it("refuses with 401 a subject token signed by another key, expired, for another audience, over max_ttl or not EdDSA", async () => {
    const w = workspace();
    expect(w.run(["tokens", "issue", "--role", "subject", "--subject", SUBJECT]).status).toBe(0);
    const s = await api(w);
    try {
      const own = createPrivateKey(readFileSync(subjectKeyPath(s.session), "utf8"));
      const iss = s.session.origin;
      const now = Math.floor(Date.now() / 1000);
      const good = { iss, aud: "jikimi", iat: now - 60, exp: now + 540 };
      // the control: these claims under the own key are accepted
      expect((await s.whoami(await sign(own, good))).status).toBe(200);

      const other = generateKeyPairSync("ed25519").privateKey;
      const refused = {
        "another key": await sign(other, good),
        expired: await sign(own, { ...good, iat: now - 1800, exp: now - 600 }),
        "another audience": await sign(own, { ...good, aud: "someone-else" }),
        "another issuer": await sign(own, { ...good, iss: "https://elsewhere.example" }),
        "over max_ttl": await sign(own, { ...good, iat: now - 60, exp: now + 2 * 3600 }),
        "issued in the future": await sign(own, { ...good, iat: now + 600, exp: now + 1200 }),
        "not EdDSA": await sign(new Uint8Array(32).fill(7), good, "HS256"),
        "no subject": await sign(own, { ...good, sub: "" }),
      };
      for (const [why, bearer] of Object.entries(refused)) {
        const res = await s.whoami(bearer);
        expect(res.status, why).toBe(401);
      }
      // a token cut or changed in its payload
      const [h, , sig] = (await sign(own, good)).split(".");
      const forged = Buffer.from(JSON.stringify({ ...good, sub: "HB0000000043" })).toString("base64url");
      expect((await s.whoami(`${h}.${forged}.${sig}`)).status).toBe(401);
    } finally {
      await s.session.close();
    }
  });

  it("remembers a verified token only while its times hold: the same answers as a first check, expiry included", async () => {
    const w = workspace();
    expect(w.run(["tokens", "issue", "--role", "subject", "--subject", SUBJECT]).status).toBe(0);
    const session = await openWorkspace({ root: w.ws, env: w.env });
    try {
      const verify = subjectTokenVerifier(session);
      const own = createPrivateKey(readFileSync(subjectKeyPath(session), "utf8"));
      const now = Math.floor(Date.now() / 1000);
      const token = await sign(own, { iss: session.origin, aud: "jikimi", iat: now, exp: now + 600 });
      const at = (s: number) => new Date((now + s) * 1000);
      const first = await verify(token, at(0));
      expect(first).toMatchObject({ kind: "subject", subjectKey: SUBJECT });
      // answered again from memory, and the same as a fresh verifier's answer
      expect(await verify(token, at(300))).toEqual(first);
      expect(await subjectTokenVerifier(session)(token, at(300))).toEqual(first);
      // past exp and the clock tolerance (30 s) it is refused, as a fresh verifier refuses it, and stays refused
      expect(await verify(token, at(629))).toEqual(first);
      expect(await verify(token, at(631))).toBeUndefined();
      expect(await subjectTokenVerifier(session)(token, at(631))).toBeUndefined();
      expect(await verify(token, at(300))).toEqual(first);
      expect(await verify(token, at(700))).toBeUndefined();
      // a token changed by one character is not the remembered one
      // (the second-to-last character: all of its 6 bits are the signature's, where the last one's are not)
      const changed = `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.slice(-1)}`;
      expect(changed).not.toBe(token);
      expect(await verify(changed, at(10))).toBeUndefined();
    } finally {
      await session.close();
    }
  });

  it("accepts tokens of the company's backend signed by keys named in server.subject_tokens (PEM and JWKS)", async () => {
    const { dir, cleanup } = tempDir("jikimi-backend-keys-");
    cleanups.push(cleanup);
    const pem = generateKeyPairSync("ed25519");
    const jwk = generateKeyPairSync("ed25519");
    const stranger = generateKeyPairSync("ed25519");
    writeFileSync(join(dir, "backend.pem"), pem.publicKey.export({ format: "pem", type: "spki" }));
    writeFileSync(
      join(dir, "backend.jwks.json"),
      JSON.stringify({ keys: [{ ...jwk.publicKey.export({ format: "jwk" }), kid: "b1", use: "sig" }] }),
    );
    const w = workspace(
      [
        "server:",
        "  subject_tokens:",
        "    issuer: https://backend.example",
        "    audience: jikimi-api",
        "    max_ttl: 30m",
        `    public_keys: [${join(dir, "backend.pem")}, ${join(dir, "backend.jwks.json")}]`,
      ].join("\n"),
    );
    const s = await api(w);
    try {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: "https://backend.example", aud: "jikimi-api", iat: now, exp: now + 600 };
      for (const key of [pem.privateKey, jwk.privateKey]) {
        const res = await s.whoami(await sign(key, claims));
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ kind: "subject", role: "subject" });
      }
      expect((await s.whoami(await sign(stranger.privateKey, claims))).status).toBe(401);
      expect((await s.whoami(await sign(pem.privateKey, { ...claims, aud: "jikimi" }))).status).toBe(401);
      expect((await s.whoami(await sign(pem.privateKey, { ...claims, exp: now + 3600 }))).status).toBe(401);
      // the CLI mints with the configured issuer and audience, and within max_ttl
      expect(
        w.run(["tokens", "issue", "--role", "subject", "--subject", SUBJECT, "--ttl", "1h"]).status,
      ).toBe(2);
      const minted = w.run(["tokens", "issue", "--role", "subject", "--subject", SUBJECT, "--ttl", "30m"]);
      expect(minted.status).toBe(0);
      expect((await s.whoami(minted.stdout.trim())).status).toBe(200);
    } finally {
      await s.session.close();
    }
  });

  it("stops at start when a configured public key file is not an Ed25519 key", async () => {
    const { dir, cleanup } = tempDir("jikimi-backend-keys-");
    cleanups.push(cleanup);
    writeFileSync(
      join(dir, "rsa.pem"),
      generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "pem", type: "spki" }),
    );
    const w = workspace(`server:\n  subject_tokens:\n    public_keys: [${join(dir, "rsa.pem")}]`);
    const session = await openWorkspace({ root: w.ws, env: w.env });
    try {
      expect(() => subjectTokenVerifier(session)).toThrow(
        expect.objectContaining({ code: "subject_token_key_unusable" }),
      );
    } finally {
      await session.close();
      rmSync(join(dir, "rsa.pem"));
    }
  });
});
