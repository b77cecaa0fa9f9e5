// the BullMQ side of a distributed release: two queues on one Redis, a flow per release (the parent job is the
// release, its children the partitions), the jobs' data (paths and ids: no key, no record value ever goes through
// Redis), and the job ids that make an enqueue idempotent: the parent is the release's id, a child `<id>-<n>`.
import { type ConnectionOptions, FlowProducer, Job, Queue, QueueEvents } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import { JikimiError, t } from "../public/base.js";
import type {
  DistributedPlan,
  DistributedResult,
  PartitionTask,
  ReleaseQueue,
  ReleaseTask,
} from "../public/distributed.js";

export const PARTITION_QUEUE = "jikimi-partition";
export const RELEASE_QUEUE = "jikimi-release";

/** What a partition's job carries. */
export interface PartitionJobData {
  /** the workspace folder, the same path on every worker's host */
  workspace: string;
  task: PartitionTask;
  operator: string;
  override?: string;
}

/** What the release's job carries. */
export interface ReleaseJobData {
  workspace: string;
  task: ReleaseTask;
  operator: string;
  override?: string;
  /** partitions, for `release status` */
  partitions: number;
  /** input bytes, for the rate and the time left */
  bytes: number;
}

/** A partition job's progress as a worker reports it. */
export interface PartitionProgress {
  rows: number;
  bytes: number;
}

/** Attempts of a partition before the release fails: a worker killed mid-partition is retried elsewhere. */
const PARTITION_ATTEMPTS = 10;
const RELEASE_ATTEMPTS = 5;

/**
 * Redis connection options from a redis:// URL (BullMQ's workers need `maxRetriesPerRequest: null`).
 * @example connectionOf("redis://127.0.0.1:6379/0")
 */
export function connectionOf(url: string): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badRedis(url);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") throw badRedis(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw badRedis(url);
  return {
    host: u.hostname || "127.0.0.1",
    port: u.port === "" ? 6379 : Number(u.port),
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** The URL as messages may show it: no credentials. */
export function redisLocation(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return "redis";
  }
}

function badRedis(url: string): JikimiError {
  return new JikimiError("bad_redis_url", t("distributed.worker.bad_redis", { url: redisLocation(url) }), {
    hint: t("distributed.worker.bad_redis_hint"),
  });
}

/**
 * Enqueues a planned release as one flow; a release already enqueued (the same id) is left as it is.
 * @example await enqueueRelease(connection, plan, "/srv/ws", "jikimi");
 */
