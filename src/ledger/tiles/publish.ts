// `ledger publish` as a library call: the full verify first (a tampered ledger is never laundered into signed
// tiles: nothing is written when it fails), then the checkpoint note, then the tiles of exactly the size that
// note signs, read from the store in one read.
import type { LedgerStore } from "../../ports/ledger.js";
import type { VerifyReport } from "../verify.js";
import { ledgerLogSource } from "./source.js";
import type { TileStore } from "./store.js";
import { type PublishResult, writeTiles } from "./write.js";

export interface PublishLedger {
  /** the ledger's store (StateStore.ledger) */
  ledger: LedgerStore;
  store: TileStore;
  /** the full verify, with the trusted keys `ledger verify` uses */
  verify: () => Promise<VerifyReport>;
  /** the checkpoint note to publish, made after the verify passed */
  checkpoint: () => string | Promise<string>;
}

export type PublishOutcome =
  | { published: true; result: PublishResult }
  | { published: false; report: VerifyReport };

/**
 * Verifies the ledger, then publishes it; a failing verify writes nothing and returns its report.
 * @example const out = await publishLedger({ ledger: state.ledger, store: folderStore(dir), verify, checkpoint: () => ledger.checkpointNote(origin, signer) });
 */
export async function publishLedger(args: PublishLedger): Promise<PublishOutcome> {
  const report = await args.verify();
  if (!report.ok) return { published: false, report };
  const note = await args.checkpoint();
  // the verify and the note each read on their own: the tiles are read after them, never inside their reads
  const result = await args.ledger.read((tx) => writeTiles(args.store, ledgerLogSource(tx), note));
  return { published: true, result };
}
