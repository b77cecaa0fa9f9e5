// what ledger, consent and keys commands open: the workspace's config, keyring, state store and the
// subject dictionary with its keyed hasher.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { type Keyring, keyringPath, loadKeyring } from "../crypto/keyring.js";
import { JikimiError } from "../errors.js";
import { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import { nodeSubjectHasher, type SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import { CONFIG_FILE } from "../model/load.js";
import { openStore, type Store } from "../store/sqlite.js";

/** The keyring path a workspace configures (jikimi.yaml `keyring`, or $JIKIMI_KEYRING). */
export function workspaceKeyringPath(dir: string): string {
  let configured: string | undefined;
  try {
    const config = parse(readFileSync(join(dir, CONFIG_FILE), "utf8")) as { keyring?: unknown } | null;
    configured = typeof config?.keyring === "string" ? config.keyring : undefined;
  } catch {
    if (process.env.JIKIMI_KEYRING === undefined)
      throw new JikimiError(
        "workspace_not_found",
        `no readable ${CONFIG_FILE} in ${dir}: pass --workspace DIR or run \`jikimi init DIR\``,
      );
  }
  return keyringPath(dir, configured);
}

export interface WorkspaceState {
  dir: string;
  keyring: Keyring;
  store: Store;
  subjects: SubjectDictionary;
  hasher: SubjectHasher;
  close(): void;
}

/** Opens the keyring and the state store of a workspace. */
export function openWorkspaceState(dir: string): WorkspaceState {
  const keyring = loadKeyring(workspaceKeyringPath(dir));
  const key = keyring.active("ledger-subjects");
  const store = openStore(dir);
  return {
    dir,
    keyring,
    store,
    subjects: new SubjectDictionary(store.db),
    hasher: nodeSubjectHasher(key.id, Buffer.from(key.secret, "base64")),
    close: () => store.close(),
  };
}
