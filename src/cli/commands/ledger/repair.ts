// jikimi ledger repair: finish the releases a killed `jikimi share` left between its ledger append and the placement
// of its files (the journal in .jikimi/tmp), or delete their temporaries when the append never committed.

import { join } from "node:path";
import type { Command } from "commander";
import { JikimiError, t } from "../../../public/base.js";
import { describeOwner, takeLock } from "../../../public/locks.js";
import {
  describeRecovery,
  pendingAgreements,
  type Recovery,
  recoverRelease,
} from "../../../public/release.js";
import { report } from "../../output.js";
import { type LedgerOptions, ledgerVerb, withState } from "./open.js";
import { shareWitnessing } from "./witness.js";

export function registerRepair(ledger: Command): void {
  ledgerVerb(ledger, "repair", t("cli.ledger.repair.description")).action((opts: LedgerOptions) =>
    withState(opts, async (state) => {
      // a repair signs with the log key: a keyring that is missing or not configured is said at once
      state.logKeys.active();
      const done: Recovery[] = [];
      const busy: string[] = [];
      for (const agreement of pendingAgreements(state.root)) {
        let lock: { release(): void };
        try {
          lock = takeLock(
            join(state.root, ".jikimi", "locks", agreement),
            (owner) =>
              new JikimiError(
                "share_running",
                t("cli.ledger.repair.running", {
                  agreement,
                  owner: owner ? ` (${describeOwner(owner)})` : "",
                }),
                { hint: t("cli.ledger.repair.running_hint") },
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
          const r = await recoverRelease(
            state.root,
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
      report(
        () => ({ repaired: done, running: busy }),
        () => {
          const lines: string[] = [];
          if (done.length === 0 && busy.length === 0) lines.push(t("cli.ledger.repair.nothing"));
          for (const r of done) lines.push(describeRecovery(r));
          for (const b of busy) lines.push(t("cli.ledger.repair.skipped", { reason: b }));
          return lines.map((l) => `${l}\n`).join("");
        },
      );
    }),
  );
}
