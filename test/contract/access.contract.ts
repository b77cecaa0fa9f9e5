// the access port's contract: API tokens (insert, find, list, revoke once) and the hash-chained access log
// (chained appends, concurrent appends from two stores on one database, paging), run against every state store.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { AccessEvent, AccessLogStore, TokenRecord, TokenStore } from "../../src/ports/access.js";
import { accessHash, type Principal, recordAccess, verifyAccessLog } from "../../src/public/server.js";

/** What a backend gives the suite: a fresh, empty database's stores, a second store on it, raw SQL, its end. */
export interface AccessBackend {
  tokens: TokenStore;
  accessLog: AccessLogStore;
  /** the access log of another store opened on the same database (another process or host) */
  other(): Promise<AccessLogStore>;
  /** runs one SQL statement on the database, outside the stores (an edit by someone else) */
  edit(sql: string): Promise<void>;
  close(): Promise<void>;
}

const token = (id: string, over: Partial<TokenRecord> = {}): TokenRecord => ({
  id,
  name: `name-${id}`,
  role: "operator",
  secretHash: new Uint8Array(randomBytes(32)),
  createdAt: "2025-01-01T00:00:00.000Z",
  expiresAt: "2025-04-01T00:00:00.000Z",
  ...over,
});

const dpo: Principal = { kind: "token", id: "0123456789ab", name: "dpo", role: "dpo" };
const person: Principal = {
  kind: "subject",
  role: "subject",
  subjectKey: "HB0000000042",
  expiresAt: "2025-01-01T00:10:00.000Z",
};

/** Every event of the log, from the first. */
async function all(log: AccessLogStore): Promise<(AccessEvent & { id: number })[]> {
  return log.list({ after: 0, limit: 100_000 });
}

/**
 * Runs the access contract against one backend.
 * @example runAccessContract("sqlite", async () => sqliteBackend());
 */
