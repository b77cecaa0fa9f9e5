// a worker process: takes partition jobs and release jobs of one workspace from Redis and runs them with the same
// block processor as `share`. Its keys are its own (the workspace's keyring as this host opens it). A job that
// fails on its input (a bad row under `reject`, a missing column, declarations changed) fails for good and fails its
// release; anything else (the store unreachable, a full disk) is retried, on this worker or another. A worker killed
// mid-job loses its lock; BullMQ gives the job to another worker, whose output is the same bytes.
import { resolve } from "node:path";
import { type ConnectionOptions, type Job, UnrecoverableError, Worker } from "bullmq";
import { JikimiError, kindOf, t } from "../public/base.js";
import { PlanCache, partitionJob, releaseJob } from "../public/distributed.js";
import type { WorkspaceSession } from "../public/workspace.js";
import {
  PARTITION_QUEUE,
  type PartitionJobData,
  type PartitionProgress,
  RELEASE_QUEUE,
  type ReleaseJobData,
} from "./queues.js";

export interface WorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  session: WorkspaceSession;
  /** partition jobs run at once by this process (default 1) */
  concurrency?: number;
  /** block threads per partition job (default: the pool's own) */
  threads?: number;
  /** how long a job's lock lasts without renewal: a killed worker's job goes back to the queue after it */
  lockMs?: number;
  /** told of each job's end (for the process's log: ids and counts, never values) */
  onJob?: (e: { queue: string; id: string; ok: boolean; code?: string; ms: number }) => void;
}

/** The running workers of this process; `close` waits for the jobs in hand. */
export interface RunningWorker {
  /** resolves once both queues' connections are up (closing before that races BullMQ's own connecting) */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** An input failure ends the job for good; others are retried. */
function retryable(e: unknown): unknown {
  if (e instanceof JikimiError) {
    const kind = kindOf(e.code);
    if (kind !== "unavailable" && kind !== "interrupted" && kind !== "internal")
      return Object.assign(new UnrecoverableError(e.message), { code: e.code });
  }
  return e;
}

/**
 * Starts the partition and release workers of `session`'s workspace.
 * @example const w = startWorker({ connection, prefix: "jikimi", session }); ... await w.close();
 */
export function startWorker(o: WorkerOptions): RunningWorker {
  const root = resolve(o.session.root);
  const own = (workspace: string) => {
    if (resolve(workspace) !== root)
      throw new UnrecoverableError(t("distributed.worker.not_mine", { root, workspace }));
  };
  const lockDuration = o.lockMs ?? 30_000;
  const cache = new PlanCache();
  const common = {
    connection: o.connection,
    prefix: o.prefix,
    lockDuration,
    stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
    maxStalledCount: 10,
  };
  const timed = async <T>(queue: string, job: Job, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      const r = await run();
      o.onJob?.({ queue, id: job.id ?? "", ok: true, ms: performance.now() - started });
      return r;
    } catch (e) {
      const code = e instanceof JikimiError ? e.code : "internal";
      o.onJob?.({ queue, id: job.id ?? "", ok: false, code, ms: performance.now() - started });
      throw retryable(e);
    }
  };
  const partitions = new Worker<PartitionJobData>(
    PARTITION_QUEUE,
    async (job) =>
      timed(PARTITION_QUEUE, job, async () => {
        own(job.data.workspace);
        let last = 0;
        const result = await partitionJob(o.session, job.data.task, {
          operator: job.data.operator,
          ...(job.data.override === undefined ? {} : { override: job.data.override }),
          ...(o.threads === undefined ? {} : { threads: o.threads }),
          cache,
          onProgress: (rows, bytes) => {
            const now = Date.now();
            if (now - last < 500) return;
            last = now;
            void job.updateProgress({ rows, bytes } satisfies PartitionProgress).catch(() => {});
          },
        });
        // counts only: the result's sampled values stay in the staging folder
        return { index: result.index, counts: result.counts, output: result.output };
      }),
    { ...common, concurrency: o.concurrency ?? 1 },
  );
  const releases = new Worker<ReleaseJobData>(
    RELEASE_QUEUE,
    async (job) =>
      timed(RELEASE_QUEUE, job, async () => {
        own(job.data.workspace);
        return releaseJob(o.session, job.data.task, {
          operator: job.data.operator,
          ...(job.data.override === undefined ? {} : { override: job.data.override }),
        });
      }),
    { ...common, concurrency: 1 },
  );
  // a worker's own errors (Redis unreachable for a while) are retried by BullMQ; they must not end the process
  partitions.on("error", () => {});
  releases.on("error", () => {});
  return {
    async ready() {
      await Promise.all([partitions.waitUntilReady(), releases.waitUntilReady()]);
    },
    async close() {
      await Promise.all([partitions.close(), releases.close()]);
    },
  };
}
