// bulk writes with COPY ... FROM STDIN (pg-copy-streams): rows stream in as text lines, inside the caller's
// transaction; a row the server rejects rejects the returned promise and aborts the transaction.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { PostgresClient } from "./connect.js";

/**
 * Streams `chunks` (COPY text format: tab-separated fields, one row a line) into `statement`, a
 * `COPY table (columns) FROM STDIN`, and resolves with the rows written.
 * @example await copyRows(tx, "copy ledger_subject_changes (subject, seq) from stdin", lines);
 */
export async function copyRows(
  client: PostgresClient,
  statement: string,
  chunks: Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
): Promise<number> {
  const sink = client.query(copyFrom(statement));
  await pipeline(Readable.from(chunks), sink);
  return sink.rowCount;
}
