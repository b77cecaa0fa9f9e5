import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations.js";
import { migrate, openStore } from "./sqlite.js";

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
  it("keeps .jikimi/ private to its owner (0700) and the database, WAL and SHM files at 0600", () => {
    const dir = tmp();
    const old = process.umask(0o022);
    try {
      const store = openStore(dir);
      store.recordCheckRun(run);
      const state = join(dir, ".jikimi");
      expect(statSync(state).mode & 0o777).toBe(0o700);
      for (const f of ["state.db", "state.db-wal", "state.db-shm"])
        if (existsSync(join(state, f))) expect(statSync(join(state, f)).mode & 0o777, f).toBe(0o600);
      expect(existsSync(join(state, "state.db-wal"))).toBe(true);
      store.close();
    } finally {
      process.umask(old);
    }
  });

  it("creates .jikimi/state.db, migrates, and keeps check runs across opens", () => {
    const ws = tmp();
    const store = openStore(ws);
    expect(store.version()).toBe(MIGRATIONS.at(-1)?.version);
    store.recordCheckRun(run);
    store.close();
    const again = openStore(ws);
    expect(again.lastCheckRuns(5)).toEqual([{ ...run, id: 1 }]);
    again.close();
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

  it("refuses a database from a newer jikimi", () => {
    const ws = tmp();
    openStore(ws).close();
    const db = new Database(join(ws, ".jikimi", "state.db"));
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
    db.close();
    expect(() => openStore(ws)).toThrow(/newer than this jikimi/);
  });
});
