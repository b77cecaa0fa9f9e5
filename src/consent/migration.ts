// the consent chain's schema: migration 8 (added to store/migrations.ts by the ledger's owner). Every
// recording (batch) keeps the ids of its events and the chain head after its last event (chain.ts).
import type Database from "better-sqlite3";

/** The SQL of migration 8, "consent event chain": applied once, after migration 3's consent tables. */
export const CONSENT_CHAIN_MIGRATION_SQL = `
  -- the hash chain over consent events (consent/chain.ts): a batch's events are ids first_id..last_id, and
  -- head is SHA-256(previous batch's head || batch header || its events' canonical bytes); NULL for
  -- batches recorded before this migration, until the registry chains them
  ALTER TABLE consent_batches ADD COLUMN first_id INTEGER;
  ALTER TABLE consent_batches ADD COLUMN last_id INTEGER;
  ALTER TABLE consent_batches ADD COLUMN head BLOB;
  CREATE INDEX consent_batches_last_id ON consent_batches(last_id);
`;

/** Migration 8 as an entry of store/migrations.ts's MIGRATIONS. */
export const CONSENT_CHAIN_MIGRATION = {
  version: 8,
  name: "consent event chain",
  sql: CONSENT_CHAIN_MIGRATION_SQL,
} as const;

/** Whether the database has migration 8's columns. */
export function hasConsentChain(db: Database.Database): boolean {
  const columns = db.prepare("SELECT name FROM pragma_table_info('consent_batches')").pluck().all();
  return columns.includes("head");
}
