// `ledger publish` as a library call: the database verify first (a tampered ledger is never laundered into
// signed tiles: nothing is written when it fails), then the checkpoint note, then the tiles of exactly the size
// that note signs.
import type Database from "better-sqlite3";
import type { VerifyReport } from "../verify.js";
import { sqliteLogSource } from "./source.js";
import type { TileStore } from "./store.js";
import { type PublishResult, writeTiles } from "./write.js";

export interface PublishLedger {
  db: Database.Database;
  store: TileStore;
  /** the full database verify, with the trusted keys `ledger verify` uses */
  verify: () => VerifyReport;
  /** the checkpoint note to publish, made after the verify passed */
  checkpoint: () => string | Promise<string>;
}

export type PublishOutcome =
  | { published: true; result: PublishResult }
  | { published: false; report: VerifyReport };

/**
 * Verifies the ledger, then publishes it; a failing verify writes nothing and returns its report.
 * @example const out = await publishLedger({ db, store: folderStore(dir), verify, checkpoint: () => note });
 */
export async function publishLedger(args: PublishLedger): Promise<PublishOutcome> {
  const report = args.verify();
  if (!report.ok) return { published: false, report };
  const note = await args.checkpoint();
  return { published: true, result: await writeTiles(args.store, sqliteLogSource(args.db), note) };
}
