// the API on PostgreSQL with two server processes' worth of sessions (two "hosts") on one database: a token issued
// on one authenticates on the other and a revocation on one holds on both, consent recorded through one is read
// through the other, and reads of people's histories through both at once land in one access log whose chain holds.
import { rmSync } from "node:fs";
import { afterEach, expect, it } from "vitest";
import { openWorkspace } from "../../src/index.js";
import { subjectTokenVerifier } from "../../src/public/server.js";
import { createServer } from "../../src/server/index.js";
import { describePostgres } from "../support/postgres.js";
import { serverWorkspace } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const json = (body: unknown) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

describePostgres("the API on PostgreSQL, two hosts", (db) => {
  it("shares tokens, consent and one access log between two servers", async () => {
    const a = await serverWorkspace(dirs, {
      example: "nsf-case-corrected",
      env: { JIKIMI_DATABASE_URL: db.url },
    });
    const sessionB = await openWorkspace({ root: a.root, env: a.env });
    const b = createServer({ session: sessionB, verifySubject: subjectTokenVerifier(sessionB) });
    const onB = (path: string, bearer: string, init: RequestInit = {}) =>
      b.request(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${bearer}` },
      });
    try {
      expect(a.session.store.dialect).toBe("postgres");
      // a token issued through host A's store authenticates on host B; revoked on B, it fails on A
      expect((await onB("/v1/whoami", a.tokens.operator)).status).toBe(200);
      const id = a.tokens.controller.split("_")[1] as string;
      expect(await sessionB.store.tokens.revoke(id, new Date().toISOString())).toBe(true);
      expect((await a.call("/v1/whoami", { as: "controller" })).status).toBe(401);

      // consent granted through A is the status B reads
      const grant = await a.call("/v1/consent/grants", {
        as: "operator",
        ...json({
          subject_key: "HB0000000042",
          purpose: "nsf-provision-overseas",
          at: "2026-01-02T03:04:05Z",
        }),
      });
      expect(grant.status).toBe(201);
      const status = await onB("/v1/consent/status", a.tokens.dpo, json({ subject_key: "HB0000000042" }));
      const consents = ((await status.json()) as { consents: { purpose: string; state: string }[] }).consents;
      expect(consents).toEqual([
        expect.objectContaining({ purpose: "nsf-provision-overseas", state: "granted" }),
      ]);

      // people read their histories through both hosts at once: every read lands once, in one chain
      const people = Array.from({ length: 12 }, (_, i) => `HB${String(i + 1).padStart(10, "0")}`);
      const answers = await Promise.all(
        people.map(async (p, i) => {
          const token = await a.subjectToken(p);
          return i % 2 === 0
            ? a.call("/v1/subjects/me/history", { as: { bearer: token } })
            : onB("/v1/subjects/me/history", token);
        }),
      );
      expect(answers.map((r) => r.status)).toEqual(people.map(() => 200));
      const log = (await (await onB("/v1/access-log?limit=100", a.tokens.dpo)).json()) as {
        events: { id: number; action: string }[];
        chain_ok: boolean;
      };
      expect(log.chain_ok).toBe(true);
      expect(log.events.map((e) => e.id)).toEqual(people.map((_, i) => i + 1));
      expect(log.events.every((e) => e.action === "subject_history")).toBe(true);
    } finally {
      await sessionB.close();
      await a.session.close();
    }
  });
});
