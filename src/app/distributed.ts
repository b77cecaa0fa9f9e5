// the distributed release service: what `share --distributed`, the API and a worker ask of a workspace for a
// release spread over many machines. The enqueuer plans it (the agreement checked, time guards, the input cut
// into partitions, the release's id, a staging folder beside the output); a worker runs a partition or finishes
// the release with a context composed here from its own workspace session: its own keyring, never keys sent to it.
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { type DistributedResult, finishRelease, type ReleaseTask } from "../engine/distributed/finish.js";
import {
  type PartitionResult,
  type PartitionTask,
  PlanCache,
  runPartition,
} from "../engine/distributed/partition-job.js";
import {
  cutPartitions,
  type InputDigest,
  type Partition,
  releaseId,
} from "../engine/distributed/partitions.js";
import { describeHold, timeGuards } from "../engine/share/gates/index.js";
import { planShare } from "../engine/share/plan.js";
import { recordHold } from "../engine/share/record.js";
import { noCounts, type ReleaseContext, type ShareResult } from "../engine/share/types.js";
import { JikimiError } from "../errors.js";
import type { RecordFormat } from "../io/records/index.js";
import { type Declarations, loadDeclarations } from "./declarations.js";
import { sessionParts } from "./share.js";
import type { WorkspaceSession } from "./workspace.js";

export type { DistributedResult, ReleaseTask } from "../engine/distributed/finish.js";
export { type PartitionResult, type PartitionTask, PlanCache } from "../engine/distributed/partition-job.js";
export { PARTS_SUFFIX, partsOf } from "../engine/distributed/partitions.js";

/** Where the parts of a release wait until it is recorded: a private folder of the output folder. */
export const STAGING = ".jikimi-parts";

/** What an adapter asks for. */
export interface DistributedCall {
  agreement: string;
  /** a CSV file (cut into byte ranges) or a folder of part files, on storage every worker reaches */
  input: string;
  inputFormat?: RecordFormat;
  /** the output folder, on the same shared storage */
  outDir: string;
  at: Date;
  operator: string;
  override?: string;
  /** bytes of a byte-range partition (default 64 MiB) */
  partitionBytes?: number;
  now?: Date;
  declarations?: Declarations;
}

/** A planned release: its id, its partitions' tasks and its own task; or a hold recorded before a row was read. */
export type DistributedPlan =
  | {
      kind: "planned";
      releaseId: string;
      inputs: InputDigest[];
      partitions: PartitionTask[];
      release: ReleaseTask;
      /** what each job needs besides its task: who asked, and with what override */
      operator: string;
      override?: string;
    }
  | { kind: "held"; result: ShareResult };

/** What a job runs with (the same for a partition and for the release). */
export interface JobCall {
  operator: string;
  override?: string;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (rows: number, bytes: number) => void;
  now?: Date;
  /** the worker's plans of the releases it runs partitions of (one per process) */
  cache?: PlanCache;
}

/** A release's context from a workspace session: its declarations, keys, ledger, consent and witnesses. */
export function releaseContext(
  ws: WorkspaceSession,
  agreement: string,
  at: Date,
  call: JobCall & { declarations?: Declarations },
): ReleaseContext {
  return {
    agreement,
    at,
    operator: call.operator,
    ...(call.override === undefined ? {} : { override: call.override }),
    ...(call.threads === undefined ? {} : { threads: call.threads }),
    ...(call.signal === undefined ? {} : { signal: call.signal }),
    ...(call.onProgress === undefined ? {} : { onProgress: call.onProgress }),
    ...(call.now === undefined ? {} : { now: call.now }),
    ...sessionParts(ws, call.declarations, () => {}),
  };
}

/**
 * Plans a distributed release: refuses an agreement with check errors, records a time hold before a row is read
 * (as `share`), cuts the input, and makes the staging folder.
 * @example const plan = await planDistributed(ws, { agreement, input: "/mnt/lake/customers.csv", outDir, at, operator });
 */
export async function planDistributed(ws: WorkspaceSession, call: DistributedCall): Promise<DistributedPlan> {
  const agreement = call.agreement.normalize("NFC");
  const context = releaseContext(ws, agreement, call.at, call);
  const planned = await planShare(context);
  const now = call.now ?? new Date();
  const timeHeld = await timeGuards(planned.plan, context.ledger, now);
  if (timeHeld.length > 0 && call.override === undefined) {
    const hold = await recordHold(context, planned, timeHeld, noCounts(), now);
    return {
      kind: "held",
      result: { counts: noCounts(), held: timeHeld.map(describeHold), hold, sample: [], quarantined: [] },
    };
  }
  const { partitions, inputs } = await cutPartitions(call.input, {
    ...(call.inputFormat === undefined ? {} : { format: call.inputFormat }),
    ...(call.partitionBytes === undefined ? {} : { partitionBytes: call.partitionBytes }),
  });
  const at = planned.plan.declared.released_at;
  const id = releaseId(agreement, at, inputs);
  const staging = join(call.outDir, STAGING, id);
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  const expect = {
    agreementDigest: planned.plan.declared.agreement.digest,
    ...(planned.consent ? { consentHead: planned.consent.commitment.head } : {}),
  };
  const task = (partition: Partition): PartitionTask => ({
    releaseId: id,
    agreement,
    at,
    staging,
    partition,
    expect,
  });
  return {
    kind: "planned",
    releaseId: id,
    inputs,
    partitions: partitions.map(task),
    release: {
      releaseId: id,
      agreement,
      at,
      staging,
      outDir: call.outDir,
      partitions: partitions.length,
      expect,
    },
    operator: call.operator,
    ...(call.override === undefined ? {} : { override: call.override }),
  };
}

