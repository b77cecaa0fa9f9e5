// witnesses (c2sp.org/tlog-witness, c2sp.org/tlog-cosignature): the witness's state and HTTP server, and the log
// side that collects cosignatures under a policy and verifies them.
export {
  type AddCheckpointOptions,
  addCheckpointHandler,
  SIZE_CONTENT_TYPE,
  type WitnessReply,
} from "./add-checkpoint.js";
export {
  type Collected,
  type CollectedCosignature,
  collectCosignatures,
  type WitnessFailure,
} from "./client.js";
export {
  COSIGNATURE_V1,
  type CosignatureCheck,
  type CosignatureLine,
  type Cosigner,
  type CosignerKey,
  cosignedMessage,
  cosignerFromSeed,
  cosignerKeyId,
  cosignerVkey,
  parseCosignatureLine,
  parseCosignerVkey,
  type VerifiedCosignature,
  verifyCosignatures,
} from "./cosignature.js";
export {
  checkPolicy,
  DEFAULT_TIMEOUT_MS,
  type PolicyIssue,
  type ResolvedPolicy,
  resolvePolicy,
  type WitnessEndpoint,
  type WitnessPolicy,
} from "./policy.js";
export {
  type AddCheckpointRequest,
  formatAddCheckpoint,
  MAX_PROOF_LINES,
  parseAddCheckpoint,
} from "./request.js";
export {
  DEFAULT_MAX_BODY_BYTES,
  type ListeningWitness,
  listenWitness,
  type WitnessAppOptions,
  witnessApp,
} from "./server.js";
export { type Advance, initWitness, openWitness, type WitnessedLog, type WitnessState } from "./state.js";
