// room 3, blocks: the source is read as record-aligned CSV byte blocks (or JSON Lines / Parquet batches packed into
// the same tables), sent to the worker pool a few at a time, and the results taken back in file order, so row
// numbers, quarantine and `on_bad_row: reject` are exact. A stop signal ends the read even on a stalled stdin.
import { BlockBuffers, csvBlocks, headerColumns, RecordTooLong } from "../../io/records/csv-blocks.js";
import { BlockError, tableFromRows } from "../../io/records/field-table.js";
import type { RecordBatch, RecordFormat } from "../../io/records/index.js";
import { ReleasePool } from "../release/pool.js";
import type { BlockResult } from "../release/processor.js";
import { machineFreeCores, releaseThreads } from "../release/threads.js";
import type { BlockPlanner } from "./block-plan.js";
import type { RecordSource } from "./ports.js";
import { interrupted, unterminatedError, where } from "./rows.js";
import type { Tally } from "./tally.js";

export interface BlockRun {
  source: RecordSource;
  format: RecordFormat;
  planner: BlockPlanner;
  tally: Tally;
  /** called once, with the header, before the first block: the released file's header line */
  onStart(): Promise<void>;
  threads?: number;
  maxLineBytes?: number;
  signal?: AbortSignal;
}

/** Bytes of a CSV block (whole records: a little less). */
const BLOCK_BYTES = 2 << 20;

/**
 * Streams the source through the workers into the tally. The pool is closed before this returns (its memory goes
 * back before the ledger append); on an error results still in flight are dropped.
 */
export async function runBlocks(run: BlockRun): Promise<void> {
  const { source, tally, signal } = run;
  const name = source.describe();
  const threads = run.threads ?? releaseThreads(source.size?.(), machineFreeCores());
  // blocks read ahead: enough to keep every thread busy, few enough to keep memory flat
  const inFlight = Math.max(2, threads * 2);
  const queue: Promise<BlockResult>[] = [];
  // the blocks' buffers, given back as their results are taken (the reader, the blocks in flight, one spare)
  const buffers = new BlockBuffers(inFlight + 2, BLOCK_BYTES);
  let pool: ReleasePool | undefined;
  /** Takes results in file order until at most `limit` are in flight. */
  const drain = async (limit: number) => {
    while (queue.length > limit) {
      let r: BlockResult;
      try {
        r = await (queue.shift() as Promise<BlockResult>);
      } catch (e) {
        if (e instanceof BlockError)
          throw unterminatedError(
            name,
            where(tally.at.rows + e.record + 1, tally.at.lines + e.line + 1),
            e.column,
          );
        throw e;
      }
      await tally.take(r);
      if (r.input) buffers.give(r.input);
    }
  };
  const begin = async (columns: string[]): Promise<ReleasePool> => {
    const started = new ReleasePool(await run.planner.planFor(columns), threads);
    pool = started;
    await run.onStart();
    return started;
  };
  try {
    if (run.format === "csv") {
      // CSV: record-aligned byte blocks go to the threads as they are
      let columns: string[] = [];
      try {
        const blocks = csvBlocks(source.reader?.() ?? source.bytes(), {
          name,
          target: BLOCK_BYTES,
          buffers,
          ...(run.maxLineBytes === undefined ? {} : { maxLineBytes: run.maxLineBytes }),
          onHeader: (header) => {
            columns = headerColumns(header, name);
            for (const byte of header) if (byte === 10) tally.at.lines++;
          },
        });
        for await (const block of untilAborted(blocks, signal)) {
          if (signal?.aborted) throw interrupted();
          pool ??= await begin(columns);
          tally.bytesRead += block.bytes.length;
          queue.push(handled(pool.submit({ kind: "csv", bytes: block.bytes })));
          await drain(inFlight);
        }
      } catch (e) {
        if (!(e instanceof RecordTooLong)) throw e;
        // the long record follows every block handed out: once they are counted, its row and line are known
        await drain(0);
        throw e.at(tally.at.rows + 1, tally.at.lines + 1);
      }
      pool ??= await begin(columns);
    } else {
      for await (const batch of untilAborted(source.batches(), signal)) {
        if (signal?.aborted) throw interrupted();
        pool ??= await begin(batch.columns);
        queue.push(handled(pool.submit({ kind: "table", table: packBatch(batch) })));
        await drain(inFlight);
      }
    }
    await drain(0);
  } catch (error) {
    // results still in flight are dropped: their failures (a worker stopped by close) must not surface later
    for (const q of queue) q.catch(() => {});
    throw error;
  } finally {
    await pool?.close();
    buffers.clear();
  }
}

/**
 * The same promise, marked as handled: a block's failure waits in the queue, while the next blocks are read, until
 * the drain takes it in file order (unmarked, it is an unhandled rejection once the reader waits for the disk).
 */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** A batch packed for the threads; records the reader could not read stay in the table's `bad`. */
function packBatch(batch: RecordBatch) {
  const recordOf = (i: number) => {
    let row = batch.firstRow + i;
    for (const e of batch.bad) if (e.row <= row) row++;
    return row - batch.firstRow;
  };
  return tableFromRows(batch.rows, recordOf, batch.columns.length, {
    bad: batch.bad.map((e) => ({
      record: e.row - batch.firstRow,
      line: -1,
      code: e.code,
      ...(e.column === undefined ? {} : { column: e.column }),
    })),
    records: batch.rows.length + batch.bad.length,
    lines: 0,
  });
}

/** Iterates until the signal aborts, even while the source waits for input (a stalled stdin). */
async function* untilAborted<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(interrupted());
    signal?.addEventListener("abort", () => reject(interrupted()), { once: true });
  });
  aborted.catch(() => {});
  try {
    for (;;) {
      const next = await Promise.race([it.next(), aborted]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    void it.return?.()?.catch(() => {});
  }
}
