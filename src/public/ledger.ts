// the public surface for the transfer ledger: entries, appends, verification, subject history, receipts'
// roots, retention, the log side of witnessing and the consent commitment verify checks.
export {
  parseVerifiedState,
  type VerifiedStateFile,
  verifiedStateRun,
  verifiedStateText,
} from "../app/verified-state.js";
export { consentCheck } from "../engine/consent-commitment.js";
export { type Checkpoint, CheckpointSchema } from "../ledger/checkpoint.js";
export {
  type EntryBody,
  type HoldBody,
  type HoldReason,
  type PruneBody,
  type Release,
  type ReleaseBody,
  type ReleaseInput,
  ReleaseSchema,
  scopeDigest,
} from "../ledger/entry.js";
export { describeHold } from "../ledger/holds.js";
export {
  type AppendResult,
  Ledger,
  type StoredEntry,
  type SubjectOverview,
  type SubjectRelease,
  type SubjectReleaseGroup,
} from "../ledger/ledger.js";
export { logNoteSigner, logVkey } from "../ledger/note/log-key.js";
export { receiptsRoot } from "../ledger/receipts/parallel.js";
export { retentionOf } from "../ledger/retention.js";
export { SubjectDictionary } from "../ledger/subjects/dictionary.js";
export {
  fastSubjectHasher,
  nodeSubjectHasher,
  type SubjectHasher,
} from "../ledger/subjects/subject-hasher.js";
// the log as tiles computed from the store: what the HTTP API serves under /v1/tiles
export { encodeBundle, type LogSource, ledgerLogSource, tileRoot } from "../ledger/tiles/index.js";
export { TILE_WIDTH } from "../ledger/tiles/path.js";
export { type Problem, type VerifyOptions, type VerifyReport, verifyLedger } from "../ledger/verify.js";
export { collectCosignatures } from "../witness/client.js";
export { awaitingWitnesses, cosignedNote, type Witnessed, witnessLog } from "../witness/log-side.js";
export type { WitnessPolicy } from "../witness/policy.js";
