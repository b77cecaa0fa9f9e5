// the PostgreSQL test harness (support/postgres.ts): what the environment asks for, and a suite's own database
// that takes a table, writes bytea and reads it back byte for byte.
import { describe, expect, it } from "vitest";
import { describePostgres, POSTGRES_SKIP_REASON, postgresMode } from "./support/postgres.js";
import { randomBytes, rng } from "./support/random.js";

describe("postgresMode", () => {
  it("runs with a URL, whatever JIKIMI_REQUIRE_POSTGRES says", () => {
    const url = "postgres://jikimi@127.0.0.1:5432/jikimi";
    expect(postgresMode({ JIKIMI_TEST_DATABASE_URL: url })).toEqual({ kind: "run", url });
    expect(postgresMode({ JIKIMI_TEST_DATABASE_URL: url, JIKIMI_REQUIRE_POSTGRES: "1" })).toEqual({
      kind: "run",
      url,
    });
  });

  it("skips with the reason when the URL is unset or blank", () => {
    expect(postgresMode({})).toEqual({ kind: "skip", reason: POSTGRES_SKIP_REASON });
    expect(postgresMode({ JIKIMI_TEST_DATABASE_URL: "  " })).toEqual({
      kind: "skip",
      reason: POSTGRES_SKIP_REASON,
    });
    expect(POSTGRES_SKIP_REASON).toContain("scripts/pg-cluster.sh start");
  });

  it("fails instead of skipping when PostgreSQL is required", () => {
    const mode = postgresMode({ JIKIMI_REQUIRE_POSTGRES: "1" });
    expect(mode.kind).toBe("fail");
    expect(mode.kind === "fail" && mode.reason).toContain("JIKIMI_TEST_DATABASE_URL");
  });
});

describePostgres("a suite's database", (db) => {
  it("is a fresh database of its own", async () => {
    const { rows } = await db.pool.query<{ name: string; tables: number }>(
      "select current_database() as name, (select count(*)::int from pg_tables where schemaname = 'public') as tables",
    );
    expect(rows).toEqual([{ name: db.name, tables: 0 }]);
    expect(db.name).toMatch(/^jikimi_test_[0-9a-f]{12}$/);
  });

  it("writes bytea and reads the same bytes back as a Buffer", async () => {
    await db.pool.query("create table blobs (id int primary key, data bytea not null)");
    const next = rng(12);
    const blobs = [
      Buffer.alloc(0),
      randomBytes(next, 1),
      randomBytes(next, 500_000),
      Buffer.from([0, 0x5c, 0x27, 0xff]),
    ];
    for (const [id, data] of blobs.entries())
      await db.pool.query("insert into blobs (id, data) values ($1, $2)", [id, data]);
    const { rows } = await db.pool.query<{ id: number; data: Buffer }>(
      "select id, data from blobs order by id",
    );
    expect(rows.map((r) => r.id)).toEqual([0, 1, 2, 3]);
    for (const r of rows) {
      expect(Buffer.isBuffer(r.data)).toBe(true);
      expect(r.data.equals(blobs[r.id] as Buffer)).toBe(true);
    }
  });

  it("reads bigint as a number", async () => {
    const { rows } = await db.pool.query<{ v: number }>("select $1::bigint + 1 as v", [2 ** 40]);
    expect(rows[0]?.v).toBe(2 ** 40 + 1);
  });

  it("gives another pool of the same database", async () => {
    const other = await db.connect({ max: 1 });
    const { rows } = await other.query<{ name: string }>("select current_database() as name");
    expect(rows[0]?.name).toBe(db.name);
  });
});
