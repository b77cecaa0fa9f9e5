// brings a PostgreSQL database to the newest schema: each pending migration in its own transaction, under a
// transaction-scoped advisory lock, so hosts migrating at once wait for each other and each migration runs once.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { guardPostgres, type PostgresPool, type Queryable, redactUrl, withTransaction } from "./connect.js";
import { POSTGRES_MIGRATIONS, type PostgresMigration } from "./migrations.js";

/** Where a database stands: its version, the newest this jikimi knows, and the versions still to apply. */
export interface MigrationStatus {
  current: number;
  known: number;
  pending: number[];
}

// pg_advisory_xact_lock key of schema changes: "jikimi" in ASCII, shared by every jikimi on the database
const MIGRATION_LOCK = 0x6a696b696d69;

/**
 * The database's schema version (0 when never migrated) against the migrations this jikimi knows.
 * @example const { pending } = await migrationStatus(pool, url); if (pending.length) ...
 */
export async function migrationStatus(
  pool: PostgresPool,
  url: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<MigrationStatus> {
  return guardPostgres(url, async () => {
    const current = await currentVersion(pool);
    const known = migrations.at(-1)?.version ?? 0;
    return { current, known, pending: migrations.filter((m) => m.version > current).map((m) => m.version) };
  });
}

/**
 * Applies every migration newer than the database's version, each atomically, and returns the status after.
 * Throws store_too_new when the database is newer than this jikimi.
 * @example const pool = await connectPostgres(url); await migratePostgres(pool, url);
 */
export async function migratePostgres(
  pool: PostgresPool,
  url: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<MigrationStatus> {
  const known = migrations.at(-1)?.version ?? 0;
  for (const m of migrations) {
    await withTransaction(pool, url, async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      // under the lock, so two first runs do not race on creating it
      await tx.query(
        "create table if not exists schema_migrations (version integer primary key, name text not null, applied_at text not null)",
      );
      const current = await currentVersion(tx);
      if (current > known)
        throw new JikimiError(
          "store_too_new",
          t("store.postgres.too_new", { url: redactUrl(url), current, known }),
          {
            hint: t("store.postgres.too_new_hint"),
          },
        );
      if (m.version <= current) return;
      // no parameters: pg sends it as a simple query, which may hold many statements
      await tx.query(m.sql);
      await m.run?.(tx);
      await tx.query("insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)", [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    });
  }
  return migrationStatus(pool, url, migrations);
}

// the highest applied version, 0 when the table does not exist yet
async function currentVersion(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ found: boolean }>(
    "select to_regclass('schema_migrations') is not null as found",
  );
  if (!rows[0]?.found) return 0;
  const max = await db.query<{ v: number }>("select coalesce(max(version), 0) as v from schema_migrations");
  return max.rows[0]?.v ?? 0;
}
