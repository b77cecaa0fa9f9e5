// the share gateway's threads: blocks go to worker threads (one per core by default) and come back as
// promises the caller awaits in block order. The first block runs on the calling thread, so small inputs
// never pay for starting workers; without the built worker file (running from sources) everything runs inline.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ExitCode, JikimiError } from "../../errors.js";
import { type BlockResult, compilePlan, type ReleasePlan } from "./processor.js";
import { BlockError } from "./table.js";
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
  return answer.error.code === "internal"
    ? new JikimiError("worker_failed", `a share worker failed (${answer.error.message})`, {
        exitCode: ExitCode.internal,
      })
    : new JikimiError(answer.error.code, answer.error.message);
}

/** The built worker, absent when running from sources (tests under vitest): then every block runs inline. */
const WORKER = new URL("./worker.js", import.meta.url);

/**
 * Runs blocks of one release. `threads` 0 runs everything on the calling thread.
 * @example const pool = new ReleasePool(plan, 2); const r = await pool.submit({ kind: "csv", bytes }); await pool.close();
 */
export class ReleasePool {
  private readonly run: ReturnType<typeof compilePlan>;
  private slots: Slot[] | undefined;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private failure: unknown;
  private readonly inline: boolean;

  constructor(
    private readonly plan: ReleasePlan,
    private readonly threads: number,
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
        return Promise.resolve(runJob(this.run, this.plan, job));
      } catch (e) {
        const answer = answerOf(id, e);
        return Promise.reject("result" in answer ? e : errorOf(answer));
      }
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
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

  private start(): Slot {
    const worker = new Worker(WORKER, { workerData: { jikimiRelease: true, plan: this.plan } });
    worker.on("message", (answer: Answer) => {
      const p = this.pending.get(answer.id);
      if (!p) return;
      this.pending.delete(answer.id);
      if ("result" in answer) p.resolve(answer.result);
      else p.reject(errorOf(answer));
    });
    const fail = (why: string) => {
      this.failure = new JikimiError("worker_failed", `a share worker ${why}: nothing was released`, {
        exitCode: ExitCode.internal,
      });
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    worker.on("error", (e) => fail(`failed (${e.name})`));
    worker.on("exit", (code) => {
      if (code !== 0 && this.pending.size > 0) fail(`stopped with code ${code}`);
    });
    return { worker, busy: 0 };
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const slots = this.slots ?? [];
    this.slots = undefined;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
