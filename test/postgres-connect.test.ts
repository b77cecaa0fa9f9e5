// the PostgreSQL connection (src/store/postgres/connect.ts): failures to reach a database are store_unreachable,
// a connection dropped mid-transaction is store_connection_lost with nothing recorded, and no message, hint or
// cause ever shows the password.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { JikimiError } from "../src/errors.js";
import { withLanguage } from "../src/i18n/index.js";
import { connectPostgres, openPostgres, redactUrl, withTransaction } from "../src/store/postgres/connect.js";
import { copyBinaryRows, copyInt8Rows, copyRows } from "../src/store/postgres/copy.js";
import { describePostgres } from "./support/postgres.js";

const SECRET = "s3cret-Pa55";

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** The failure of `work`, as a JikimiError whose every visible part lacks the password. */
async function failure(work: () => Promise<unknown>): Promise<JikimiError> {
  const err = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(JikimiError);
  const e = err as JikimiError;
  const shown = [
    e.message,
    e.summary,
    e.hint ?? "",
    String(e.cause ?? ""),
    JSON.stringify(e.cause ?? null),
    e.stack,
  ];
  for (const text of shown) expect(text).not.toContain(SECRET);
  return e;
}

describe("redactUrl", () => {
  it("masks the password and keeps the rest", () => {
    expect(redactUrl(`postgres://app:${SECRET}@db.example:5432/jikimi?sslmode=require`)).toBe(
      "postgres://app:***@db.example:5432/jikimi?sslmode=require",
    );
    expect(redactUrl("postgres://app@db.example/jikimi")).toBe("postgres://app@db.example/jikimi");
  });

  it("masks a password in a string that is not a URL", () => {
    expect(redactUrl(`postgres://app:${SECRET}@[bad host/jikimi`)).toBe(
      "postgres://app:***@[bad host/jikimi",
    );
  });
});

describe("connectPostgres without a server", () => {
  it("is store_unreachable when the connection is refused, naming the variable and jikimi.yaml", async () => {
    const port = await closedPort();
    const e = await failure(() => connectPostgres(`postgres://app:${SECRET}@127.0.0.1:${port}/jikimi`));
    expect(e.code).toBe("store_unreachable");
    expect(e.summary).toContain(`postgres://app:***@127.0.0.1:${port}/jikimi`);
    expect(e.summary).toContain("ECONNREFUSED");
    expect(e.hint).toContain("JIKIMI_DATABASE_URL");
    expect(e.hint).toContain("store:");
  });

  it("is store_unreachable when the host name does not resolve", async () => {
    const e = await failure(() =>
      connectPostgres(`postgres://app:${SECRET}@no-such-host.invalid:5432/jikimi`, {
        connectTimeoutSeconds: 5,
      }),
    );
    expect(e.code).toBe("store_unreachable");
    expect(e.summary).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });

  it("is store_unreachable for a malformed URL, without quoting it", async () => {
    const e = await failure(async () => openPostgres(`postgres://app:${SECRET}@[bad host/jikimi`));
    expect(e.code).toBe("store_unreachable");
    expect(e.summary).toContain("invalid URL");
    expect(e.cause).toBeUndefined();
  });

  it("speaks Korean", async () => {
    const port = await closedPort();
    const e = await withLanguage("ko", () =>
      failure(() => connectPostgres(`postgres://app:${SECRET}@127.0.0.1:${port}/x`)),
    );
    expect(e.summary).toContain("연결할 수 없습니다");
    expect(e.hint).toContain("JIKIMI_DATABASE_URL");
  });
});

