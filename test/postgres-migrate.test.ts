// migrations of the PostgreSQL store (src/store/postgres/migrate.ts): status before and after, two hosts
// migrating at once both succeed and apply each migration once, a newer database is refused, and the schema has
// the SQLite store's tables and columns, in the same order, plus the ledger sequencer.
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { JikimiError } from "../src/errors.js";
import { type PostgresPool, redactUrl } from "../src/store/postgres/connect.js";
import { migratePostgres, migrationStatus } from "../src/store/postgres/migrate.js";
import { POSTGRES_MIGRATIONS } from "../src/store/postgres/migrations.js";
import { MIGRATIONS } from "../src/store/sqlite/migrations.js";
import { describePostgres } from "./support/postgres.js";

const KNOWN = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;

/** table -> column names in order, of the SQLite store after all its migrations */
function sqliteShape(): Map<string, string[]> {
  const db = new Database(":memory:");
  for (const m of MIGRATIONS) db.exec(m.sql);
  const shape = new Map<string, string[]>();
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const table of tables)
    shape.set(
      table,
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
    );
  db.close();
  return shape;
}

async function postgresShape(pool: PostgresPool): Promise<Map<string, string[]>> {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    "select table_name, column_name from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position",
  );
  const shape = new Map<string, string[]>();
  for (const r of rows) shape.set(r.table_name, [...(shape.get(r.table_name) ?? []), r.column_name]);
  return shape;
}

describePostgres("migrating a PostgreSQL store", (db) => {
  it("reports everything pending on a new database", async () => {
    expect(await migrationStatus(db.pool, db.url)).toEqual({
      current: 0,
      known: KNOWN,
      pending: POSTGRES_MIGRATIONS.map((m) => m.version),
    });
  });

  it("applies each migration once when two hosts migrate at the same time", async () => {
    const [a, b] = [await db.connect({ max: 2 }), await db.connect({ max: 2 })];
    const results = await Promise.all([migratePostgres(a, db.url), migratePostgres(b, db.url)]);
    for (const r of results) expect(r).toEqual({ current: KNOWN, known: KNOWN, pending: [] });
    const { rows: applied } = await db.pool.query<{ version: number; name: string }>(
      "select version, name from schema_migrations order by version",
    );
    expect(applied).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(await migrationStatus(db.pool, db.url)).toEqual({ current: KNOWN, known: KNOWN, pending: [] });
  });

  it("does nothing when run again", async () => {
    await db.pool.query("insert into ledger_meta (key, value) values ('probe', 'kept')");
    expect(await migratePostgres(db.pool, db.url)).toEqual({ current: KNOWN, known: KNOWN, pending: [] });
    const { rows } = await db.pool.query<{ value: string }>(
      "select value from ledger_meta where key = 'probe'",
    );
    expect(rows[0]?.value).toBe("kept");
  });

  it("has the SQLite store's tables and columns, in order, and one sequencer row at size 0", async () => {
    const expected = sqliteShape();
    expected.set("ledger_sequencer", ["id", "size"]);
    // sqlite/database.ts creates it outside the migrations, with these columns
    expected.set("schema_migrations", ["version", "name", "applied_at"]);
    expect(await postgresShape(db.pool)).toEqual(expected);
    expect((await db.pool.query("select id, size from ledger_sequencer")).rows).toEqual([{ id: 1, size: 0 }]);
    await expect(db.pool.query("insert into ledger_sequencer (id, size) values (2, 0)")).rejects.toThrow(
      /check/,
    );
  });

  it("keeps summaries unique, however long", async () => {
    const long = JSON.stringify({ fields: Array.from({ length: 2000 }, (_, i) => `field_${i}`) });
    for (let i = 0; i < 2; i++)
      await db.pool.query(
        "insert into ledger_summaries (summary) values ($1) on conflict ((md5(summary))) do nothing",
        [long],
      );
    const { rows } = await db.pool.query<{ n: number }>("select count(*)::int as n from ledger_summaries");
    expect(rows[0]?.n).toBe(1);
  });

  it("refuses a database newer than this jikimi, naming both versions", async () => {
    const url = new URL(db.url);
    url.password = "hidden-pass";
    await db.pool.query(
      "insert into schema_migrations (version, name, applied_at) values ($1, 'future', '')",
      [KNOWN + 1],
    );
    try {
      const err = await migratePostgres(db.pool, url.toString()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(JikimiError);
      expect((err as JikimiError).code).toBe("store_too_new");
      expect((err as JikimiError).message).toContain(`${KNOWN + 1}`);
      expect((err as JikimiError).message).toContain(redactUrl(url.toString()));
      expect((err as JikimiError).message).not.toContain("hidden-pass");
    } finally {
      await db.pool.query("delete from schema_migrations where version = $1", [KNOWN + 1]);
    }
  });
});
