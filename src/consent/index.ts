// the consent registry's public surface: recording grants and withdrawals, importing files, as-of bitmaps.
export { EventBatch } from "./batch.js";
export type { RoaringBitmap32 } from "./bitmap.js";
export {
  CONSENT_ACTIONS,
  CONSENT_FIELDS,
  type ConsentAction,
  type ConsentEvent,
  type ConsentField,
  PURPOSE_PATTERN,
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
export {
  type ConsentDetails,
  type ConsentHistoryEntry,
  ConsentRegistry,
  type ConsentRegistryOptions,
  type ConsentStatus,
  type RecordResult,
} from "./registry.js";
export { formatInstant, parseInstant } from "./time.js";
