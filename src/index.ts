// the public library surface: what the CLI, the server and other programs may use.
export { ExitCode, JikimiError } from "./errors.js";
export { diskReader, memoryReader, type WorkspaceReader } from "./io/workspace-reader.js";
export { loadWorkspace, CONFIG_FILE, FOLDERS, type LoadResult } from "./model/load.js";
export { workspaceDigest } from "./model/digest.js";
export { jsonSchemaOf, FILE_KINDS, type FileKind } from "./model/json-schema.js";
export type { LoadIssue, Location } from "./model/issues.js";
export type { Workspace, Agreement, Declared } from "./model/workspace.js";
export { checkWorkspace } from "./policy/check.js";
export { RULES } from "./policy/rules/index.js";
export type { Rule, CheckContext } from "./policy/rule.js";
export type { Finding, Severity } from "./policy/finding.js";
export { ARTICLES, type Article } from "./policy/articles.js";
export { buildTaxonomy, isWithin, type Taxonomy } from "./taxonomy/index.js";
export { TRANSFORMS, transformNamed, type TransformDef } from "./engine/transforms/index.js";
export { openStore, STATE_DIR, type Store } from "./store/sqlite.js";
export { VERSION } from "./version.js";
