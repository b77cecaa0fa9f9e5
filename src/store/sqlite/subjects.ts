// the subject dictionary's port on SQLite (tables subject_dict, subject_dict_linear and ledger_meta 'subjects'),
// shared by the ledger's and the consent registry's transactions; and the statement cache both use.
import type Database from "better-sqlite3";
import type { DictChunk, DictionaryWrites } from "../../ports/subjects.js";

/** A statement cache over one connection: each SQL text is prepared once. */
export function statements(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
}

/** Yields a statement's rows lazily (verification reads whole tables). */
export async function* rows<T>(iterable: Iterable<unknown>): AsyncIterable<T> {
  for (const row of iterable) yield row as T;
}

/** Partition chunks put by one statement, and its VALUES list. */
const PUT_ROWS = 64;
const PUT_VALUES = Array.from({ length: PUT_ROWS }, () => "(?, ?, ?)").join(", ");

/** @example const dict = dictionaryAccess(statements(db)); await dict.dictionarySize(); */
export function dictionaryAccess(q: (sql: string) => Database.Statement): DictionaryWrites {
  /** The record of `part` starting with `hash` at a record boundary: indexOf (native) finds the candidates; one off
   * a record boundary is skipped past. */
  const findIn = (part: number, hash: Uint8Array, recordBytes: number): Uint8Array | undefined => {
    for (const data of q("SELECT data FROM subject_dict WHERE part = ? ORDER BY chunk")
      .pluck()
      .all(part) as Buffer[])
      for (let at = data.indexOf(hash); at >= 0; at = data.indexOf(hash, at + 1))
        if (at % recordBytes === 0) return data.subarray(at, at + recordBytes);
    return undefined;
  };
  return {
    dictionarySize: async () =>
      Number(
        (q("SELECT value FROM ledger_meta WHERE key = 'subjects'").pluck().get() as string | undefined) ?? 0,
      ),
    linearChunks: (from) =>
      rows(q("SELECT chunk, data FROM subject_dict_linear WHERE chunk >= ? ORDER BY chunk").iterate(from)),
    lastPartChunks: async (parts) => {
      const last = q("SELECT part, chunk, data FROM subject_dict WHERE part = ? ORDER BY chunk DESC LIMIT 1");
      const found: DictChunk[] = [];
      for (const part of parts) {
        const row = last.get(part) as DictChunk | undefined;
        if (row) found.push(row);
      }
      return found;
    },
    findRecord: async (part, hash, recordBytes) => findIn(part, hash, recordBytes),
    findRecords: async (parts, hashes, recordBytes) =>
      hashes.map((hash, i) => findIn(parts[i] as number, hash, recordBytes)),
    allPartChunks: () => rows(q("SELECT part, chunk, data FROM subject_dict ORDER BY part, chunk").iterate()),
    putPartChunks: async (chunks) => {
      // PUT_ROWS chunks a statement: a first release of millions of subjects writes all 65,536 partitions, and one
      // statement a chunk took twice as long (docs/benchmarks.md, "Share gateway")
      const one = q("INSERT OR REPLACE INTO subject_dict (part, chunk, data) VALUES (?, ?, ?)");
      const many = q(`INSERT OR REPLACE INTO subject_dict (part, chunk, data) VALUES ${PUT_VALUES}`);
      const args: unknown[] = new Array(PUT_ROWS * 3);
      let i = 0;
      for (; i + PUT_ROWS <= chunks.length; i += PUT_ROWS) {
        for (let k = 0; k < PUT_ROWS; k++) {
          const c = chunks[i + k] as DictChunk;
          args[3 * k] = c.part;
          args[3 * k + 1] = c.chunk;
          args[3 * k + 2] = c.data;
        }
        many.run(args);
      }
      for (const c of chunks.slice(i)) one.run(c.part, c.chunk, c.data);
    },
    putLinearChunks: async (chunks) => {
      const put = q("INSERT OR REPLACE INTO subject_dict_linear (chunk, data) VALUES (?, ?)");
      for (const c of chunks) put.run(c.chunk, c.data);
    },
    setDictionarySize: async (size) => {
      q("INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('subjects', ?)").run(String(size));
    },
  };
}
