// the subject dictionary's port on PostgreSQL (tables subject_dict, subject_dict_linear, ledger_meta 'subjects'),
// shared by the ledger's and the consent registry's transactions; and the paging both use to read whole tables.
import type { DictChunk, DictionaryWrites } from "../../ports/subjects.js";
import type { PostgresClient } from "./connect.js";
import { copyBinaryRows, copyInteger, copyNumber } from "./copy.js";

/** The rows of one query. */
export async function rowsOf<T>(tx: PostgresClient, text: string, params: unknown[] = []): Promise<T[]> {
  return (await tx.query(text, params)).rows as T[];
}

/**
 * A whole table in key order, a page at a time (keyset paging: no cursor, no OFFSET): `page(after, limit)` gives
 * the query for the rows after key `after` (undefined for the first page).
 */
export function pages<R, K, O = R>(
  tx: PostgresClient,
  page: (after: K | undefined, limit: number) => [string, unknown[]],
  keyOf: (row: R) => K,
  map: (row: R) => O = (row) => row as unknown as O,
  limit = 1000,
): AsyncIterable<O> {
  return (async function* () {
    let after: K | undefined;
    for (;;) {
      const [text, params] = page(after, limit);
      const rows = await rowsOf<R>(tx, text, params);
      for (const row of rows) yield map(row);
      if (rows.length < limit) return;
      after = keyOf(rows[rows.length - 1] as R);
    }
  })();
}

/** Each row of `rows` as `map` makes it. */
export async function* mapRows<R, O>(rows: AsyncIterable<R>, map: (row: R) => O): AsyncIterable<O> {
  for await (const row of rows) yield map(row);
}

/** Slices of at most `size` items. */
export function* inBatches<T extends { subarray(a: number, b: number): T; length: number }>(
  items: T,
  size: number,
): Generator<T> {
  for (let i = 0; i < items.length; i += size) yield items.subarray(i, Math.min(items.length, i + size));
}

/** Groups rows so that one statement carries at most ~16 MB of bytea and 1,000 rows. */
function* byBytes<T extends { data: Uint8Array }>(rows: T[]): Generator<T[]> {
  let batch: T[] = [];
  let size = 0;
  for (const row of rows) {
    if (batch.length > 0 && (size + row.data.length > 16 << 20 || batch.length >= 1000)) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(row);
    size += row.data.length;
  }
  if (batch.length > 0) yield batch;
}

const bytes = (d: Uint8Array): Buffer => Buffer.from(d.buffer, d.byteOffset, d.byteLength);

