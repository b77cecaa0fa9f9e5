// a worker thread of the share gateway: compiles the plan once, then turns blocks into results in any order
// (the main thread puts them back in order). Errors go back as data, without values.
import { parentPort, workerData } from "node:worker_threads";
import { type ErrorCode, JikimiError } from "../../errors.js";
import { isLanguage, setLanguage } from "../../i18n/index.js";
import { tableOfCsvBlock } from "../../io/records/csv-table.js";
import { BlockError, type FieldTable } from "../../io/records/field-table.js";
import { compilePlan, type ReleasePlan } from "./processor.js";

/** A block to process: raw CSV bytes, or a table already packed from another format. */
export type Job = { kind: "csv"; bytes: Uint8Array } | { kind: "table"; table: FieldTable };

/** What a worker answers for job `id`. */
export type Answer =
  | { id: number; result: import("./processor.js").BlockResult }
  | { id: number; blockError: { code: string; record: number; line: number; column?: string } }
  | { id: number; error: { code: ErrorCode | "internal"; summary: string; hint?: string } };

/** Runs one job; shared by the worker loop and the main thread's inline path. */
export function runJob(run: ReturnType<typeof compilePlan>, plan: ReleasePlan, job: Job) {
  return run(job.kind === "csv" ? tableOfCsvBlock(job.bytes, plan.columns) : job.table);
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
      const result = runJob(run, plan, msg.job);
      port.postMessage({ id: msg.id, result } satisfies Answer, [result.out.buffer, result.hashes.buffer]);
    } catch (e) {
      port.postMessage(answerOf(msg.id, e));
    }
  });
}
