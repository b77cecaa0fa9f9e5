// a worker thread of the share gateway: compiles the plan once, then turns blocks into results in any order
// (the main thread puts them back in order). Errors go back as data, without values.
import { parentPort, workerData } from "node:worker_threads";
import { type ErrorCode, JikimiError } from "../../errors.js";
import { isLanguage, setLanguage } from "../../i18n/index.js";
import { BlockError, type FieldTable } from "../../io/records/field-table.js";
import { type BlockResult, type CompiledPlan, compilePlan, type ReleasePlan } from "./processor.js";

/** A block to process: raw CSV bytes, or a table already packed from another format. */
export type Job = { kind: "csv"; bytes: Uint8Array } | { kind: "table"; table: FieldTable };

/** What a worker answers for job `id`. */
export type Answer =
  | { id: number; result: BlockResult }
  | { id: number; blockError: { code: string; record: number; line: number; column?: string } }
  | { id: number; error: { code: ErrorCode | "internal"; summary: string; hint?: string } };

/**
 * Runs one job; shared by the worker loop and the main thread's inline path. A CSV block's own buffer goes back
 * with the result (`input`): nothing in the result is a view of it.
 */
export function runJob(run: CompiledPlan, job: Job): BlockResult {
  if (job.kind === "table") return run(job.table);
  const result = run(run.csvTable(job.bytes));
  const buffer = job.bytes.buffer;
  return buffer instanceof ArrayBuffer ? { ...result, input: buffer } : result;
}

/** Turns a thrown error into an answer that carries no value. */
export function answerOf(id: number, e: unknown): Answer {
  if (e instanceof BlockError)
    return {
      id,
      blockError: {
        code: e.code,
        record: e.record,
        line: e.line,
        ...(e.column === undefined ? {} : { column: e.column }),
      },
    };
  if (e instanceof JikimiError)
    return {
      id,
      error: { code: e.code, summary: e.summary, ...(e.hint === undefined ? {} : { hint: e.hint }) },
    };
  return { id, error: { code: "internal", summary: e instanceof Error ? e.name : "unknown error" } };
}

if (parentPort && workerData?.jikimiRelease === true) {
  const port = parentPort;
  const plan = workerData.plan as ReleasePlan;
  if (typeof workerData.language === "string" && isLanguage(workerData.language))
    setLanguage(workerData.language);
  const run = compilePlan(plan);
  port.on("message", (msg: { id: number; job: Job }) => {
    try {
      const result = runJob(run, msg.job);
      const transfer: ArrayBuffer[] = [result.out.buffer, result.hashes.buffer];
      if (result.input) transfer.push(result.input);
      port.postMessage({ id: msg.id, result } satisfies Answer, transfer);
    } catch (e) {
      port.postMessage(answerOf(msg.id, e));
    }
  });
}
