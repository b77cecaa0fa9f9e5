// jikimi ledger witness: send the log's checkpoint to the witnesses jikimi.yaml lists and keep their
// cosignatures; and the helpers share, publish and receipts use to get a witnessed checkpoint.
import type { Command } from "commander";
import { ExitCode } from "../../../errors.js";
import type { AppendResult } from "../../../ledger/ledger.js";
import { awaitingWitnesses, cosignedNote, type Witnessed, witnessLog } from "../../../witness/log-side.js";
import { workspaceDir } from "../../options.js";
import { openWorkspaceState, type WorkspaceState, witnessSettings } from "../../state.js";
import { type LedgerOptions, ledgerVerb, printJson } from "./open.js";

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
        process.stderr.write(
          `warning: the checkpoint of size ${w.size} has ${w.cosigned.length} of ${settings.quorum} cosignatures (${w.failures.map((f) => `${f.witness}: ${f.reason}`).join("; ")}); run \`jikimi ledger witness\` later\n`,
        );
    },
    ...(settings.wait
      ? { awaiting: (seq: number) => awaitingWitnesses(state.store.db, seq, names, settings.quorum) }
      : {}),
  };
}

export function registerWitness(ledger: Command): void {
  ledgerVerb(
    ledger,
    "witness",
    "send the log's checkpoint to the witnesses in jikimi.yaml and keep their cosignatures",
  ).action(async (opts: LedgerOptions) => {
    const state = openWorkspaceState(workspaceDir(opts));
    try {
      const settings = witnessSettings(state.dir);
      const w = await witnessNow(state);
      if (opts.json)
        printJson({
          size: w.size,
          met: w.met,
          quorum: settings.quorum,
          cosigned: w.cosigned,
          failures: w.failures,
          note: w.note,
        });
      else {
        if (settings.witnesses.length === 0)
          process.stdout.write("no witnesses are configured (jikimi.yaml ledger.witnesses)\n");
        process.stdout.write(
          `${w.met ? "witnessed" : "NOT witnessed"}: checkpoint of size ${w.size}, ${w.cosigned.length} of ${settings.quorum} cosignatures${w.cosigned.length ? ` (${w.cosigned.join(", ")})` : ""}\n`,
        );
        for (const f of w.failures) process.stdout.write(`  ${f.witness}: ${f.reason}\n`);
      }
      process.exitCode = w.met ? ExitCode.ok : ExitCode.held;
    } finally {
      state.close();
    }
  });
}
