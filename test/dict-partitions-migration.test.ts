// upgrading a store to the subject dictionary's 65,536 partitions (SQLite migration 12, PostgreSQL 4): a store
// holding the old layout (256 partitions by a hash's first byte) gets its partitions rebuilt by the first two bytes
// from the index-ordered copy, byte for byte what appends write.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migratePostgres } from "../src/store/postgres/migrate.js";
import { POSTGRES_MIGRATIONS } from "../src/store/postgres/migrations.js";
import { migrate } from "../src/store/sqlite/database.js";
import { MIGRATIONS } from "../src/store/sqlite/migrations.js";
import { describePostgres } from "./support/postgres.js";

// three subjects: 0 and 2 share the first byte 0x12 (one old partition), and differ in the second
const HASHES = [Buffer.alloc(16, 0x12), Buffer.alloc(16, 0x34), Buffer.from(`1234${"ab".repeat(14)}`, "hex")];
const record = (i: number): Buffer => {
  const r = Buffer.alloc(20);
  (HASHES[i] as Buffer).copy(r);
  r.writeUInt32LE(i, 16);
  return r;
};
const LINEAR = Buffer.concat(HASHES);
const OLD_ROWS: [number, Buffer][] = [
  [0x12, Buffer.concat([record(0), record(2)])],
  [0x34, record(1)],
];
const NEW_ROWS = [
  [0x1212, 0, record(0).toString("hex")],
  [0x1234, 0, record(2).toString("hex")],
  [0x3434, 0, record(1).toString("hex")],
];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("SQLite migration 12", () => {
  it("rebuilds the partitions by a hash's first two bytes from the index-ordered copy", () => {
    const dir = mkdtempSync(join(tmpdir(), "jikimi-dict-"));
    dirs.push(dir);
    const db = new Database(join(dir, "state.db"));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 11),
    );
    db.prepare("INSERT INTO subject_dict_linear (chunk, data) VALUES (0, ?)").run(LINEAR);
    db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('subjects', '3')").run();
    const put = db.prepare("INSERT INTO subject_dict (part, chunk, data) VALUES (?, 0, ?)");
    for (const [part, data] of OLD_ROWS) put.run(part, data);
    migrate(db);
    const rows = db.prepare("SELECT part, chunk, data FROM subject_dict ORDER BY part").all() as {
      part: number;
      chunk: number;
      data: Buffer;
    }[];
    expect(rows.map((r) => [r.part, r.chunk, r.data.toString("hex")])).toEqual(NEW_ROWS);
    db.close();
  });
});

describePostgres("PostgreSQL migration 4", (db) => {
  it("rebuilds the partitions by a hash's first two bytes from the index-ordered copy", async () => {
    const pool = await db.connect({ max: 2 });
    await migratePostgres(
      pool,
      db.url,
      POSTGRES_MIGRATIONS.filter((m) => m.version <= 3),
    );
    await pool.query("insert into subject_dict_linear (chunk, data) values (0, $1)", [LINEAR]);
    await pool.query("insert into ledger_meta (key, value) values ('subjects', '3')");
    for (const [part, data] of OLD_ROWS)
      await pool.query("insert into subject_dict (part, chunk, data) values ($1, 0, $2)", [part, data]);
    await migratePostgres(pool, db.url);
    const { rows } = await pool.query<{ part: number; chunk: number; data: Buffer }>(
      "select part, chunk, data from subject_dict order by part",
    );
    expect(rows.map((r) => [r.part, r.chunk, r.data.toString("hex")])).toEqual(NEW_ROWS);
  });
});
