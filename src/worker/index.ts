// the BullMQ adapter's entry: what `jikimi worker`, `jikimi share --distributed` and `jikimi release status` start.
export {
  awaitRelease,
  bullQueue,
  connectionOf,
  enqueueRelease,
  type PartitionJobData,
  type ReleaseJobData,
  type ReleaseStatus,
  reachRedis,
  redisLocation,
  releaseStatus,
  releaseStatuses,
} from "./queues.js";
export { type RunningWorker, startWorker, type WorkerOptions } from "./run.js";
