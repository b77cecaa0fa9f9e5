// the public surface for workspaces: settings and the service session, loading and checking declarations, the
// taxonomy, transforms and the state store.

export { type CheckOutcome, checkFolder, recordCheck } from "../app/check.js";
export {
  currentCheckpoint,
  type ShareWitnessing,
  shareWitnessing,
  storedCheckpoint,
  witnessNow,
} from "../app/checkpoints.js";
export { agreementOf, type Declarations, loadDeclarations } from "../app/declarations.js";
export { detokenizer } from "../app/detokenize.js";
export {
  type Environment,
  readSettings,
  STATE_DIR,
  STATE_FILE,
  storeLocator,
  type WorkspaceSettings,
} from "../app/settings.js";
export type { ShareCall } from "../app/share.js";
export { openWorkspace, type WorkspaceOptions, type WorkspaceSession } from "../app/workspace.js";
export { diskReader, memoryReader, type WorkspaceReader } from "../io/workspace-reader.js";
export { workspaceDigest } from "../model/digest.js";
export type { LoadIssue, Location } from "../model/issues.js";
export { FILE_KINDS, type FileKind, jsonSchemaOf } from "../model/json-schema.js";
export { CONFIG_FILE, FOLDERS, type LoadResult, loadWorkspace } from "../model/load.js";
export { own } from "../model/names.js";
export type { Agreement, Declared, Workspace } from "../model/workspace.js";
export { parseYamlFile } from "../model/yaml-file.js";
export { zodIssues } from "../model/zod-issues.js";
export { ARTICLES, type Article } from "../policy/articles.js";
export { checkWorkspace } from "../policy/check.js";
export type { Finding, Severity } from "../policy/finding.js";
export type { CheckContext, Rule } from "../policy/rule.js";
export { RULES } from "../policy/rules/index.js";
export type { CheckRunRecord, CheckRunStore } from "../ports/check-runs.js";
export type { LedgerReads, LedgerStore, LedgerWrites } from "../ports/ledger.js";
export type { SchemaStatus, StateStore, StoreLocator } from "../ports/state-store.js";
export { openStateStore } from "../store/open.js";
export { buildTaxonomy, entryName, isWithin, type Taxonomy, type TaxonomyEntry } from "../taxonomy/index.js";
export {
  type ColumnTransform,
  compileTransform,
  detokenize,
  TRANSFORMS,
  type Transform,
  type TransformDef,
  tokenize,
  transformNamed,
} from "../transforms/index.js";
