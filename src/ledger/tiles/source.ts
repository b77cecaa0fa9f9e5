// what the publisher reads from a log: leaf hashes and the bytes each entry is published as (its canonical
// body, or a marker for a pruned one). The SQLite source reads ledger_entries as stored, without judging it:
// `ledger publish` runs the full verify first.
import type Database from "better-sqlite3";
import { ExitCode, JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { HASH_SIZE } from "../merkle/hash.js";
import { prunedMarker } from "./bundle.js";

export interface LogSource {
  /** entries held */
  size(): number;
  /** leaf hashes of entries `start..end-1`, concatenated */
  leafHashes(start: number, end: number): Uint8Array;
  /** the published bytes of entries `start..end-1` */
  entries(start: number, end: number): Uint8Array[];
}

function missing(seq: number): JikimiError {
  return new JikimiError("ledger_corrupt", t("ledger.tiles.entry_missing", { seq }), {
    exitCode: ExitCode.findings,
    hint: t("ledger.hint.verify"),
  });
}

/**
 * The log in a state database (table ledger_entries).
 * @example const source = sqliteLogSource(store.db); source.entries(0, 256)
 */
export function sqliteLogSource(db: Database.Database): LogSource {
  const count = db.prepare("SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM ledger_entries");
  const withBodies = db.prepare(
    "SELECT seq, body, leaf_hash FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq",
  );
  const leavesOnly = db.prepare(
    "SELECT seq, leaf_hash FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq",
  );
  const rows = (start: number, end: number, bodies = true) => {
    const out = (bodies ? withBodies : leavesOnly).all(start, end) as {
      seq: number;
      body: string;
      leaf_hash: Buffer;
    }[];
    for (const [i, row] of out.entries()) if (row.seq !== start + i) throw missing(start + i);
    if (out.length !== end - start) throw missing(start + out.length);
    return out;
  };
  return {
    size: () => (count.get() as { n: number }).n,
    leafHashes(start, end) {
      const out = new Uint8Array((end - start) * HASH_SIZE);
      for (const [i, row] of rows(start, end, false).entries()) {
        if (row.leaf_hash.length !== HASH_SIZE)
          throw new JikimiError("ledger_corrupt", t("ledger.tiles.leaf_not_32", { seq: row.seq }), {
            exitCode: ExitCode.findings,
            hint: t("ledger.hint.verify"),
          });
        out.set(row.leaf_hash, i * HASH_SIZE);
      }
      return out;
    },
    entries: (start, end) =>
      rows(start, end).map((row) =>
        row.body === "" ? prunedMarker(row.seq, row.leaf_hash) : Buffer.from(row.body, "utf8"),
      ),
  };
}
