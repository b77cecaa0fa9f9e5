// the workspace's declarations as the services use them: loaded from its folder, refused whole when any file has a
// problem (a release, a record or a detokenize runs only against declarations `jikimi check` can load).
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { diskReader, type WorkspaceReader } from "../io/workspace-reader.js";
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