export async function enqueueRelease(
  connection: ConnectionOptions,
  plan: Extract<DistributedPlan, { kind: "planned" }>,
  workspace: string,
  prefix: string,
): Promise<void> {
  const flows = new FlowProducer({ connection, prefix });
  const who = {
    operator: plan.operator,
    ...(plan.override === undefined ? {} : { override: plan.override }),
  };
  try {
    await flows.add({
      name: "release",
      queueName: RELEASE_QUEUE,
      data: {
        workspace,
        task: plan.release,
        ...who,
        partitions: plan.partitions.length,
        bytes: plan.inputs.reduce((n, i) => n + i.bytes, 0),
      } satisfies ReleaseJobData,
      opts: {
        jobId: plan.releaseId,
        attempts: RELEASE_ATTEMPTS,
        backoff: { type: "exponential", delay: 1000 },
        removeOnComplete: { age: 7 * 86_400 },
        removeOnFail: { age: 7 * 86_400 },
      },
      children: plan.partitions.map((task) => ({
        name: "partition",
        queueName: PARTITION_QUEUE,
        data: { workspace, task, ...who } satisfies PartitionJobData,
        opts: {
          jobId: partitionJobId(plan.releaseId, task.partition.index),
          attempts: PARTITION_ATTEMPTS,
          backoff: { type: "fixed", delay: 500 },
          failParentOnFailure: true,
          removeOnComplete: { age: 7 * 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        },
      })),
    });
  } finally {
    await flows.close();
  }
}

/**
 * The queues on one Redis as the release service's port: `share --distributed` and the API's share route enqueue
 * through it and wait.
 * @example const queue = bullQueue(connectionOf(url), "jikimi"); const r = await releaseDistributed(ws, call, queue);
 */
export function bullQueue(connection: ConnectionOptions, prefix: string): ReleaseQueue {
  return {
    enqueue: (plan, workspace) => enqueueRelease(connection, plan, workspace, prefix),
    wait: (id, onProgress) =>
      awaitRelease<DistributedResult>(
        connection,
        prefix,
        id,
        onProgress &&
          ((s) => onProgress({ partitions: s.partitions, done: s.done, rows: s.rows, bytes: s.bytes })),
      ),
    settle: (id, timeoutMs) => settleRelease(connection, prefix, id, timeoutMs),
  };
}

/** Where a release stands in the queue. */
export interface ReleaseStatus {
  id: string;
  state: string;
  partitions: number;
  done: number;
  failed: number;
  rows: number;
  bytes: number;
  totalBytes: number;
  /** input bytes per second since the first partition started */
  rate?: number;
  /** seconds left at that rate */
  eta?: number;
  /** why it failed, when it did */
  reason?: string;
}

/**
 * A release's state, partitions done, rows read and the time left, from the queue.
 * @example const s = await releaseStatus(connection, "jikimi", id);
 */
export async function releaseStatus(
  connection: ConnectionOptions,
  prefix: string,
  id: string,
): Promise<ReleaseStatus | undefined> {
  const releases = new Queue<ReleaseJobData>(RELEASE_QUEUE, { connection, prefix });
  const parts = new Queue<PartitionJobData>(PARTITION_QUEUE, { connection, prefix });
  try {
    const parent = await Job.fromId<ReleaseJobData>(releases, id);
    if (!parent) return undefined;
    const n = parent.data.partitions;
    let done = 0;
    let failed = 0;
    let rows = 0;
    let bytes = 0;
    let started = Number.POSITIVE_INFINITY;
    for await (const [, job] of partitionJobs(parts, id, n)) {
      const state = await job.getState();
      if (state === "completed") done++;
      if (state === "failed") failed++;
      const p = job.progress as Partial<PartitionProgress> | number;
      const range = job.data.task.partition.range;
      const size = range ? range.end - range.start : 0;
      if (state === "completed") bytes += size;
      else if (typeof p === "object") bytes += p.bytes ?? 0;
      if (typeof p === "object") rows += p.rows ?? 0;
      if (job.processedOn) started = Math.min(started, job.processedOn);
    }
    const state = await parent.getState();
    const seconds = Number.isFinite(started) ? (Date.now() - started) / 1000 : 0;
    const rate = seconds > 0 && bytes > 0 ? bytes / seconds : undefined;
    return {
      id,
      state,
      partitions: n,
      done,
      failed,
      rows,
      bytes,
      totalBytes: parent.data.bytes,
      ...(rate === undefined ? {} : { rate, eta: Math.max(0, (parent.data.bytes - bytes) / rate) }),
      ...(parent.failedReason ? { reason: parent.failedReason } : {}),
    };
  } finally {
    await releases.close();
    await parts.close();
  }
}

/**
 * The releases in the queue, newest first (at most `limit`): each one's status.
 * @example const all = await releaseStatuses(connection, "jikimi", 20);
 */
export async function releaseStatuses(
  connection: ConnectionOptions,
  prefix: string,
  limit = 20,
): Promise<ReleaseStatus[]> {
  const releases = new Queue<ReleaseJobData>(RELEASE_QUEUE, { connection, prefix });
  try {
    const jobs = await releases.getJobs(
      ["active", "waiting", "waiting-children", "delayed", "prioritized", "completed", "failed"],
      0,
      limit - 1,
    );
    const ids = jobs
      .filter((j) => j?.id !== undefined)
      .sort((a, b) => b.timestamp - a.timestamp)
      .slice(0, limit)
      .map((j) => j.id as string);
    const out: ReleaseStatus[] = [];
    for (const id of ids) {
      const s = await releaseStatus(connection, prefix, id);
      if (s) out.push(s);
    }
    return out;
  } finally {
    await releases.close();
  }
}

/**
 * Refuses a Redis that does not answer within a few seconds (`redis_unreachable`), before any queue waits on it:
 * BullMQ's connections otherwise retry for ever.
 */
export async function reachRedis(connection: ConnectionOptions, where: string): Promise<void> {
  const options = connection as RedisOptions;
  const client = new Redis({
    ...options,
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
  } catch {
    throw new JikimiError("redis_unreachable", t("distributed.worker.unreachable", { url: where }), {
      hint: t("distributed.worker.unreachable_hint"),
    });
  } finally {
    client.disconnect();
  }
}

/**
 * Waits for a release's parent job to finish; returns its answer, or throws its failure. A release whose job is
 * gone from Redis (Redis restarted without its data) fails with `release_lost`.
 */
export async function awaitRelease<R>(
  connection: ConnectionOptions,
  prefix: string,
  id: string,
  onStatus?: (s: ReleaseStatus) => void,
): Promise<R> {
  const events = new QueueEvents(RELEASE_QUEUE, { connection, prefix });
  const releases = new Queue(RELEASE_QUEUE, { connection, prefix });
  try {
    await events.waitUntilReady();
    for (;;) {
      const job = await Job.fromId(releases, id);
      if (!job) throw lost(id);
      const state = await job.getState();
      if (state === "completed") return job.returnvalue as R;
      if (state === "failed")
        throw failedError(id, await failureOf(connection, prefix, id, job.failedReason));
      if (onStatus) {
        const s = await releaseStatus(connection, prefix, id);
        if (s) onStatus(s);
      }
      // woken by the job's end, or after a second to look again (progress, a lost job)
      await Promise.race([
        job.waitUntilFinished(events).catch(() => undefined),
        new Promise((r) => setTimeout(r, 1000)),
      ]);
    }
  } finally {
    await events.close();
    await releases.close();
  }
}

/** States of a job no worker has taken yet: a failed release's partitions in them are withdrawn. */
const NOT_STARTED = new Set(["waiting", "delayed", "prioritized", "waiting-children"]);

/**
 * After a release failed: removes its partitions no worker has taken and waits (at most `timeoutMs`) until none of
 * the others is running, polling every 200 ms. A partition whose worker was killed stays active until its lock
 * lapses; the wait is bounded by that.
 */
export async function settleRelease(
  connection: ConnectionOptions,
  prefix: string,
  id: string,
  timeoutMs = 30_000,
): Promise<void> {
  const parts = new Queue<PartitionJobData>(PARTITION_QUEUE, { connection, prefix });
  const releases = new Queue<ReleaseJobData>(RELEASE_QUEUE, { connection, prefix });
  const until = Date.now() + timeoutMs;
  try {
    const n = (await Job.fromId<ReleaseJobData>(releases, id))?.data.partitions ?? 0;
    for (;;) {
      let running = 0;
      for await (const [, job] of partitionJobs(parts, id, n)) {
        const state = await job.getState();
        // a job taken between the look and the removal refuses it (locked): it counts as running
        if (NOT_STARTED.has(state)) await job.remove().catch(() => running++);
        else if (state === "active") running++;
      }
      if (running === 0 || Date.now() >= until) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await parts.close();
    await releases.close();
  }
}

/** Why a release failed: its first failed partition's reason (the parent only says a child failed), or its own. */
async function failureOf(
  connection: ConnectionOptions,
  prefix: string,
  id: string,
  own: string | undefined,
): Promise<string> {
  const parts = new Queue<PartitionJobData>(PARTITION_QUEUE, { connection, prefix });
  const releases = new Queue<ReleaseJobData>(RELEASE_QUEUE, { connection, prefix });
  try {
    const parent = await Job.fromId<ReleaseJobData>(releases, id);
    for await (const [i, child] of partitionJobs(parts, id, parent?.data.partitions ?? 0)) {
      if ((await child.getState()) === "failed")
        return t("distributed.worker.partition_failed", { index: i + 1, reason: child.failedReason ?? "?" });
    }
    return own ?? "?";
  } finally {
    await parts.close();
    await releases.close();
  }
}

/** The job id of a release's partition `index`: the parent's id and the index. */
function partitionJobId(release: string, index: number): string {
  return `${release}-${index}`;
}

/** A release's partition jobs still in the queue, with their indexes, in index order. */
async function* partitionJobs(
  parts: Queue<PartitionJobData>,
  release: string,
  count: number,
): AsyncGenerator<[number, Job<PartitionJobData>]> {
  for (let i = 0; i < count; i++) {
    const job = await Job.fromId<PartitionJobData>(parts, partitionJobId(release, i));
    if (job) yield [i, job];
  }
}

function lost(id: string): JikimiError {
  return new JikimiError("release_lost", t("distributed.worker.release_lost", { id }), {
    hint: t("distributed.worker.release_lost_hint"),
  });
}

/** A failed release, its first line of reason as the worker gave it. */
function failedError(id: string, reason: string | undefined): JikimiError {
  return new JikimiError(
    "release_failed",
    t("distributed.worker.release_failed", { id, reason: reason ?? "?" }),
    {
      hint: t("distributed.worker.release_failed_hint"),
    },
  );
}
