// the public library surface: what the CLI, the server and other programs may use.

export {
  type Environment,
  readSettings,
  STATE_DIR,
  STATE_FILE,
  storeLocator,
  type WorkspaceSettings,
} from "./app/settings.js";
export { openWorkspace, type WorkspaceOptions, type WorkspaceSession } from "./app/workspace.js";

export { ConsentRegistry, importConsentFile } from "./consent/index.js";
export { type DerivedKey, type DeriveParams, deriveKey } from "./crypto/derive.js";
export { initKeyring, type Keyring, keyringPath, loadKeyring } from "./crypto/keyring.js";
export { initLogKey, type LogKeys, logKeyPath, moveSigningKeys, openLogKeys } from "./crypto/log-key.js";
export { type Signer, signerFrom, verifySignature } from "./crypto/signing.js";
export { checkColumns, compileRowCheck } from "./engine/typecheck.js";
export { ExitCode, JikimiError } from "./errors.js";
export { compileScope } from "./expr/compile.js";
export { diskReader, memoryReader, type WorkspaceReader } from "./io/workspace-reader.js";
export { type Checkpoint, CheckpointSchema } from "./ledger/checkpoint.js";
export {
  type EntryBody,
  type PruneBody,
  type ReleaseBody,
  type ReleaseInput,
  ReleaseSchema,
  scopeDigest,
} from "./ledger/entry.js";
export { type AppendResult, Ledger, type StoredEntry, type SubjectRelease } from "./ledger/ledger.js";
export { type MonitorResult, monitorLog } from "./ledger/monitor.js";
export { type CheckpointBody, checkpointText, parseCheckpoint } from "./ledger/note/checkpoint.js";
export { logNoteSigner, logVkey } from "./ledger/note/log-key.js";
export {
  keyId,
  type NoteSigner,
  type NoteVerifier,
  openNote,
  signerFromSeed,
  signNote,
  verifierFromVkey,
  vkeyOf,
} from "./ledger/note/signed-note.js";
export { receiptsRoot } from "./ledger/receipts/parallel.js";
export { type ReceiptReport, verifyReceipt } from "./ledger/receipts/verify.js";
export { retentionOf } from "./ledger/retention.js";
export { SubjectDictionary } from "./ledger/subjects/dictionary.js";
export {
  fastSubjectHasher,
  nodeSubjectHasher,
  type SubjectHasher,
} from "./ledger/subjects/subject-hasher.js";
export {
  folderStore,
  openTiles,
  publishLedger,
  type TilesReport,
  verifyTiles,
  writeTiles,
} from "./ledger/tiles/index.js";
export { type Problem, type VerifyReport, verifyLedger } from "./ledger/verify.js";
export { workspaceDigest } from "./model/digest.js";
export type { LoadIssue, Location } from "./model/issues.js";
export { FILE_KINDS, type FileKind, jsonSchemaOf } from "./model/json-schema.js";
export { CONFIG_FILE, FOLDERS, type LoadResult, loadWorkspace } from "./model/load.js";
export type { Agreement, Declared, Workspace } from "./model/workspace.js";
export { ARTICLES, type Article } from "./policy/articles.js";
export { checkWorkspace } from "./policy/check.js";
export type { Finding, Severity } from "./policy/finding.js";
export type { CheckContext, Rule } from "./policy/rule.js";
export { RULES } from "./policy/rules/index.js";
export type { CheckRunRecord, CheckRunStore } from "./ports/check-runs.js";
export type { LedgerReads, LedgerStore, LedgerWrites } from "./ports/ledger.js";
export type { SchemaStatus, StateStore, StoreLocator } from "./ports/state-store.js";
export { openStateStore } from "./store/open.js";
export { buildTaxonomy, isWithin, type Taxonomy } from "./taxonomy/index.js";
export {
  type ColumnTransform,
  compileTransform,
  detokenize,
  TRANSFORMS,
  type Transform,
  type TransformDef,
  tokenize,
  transformNamed,
} from "./transforms/index.js";
export { VERSION } from "./version.js";
export { collectCosignatures } from "./witness/client.js";
export { cosignerFromSeed, verifyCosignatures } from "./witness/cosignature.js";
export { awaitingWitnesses, cosignedNote, witnessLog } from "./witness/log-side.js";
export type { WitnessPolicy } from "./witness/policy.js";
