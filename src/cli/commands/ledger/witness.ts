// jikimi ledger witness: send the log's checkpoint to the witnesses jikimi.yaml lists and keep their
// cosignatures; and the helpers share, publish and receipts use to get a witnessed checkpoint.
import type { Command } from "commander";
import { t } from "../../../public/base.js";
import {
  type AppendResult,
  awaitingWitnesses,
  cosignedNote,
  type Witnessed,
  witnessLog,
} from "../../../public/ledger.js";
import type { WorkspaceSession } from "../../../public/workspace.js";
import { ExitCode } from "../../exit-codes.js";
import { note, report } from "../../output.js";
import { withWorkspace } from "../../workspace.js";
import { type LedgerOptions, ledgerVerb } from "./open.js";

/** Sends the current checkpoint to the configured witnesses (a signed note only, when none are configured). */
export async function witnessNow(state: WorkspaceSession): Promise<Witnessed> {
  const { witnesses, quorum } = state.settings;
  return witnessLog(state.store.ledger, state.ledger(), state.origin, state.noteSigner(), {
    witnesses,
    quorum,
  });
}

/**
 * The checkpoint to hand out now: with witnesses configured, the current one sent to them and cosigned as far as
 * they answered; else the log-signed note.
 */
export async function currentCheckpoint(state: WorkspaceSession): Promise<string> {
  return (await witnessNow(state)).note;
}

/** The stored cosigned note of the current size, or a freshly signed one (no network). */
export async function storedCheckpoint(state: WorkspaceSession): Promise<string> {
  const ledger = state.ledger();
  return (
    (await cosignedNote(state.store.ledger, await ledger.size())) ??
    (await ledger.checkpointNote(state.origin, state.noteSigner()))
  );
}

/** The share gateway's witnessing hooks, or undefined when no witness is configured. */
export function shareWitnessing(state: WorkspaceSession):
  | {
      afterAppend(entry: AppendResult): Promise<void>;
      awaiting?: (seq: number) => Promise<string | undefined>;
    }
  | undefined {
  const settings = state.settings;
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
      ? { awaiting: (seq: number) => awaitingWitnesses(state.store.ledger, seq, names, settings.quorum) }
      : {}),
  };
}

export function registerWitness(ledger: Command): void {
  ledgerVerb(ledger, "witness", t("cli.ledger.witness.description")).action(async (opts: LedgerOptions) => {
    await withWorkspace(opts, async (state) => {
      const settings = state.settings;
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
    });
  });
}
