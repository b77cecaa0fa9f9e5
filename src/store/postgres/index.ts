// the PostgreSQL state store: every port over one pooled client; the schema is brought up to date on open
// (each migration once, under an advisory lock) unless asked not to (db status).
import type { StateStore } from "../../ports/state-store.js";
import { postgresAccessLog, postgresTokens } from "./access.js";
import { postgresCheckRuns } from "./check-runs.js";
import { connectPostgres, type PostgresOptions, type PostgresPool, redactUrl } from "./connect.js";
import { postgresConsentStore } from "./consent.js";
import { postgresLedgerStore } from "./ledger.js";
import { migratePostgres, migrationStatus } from "./migrate.js";
import { POSTGRES_MIGRATIONS } from "./migrations.js";

export { redactUrl } from "./connect.js";

/** The PostgreSQL state store; `pool` is for the PostgreSQL stores' own tests and benchmarks only. */
export interface PostgresStateStore extends StateStore {
  readonly pool: PostgresPool;
}

/**
 * Connects to `url` (store_unreachable when it cannot) and migrates unless `migrate: false`.
 * @example const state = await openPostgresStore(process.env.JIKIMI_DATABASE_URL); await state.close();
 */
export async function openPostgresStore(
  url: string,
  options: PostgresOptions & { migrate?: boolean } = {},
): Promise<PostgresStateStore> {
  const pool = await connectPostgres(url, options);
  try {
    if (options.migrate !== false) await migratePostgres(pool, url);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const location = redactUrl(url);
  return {
    dialect: "postgres",
    location,
    locator: { dialect: "postgres", url },
    pool,
    ledger: postgresLedgerStore(pool, url),
    consent: postgresConsentStore(pool, url),
    checkRuns: postgresCheckRuns(pool, url),
    tokens: postgresTokens(pool, url),
    accessLog: postgresAccessLog(pool, url),
    status: async () => {
      const s = await migrationStatus(pool, url);
      return {
        dialect: "postgres",
        location,
        current: s.current,
        known: s.known,
        pending: POSTGRES_MIGRATIONS.filter((m) => m.version > s.current).map((m) => ({
          version: m.version,
          name: m.name,
        })),
      };
    },
    close: () => pool.end(),
  };
}
