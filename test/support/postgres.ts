// PostgreSQL suites: describePostgres gives each suite a fresh database (jikimi_test_<random>) made from
// JIKIMI_TEST_DATABASE_URL and dropped after it. Without the variable the suites are skipped with a printed
// reason, unless JIKIMI_REQUIRE_POSTGRES=1 (CI), where they fail; a URL that is set but unreachable fails too.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  connectPostgres,
  type PostgresOptions,
  type PostgresPool,
} from "../../src/store/postgres/connect.js";

export const POSTGRES_SKIP_REASON =
  "PostgreSQL suites skipped: set JIKIMI_TEST_DATABASE_URL (scripts/pg-cluster.sh start) to run them";

/** What the environment asks of the PostgreSQL suites. */
export type PostgresMode =
  | { kind: "run"; url: string }
  | { kind: "skip"; reason: string }
  | { kind: "fail"; reason: string };

/** Reads JIKIMI_TEST_DATABASE_URL and JIKIMI_REQUIRE_POSTGRES from `env`. */
export function postgresMode(env: NodeJS.ProcessEnv = process.env): PostgresMode {
  const url = env.JIKIMI_TEST_DATABASE_URL?.trim();
  if (url) return { kind: "run", url };
  if (env.JIKIMI_REQUIRE_POSTGRES === "1")
    return {
      kind: "fail",
      reason:
        'JIKIMI_REQUIRE_POSTGRES=1 but JIKIMI_TEST_DATABASE_URL is unset: start a cluster (eval "$(scripts/pg-cluster.sh start)")',
    };
  return { kind: "skip", reason: POSTGRES_SKIP_REASON };
}

/** A suite's own database. Read its fields inside hooks and tests: they are set in beforeAll. */
export interface TestDatabase {
  /** the URL of this suite's database */
  readonly url: string;
  readonly name: string;
  /** a pool of 4 connections to this suite's database */
  readonly pool: PostgresPool;
  /** another pool of the same database (another host, say), closed after the suite */
  connect(options?: PostgresOptions): Promise<PostgresPool>;
}

let announced = false;

/**
 * describe() for a suite that needs PostgreSQL.
 * @example describePostgres("ledger on postgres", (db) => { it("writes", async () => { await db.pool.query("select 1"); }); });
 */
export function describePostgres(name: string, body: (db: TestDatabase) => void): void {
  const mode = postgresMode();
  if (mode.kind === "fail") {
    describe(name, () => {
      it("needs PostgreSQL", () => {
        throw new Error(mode.reason);
      });
    });
    return;
  }
  if (mode.kind === "skip") {
    if (!announced) console.warn(mode.reason);
    announced = true;
    describe.skip(name, () => body(unavailable()));
    return;
  }
  describe(name, () => {
    const db = new SuiteDatabase(mode.url);
    beforeAll(() => db.create(), 60_000);
    afterAll(() => db.drop(), 60_000);
    body(db);
  });
}

class SuiteDatabase implements TestDatabase {
  readonly name = `jikimi_test_${randomBytes(6).toString("hex")}`;
  url = "";
  private main: PostgresPool | undefined;
  private readonly pools: PostgresPool[] = [];
  constructor(private readonly serverUrl: string) {}

  get pool(): PostgresPool {
    if (this.main === undefined)
      throw new Error("the suite's database is made in beforeAll: use db.pool in tests");
    return this.main;
  }

  async create(): Promise<void> {
    await this.admin(`create database ${this.name}`);
    const url = new URL(this.serverUrl);
    url.pathname = `/${this.name}`;
    this.url = url.toString();
    this.main = await this.connect({ max: 4 });
  }

  async connect(options: PostgresOptions = {}): Promise<PostgresPool> {
    const pool = await connectPostgres(this.url, options);
    this.pools.push(pool);
    return pool;
  }

  async drop(): Promise<void> {
    await Promise.all(this.pools.splice(0).map((p) => p.end()));
    // force: a test that failed half-way may have left a session open
    if (this.url !== "") await this.admin(`drop database if exists ${this.name} with (force)`);
  }

  // the name is ours (hex), so it is safe to splice into the statement
  private async admin(statement: string): Promise<void> {
    const admin = await connectPostgres(this.serverUrl, { max: 1 });
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  }
}

function unavailable(): TestDatabase {
  const fail = (): never => {
    throw new Error(POSTGRES_SKIP_REASON);
  };
  return {
    get url() {
      return fail();
    },
    get name() {
      return fail();
    },
    get pool() {
      return fail();
    },
    connect: fail,
  };
}
