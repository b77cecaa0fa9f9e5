// the consent registry's public surface: recording grants and withdrawals, importing files, as-of bitmaps,
// the event chain a ledger entry commits to, and its verification.
export { EventBatch } from "./batch.js";
export { type RoaringBitmap32, setDigestOf } from "./bitmap.js";
export { type ConsentHead, chainUnchainedBatches, consentHeadAt, currentHead, ZERO_HEAD } from "./chain.js";
export {
  CONSENT_ACTIONS,
  CONSENT_FIELDS,
  type ConsentAction,
  type ConsentEvent,
  type ConsentField,
  type FieldProblemCode,
  fieldProblemText,
  PURPOSE_PATTERN,
  problemNamed,
} from "./event.js";
export {
  type ConsentFileFormat,
  consentFileFormat,
  type ImportOptions,
  type ImportResult,
  importConsentFile,
  readConsentFile,
} from "./import.js";
export { ConsentInputError, type ConsentProblem, type ProblemCode } from "./problems.js";
export { declaredConsentPurposes } from "./purposes.js";
export {
  type CommittedConsent,
  type ConsentDetails,
  type ConsentHistoryEntry,
  ConsentRegistry,
  type ConsentRegistryOptions,
  type ConsentStatus,
  type RecordResult,
} from "./registry.js";
export { ConsentReplayer, type ConsentSetDigest, consentSetAt, consentSetFromSnapshot } from "./replay.js";
export { formatInstant, parseInstant } from "./time.js";
export {
  type ConsentIntegrityKind,
  type ConsentIntegrityProblem,
  type ConsentVerified,
  type ConsentVerifyResult,
  consentProblems,
  consentVerified,
  verifyConsent,
} from "./verify.js";
