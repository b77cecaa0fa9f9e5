// opens the ledger of a state store again, for reading only, from its locator: for a worker thread (verify's side
// checks) that needs its own connection beside the caller's. Nothing here migrates or writes.
import Database from "better-sqlite3";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { LedgerStore } from "../ports/ledger.js";
import type { StoreLocator } from "../ports/state-store.js";
import { connectPostgres } from "./postgres/connect.js";
import { postgresLedgerStore } from "./postgres/ledger.js";
import { SqliteDatabase, storeError } from "./sqlite/database.js";
import { sqliteLedgerStore } from "./sqlite/ledger.js";

/** A ledger opened for reading, and how to let it go. */
export interface LedgerReader {
  /** reads only: the SQLite file is opened read-only, a PostgreSQL read is a READ ONLY transaction */
  store: Pick<LedgerStore, "read">;
  close(): Promise<void>;
}

/**
 * Opens the ledger at `locator` for reading, on a connection of its own.
 * @example const reader = await openLedgerReader(state.locator); await reader.store.read((r) => r.entryCount()); await reader.close();
 */
export async function openLedgerReader(locator: StoreLocator): Promise<LedgerReader> {
  if (locator.dialect === "postgres") {
    // one connection: a reader runs one transaction at a time
    const pool = await connectPostgres(locator.url, { max: 1 });
    return { store: postgresLedgerStore(pool, locator.url), close: () => pool.end() };
  }
  let db: Database.Database;
  try {
    db = new Database(locator.file, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 30000");
  } catch (cause) {
    throw new JikimiError("store_unavailable", t("store.sqlite.unavailable", { file: locator.file }), {
      hint: t("store.sqlite.unavailable_hint"),
      cause: storeError(cause, locator.file),
    });
  }
  const database = new SqliteDatabase(db, locator.file);
  return { store: sqliteLedgerStore(database), close: async () => database.close() };
}
