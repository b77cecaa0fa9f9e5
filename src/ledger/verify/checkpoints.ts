// verify's check of the witnessed checkpoints kept beside the log: every stored note opens with a trusted log key
// and names the root the tree has at its size, and every cosignature verifies under the key of the witness its
// row names (jikimi.yaml's witnesses; a witness no longer listed is only checked to be the line's signer). A deleted cosignature cannot be noticed here: it is the
// witness that keeps its latest checkpoint; what is kept here can only ever be evidence that verifies.
import { t } from "../../i18n/index.js";
import type { LedgerReads } from "../../ports/ledger.js";
import { parseCosignatureLine, verifyCosignatures } from "../../witness/cosignature.js";
import { hashEquals } from "../merkle/index.js";
import { parseCheckpoint } from "../note/checkpoint.js";
import { logVkey } from "../note/log-key.js";
import { openNote, splitNote, verifierFromVkey } from "../note/signed-note.js";
import type { Problems } from "./problems.js";

/**
 * Checks ledger_checkpoints and ledger_cosignatures. `spkis` are the trusted log keys (base64 SPKI);
 * `witnessVkeys` the witnesses' cosigner keys.
 */
export async function checkStoredCheckpoints(
  tx: LedgerReads,
  treeSize: number,
  rootAt: (size: number) => Uint8Array,
  spkis: readonly string[],
  witnessVkeys: readonly string[],
  problems: Problems,
): Promise<void> {
  const notes = new Map<number, string>();
  for await (const row of tx.checkpointNotes()) {
    const place = "ledger_checkpoints.note";
    try {
      const { text } = splitNote(row.note);
      const body = parseCheckpoint(text);
      const verifiers = spkis.flatMap((k) => {
        try {
          return [verifierFromVkey(logVkey(k, body.origin))];
        } catch {
          return [];
        }
      });
      openNote(row.note, verifiers);
      if (body.size !== row.size) {
        problems.add({
          kind: "column_changed",
          place: "ledger_checkpoints.size",
          message: t("ledger.checkpoints.size", { kept: row.size, signed: body.size }),
        });
        continue;
      }
      if (body.size > treeSize || !hashEquals(rootAt(body.size), body.root)) {
        problems.add({
          kind: "checkpoint_mismatch",
          place,
          message: t("ledger.checkpoints.mismatch", { size: body.size }),
        });
        continue;
      }
      notes.set(row.size, row.note);
    } catch (e) {
      problems.add({
        kind: "checkpoint_forged",
        place,
        message: t("ledger.checkpoints.forged", {
          size: row.size,
          reason: e instanceof Error ? e.message : t("ledger.malformed"),
        }),
      });
    }
  }
  const byName = new Map<string, string>();
  for (const v of witnessVkeys) byName.set(v.slice(0, v.indexOf("+")), v);
  for await (const row of tx.allCosignatures()) {
    const note = notes.get(row.size);
    const fault = (message: string, column = "") =>
      problems.add({ kind: "cosignature_changed", place: `ledger_cosignatures${column}`, message });
    if (note === undefined) {
      fault(t("ledger.checkpoints.no_checkpoint", { witness: row.witness, size: row.size }), ".size");
      continue;
    }
    const vkey = byName.get(row.witness);
    if (vkey === undefined) {
      // a witness no longer configured: its signature cannot be checked here, but the line must be its own
      let named: string | undefined;
      try {
        named = parseCosignatureLine(row.line).name;
      } catch {
        named = undefined;
      }
      if (named !== row.witness)
        fault(
          t("ledger.checkpoints.not_its_line", { witness: row.witness, size: row.size }),
          ".line, ledger_cosignatures.witness",
        );
      continue;
    }
    try {
      const check = verifyCosignatures(`${note}${row.line}\n`, [vkey], 1);
      if (!check.met || check.cosigned[0]?.line !== row.line)
        fault(t("ledger.checkpoints.not_its_cosignature", { witness: row.witness, size: row.size }), ".line");
    } catch (e) {
      fault(
        t("ledger.checkpoints.unverified", {
          witness: row.witness,
          size: row.size,
          reason: e instanceof Error ? e.message : t("ledger.malformed"),
        }),
        ".line",
      );
    }
  }
}
