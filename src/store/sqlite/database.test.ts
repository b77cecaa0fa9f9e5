import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { JikimiError } from "../../errors.js";
import { migrate, storeError } from "./database.js";
import { openSqliteStore } from "./index.js";
import { MIGRATIONS } from "./migrations.js";

const openStore = (dir: string) => openSqliteStore(join(dir, ".jikimi", "state.db"));

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "jikimi-store-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const run = {
  startedAt: "2024-05-31T00:00:00.000Z",
  checkedFor: "2024-05-31",
  workspaceDigest: "abc",
  agreements: 2,
  errors: 3,
  warnings: 1,
  gaps: 0,
  findingsJson: "[]",
};

describe("state store", () => {
  it("keeps .jikimi/ private to its owner (0700) and the database, WAL and SHM files at 0600", async () => {
    const dir = tmp();
    const old = process.umask(0o022);
    try {
      const store = openStore(dir);
      await store.checkRuns.record(run);
      const state = join(dir, ".jikimi");
      expect(statSync(state).mode & 0o777).toBe(0o700);
      for (const f of ["state.db", "state.db-wal", "state.db-shm"])
        if (existsSync(join(state, f))) expect(statSync(join(state, f)).mode & 0o777, f).toBe(0o600);
      expect(existsSync(join(state, "state.db-wal"))).toBe(true);
      await store.close();
    } finally {
      process.umask(old);
    }
  });

  it("creates .jikimi/state.db, migrates, and keeps check runs across opens", async () => {
    const ws = tmp();
    const store = openStore(ws);
    expect((await store.status()).current).toBe(MIGRATIONS.at(-1)?.version);
    await store.checkRuns.record(run);
    await store.close();
    const again = openStore(ws);
    expect(await again.checkRuns.last(5)).toEqual([{ ...run, id: 1 }]);
    await again.close();
  });

  it("widens ledger_entries' kinds to holds by rebuilding the table, keeping every row and index", () => {
    const db = new Database(":memory:");
    const before = MIGRATIONS.filter((m) => m.version < 13);
    migrate(db, before);
    const insert = db.prepare(
      `INSERT INTO ledger_entries (seq, body, leaf_hash, released_at, agreement_id, recipient_id, subject_count,
         chain_ord, pruned_at, summary_id, recorded_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(
      0,
      '{"kind":"release"}',
      Buffer.alloc(32, 1),
      "2024-06-01",
      "feed",
      "orbit",
      10,
      0,
      null,
      null,
      "t",
      "release",
    );
    insert.run(1, "", Buffer.alloc(32, 2), "", "", "", 0, 1, "t2", null, "", "release");
    insert.run(2, '{"kind":"prune"}', Buffer.alloc(32, 3), "t2", "", "", 0, 0, null, null, "t2", "prune");
    expect(() =>
      insert.run(3, "{}", Buffer.alloc(32), "t", "feed", "orbit", 5, 0, null, null, "t", "hold"),
    ).toThrow(/CHECK/);
    const rows = db.prepare("SELECT * FROM ledger_entries ORDER BY seq").all();
    migrate(db);
    expect(db.prepare("SELECT * FROM ledger_entries ORDER BY seq").all()).toEqual(rows);
    insert.run(3, "{}", Buffer.alloc(32), "t", "feed", "orbit", 5, 0, null, null, "t", "hold");
    expect(() =>
      insert.run(4, "{}", Buffer.alloc(32), "t", "feed", "orbit", 5, 0, null, null, "t", "other"),
    ).toThrow(/CHECK/);
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_entries' ORDER BY name",
      )
      .pluck()
      .all();
    expect(indexes).toEqual([
      "ledger_entries_agreement",
      "ledger_entries_history",
      "ledger_entries_recorded",
      "ledger_entries_time",
    ]);
  });

  it("applies each migration once", () => {
    const db = new Database(":memory:");
    migrate(db);
    migrate(db);
    const rows = db.prepare("SELECT version FROM schema_migrations").all();
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it("rolls a failing migration back whole", () => {
    const db = new Database(":memory:");
    const bad = [
      ...MIGRATIONS,
      { version: 99, name: "broken", sql: "CREATE TABLE t(x); INSERT INTO nope VALUES (1);" },
    ];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    expect(db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get()).toEqual({
      v: MIGRATIONS.at(-1)?.version,
    });
  });

  it("refuses a database from a newer jikimi", async () => {
    const ws = tmp();
    await openStore(ws).close();
    const db = new Database(join(ws, ".jikimi", "state.db"));
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
    db.close();
    expect(() => openStore(ws)).toThrow(/newer than this jikimi/);
  });

  it("reports pending migrations without applying them when opened for status", async () => {
    const ws = tmp();
    const store = openSqliteStore(join(ws, ".jikimi", "state.db"), { migrate: false });
    const status = await store.status();
    expect(status).toMatchObject({ dialect: "sqlite", current: 0, known: MIGRATIONS.at(-1)?.version });
    expect(status.pending.map((p) => p.version)).toEqual(MIGRATIONS.map((m) => m.version));
    await store.close();
  });

  it("turns a full disk into store_write_failed, naming the file and saying nothing was recorded", () => {
    const e = storeError(
      Object.assign(new Error("disk full"), { code: "SQLITE_FULL" }),
      "/ws/.jikimi/state.db",
    );
    expect(e).toBeInstanceOf(JikimiError);
    expect((e as JikimiError).code).toBe("store_write_failed");
    expect((e as JikimiError).message).toContain("/ws/.jikimi/state.db");
    expect((e as JikimiError).message).toContain("nothing was recorded");
  });
});
