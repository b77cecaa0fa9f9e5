// the share gateway's threads: blocks go to worker threads (one per core by default) and come back as
// promises the caller awaits in block order. The first block runs on the calling thread, so small inputs
// never pay for starting workers; without the built worker file (running from sources) everything runs inline.
// A worker that fails (an error, running out of memory, exiting while the pool is open) fails the pool: every block
// in flight and every later one rejects with one JikimiError (exit 2), never an uncaught error.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ResourceLimits, Worker } from "node:worker_threads";
import { workerFile } from "../../built.js";
import { JikimiError } from "../../errors.js";
import { currentLanguage, t } from "../../i18n/index.js";
import { BlockError } from "../../io/records/field-table.js";
import { type BlockResult, type CompiledPlan, compilePlan, type ReleasePlan } from "./processor.js";
import { type Answer, answerOf, type Job, runJob } from "./worker.js";

interface Pending {
  resolve: (r: BlockResult) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
}

/** The error an answer that is not a result stands for. */
function errorOf(answer: Exclude<Answer, { result: BlockResult }>): Error {
  if ("blockError" in answer) {
    const { code, record, line, column } = answer.blockError;
    return new BlockError(code, record, line, column);
  }
  const { code, summary, hint } = answer.error;
  return code === "internal"
    ? new JikimiError(
        "worker_failed",
        t("engine.pool.failed", { why: t("engine.pool.failed_with", { error: summary }) }),
        { hint: t("engine.pool.failed_hint", { fix: t("engine.pool.run_again") }) },
      )
    : new JikimiError(code, summary, { hint });
}

/** The built worker, absent when running from sources (tests under vitest): then every block runs inline. */
const WORKER = workerFile("engine/release/worker.js");

/**
 * Runs blocks of one release. `threads` 0 runs everything on the calling thread.
 * @example const pool = new ReleasePool(plan, 2); const r = await pool.submit({ kind: "csv", bytes }); await pool.close();
 */
export class ReleasePool {
  private readonly run: CompiledPlan;
  private slots: Slot[] | undefined;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private failure: unknown;
  private closing = false;
  private readonly inline: boolean;

  constructor(
    private readonly plan: ReleasePlan,
    private readonly threads: number,
    /** limits of each worker thread (tests use them to make a worker run out of memory) */
    private readonly limits?: ResourceLimits,
  ) {
    // compiled here first: a plan that does not compile fails on the calling thread, with its message
    this.run = compilePlan(plan);
    this.inline = threads === 0 || !existsSync(fileURLToPath(WORKER));
  }

  /** Processes one block; results may settle out of order, so await them in the order submitted. */
  submit(job: Job): Promise<BlockResult> {
    const id = this.next++;
    if (id === 0 || this.inline) {
      try {
        return Promise.resolve(runJob(this.run, job));
      } catch (e) {
        const answer = answerOf(id, e);
        return Promise.reject("result" in answer ? e : errorOf(answer));
      }
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(this.fault(t("engine.pool.stopped")));
    this.slots ??= Array.from({ length: this.threads }, () => this.start());
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return new Promise<BlockResult>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (r) => {
          slot.busy--;
          resolve(r);
        },
        reject: (e) => {
          slot.busy--;
          reject(e);
        },
      });
      const transfer =
        job.kind === "csv" &&
        job.bytes.buffer.byteLength > Buffer.poolSize &&
        !(job.bytes.buffer instanceof SharedArrayBuffer)
          ? [job.bytes.buffer as ArrayBuffer]
          : [];
      slot.worker.postMessage({ id, job }, transfer);
    });
  }

  /** The error of a failed worker: what happened, that nothing went out, and what to do. */
  private fault(why: string, fix = t("engine.pool.run_again")): JikimiError {
    return new JikimiError("worker_failed", t("engine.pool.failed", { why }), {
      hint: t("engine.pool.failed_hint", { fix }),
    });
  }

  private start(): Slot {
    const worker = new Worker(WORKER, {
      // the worker speaks the caller's language: its errors reach the user as they are
      workerData: { jikimiRelease: true, plan: this.plan, language: currentLanguage() },
      ...(this.limits ? { resourceLimits: this.limits } : {}),
    });
    worker.on("message", (answer: Answer) => {
      const p = this.pending.get(answer.id);
      if (!p) return;
      this.pending.delete(answer.id);
      if ("result" in answer) p.resolve(answer.result);
      else p.reject(errorOf(answer));
    });
    const fail = (error: JikimiError) => {
      if (this.closing) return;
      this.failure ??= error;
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    worker.on("error", (e: Error & { code?: string }) =>
      fail(
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? this.fault(t("engine.pool.out_of_memory"), t("engine.pool.more_memory"))
          : this.fault(t("engine.pool.failed_with", { error: e.code ?? e.name })),
      ),
    );
    // a worker only exits when the pool closes it: any other exit (killed, crashed) fails the release
    worker.on("exit", (code) => fail(this.fault(t("engine.pool.exited", { code }))));
    return { worker, busy: 0 };
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    for (const p of this.pending.values()) p.reject(this.fault(t("engine.pool.stopped")));
    this.pending.clear();
    const slots = this.slots ?? [];
    this.slots = undefined;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
