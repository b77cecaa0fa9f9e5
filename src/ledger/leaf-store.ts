// the Merkle tree's leaf source: leaf hashes read back from ledger_entries in seq order.
import type Database from "better-sqlite3";
import type { LeafHashSource } from "./merkle/index.js";

export function sqliteLeafSource(db: Database.Database): LeafHashSource {
  const count = db.prepare("SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM ledger_entries");
  const range = db.prepare("SELECT leaf_hash FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq");
  return {
    size: () => (count.get() as { n: number }).n,
    leafHashes(start, end) {
      const out = new Uint8Array((end - start) * 32);
      let i = 0;
      for (const row of range.iterate(start, end) as Iterable<{ leaf_hash: Buffer }>)
        out.set(row.leaf_hash, 32 * i++);
      return out;
    },
  };
}
