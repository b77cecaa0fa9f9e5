// long work started over the API (a release, a scan, a risk or link measure) runs as a job: the request answers 202
// with the job's id at once, and GET /v1/jobs/{id} shows its progress, its result or its error as data. Jobs live
// in the server process that runs them (a queue shared by hosts is the workers' issue); under `jikimi serve
// --workers N` a job's id names its worker, and another worker asks that one for it (`remote`). A finished job is
// kept for `keepMs` so its caller can read it, and the server's close aborts what still runs.
import { randomBytes } from "node:crypto";
import type { JikimiError } from "../public/base.js";
import type { Principal } from "../public/server.js";
import { apiError, asJikimiError } from "./errors.js";

export type JobState = "running" | "done" | "failed";

/** A job as GET /v1/jobs/{id} shows it. */
export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  created_at: string;
  finished_at?: string;
  /** what the work reports as it goes (rows read, ...) */
  progress?: Record<string, number>;
  result?: unknown;
  error?: { code: string; message: string; hint?: string };
}

/** What a job's work is handed: where to report progress, and the signal that stops it. */
export interface JobContext {
  progress(values: Record<string, number>): void;
  signal: AbortSignal;
}

interface Job {
  view: JobView;
  owner: Principal;
  controller: AbortController;
  done: Promise<void>;
}

/** The worker processes of one server: this one's number (1..255), and how to ask another for a job. */
export interface JobWorkers {
  self: number;
  /** the job `id` of worker `worker` as `who` may see it (rejects with unknown_job as `get` does) */
  remote(worker: number, id: string, who: Principal): Promise<JobView>;
}

/** The jobs of one server process. */
export class Jobs {
  readonly #jobs = new Map<string, Job>();
  readonly #max: number;
  readonly #keepMs: number;
  readonly #now: () => Date;
  readonly #workers: JobWorkers | undefined;

  constructor(
    options: { maxRunning?: number; keepMs?: number; now?: () => Date; workers?: JobWorkers } = {},
  ) {
    this.#max = options.maxRunning ?? 4;
    this.#keepMs = options.keepMs ?? 3_600_000;
    this.#now = options.now ?? (() => new Date());
    this.#workers = options.workers;
  }

  /**
   * Starts `work` as a job of `owner`; `jobs_busy` when `maxRunning` jobs run already.
   * @example const view = jobs.start("release", principal, async ({ progress, signal }) => shareIt(...));
   */
  start(kind: string, owner: Principal, work: (job: JobContext) => Promise<unknown>): JobView {
    this.#sweep();
    const running = [...this.#jobs.values()].filter((j) => j.view.state === "running").length;
    if (running >= this.#max) throw apiError("jobs_busy", { running });
    // under several workers the id's first byte is its worker's number, so any worker knows whom to ask
    const bytes = randomBytes(12);
    if (this.#workers) bytes[0] = this.#workers.self;
    const id = bytes.toString("hex");
    const controller = new AbortController();
    const view: JobView = { id, kind, state: "running", created_at: this.#now().toISOString() };
    const job: Job = { view, owner, controller, done: Promise.resolve() };
    job.done = (async () => {
      try {
        view.result = await work({
          progress: (values) => {
            view.progress = { ...values };
          },
          signal: controller.signal,
        });
        view.state = "done";
      } catch (err) {
        const e: JikimiError = asJikimiError(err);
        view.state = "failed";
        view.error = { code: e.code, message: e.summary, ...(e.hint ? { hint: e.hint } : {}) };
      } finally {
        view.finished_at = this.#now().toISOString();
      }
    })();
    this.#jobs.set(id, job);
    return { ...view };
  }

  /** The job `id` as `who` may see it: its owner (the same token, or the same person) or a DPO; else unknown_job. */
  get(id: string, who: Principal): JobView {
    const job = this.#jobs.get(id);
    if (!job || !(who.role === "dpo" || sameCaller(job.owner, who))) throw apiError("unknown_job");
    return { ...job.view };
  }

  /** The job `id` as `who` may see it, from whichever worker of this server runs it. */
  async find(id: string, who: Principal): Promise<JobView> {
    const worker = Number.parseInt(id.slice(0, 2), 16);
    if (!this.#workers || worker === this.#workers.self) return this.get(id, who);
    return this.#workers.remote(worker, id, who);
  }

  /** Resolves once job `id` has finished (tests, and a caller that asked to wait). */
  async settled(id: string): Promise<void> {
    await this.#jobs.get(id)?.done;
  }

  /** Aborts every running job and waits for them to stop. */
  async close(): Promise<void> {
    for (const job of this.#jobs.values()) job.controller.abort();
    await Promise.all([...this.#jobs.values()].map((j) => j.done));
  }

  #sweep(): void {
    const cutoff = this.#now().getTime() - this.#keepMs;
    for (const [id, job] of this.#jobs)
      if (job.view.finished_at !== undefined && Date.parse(job.view.finished_at) < cutoff)
        this.#jobs.delete(id);
  }
}

function sameCaller(a: Principal, b: Principal): boolean {
  if (a.kind === "token" && b.kind === "token") return a.id === b.id;
  return a.kind === "subject" && b.kind === "subject" && a.subjectKey === b.subjectKey;
}
