// the HTTP API over a copy of an example workspace: a session on its own SQLite store (or a PostgreSQL URL), a
// token of each role, `subjectToken()` for a person's signed token, and `call()` to send a request as one of them
// (in process, through app.request); `twoReleases()` releases the minimal example twice.
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { initKeyring } from "../../src/crypto/keyring.js";
import { openWorkspace } from "../../src/index.js";
import { folderSink } from "../../src/io/folder-sink.js";
import { fileSource } from "../../src/io/record-source.js";
import {
  issueToken,
  mintSubjectToken,
  subjectTokenVerifier,
  type TokenRole,
} from "../../src/public/server.js";
import { createServer, type ServerOptions } from "../../src/server/index.js";
import { ROOT } from "./cli.js";

export const TOKEN_ROLES: readonly TokenRole[] = ["operator", "dpo", "regulator", "controller"];

/**
 * A server over a copy of `examples/<example>`; `dirs` collects the folder for cleanup, close the session after.
 * `lines` holds every request log line.
 */
export async function serverWorkspace(
  dirs: string[],
  options: { example?: string; env?: Record<string, string>; server?: Partial<ServerOptions> } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-api-"));
  dirs.push(dir);
  const root = join(dir, "ws");
  cpSync(join(ROOT, "examples", options.example ?? "minimal"), root, { recursive: true });
  const keyring = join(dir, "k.keyring");
  initKeyring(keyring, new Date("2025-01-01T00:00:00Z"), {});
  const env = { JIKIMI_KEYRING: keyring, ...options.env };
  const session = await openWorkspace({ root, env });
  const tokens = {} as Record<TokenRole, string>;
  for (const role of TOKEN_ROLES)
    tokens[role] = (await issueToken(session.store.tokens, { name: `test-${role}`, role, ttl: "1d" })).token;
  const lines: string[] = [];
  const logger = pino({ base: undefined }, { write: (line: string) => void lines.push(line) });
  const app = createServer({
    session,
    logger,
    verifySubject: subjectTokenVerifier(session),
    ...options.server,
  });
  /** A person's signed token for `subjectKey`, minted with the workspace's own key; call as `{ bearer }`. */
  const subjectToken = async (subjectKey: string, ttl = "10m"): Promise<string> =>
    (await mintSubjectToken(session, { subjectKey, ttl })).token;
  /** Sends a request with the token of `as` (a role, a raw bearer, or none). */
  const call = (path: string, init: RequestInit & { as?: TokenRole | { bearer: string } } = {}) => {
    const { as, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (as !== undefined)
      headers.set("authorization", `Bearer ${typeof as === "string" ? tokens[as] : as.bearer}`);
    return app.request(path, { ...rest, headers });
  };
  return { dir, root, env, keyring, session, tokens, app, call, lines, subjectToken };
}

/**
 * The minimal example's two releases (2026-06-01 and -02) of newsletter-mailing into `<dir>/out`, and the consent
 * of a member who is never released: returns a member in both releases and that known, never-released member.
 */
export async function twoReleases(s: Awaited<ReturnType<typeof serverWorkspace>>) {
  const rows = readFileSync(join(s.root, "sample", "members.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1);
  const released = rows.find((r) => r.endsWith(",true"))?.split(",")[0] as string;
  const known = rows.find((r) => r.endsWith(",false"))?.split(",")[0] as string;
  const out = join(s.dir, "out");
  mkdirSync(out);
  for (const day of ["2026-06-01", "2026-06-02"]) {
    const at = new Date(`${day}T02:00:00Z`);
    const r = await s.session.share({
      agreement: "newsletter-mailing",
      source: fileSource(join(s.root, "sample", "members.csv")),
      sink: folderSink(out, s.root),
      at,
      now: at,
      operator: "test",
    });
    if (r.held.length > 0) throw new Error(`a test release was held: ${r.held.join("; ")}`);
  }
  await s.session.consent().grant(known, "newsletter", { source: "app", at: "2026-06-02T03:00:00Z" });
  return { released, known };
}
