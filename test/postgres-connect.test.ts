// the PostgreSQL connection (src/store/postgres/connect.ts): failures to reach a database are store_unreachable,
// a connection dropped mid-transaction is store_connection_lost with nothing recorded, and no message, hint or
// cause ever shows the password.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { JikimiError } from "../src/errors.js";
import { withLanguage } from "../src/i18n/index.js";
import { connectPostgres, openPostgres, redactUrl, withTransaction } from "../src/store/postgres/connect.js";
import { copyRows } from "../src/store/postgres/copy.js";
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
});
