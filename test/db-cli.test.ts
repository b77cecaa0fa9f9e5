// `jikimi db status | migrate` and the `store` setting, on the embedded SQLite default and on PostgreSQL: the
// CLI reaches whichever database the workspace names, and a password never sits in the tracked jikimi.yaml.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jikimi, ROOT, tempDir } from "./support/cli.js";
import { describePostgres } from "./support/postgres.js";

const workspace = () => {
  const t = tempDir("jikimi-db-");
  cpSync(join(ROOT, "examples", "minimal"), t.dir, { recursive: true });
  return t;
};

describe("jikimi db on the embedded default", () => {
  const t = workspace();
  afterAll(() => t.cleanup());

  it("reports pending migrations, applies them, and then reports none", () => {
    const before = jikimi(["db", "status", "-w", t.dir]);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain(`sqlite database ${join(t.dir, ".jikimi", "state.db")}`);
    expect(before.stdout).toMatch(/schema version 0 of \d+/);
    expect(before.stdout).toContain("run `jikimi db migrate`");
    const migrated = jikimi(["db", "migrate", "-w", t.dir, "--format", "json"]);
    expect(migrated.status).toBe(0);
    const status = JSON.parse(migrated.stdout);
    expect(status).toMatchObject({ dialect: "sqlite", pending: [] });
    expect(status.current).toBe(status.known);
    const after = jikimi(["db", "status", "-w", t.dir, "--lang", "ko"]);
    expect(after.status).toBe(0);
    expect(after.stdout).toContain("최신 상태");
  });

  it("refuses a database password in jikimi.yaml without printing it", () => {
    const file = join(t.dir, "jikimi.yaml");
    const original = readFileSync(file, "utf8");
    try {
      writeFileSync(file, `${original}\nstore: postgres://jikimi:s3cret-pw@db.example/jikimi\n`);
      const r = jikimi(["db", "status", "-w", t.dir, "--format", "json"]);
      expect(r.status).toBe(2);
      const { error } = JSON.parse(r.stdout || r.stderr);
      expect(error.code).toBe("store_password_in_config");
      expect(error.hint).toContain("PGPASSWORD");
      expect(`${r.stdout}${r.stderr}`).not.toContain("s3cret-pw");
    } finally {
      writeFileSync(file, original);
    }
  });

  it("names the setting and the fix for a store that is neither PostgreSQL nor SQLite", () => {
    const r = jikimi(["db", "status", "-w", t.dir], { env: { JIKIMI_DATABASE_URL: "mysql://db/jikimi" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("JIKIMI_DATABASE_URL is neither a postgres:// URL nor sqlite:<file>");
  });

  it("says clearly that a PostgreSQL server cannot be reached, with the password masked", () => {
    const r = jikimi(["db", "status", "-w", t.dir], {
      env: { JIKIMI_DATABASE_URL: "postgres://jikimi:hunter2@127.0.0.1:1/jikimi" },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("postgres://jikimi:***@127.0.0.1:1/jikimi");
    expect(r.stderr).not.toContain("hunter2");
  });
});

describePostgres("jikimi db and check on postgres", (db) => {
  const t = workspace();
  afterAll(() => t.cleanup());

  it("migrates the database JIKIMI_DATABASE_URL names and records check runs there", async () => {
    const env = { JIKIMI_DATABASE_URL: db.url };
    const before = jikimi(["db", "status", "-w", t.dir, "--format", "json"], { env });
    expect(before.status).toBe(1);
    expect(JSON.parse(before.stdout)).toMatchObject({ dialect: "postgres", current: 0 });
    expect(jikimi(["db", "migrate", "-w", t.dir], { env }).status).toBe(0);
    expect(jikimi(["db", "status", "-w", t.dir], { env }).status).toBe(0);
    const check = jikimi(["check", "-w", t.dir], { env });
    expect(check.status).toBe(0);
    const { rows } = await db.pool.query("SELECT errors, agreements FROM check_runs");
    expect(rows).toEqual([{ errors: 0, agreements: 1 }]);
    // nothing went to the embedded file
    expect(jikimi(["db", "status", "-w", t.dir]).stdout).toContain("schema version 0");
  });
});
