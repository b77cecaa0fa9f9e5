// the embedded state store: one SQLite file (by default .jikimi/state.db in the workspace), every port over one
// connection.
import type { StateStore } from "../../ports/state-store.js";
import { sqliteAccessLog, sqliteTokens } from "./access.js";
import { sqliteCheckRuns } from "./check-runs.js";
import { sqliteConsentStore } from "./consent.js";
import { appliedVersion, openDatabase, SqliteDatabase } from "./database.js";
import { sqliteLedgerStore } from "./ledger.js";
import { MIGRATIONS } from "./migrations.js";

export { SqliteDatabase } from "./database.js";

/** The SQLite state store; `database` is for the SQLite stores' own tests and benchmarks only. */
export interface SqliteStateStore extends StateStore {
  readonly database: SqliteDatabase;
}

/**
 * Opens (creating and migrating when needed) the state database in `file`.
 * @example const state = openSqliteStore("ws/.jikimi/state.db"); await state.checkRuns.last(1); await state.close();
 */
export function openSqliteStore(file: string, options: { migrate?: boolean } = {}): SqliteStateStore {
  const database = new SqliteDatabase(openDatabase(file, options), file);
  const known = MIGRATIONS.at(-1)?.version ?? 0;
  return {
    dialect: "sqlite",
    location: file,
    locator: { dialect: "sqlite", file },
    database,
    ledger: sqliteLedgerStore(database),
    checkRuns: sqliteCheckRuns(database),
    consent: sqliteConsentStore(database),
    tokens: sqliteTokens(database),
    accessLog: sqliteAccessLog(database),
    status: async () => {
      const current = appliedVersion(database.db);
      return {
        dialect: "sqlite",
        location: file,
        current,
        known,
        pending: MIGRATIONS.filter((m) => m.version > current).map((m) => ({
          version: m.version,
          name: m.name,
        })),
      };
    },
    close: async () => database.close(),
  };
}