/** Runs one partition's job on this worker. */
export function partitionJob(
  ws: WorkspaceSession,
  task: PartitionTask,
  call: JobCall,
): Promise<PartitionResult> {
  // one release's partitions on this worker share the declarations read for the first (the plan is cached too)
  const declarations = call.cache?.inputs(task.releaseId, () => loadDeclarations(ws.root));
  return runPartition(
    releaseContext(ws, task.agreement, new Date(task.at), {
      ...call,
      ...(declarations === undefined ? {} : { declarations }),
    }),
    task,
    call.cache,
  );
}

/** Runs the release's (parent) job on this worker, once every partition is done. */
export function releaseJob(
  ws: WorkspaceSession,
  task: ReleaseTask,
  call: JobCall,
): Promise<DistributedResult> {
  return finishRelease(releaseContext(ws, task.agreement, new Date(task.at), call), task);
}

/**
 * Runs a planned release in this process, partition after partition, then the release: the queue's work without
 * the queue (tests, and a one-host run).
 * @example const plan = await planDistributed(ws, call); if (plan.kind === "planned") await runHere(ws, plan);
 */
export async function runHere(
  ws: WorkspaceSession,
  plan: Extract<DistributedPlan, { kind: "planned" }>,
  call: Omit<JobCall, "operator" | "override"> = {},
): Promise<DistributedResult> {
  const job = {
    cache: new PlanCache(),
    ...call,
    operator: plan.operator,
    ...(plan.override === undefined ? {} : { override: plan.override }),
  };
  for (const task of plan.partitions) await partitionJob(ws, task, job);
  return releaseJob(ws, plan.release, job);
}

/** A planned release that is to run (not held before reading). */
export type PlannedRelease = Extract<DistributedPlan, { kind: "planned" }>;

/** A release's progress while its workers run it. */
export interface QueuedProgress {
  partitions: number;
  done: number;
  rows: number;
  bytes: number;
}

/**
 * Where planned releases are run: the BullMQ queues of `jikimi worker`s (src/worker). Enqueuing a release already
 * enqueued (the same id) leaves it as it is; waiting gives its answer or throws its failure (`release_failed`,
 * `release_lost`).
 */
export interface ReleaseQueue {
  enqueue(plan: PlannedRelease, workspace: string): Promise<void>;
  wait(id: string, onProgress?: (p: QueuedProgress) => void): Promise<DistributedResult>;
  /**
   * After a failure: withdraws the release's partitions not yet started and resolves once none is running (or
   * after `timeoutMs`), so that its staging folder can be removed without a worker still writing into it.
   */
  settle(id: string, timeoutMs?: number): Promise<void>;
}

/**
 * Removes a failed release's staging folder once no worker writes into it. Its failure is the answer: a folder
 * that cannot be removed (a partition still running past the wait) is left for the next run of the release,
 * which starts it afresh, rather than hiding that failure behind the removal's.
 */
async function removeStaging(queue: ReleaseQueue, plan: PlannedRelease): Promise<void> {
  try {
    await queue.settle(plan.releaseId);
    rmSync(plan.release.staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // see above: the release's own failure is thrown by the caller
  }
}

/**
 * A distributed release from start to end: planned here, run by the queue's workers, waited for. A release that
 * failed for good before its append leaves nothing (its staged parts go); one that failed after it keeps them, so
 * that running it again places them.
 * @example const r = await releaseDistributed(ws, call, queue);
 */
export async function releaseDistributed(
  ws: WorkspaceSession,
  call: DistributedCall,
  queue: ReleaseQueue,
  on: { enqueued?: (plan: PlannedRelease) => void; progress?: (p: QueuedProgress) => void } = {},
): Promise<ShareResult | DistributedResult> {
  const plan = await planDistributed(ws, call);
  if (plan.kind === "held") return plan.result;
  await queue.enqueue(plan, resolve(ws.root));
  on.enqueued?.(plan);
  try {
    return await queue.wait(plan.releaseId, on.progress);
  } catch (e) {
    if (e instanceof JikimiError && e.code === "release_failed") {
      if ((await ws.ledger().entryOfRelease(plan.release.agreement, plan.releaseId)) === undefined)
        await removeStaging(queue, plan);
    }
    throw e;
  }
}
