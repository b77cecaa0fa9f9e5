// the consent chain's schema is migration 8 of store/migrations.ts: every recording (batch) keeps the ids of its
// events and the chain head after its last event (chain.ts). A database opened without openStore may lack it.
import type Database from "better-sqlite3";

/** Whether the database has migration 8's columns. */
export function hasConsentChain(db: Database.Database): boolean {
  const columns = db.prepare("SELECT name FROM pragma_table_info('consent_batches')").pluck().all();
  return columns.includes("head");
}
