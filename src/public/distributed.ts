// the public surface of distributed releases: planning one, a partition's and a release's jobs, and running a plan
// in this process (the worker and `share --distributed` load this area only).
export {
  type DistributedCall,
  type DistributedPlan,
  type DistributedResult,
  type JobCall,
  PARTS_SUFFIX,
  type PartitionResult,
  type PartitionTask,
  PlanCache,
  type PlannedRelease,
  partitionJob,
  partsOf,
  planDistributed,
  type QueuedProgress,
  type ReleaseQueue,
  type ReleaseTask,
  releaseDistributed,
  releaseJob,
  runHere,
  STAGING,
} from "../app/distributed.js";
