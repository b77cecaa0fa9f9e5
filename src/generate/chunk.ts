// the unit of work: a task names (kind, seed, chunk, rows, format); rendering it is pure and thread-agnostic.
import { CUSTOMER_COLUMNS, customersChunk } from "./customers.js";
import { PAYMENT_COLUMNS, paymentsChunk } from "./payments.js";
import { type Seed, Sfc32 } from "./prng.js";

/** Rows per chunk. Part of the output contract: changing it changes every file for a seed. */
export const CHUNK_ROWS = 65_536;

/** What can be generated. */
export const KINDS = ["customers", "payments"] as const;
export type Kind = (typeof KINDS)[number];
export type Format = "csv" | "jsonl";

/** One chunk to render: rows chunkIndex*CHUNK_ROWS .. +count-1. */
export interface ChunkTask {
  readonly kind: Kind;
  readonly seed: Seed;
  readonly chunkIndex: number;
  readonly count: number;
  readonly format: Format;
  /** Number of customers payments may reference (ids 1..customers). */
  readonly customers: number;
}

const KIND_ID: Record<Kind, number> = { customers: 1, payments: 2 };

/** Column names of a kind, in output order. */
export function columnsOf(kind: Kind): readonly string[] {
  return kind === "customers" ? CUSTOMER_COLUMNS : PAYMENT_COLUMNS;
}

/** Text written before the first chunk: the CSV header line, or nothing for JSONL. */
export function headerOf(kind: Kind, format: Format): string {
  return format === "csv" ? `${columnsOf(kind).join(",")}\n` : "";
}

/** Renders one chunk; the same task always gives the same bytes, in any thread. */
export function renderChunk(task: ChunkTask): Uint8Array {
  const rng = new Sfc32(task.seed, KIND_ID[task.kind], task.chunkIndex);
  const firstRow = task.chunkIndex * CHUNK_ROWS;
  const csv = task.format === "csv";
  return task.kind === "customers"
    ? customersChunk(rng, firstRow, task.count, csv)
    : paymentsChunk(rng, task.seed, firstRow, task.count, task.customers, csv);
}