/** "($1, $2, $3), ($4, $5, $6)" for `rows` rows of `columns` parameters. */
function placeholders(rows: number, columns: number): string {
  return Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(", ")})`,
  ).join(", ");
}

/** @example const dict = dictionaryAccess(client); await dict.dictionarySize(); */
export function dictionaryAccess(tx: PostgresClient): DictionaryWrites {
  const findOne = async (
    part: number,
    hash: Uint8Array,
    recordBytes: number,
  ): Promise<Uint8Array | undefined> => {
    // searched on the server: a partition of a large dictionary is hundreds of kilobytes, a text result doubles
    // it, and the record wanted is 20 bytes. A match off a record boundary (two records' bytes) is checked here.
    const rows = await rowsOf<{ at: number; record: Buffer }>(
      tx,
      `SELECT position($2::bytea IN data) - 1 AS at, substring(data FROM position($2::bytea IN data) FOR $3) AS record
       FROM subject_dict WHERE part = $1 AND position($2::bytea IN data) > 0 ORDER BY chunk`,
      [part, bytes(hash), recordBytes],
    );
    for (const r of rows) if (r.at % recordBytes === 0) return r.record;
    if (rows.length === 0) return undefined;
    // a misaligned match hid the real one (or there is none): read the partition
    for (const data of (
      await rowsOf<{ data: Buffer }>(tx, "SELECT data FROM subject_dict WHERE part = $1 ORDER BY chunk", [
        part,
      ])
    ).map((r) => r.data))
      for (let off = 0; off < data.length; off += recordBytes)
        if (data.compare(hash, 0, hash.length, off, off + hash.length) === 0)
          return data.subarray(off, off + recordBytes);
    return undefined;
  };
  return {
    dictionarySize: async () =>
      Number(
        (await rowsOf<{ value: string }>(tx, "SELECT value FROM ledger_meta WHERE key = 'subjects'"))[0]
          ?.value ?? 0,
      ),
    // the whole copy (a new process's dictionary, a verify) in the binary COPY format: bytea as bytes, not hex
    linearChunks: (from) =>
      mapRows(
        copyBinaryRows(
          tx,
          `COPY (SELECT chunk, data FROM subject_dict_linear WHERE chunk >= ${copyInteger(from)} ORDER BY chunk)
           TO STDOUT (FORMAT binary)`,
        ),
        ([chunk, data]) => ({ chunk: copyNumber(chunk ?? null), data: data ?? Buffer.alloc(0) }),
      ),
    lastPartChunks: async (parts) =>
      // one index probe per partition (a plain DISTINCT ON over many partitions reads every chunk of each)
      rowsOf<DictChunk>(
        tx,
        `SELECT d.part, d.chunk, d.data FROM unnest($1::int[]) AS p(part)
         CROSS JOIN LATERAL (
           SELECT part, chunk, data FROM subject_dict WHERE part = p.part ORDER BY chunk DESC LIMIT 1) d`,
        [parts],
      ),
    findRecords: async (parts, hashes, recordBytes) => {
      // every hash searched on the server in one statement (position() in its partition's chunks); a hash whose
      // first match in a chunk is off a record boundary is searched again alone, as findRecord does
      const out: (Uint8Array | undefined)[] = hashes.map(() => undefined);
      if (hashes.length === 0) return out;
      const rows = await rowsOf<{ i: string; at: number; record: Buffer }>(
        tx,
        `SELECT q.i, position(q.h IN d.data) - 1 AS at, substring(d.data FROM position(q.h IN d.data) FOR $3) AS record
         FROM unnest($1::int[], $2::bytea[]) WITH ORDINALITY AS q(part, h, i)
         JOIN subject_dict d ON d.part = q.part
         WHERE position(q.h IN d.data) > 0
         ORDER BY q.i, d.chunk`,
        [parts, hashes.map(bytes), recordBytes],
      );
      const again = new Set<number>();
      for (const r of rows) {
        const i = Number(r.i) - 1;
        if (out[i] !== undefined) continue;
        if (r.at % recordBytes === 0) {
          out[i] = r.record;
          again.delete(i);
        } else again.add(i);
      }
      for (const i of again)
        if (out[i] === undefined)
          out[i] = await findOne(parts[i] as number, hashes[i] as Uint8Array, recordBytes);
      return out;
    },
    findRecord: async (part, hash, recordBytes) => findOne(part, hash, recordBytes),
    allPartChunks: () =>
      mapRows(
        copyBinaryRows(
          tx,
          "COPY (SELECT part, chunk, data FROM subject_dict ORDER BY part, chunk) TO STDOUT (FORMAT binary)",
        ),
        ([part, chunk, data]) => ({
          part: copyNumber(part ?? null),
          chunk: copyNumber(chunk ?? null),
          data: data ?? Buffer.alloc(0),
        }),
      ),
    putPartChunks: async (chunks) => {
      for (const batch of byBytes(chunks))
        await tx.query(
          `INSERT INTO subject_dict (part, chunk, data) VALUES ${placeholders(batch.length, 3)}
           ON CONFLICT (part, chunk) DO UPDATE SET data = excluded.data`,
          batch.flatMap((c) => [c.part, c.chunk, bytes(c.data)]),
        );
    },
    putLinearChunks: async (chunks) => {
      for (const batch of byBytes(chunks))
        await tx.query(
          `INSERT INTO subject_dict_linear (chunk, data) VALUES ${placeholders(batch.length, 2)}
           ON CONFLICT (chunk) DO UPDATE SET data = excluded.data`,
          batch.flatMap((c) => [c.chunk, bytes(c.data)]),
        );
    },
    setDictionarySize: async (size) => {
      await tx.query(
        "INSERT INTO ledger_meta (key, value) VALUES ('subjects', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [String(size)],
      );
    },
  };
}
