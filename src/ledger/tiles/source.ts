// what the publisher reads from a log: leaf hashes and the bytes each entry is published as (its canonical
// body, or a marker for a pruned one). The ledger source reads the entries as stored, without judging them:
// `ledger publish` runs the full verify first.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import type { LedgerReads } from "../../ports/ledger.js";
import { HASH_SIZE } from "../merkle/hash.js";
import { prunedMarker } from "./bundle.js";

export interface LogSource {
  /** entries held */
  size(): Promise<number>;
  /** leaf hashes of entries `start..end-1`, concatenated */
  leafHashes(start: number, end: number): Promise<Uint8Array>;
  /** the published bytes of entries `start..end-1` */
  entries(start: number, end: number): Promise<Uint8Array[]>;
}

function missing(seq: number): JikimiError {
  return new JikimiError("ledger_corrupt", t("ledger.tiles.entry_missing", { seq }), {
    hint: t("ledger.hint.verify"),
  });
}

/** Refuses a range with a gap: every seq of `start..end-1` must be there, in order. */
function complete<R extends { seq: number }>(rows: R[], start: number, end: number): R[] {
  for (const [i, row] of rows.entries()) if (row.seq !== start + i) throw missing(start + i);
  if (rows.length !== end - start) throw missing(start + rows.length);
  return rows;
}

/**
 * The log in a state store's ledger, read within `tx`.
 * @example await state.ledger.read((tx) => writeTiles(folderStore(dir), ledgerLogSource(tx), note));
 */
export function ledgerLogSource(tx: LedgerReads): LogSource {
  return {
    size: () => tx.entryCount(),
    async leafHashes(start, end) {
      const out = new Uint8Array((end - start) * HASH_SIZE);
      for (const [i, row] of complete(await tx.leafRows(start, end), start, end).entries()) {
        if (row.leafHash.length !== HASH_SIZE)
          throw new JikimiError("ledger_corrupt", t("ledger.tiles.leaf_not_32", { seq: row.seq }), {
            hint: t("ledger.hint.verify"),
          });
        out.set(row.leafHash, i * HASH_SIZE);
      }
      return out;
    },
    entries: async (start, end) =>
      complete(await tx.bodyRows(start, end), start, end).map((row) =>
        row.body === "" ? prunedMarker(row.seq, row.leafHash) : Buffer.from(row.body, "utf8"),
      ),
  };
}
