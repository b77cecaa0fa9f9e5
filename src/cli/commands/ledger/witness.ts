// jikimi ledger witness: send the log's checkpoint to the witnesses jikimi.yaml lists and keep their
// cosignatures; and the helpers share, publish and receipts use to get a witnessed checkpoint.
import type { Command } from "commander";
import { t } from "../../../public/base.js";
import type { Witnessed } from "../../../public/ledger.js";
import {
  shareWitnessing as appShareWitnessing,
  type ShareWitnessing,
  type WorkspaceSession,
} from "../../../public/workspace.js";
import { ExitCode } from "../../exit-codes.js";
import { note, report } from "../../output.js";
import { withWorkspace } from "../../workspace.js";
import { type LedgerOptions, ledgerVerb } from "./open.js";

/** Warns on stderr of a checkpoint the witnesses did not cosign up to the quorum (the release stands). */
export function warnWitnessShort(state: WorkspaceSession): (w: Witnessed) => void {
  return (w) =>
    note(
      t("cli.ledger.witness.short_warning", {
        size: w.size,
        cosigned: w.cosigned.length,
        quorum: state.settings.quorum,
        failures: w.failures.map((f) => `${f.witness}: ${f.reason}`).join("; "),
      }),
    );
}

/** The share gateway's witnessing hooks, warning on stderr when the quorum is not met; undefined without witnesses. */
export function shareWitnessing(state: WorkspaceSession): ShareWitnessing | undefined {
  return appShareWitnessing(state, warnWitnessShort(state));
}

export function registerWitness(ledger: Command): void {
  ledgerVerb(ledger, "witness", t("cli.ledger.witness.description")).action(async (opts: LedgerOptions) => {
    await withWorkspace(opts, async (state) => {
      const settings = state.settings;
      const w = await state.witness();
      report(
        () => ({
          size: w.size,
          met: w.met,
          quorum: settings.quorum,
          cosigned: w.cosigned,
          failures: w.failures,
          note: w.note,
        }),
        () => {
          const lines: string[] = [];
          if (settings.witnesses.length === 0) lines.push(t("cli.ledger.witness.none_configured"));
          lines.push(
            t(w.met ? "cli.ledger.witness.witnessed" : "cli.ledger.witness.not_witnessed", {
              size: w.size,
              cosigned: w.cosigned.length,
              quorum: settings.quorum,
              names: w.cosigned.length ? ` (${w.cosigned.join(", ")})` : "",
            }),
          );
          for (const f of w.failures) lines.push(`  ${f.witness}: ${f.reason}`);
          return lines.map((l) => `${l}\n`).join("");
        },
      );
      process.exitCode = w.met ? ExitCode.ok : ExitCode.held;
    });
  });
}
