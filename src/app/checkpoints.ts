// the checkpoint service: the log's signed tree head as handed out (sent to the witnesses jikimi.yaml names and
// cosigned as far as they answered, or log-signed alone), and the share gateway's witnessing hooks.
import type { AppendResult } from "../ledger/ledger.js";
import { awaitingWitnesses, cosignedNote, type Witnessed, witnessLog } from "../witness/log-side.js";
import type { WorkspaceSession } from "./workspace.js";

/** What a release asks of the witnesses: cosign after the append, and (with `wait`) whether the quorum is held. */
export interface ShareWitnessing {
  afterAppend(entry: AppendResult): Promise<void>;
  awaiting?: (seq: number) => Promise<string | undefined>;
}

/**
 * Sends the current checkpoint to the configured witnesses (a signed note only, when none are configured).
 * @example const w = await witnessNow(ws); if (!w.met) warn(w.failures);
 */
export function witnessNow(ws: WorkspaceSession): Promise<Witnessed> {
  const { witnesses, quorum } = ws.settings;
  return witnessLog(ws.store.ledger, ws.ledger(), ws.origin, ws.noteSigner(), { witnesses, quorum });
}

/**
 * The checkpoint to hand out now: with witnesses configured, the current one sent to them and cosigned as far as
 * they answered; else the log-signed note.
 */
export async function currentCheckpoint(ws: WorkspaceSession): Promise<string> {
  return (await witnessNow(ws)).note;
}

/** The stored cosigned note of the current size, or a freshly signed one (no network). */
export async function storedCheckpoint(ws: WorkspaceSession): Promise<string> {
  const ledger = ws.ledger();
  return (
    (await cosignedNote(ws.store.ledger, await ledger.size())) ??
    (await ledger.checkpointNote(ws.origin, ws.noteSigner()))
  );
}

/**
 * The share gateway's witnessing hooks, or undefined when no witness is configured; `short` hears of a checkpoint
 * the witnesses did not cosign up to the quorum (the release stands; `ledger witness` tries again).
 */
export function shareWitnessing(
  ws: WorkspaceSession,
  short: (w: Witnessed) => void,
): ShareWitnessing | undefined {
  const settings = ws.settings;
  if (settings.witnesses.length === 0) return undefined;
  const names = settings.witnesses.map((w) => w.name);
  return {
    async afterAppend() {
      const w = await witnessNow(ws);
      if (!w.met) short(w);
    },
    ...(settings.wait
      ? { awaiting: (seq: number) => awaitingWitnesses(ws.store.ledger, seq, names, settings.quorum) }
      : {}),
  };
}
