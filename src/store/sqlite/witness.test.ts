// the witness store on SQLite: a witness.db written before the port opens with its rows, a newer one is refused,
// files are private, and the checkpoint's compare-and-swap stores only over the expected checkpoint.
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../../test/support/cli.js";
import { openSqliteWitnessStore } from "./witness.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function file(): string {
  const { dir, cleanup } = tempDir("jikimi-witness-store-");
  cleanups.push(cleanup);
  return join(dir, "w", "witness.db");
}
const root = (n: number) => new Uint8Array(32).fill(n);

describe("the SQLite witness store", () => {
  it("opens a witness.db made before the port (user_version 1) with its keys, checkpoints and evidence", async () => {
    const f = file();
    mkdirSync(join(f, ".."), { mode: 0o700 });
    // the schema and rows as the witness wrote them before its SQL moved under src/store
    const old = new Database(f);
    old.exec(`
      CREATE TABLE log_keys (origin TEXT NOT NULL, vkey TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (origin, vkey));
      CREATE TABLE checkpoints (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE evidence (id INTEGER PRIMARY KEY, origin TEXT NOT NULL, received_at TEXT NOT NULL, reason TEXT NOT NULL,
        request TEXT NOT NULL);
      CREATE INDEX evidence_origin ON evidence (origin, id);
    `);
    old.pragma("user_version = 1");
    old.prepare("INSERT INTO log_keys VALUES ('o', 'k1', '2026-01-01T00:00:00Z')").run();
    old
      .prepare("INSERT INTO checkpoints VALUES ('o', 7, ?, '2026-01-01T00:00:00Z')")
      .run(Buffer.from(root(7)));
    old
      .prepare(
        "INSERT INTO evidence (origin, received_at, reason, request) VALUES ('o', 't', 'inconsistent', 'r')",
      )
      .run();
    old.close();
    const store = openSqliteWitnessStore(f);
    expect(await store.logKeys("o")).toEqual(["k1"]);
    expect(await store.logs()).toEqual([{ origin: "o", vkeys: ["k1"], size: 7 }]);
    expect(await store.latest("o")).toEqual({ size: 7, root: root(7) });
    expect(await store.evidence("o")).toEqual([{ receivedAt: "t", reason: "inconsistent", request: "r" }]);
    await store.close();
  });

  it("refuses a witness.db from a newer jikimi, and keeps its files private", async () => {
    const f = file();
    const store = openSqliteWitnessStore(f);
    await store.addLogKey("o", "k", "t");
    for (const g of [f, `${f}-wal`, `${f}-shm`]) expect(statSync(g).mode & 0o777).toBe(0o600);
    expect(statSync(join(f, "..")).mode & 0o777).toBe(0o700);
    await store.close();
    const db = new Database(f);
    db.pragma("user_version = 2");
    db.close();
    expect(() => openSqliteWitnessStore(f)).toThrow(expect.objectContaining({ code: "witness_db_too_new" }));
  });

  it("swaps a checkpoint only over the expected one, and returns what is stored otherwise", async () => {
    const store = openSqliteWitnessStore(file());
    expect(await store.swapCheckpoint("o", undefined, { size: 3, root: root(3) }, "t")).toEqual({
      swapped: true,
    });
    // a second writer that still expects none
    expect(await store.swapCheckpoint("o", undefined, { size: 5, root: root(5) }, "t")).toEqual({
      swapped: false,
      latest: { size: 3, root: root(3) },
    });
    // the right size with another root is not the expected checkpoint
    expect(
      (await store.swapCheckpoint("o", { size: 3, root: root(9) }, { size: 5, root: root(5) }, "t")).swapped,
    ).toBe(false);
    const [a, b] = await Promise.all([
      store.swapCheckpoint("o", { size: 3, root: root(3) }, { size: 6, root: root(6) }, "t"),
      store.swapCheckpoint("o", { size: 3, root: root(3) }, { size: 8, root: root(8) }, "t"),
    ]);
    expect(a).toEqual({ swapped: true });
    expect(b).toEqual({ swapped: false, latest: { size: 6, root: root(6) } });
    expect(await store.latest("o")).toEqual({ size: 6, root: root(6) });
    await store.close();
  });
});
