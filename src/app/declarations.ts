// the workspace's declarations as the services use them: loaded from its folder, refused whole when any file has a
// problem (a release, a record or a detokenize runs only against declarations `jikimi check` can load).
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { diskReader, recordingReader, stampOf, type WorkspaceReader } from "../io/workspace-reader.js";
import { loadWorkspace } from "../model/load.js";
import type { Agreement, Workspace } from "../model/workspace.js";

/** A workspace's declarations and the reader they were read through (its bytes give digests). */
export interface Declarations {
  reader: WorkspaceReader;
  workspace: Workspace;
}

/**
 * The declarations of the workspace at `root`; `workspace_invalid` (naming how many problems) when any file has one.
 * @example const { workspace } = loadDeclarations("./hanbit");
 */
export function loadDeclarations(root: string, reader: WorkspaceReader = diskReader(root)): Declarations {
  const loaded = loadWorkspace(reader);
  if (!loaded.ok)
    throw new JikimiError(
      "workspace_invalid",
      t("cli.errors.workspace_invalid", { problems: t("common.problems", { count: loaded.issues.length }) }),
      { hint: t("cli.errors.workspace_invalid_hint", { dir: root }) },
    );
  return { reader, workspace: loaded.workspace };
}

/** How long a file must have been left alone before declarations read from it are kept (an edit in progress). */
const SETTLED_MS = 2000;

/**
 * `loadDeclarations` for a long-lived session: the declarations are kept and loaded again only when a file they were
 * read from, or a folder listed for them, has changed (inode, size or modification time): a server answers many
 * reads between two edits of the workspace. Files changed in the last two seconds are read again on every call.
 * @example const declarations = keptDeclarations("./hanbit"); declarations().workspace
 */
export function keptDeclarations(root: string, now: () => number = Date.now): () => Declarations {
  let kept: { paths: ReadonlySet<string>; stamp: string; value: Declarations } | undefined;
  return () => {
    if (kept !== undefined && stampOf(root, kept.paths).stamp === kept.stamp) return kept.value;
    kept = undefined;
    const started = now();
    const reader = recordingReader(root);
    const value = loadDeclarations(root, reader);
    const { stamp, newest } = stampOf(root, reader.paths);
    if (newest < started - SETTLED_MS) kept = { paths: new Set(reader.paths), stamp, value };
    return value;
  };
}

/**
 * The declared agreement `id`; `unknown_agreement` naming the declared ones otherwise.
 * @example const a = agreementOf(workspace, "nsf-credit-feed");
 */
export function agreementOf(workspace: Workspace, id: string): Agreement {
  const a = workspace.agreements.get(id)?.value;
  if (!a)
    throw new JikimiError("unknown_agreement", t("cli.errors.unknown_agreement", { agreement: id }), {
      hint: t("cli.errors.known_agreements", {
        names: [...workspace.agreements.keys()].join(", ") || t("cli.ledger.none"),
      }),
    });
  return a;
}