export function runAccessContract(name: string, open: () => Promise<AccessBackend>): void {
  describe(`access contract: ${name}`, () => {
    const opened: AccessBackend[] = [];
    afterAll(async () => {
      for (const b of opened.splice(0)) await b.close();
    });
    const setup = async () => {
      const b = await open();
      opened.push(b);
      return b;
    };

    it("inserts, finds and lists tokens as they were given, and revokes a token once", async () => {
      const { tokens } = await setup();
      const a = token("aaaaaaaaaaaa", { role: "dpo", name: "개인정보-보호책임자" });
      const b = token("bbbbbbbbbbbb", { createdAt: "2025-01-02T00:00:00.000Z" });
      const c = token("cccccccccccc", {
        createdAt: "2024-12-31T00:00:00.000Z",
        revokedAt: "2025-01-01T00:00:00.000Z",
      });
      for (const t of [a, b, c]) await tokens.insert(t);
      expect(await tokens.find("aaaaaaaaaaaa")).toEqual(a);
      expect(await tokens.find("cccccccccccc")).toEqual(c);
      expect(await tokens.find("dddddddddddd")).toBeUndefined();
      expect((await tokens.list()).map((t) => t.id)).toEqual([
        "cccccccccccc",
        "aaaaaaaaaaaa",
        "bbbbbbbbbbbb",
      ]);

      expect(await tokens.revoke("bbbbbbbbbbbb", "2025-02-01T00:00:00.000Z")).toBe(true);
      expect(await tokens.revoke("bbbbbbbbbbbb", "2025-02-02T00:00:00.000Z")).toBe(false);
      expect(await tokens.revoke("cccccccccccc", "2025-02-02T00:00:00.000Z")).toBe(false);
      expect(await tokens.revoke("dddddddddddd", "2025-02-02T00:00:00.000Z")).toBe(false);
      expect((await tokens.find("bbbbbbbbbbbb"))?.revokedAt).toBe("2025-02-01T00:00:00.000Z");
      expect((await tokens.find("cccccccccccc"))?.revokedAt).toBe("2025-01-01T00:00:00.000Z");
      expect((await tokens.find("aaaaaaaaaaaa"))?.revokedAt).toBeUndefined();
      // ids are unique
      await expect(tokens.insert(token("aaaaaaaaaaaa"))).rejects.toThrow();
    });

    it("chains each access event's hash from the one before, starting from 32 zero bytes", async () => {
      const { accessLog } = await setup();
      expect(await all(accessLog)).toEqual([]);
      const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));
      expect(
        await recordAccess(accessLog, dpo, { action: "subject_history", subject: "ab".repeat(16) }, at(1)),
      ).toBe(1);
      expect(
        await recordAccess(
          accessLog,
          person,
          { action: "subject_receipts", subject: "cd".repeat(16) },
          at(2),
        ),
      ).toBe(2);
      expect(
        await recordAccess(
          accessLog,
          { kind: "token", id: "fedcba987654", name: "ctl", role: "controller" },
          { action: "detokenize", agreement: "nsf-credit-feed", field: "account_token", count: 3 },
          at(3),
        ),
      ).toBe(3);
      const events = await all(accessLog);
      expect(events.map((e) => e.id)).toEqual([1, 2, 3]);
      expect(events[0]).toMatchObject({ actor: "0123456789ab", role: "dpo", action: "subject_history" });
      expect(events[1]).toMatchObject({ actor: "subject", role: "subject", action: "subject_receipts" });
      expect(events[2]).toMatchObject({ agreement: "nsf-credit-feed", field: "account_token", count: 3 });
      expect(events[0]).not.toHaveProperty("count");
      expect(events[2]).not.toHaveProperty("subject");
      let previous: Uint8Array = new Uint8Array(32);
      for (const e of events) {
        const { id: _id, hash, ...rest } = e;
        expect(Buffer.from(hash).equals(Buffer.from(accessHash(previous, rest)))).toBe(true);
        previous = hash;
      }
      expect(verifyAccessLog(events)).toBeUndefined();
      // the make function sees the last hash, read in the same transaction as the insert
      const seen: Uint8Array[] = [];
      await accessLog.append((prev) => {
        seen.push(prev);
        return [
          {
            at: at(4).toISOString(),
            actor: "x",
            role: "dpo",
            action: "subject_history",
            hash: new Uint8Array(32),
          },
        ];
      });
      expect(Buffer.from(seen[0] as Uint8Array).equals(Buffer.from(events[2]?.hash as Uint8Array))).toBe(
        true,
      );
    });

    it("lands every concurrent append from two stores once, ids 1..n, in one chain that verifies", async () => {
      const backend = await setup();
      const other = await backend.other();
      const n = 40;
      const ids = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          recordAccess(i % 2 === 0 ? backend.accessLog : other, dpo, {
            action: "subject_history",
            subject: i.toString(16).padStart(32, "0"),
          }),
        ),
      );
      expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      const events = await all(other);
      expect(events.map((e) => e.id)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(new Set(events.map((e) => e.subject)).size).toBe(n);
      expect(verifyAccessLog(events)).toBeUndefined();
    });

    it("pages the log by id, and a changed or deleted event breaks the chain at its place", async () => {
      const { accessLog, edit } = await setup();
      for (let i = 0; i < 7; i++)
        await recordAccess(accessLog, dpo, { action: "subject_history", subject: `${i}`.repeat(32) });
      const first = await accessLog.list({ after: 0, limit: 3 });
      const second = await accessLog.list({ after: 3, limit: 3 });
      const third = await accessLog.list({ after: 6, limit: 3 });
      expect(first.map((e) => e.id)).toEqual([1, 2, 3]);
      expect(second.map((e) => e.id)).toEqual([4, 5, 6]);
      expect(third.map((e) => e.id)).toEqual([7]);
      expect(await accessLog.list({ after: 7, limit: 3 })).toEqual([]);
      expect(verifyAccessLog([...first, ...second, ...third])).toBeUndefined();
      // a page in the middle verifies from the hash of the event before it
      expect(verifyAccessLog(second, first[2]?.hash)).toBeUndefined();

      await edit("UPDATE access_log SET actor = 'someone-else' WHERE id = 5");
      expect(verifyAccessLog(await all(accessLog))).toBe(5);
      await edit("DELETE FROM access_log WHERE id = 5");
      expect(verifyAccessLog(await all(accessLog))).toBe(6);
    });
  });
}
