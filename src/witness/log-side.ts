// the log side of witnessing: send the log's signed checkpoint to the configured witnesses
// (c2sp.org/tlog-witness) with a consistency proof from the size each last cosigned, keep the note and every
// cosignature, and say when a release is witnessed (a checkpoint covering it holds the quorum). A witness that
// refuses because the history it cosigned was rewritten stops the gateway loudly: that is the one event this
// whole mechanism exists to catch.
import type Database from "better-sqlite3";
import { ExitCode, JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { Ledger } from "../ledger/ledger.js";
import { fromHex } from "../ledger/merkle/index.js";
import type { NoteSigner } from "../ledger/note/signed-note.js";
import { splitNote } from "../ledger/note/signed-note.js";
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

/** The size each witness last cosigned, from the stored cosignatures. */
function knownSizes(db: Database.Database): Map<string, number> {
  const rows = db
    .prepare("SELECT witness, MAX(size) AS size FROM ledger_cosignatures GROUP BY witness")
    .all() as { witness: string; size: number }[];
  return new Map(rows.map((r) => [r.witness, r.size]));
}

/**
 * Signs a checkpoint of the whole log, sends it to the witnesses, stores what they cosigned, and throws
 * `witness_fork` (exit 3) when one refuses a rewritten history.
 * @example const w = await witnessLog(db, ledger, origin, signer, { witnesses, quorum: 2 }); w.met
 */
export async function witnessLog(
  db: Database.Database,
  ledger: Ledger,
  origin: string,
  signer: NoteSigner,
  setup: WitnessSetup,
): Promise<Witnessed> {
  const note = ledger.checkpointNote(origin, signer);
  const size = ledger.size();
  if (setup.witnesses.length === 0)
    return { size, note, cosigned: [], met: setup.quorum === 0, failures: [] };
  const collected = await collectCosignatures(
    note,
    {
      witnesses: setup.witnesses,
      quorum: setup.quorum,
      ...(setup.timeoutMs ? { timeoutMs: setup.timeoutMs } : {}),
    },
    (old) => ledger.consistencyProof(old, size).proof.map(fromHex),
    knownSizes(db),
  );
  const store = db.transaction(() => {
    db.prepare("INSERT OR IGNORE INTO ledger_checkpoints (size, note) VALUES (?, ?)").run(size, note);
    for (const c of collected.cosignatures)
      db.prepare("INSERT OR REPLACE INTO ledger_cosignatures (size, witness, line) VALUES (?, ?, ?)").run(
        size,
        c.witness,
        c.line,
      );
  });
  store.immediate();
  const forks = collected.failures.filter((f) => f.fork);
  if (forks.length > 0)
    throw new JikimiError(
      "witness_fork",
      t("witness.fork.stop", {
        refusals: forks
          .map((f) => t("witness.fork.refused", { witness: f.witness, size, reason: f.reason }))
          .join("; "),
      }),
      { exitCode: ExitCode.findings, hint: t("witness.fork.stop_hint") },
    );
  const stored = cosignedNote(db, size);
  return {
    size,
    note: stored ?? note,
    cosigned: collected.cosignatures.map((c) => c.witness),
    met: collected.met,
    failures: collected.failures,
  };
}

/** The stored note of a checkpoint with every stored cosignature line, or undefined when none was kept. */
export function cosignedNote(db: Database.Database, size: number): string | undefined {
  const row = db.prepare("SELECT note FROM ledger_checkpoints WHERE size = ?").get(size) as
    | { note: string }
    | undefined;
  if (!row) return undefined;
  const lines = db
    .prepare("SELECT line FROM ledger_cosignatures WHERE size = ? ORDER BY witness")
    .pluck()
    .all(size) as string[];
  const have = new Set(splitNote(row.note).signatures.map((s) => s.line));
  return (
    row.note +
    lines
      .filter((l) => !have.has(l))
      .map((l) => `${l}\n`)
      .join("")
  );
}

/** The largest stored checkpoint, cosigned as far as stored, or undefined. */
export function latestCosignedNote(db: Database.Database): { size: number; note: string } | undefined {
  const size = db.prepare("SELECT MAX(size) FROM ledger_checkpoints").pluck().get() as number | null;
  if (size === null) return undefined;
  const note = cosignedNote(db, size);
  return note === undefined ? undefined : { size, note };
}

/**
 * Why entry `seq` is not witnessed yet (no stored checkpoint covering it has `quorum` cosignatures of the listed
 * witnesses), or undefined when it is.
 */
export function awaitingWitnesses(
  db: Database.Database,
  seq: number,
  witnesses: readonly string[],
  quorum: number,
): string | undefined {
  if (quorum === 0) return undefined;
  const marks = witnesses.map(() => "?").join(", ");
  const best = db
    .prepare(
      `SELECT size, COUNT(*) AS n FROM ledger_cosignatures WHERE size > ? AND witness IN (${marks}) GROUP BY size ORDER BY n DESC, size LIMIT 1`,
    )
    .get(seq, ...witnesses) as { size: number; n: number } | undefined;
  if (best && best.n >= quorum) return undefined;
  return t("witness.awaiting", { got: best?.n ?? 0, quorum, seq });
}
