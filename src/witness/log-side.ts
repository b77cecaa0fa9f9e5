// the log side of witnessing: send the log's signed checkpoint to the configured witnesses
// (c2sp.org/tlog-witness) with a consistency proof from the size each last cosigned, keep the note and every
// cosignature, and say when a release is witnessed (a checkpoint covering it holds the quorum). A witness that
// refuses because the history it cosigned was rewritten stops the gateway loudly: that is the one event this
// whole mechanism exists to catch.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { Ledger } from "../ledger/ledger.js";
import { fromHex } from "../ledger/merkle/index.js";
import { parseCheckpoint } from "../ledger/note/checkpoint.js";
import type { NoteSigner } from "../ledger/note/signed-note.js";
import { splitNote } from "../ledger/note/signed-note.js";
import type { LedgerReads, LedgerStore } from "../ports/ledger.js";
import { collectCosignatures, type WitnessFailure } from "./client.js";
import type { WitnessEndpoint } from "./policy.js";

export interface WitnessSetup {
  witnesses: WitnessEndpoint[];
  quorum: number;
  timeoutMs?: number;
}

export interface Witnessed {
  size: number;
  /** the checkpoint note with every cosignature stored for its size */
  note: string;
  cosigned: string[];
  met: boolean;
  failures: WitnessFailure[];
}

/**
 * Signs a checkpoint of the whole log, sends it to the witnesses, stores what they cosigned, and throws
 * `witness_fork` (exit 3) when one refuses a rewritten history. `store` is the ledger's store (StateStore.ledger).
 * @example const w = await witnessLog(state.ledger, ledger, origin, signer, { witnesses, quorum: 2 }); w.met
 */
export async function witnessLog(
  store: LedgerStore,
  ledger: Ledger,
  origin: string,
  signer: NoteSigner,
  setup: WitnessSetup,
): Promise<Witnessed> {
  const note = await ledger.checkpointNote(origin, signer);
  // the size the note signs: an append by another process since does not belong to this checkpoint
  const size = parseCheckpoint(splitNote(note).text).size;
  if (setup.witnesses.length === 0)
    return { size, note, cosigned: [], met: setup.quorum === 0, failures: [] };
  const known = await store.read((tx) => tx.latestCosigned());
  const collected = await collectCosignatures(
    note,
    {
      witnesses: setup.witnesses,
      quorum: setup.quorum,
      ...(setup.timeoutMs ? { timeoutMs: setup.timeoutMs } : {}),
    },
    async (old) => (await ledger.consistencyProof(old, size)).proof.map(fromHex),
    known,
  );
  const stored = await store.write(async (tx) => {
    await tx.putCheckpoint(
      size,
      note,
      collected.cosignatures.map((c) => ({ witness: c.witness, line: c.line })),
    );
    return noteWithCosignatures(tx, size);
  });
  const forks = collected.failures.filter((f) => f.fork);
  if (forks.length > 0)
    throw new JikimiError(
      "witness_fork",
      t("witness.fork.stop", {
        refusals: forks
          .map((f) => t("witness.fork.refused", { witness: f.witness, size, reason: f.reason }))
          .join("; "),
      }),
      { hint: t("witness.fork.stop_hint") },
    );
  return {
    size,
    note: stored ?? note,
    cosigned: collected.cosignatures.map((c) => c.witness),
    met: collected.met,
    failures: collected.failures,
  };
}

/** The stored note of checkpoint `size` with every stored cosignature line not already in it. */
async function noteWithCosignatures(tx: LedgerReads, size: number): Promise<string | undefined> {
  const note = await tx.checkpointNote(size);
  if (note === undefined) return undefined;
  const lines = await tx.cosignatureLines(size);
  const have = new Set(splitNote(note).signatures.map((s) => s.line));
  return (
    note +
    lines
      .filter((l) => !have.has(l))
      .map((l) => `${l}\n`)
      .join("")
  );
}

/**
 * The stored note of a checkpoint with every stored cosignature line, or undefined when none was kept.
 * @example const note = (await cosignedNote(state.ledger, await ledger.size())) ?? (await ledger.checkpointNote(origin, signer));
 */
export function cosignedNote(store: LedgerStore, size: number): Promise<string | undefined> {
  return store.read((tx) => noteWithCosignatures(tx, size));
}

/** The largest stored checkpoint, cosigned as far as stored, or undefined. */
export function latestCosignedNote(store: LedgerStore): Promise<{ size: number; note: string } | undefined> {
  return store.read(async (tx) => {
    const size = await tx.lastCheckpointSize();
    if (size === undefined) return undefined;
    const note = await noteWithCosignatures(tx, size);
    return note === undefined ? undefined : { size, note };
  });
}

/**
 * Why entry `seq` is not witnessed yet (no stored checkpoint covering it has `quorum` cosignatures of the listed
 * witnesses), or undefined when it is.
 * @example const why = await awaitingWitnesses(state.ledger, 41, ["witness.example"], 1);
 */
export async function awaitingWitnesses(
  store: LedgerStore,
  seq: number,
  witnesses: readonly string[],
  quorum: number,
): Promise<string | undefined> {
  if (quorum === 0) return undefined;
  const best = await store.read((tx) => tx.bestCosigned(seq, witnesses));
  if (best && best.count >= quorum) return undefined;
  return t("witness.awaiting", { got: best?.count ?? 0, quorum, seq });
}
