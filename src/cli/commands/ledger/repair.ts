// jikimi ledger repair: finish the releases a killed `jikimi share` left between its ledger append and the placement
// of its files (the journal in .jikimi/tmp), or delete their temporaries when the append never committed.

import { join } from "node:path";
import type { Command } from "commander";
import {
  describeRecovery,
  pendingAgreements,
  type Recovery,
  recoverRelease,
} from "../../../engine/release/journal.js";
import { JikimiError } from "../../../errors.js";
import { describeOwner, takeLock } from "../../../store/lock.js";
import { type LedgerOptions, ledgerVerb, printJson, withState } from "./open.js";
import { shareWitnessing } from "./witness.js";

export function registerRepair(ledger: Command): void {
  ledgerVerb(
    ledger,
    "repair",
    "finish (or undo) releases interrupted between the ledger append and their files",
  ).action((opts: LedgerOptions) =>
    withState(opts, (state) => {
      const done: Recovery[] = [];
      const busy: string[] = [];
      for (const agreement of pendingAgreements(state.dir)) {
        let lock: { release(): void };
        try {
          lock = takeLock(
            join(state.dir, ".jikimi", "locks", agreement),
            (owner) =>
              new JikimiError(
                "share_running",
                `a release of "${agreement}" is running${owner ? ` (${describeOwner(owner)})` : ""}: it finishes its own journal`,
              ),
          );
        } catch (e) {
          if (e instanceof JikimiError && e.code === "share_running") {
            busy.push(e.message);
            continue;
          }
          throw e;
        }
        try {
          const ledgerView = state.ledger();
          const w = shareWitnessing(state);
          const r = recoverRelease(
            state.dir,
            agreement,
            ledgerView,
            () => state.logKeys.signer(),
            w?.awaiting,
          );
          if (r) done.push(r);
        } finally {
          lock.release();
        }
      }
      if (opts.json) return printJson({ repaired: done, running: busy });
      if (done.length === 0 && busy.length === 0)
        process.stdout.write("nothing to repair: no release was interrupted\n");
      for (const r of done) process.stdout.write(`${describeRecovery(r)}\n`);
      for (const b of busy) process.stdout.write(`skipped: ${b}\n`);
    }),
  );
}
