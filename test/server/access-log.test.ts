// GET /v1/access-log: the DPO pages through who read a person's history or receipts and who detokenized, with
// `chain_ok` telling whether the hash chain holds; every other role gets 403; an edited row breaks the chain.
import { rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type Principal, recordAccess } from "../../src/public/server.js";
import { serverWorkspace, TOKEN_ROLES } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Page {
  events: { id: number; actor: string; role: string; action: string; subject?: string; count?: number }[];
  next_after: number | null;
  chain_ok: boolean;
  broken_at?: number;
}

const controller: Principal = { kind: "token", id: "aaaaaaaaaaaa", name: "ctl", role: "controller" };
const person: Principal = {
  kind: "subject",
  role: "subject",
  subjectKey: "HB0000000042",
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
};

/** Five recorded accesses: a person's history and receipts, then detokenizations. */
async function recordSome(log: Parameters<typeof recordAccess>[0]) {
  await recordAccess(log, person, { action: "subject_history", subject: "ab".repeat(16) });
  await recordAccess(log, person, { action: "subject_receipts", subject: "ab".repeat(16) });
  for (let i = 1; i <= 3; i++)
    await recordAccess(log, controller, { action: "detokenize", agreement: "a1", field: "f", count: i });
}

describe("GET /v1/access-log", () => {
  it("shows the DPO every event, page by page, with the chain holding", async () => {
    const s = await serverWorkspace(dirs);
    try {
      await recordSome(s.session.store.accessLog);
      const res = await s.call("/v1/access-log", { as: "dpo" });
      expect(res.status).toBe(200);
      const all = (await res.json()) as Page;
      expect(all.chain_ok).toBe(true);
      expect(all.broken_at).toBeUndefined();
      expect(all.next_after).toBeNull();
      expect(all.events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
      expect(all.events[0]).toMatchObject({ actor: "subject", role: "subject", action: "subject_history" });
      expect(all.events[4]).toMatchObject({
        actor: "aaaaaaaaaaaa",
        role: "controller",
        action: "detokenize",
        count: 3,
      });
      expect(JSON.stringify(all)).not.toContain("HB0000000042");

      const first = (await (await s.call("/v1/access-log?limit=2", { as: "dpo" })).json()) as Page;
      expect(first.events.map((e) => e.id)).toEqual([1, 2]);
      expect(first.next_after).toBe(2);
      const second = (await (await s.call("/v1/access-log?after=2&limit=2", { as: "dpo" })).json()) as Page;
      expect(second.events.map((e) => e.id)).toEqual([3, 4]);
      const last = (await (
        await s.call(`/v1/access-log?after=${second.next_after}&limit=2`, { as: "dpo" })
      ).json()) as Page;
      expect(last.events.map((e) => e.id)).toEqual([5]);
      expect(last.next_after).toBeNull();
      expect(last.chain_ok).toBe(true);

      const tooMany = await s.call("/v1/access-log?limit=1001", { as: "dpo" });
      expect(tooMany.status).toBe(400);
      expect(((await tooMany.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    } finally {
      await s.session.close();
    }
  });

  it("refuses every other role with 403", async () => {
    const s = await serverWorkspace(dirs);
    try {
      for (const role of TOKEN_ROLES.filter((r) => r !== "dpo")) {
        const res = await s.call("/v1/access-log", { as: role });
        expect(res.status, role).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden_role");
      }
      const subject = await s.call("/v1/access-log", {
        as: { bearer: await s.subjectToken("HB0000000042") },
      });
      expect(subject.status).toBe(403);
      const doc = (await (await s.app.request("/openapi.json")).json()) as {
        paths: Record<string, Record<string, { "x-jikimi-roles"?: string[] }>>;
      };
      expect(doc.paths["/v1/access-log"]?.get?.["x-jikimi-roles"]).toEqual(["dpo"]);
    } finally {
      await s.session.close();
    }
  });

  it("answers chain_ok false, naming the event, once a row is changed or deleted in the database", async () => {
    const s = await serverWorkspace(dirs);
    try {
      await recordSome(s.session.store.accessLog);
      const edit = (sql: string) => {
        const db = new Database(join(s.root, ".jikimi", "state.db"));
        try {
          db.pragma("busy_timeout = 5000");
          db.exec(sql);
        } finally {
          db.close();
        }
      };
      edit("UPDATE access_log SET count = 30 WHERE id = 4");
      // the page read need not include the changed row: the chain is checked from the start
      const page = (await (await s.call("/v1/access-log?after=4", { as: "dpo" })).json()) as Page;
      expect(page.events.map((e) => e.id)).toEqual([5]);
      expect(page.chain_ok).toBe(false);
      expect(page.broken_at).toBe(4);

      // put back as it was (the fourth event opened two values), the chain holds again
      edit("UPDATE access_log SET count = 2 WHERE id = 4");
      expect(((await (await s.call("/v1/access-log", { as: "dpo" })).json()) as Page).chain_ok).toBe(true);
      edit("DELETE FROM access_log WHERE id = 2");
      const deleted = (await (await s.call("/v1/access-log", { as: "dpo" })).json()) as Page;
      expect(deleted.chain_ok).toBe(false);
      expect(deleted.broken_at).toBe(3);
    } finally {
      await s.session.close();
    }
  });
});