describePostgres("connectPostgres with a server", (db) => {
  /** This suite's URL with `change` applied (a password added, another user or database). */
  function variant(change: (url: URL) => void): string {
    const url = new URL(db.url);
    change(url);
    return url.toString();
  }

  it("is store_unreachable for a database that does not exist", async () => {
    const url = variant((u) => {
      u.password = SECRET;
      u.pathname = `/${db.name}_missing`;
    });
    const e = await failure(() => connectPostgres(url));
    expect(e.code).toBe("store_unreachable");
    expect(e.summary).toContain("3D000");
  });

  it("is store_unreachable for a role that does not exist", async () => {
    const url = variant((u) => {
      u.username = "no_such_role";
      u.password = SECRET;
    });
    const e = await failure(() => connectPostgres(url));
    expect(e.code).toBe("store_unreachable");
    expect(e.summary).toContain("28000");
  });

  it("is store_connection_lost when the connection drops mid-transaction, and nothing is recorded", async () => {
    await db.pool.query("create table appended (seq bigint primary key)");
    const url = variant((u) => {
      u.password = SECRET;
    });
    const victim = await db.connect({ max: 1 });
    const e = await failure(() =>
      withTransaction(victim, url, async (tx) => {
        await tx.query("insert into appended (seq) values (1)");
        const { rows } = await tx.query<{ pid: number }>("select pg_backend_pid() as pid");
        await db.pool.query("select pg_terminate_backend($1)", [rows[0]?.pid]);
        await tx.query("insert into appended (seq) values (2)");
      }),
    );
    expect(e.code).toBe("store_connection_lost");
    expect(e.hint).toContain("nothing was recorded");
    expect(e.summary).toContain("postgres://");
    expect((await db.pool.query("select seq from appended")).rows).toEqual([]);
    // the pool replaces the dead connection
    expect((await victim.query<{ one: number }>("select 1 as one")).rows).toEqual([{ one: 1 }]);
  });

  it("copies rows in a transaction, and a row the server rejects rolls it back", async () => {
    await db.pool.query("create table pairs (subject bigint, seq bigint, primary key (subject, seq))");
    const lines = Array.from({ length: 5 }, (_, k) => `${k * 7}\t${k}\n`);
    const written = await withTransaction(db.pool, db.url, (tx) =>
      copyRows(tx, "copy pairs (subject, seq) from stdin", lines),
    );
    expect(written).toBe(5);
    const failed = withTransaction(db.pool, db.url, async (tx) => {
      await tx.query("insert into pairs (subject, seq) values (100, 100)");
      return copyRows(tx, "copy pairs (subject, seq) from stdin", ["1\t1\n", "1\t1\n"]);
    });
    await expect(failed).rejects.toMatchObject({ code: "23505" });
    const { rows } = await db.pool.query<{ n: number }>("select count(*)::int as n from pairs");
    expect(rows[0]?.n).toBe(5);
  });
  it("reads a binary COPY row by row and as int8 columns, across chunks, and frees the connection after a break", async () => {
    await db.pool.query("create table blobs (k integer, v bytea, n bigint)");
    // rows larger than a network chunk, empty and NULL values, and int8s past 2^32
    await db.pool.query(
      `insert into blobs select k, case when k = 3 then null when k = 4 then '' else
         decode(repeat(lpad(to_hex(k), 2, '0'), 300000 + k), 'hex') end, k * 5000000000 from generate_series(1, 6) k`,
    );
    await withTransaction(db.pool, db.url, async (tx) => {
      const rows: [number, number | null, number][] = [];
      for await (const [k, v, n] of copyBinaryRows(
        tx,
        "COPY (SELECT k, v, n FROM blobs ORDER BY k) TO STDOUT (FORMAT binary)",
      )) {
        expect(v === null || (v ?? Buffer.alloc(0)).every((b) => b === k?.readInt32BE(0))).toBe(true);
        rows.push([
          k?.readInt32BE(0) ?? -1,
          v === null ? null : (v?.length ?? -1),
          Number(n?.readBigInt64BE(0)),
        ]);
      }
      expect(rows).toEqual(
        [1, 2, 3, 4, 5, 6].map((k) => [k, k === 3 ? null : k === 4 ? 0 : 300000 + k, k * 5000000000]),
      );
      // a break leaves the rest to be read: the next statement on the same connection runs
      for await (const [k] of copyBinaryRows(
        tx,
        "COPY (SELECT k, v FROM blobs ORDER BY k) TO STDOUT (FORMAT binary)",
      ))
        if (k?.readInt32BE(0) === 2) break;
      expect((await tx.query<{ n: number }>("select count(*)::int as n from blobs")).rows).toEqual([
        { n: 6 },
      ]);
      // int8 columns straight into pages of 4 rows
      const pages: number[][] = [];
      for await (const page of copyInt8Rows(
        tx,
        "COPY (SELECT n, k::bigint FROM generate_series(1, 10) k, lateral (select k * 5000000000 as n) x) TO STDOUT (FORMAT binary)",
        2,
        4,
      ))
        pages.push([...page.values.subarray(0, page.count * 2)]);
      expect(pages.map((p) => p.length / 2)).toEqual([4, 4, 2]);
      expect(pages.flat()).toEqual(
        Array.from({ length: 10 }, (_, i) => [(i + 1) * 5000000000, i + 1]).flat(),
      );
      await expect(
        (async () => {
          for await (const _ of copyInt8Rows(tx, "COPY (SELECT k FROM blobs) TO STDOUT (FORMAT binary)", 2)) {
          }
        })(),
      ).rejects.toThrow(/int8 columns/);
    });
  });
});
