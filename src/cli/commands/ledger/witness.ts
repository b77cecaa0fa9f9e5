// jikimi ledger witness: send the log's checkpoint to the witnesses jikimi.yaml lists and keep their
// cosignatures; and the helpers share, publish and receipts use to get a witnessed checkpoint.
import type { Command } from "commander";
import { ExitCode } from "../../../errors.js";
import { t } from "../../../i18n/index.js";
import type { AppendResult } from "../../../ledger/ledger.js";
import { awaitingWitnesses, cosignedNote, type Witnessed, witnessLog } from "../../../witness/log-side.js";
import { workspaceDir } from "../../options.js";
import { note, report } from "../../output.js";
import { openWorkspaceState, type WorkspaceState, witnessSettings } from "../../state.js";
import { type LedgerOptions, ledgerVerb } from "./open.js";

/** Sends the current checkpoint to the configured witnesses (a signed note only, when none are configured). */
export async function witnessNow(state: WorkspaceState): Promise<Witnessed> {
  const settings = witnessSettings(state.dir);
  return witnessLog(state.store.db, state.ledger(), state.origin, state.noteSigner(), settings);
}

/**
 * The checkpoint to hand out now: with witnesses configured, the current one sent to them and cosigned as far as
 * they answered; else the log-signed note.
 */
export async function currentCheckpoint(state: WorkspaceState): Promise<string> {
  return (await witnessNow(state)).note;
}

/** The stored cosigned note of the current size, or a freshly signed one (no network). */
export function storedCheckpoint(state: WorkspaceState): string {
  const ledger = state.ledger();
  return (
    cosignedNote(state.store.db, ledger.size()) ?? ledger.checkpointNote(state.origin, state.noteSigner())
  );
}

/** The share gateway's witnessing hooks, or undefined when no witness is configured. */
export function shareWitnessing(
  state: WorkspaceState,
):
  | { afterAppend(entry: AppendResult): Promise<void>; awaiting?: (seq: number) => string | undefined }
  | undefined {
  const settings = witnessSettings(state.dir);
  if (settings.witnesses.length === 0) return undefined;
  const names = settings.witnesses.map((w) => w.name);
  return {
    async afterAppend() {
      const w = await witnessNow(state);
      if (!w.met)
        note(
          t("cli.ledger.witness.short_warning", {
            size: w.size,
            cosigned: w.cosigned.length,
            quorum: settings.quorum,
            failures: w.failures.map((f) => `${f.witness}: ${f.reason}`).join("; "),
          }),
        );
    },
    ...(settings.wait
      ? { awaiting: (seq: number) => awaitingWitnesses(state.store.db, seq, names, settings.quorum) }
      : {}),
  };
}

export function registerWitness(ledger: Command): void {
  ledgerVerb(ledger, "witness", t("cli.ledger.witness.description")).action(async (opts: LedgerOptions) => {
    const state = openWorkspaceState(workspaceDir(opts));
    try {
      const settings = witnessSettings(state.dir);
      const w = await witnessNow(state);
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
    } finally {
      state.close();
    }
  });
}
