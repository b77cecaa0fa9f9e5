// the state store: the ledger, consent, check runs, API tokens and access log of one workspace, in one database (SQLite file or
// PostgreSQL), behind asynchronous ports. The services open one; nothing above them sees a database.
import type { AccessLogStore, TokenStore } from "./access.js";
import type { CheckRunStore } from "./check-runs.js";
import type { ConsentStore } from "./consent.js";
import type { LedgerStore } from "./ledger.js";

/** Where a schema stands: the version applied, the newest this jikimi knows, and the migrations still to run. */
export interface SchemaStatus {
  dialect: "sqlite" | "postgres";
  /** the database, credentials removed */
  location: string;
  current: number;
  known: number;
  pending: { version: number; name: string }[];
}

/** How to open the same state again (a worker thread, another process): never printed (a URL may hold a password). */
export type StoreLocator = { dialect: "sqlite"; file: string } | { dialect: "postgres"; url: string };

/**
 * One workspace's state.
 * @example const state = await openStateStore({ root: "./ws" }); await state.checkRuns.last(5); await state.close();
 */
export interface StateStore {
  readonly dialect: "sqlite" | "postgres";
  /** the database, credentials removed: for messages */
  readonly location: string;
  readonly locator: StoreLocator;
  readonly ledger: LedgerStore;
  readonly checkRuns: CheckRunStore;
  readonly consent: ConsentStore;
  /** the API's bearer tokens */
  readonly tokens: TokenStore;
  /** who read a person's history or detokenized, for the DPO */
  readonly accessLog: AccessLogStore;
  status(): Promise<SchemaStatus>;
  close(): Promise<void>;
}
