// the log signing key lives in a key file of its own, apart from the master key: signing checkpoints and tree
// heads is a different power from deriving pseudonyms, held by fewer people (and later by a KMS). The file has
// the keyring's format, mode, sealing and lock; it holds only ledger-signing keys: the active one with its
// secret, and retired ones as public keys only (rotation never keeps a retired private key), so checkpoints
// they signed still verify. Workspaces from before the split keep their signing key in the keyring until
// `jikimi keys move-log-key` moves it; until then it is read from there.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import {
  initKeyring,
  isSealed,
  type KeyEntry,
  type Keyring,
  type KeyringFile,
  loadKeyring,
  passphraseFrom,
  secretFilePath,
  update,
  writeKeyring,
} from "./keyring.js";
import { type Signer, signerFrom } from "./signing.js";

/** The environment variable naming the log signing key file (a relative path from the current folder). */
export const LOG_KEY_ENV = "JIKIMI_LOG_KEY";

/**
 * Where the log signing key lives: $JIKIMI_LOG_KEY, else jikimi.yaml's `ledger.signing_key` (relative to the
 * workspace), else beside the keyring as `<keyring>.log-key`. Outside the workspace, or under its .jikimi/.
 * @example logKeyPath("/srv/ws", "/home/me/.config/jikimi/acme.keyring", undefined)
 */
export function logKeyPath(
  workspaceDir: string,
  keyringFile: string,
  configured: string | undefined,
  env: NodeJS.ProcessEnv = {},
  cwd: string = resolve("."),
): string {
  const fromEnv = env[LOG_KEY_ENV] !== undefined && env[LOG_KEY_ENV] !== "";
  if (fromEnv) return secretFilePath(workspaceDir, env[LOG_KEY_ENV] as string, cwd, "log_key");
  if (configured) return secretFilePath(workspaceDir, configured, workspaceDir, "log_key");
  return `${keyringFile}.log-key`;
}

/** The log's signing keys: the active one signs; every one's public part verifies. */
export interface LogKeys {
  /** the file the active key is read from (the keyring itself for a workspace from before the split) */
  path: string;
  /** whether the signing key still sits in the keyring (run `jikimi keys move-log-key`) */
  legacy: boolean;
  /** the active signing key; throws a clear error when there is none */
  active(): KeyEntry & { secret: string };
  signer(): Signer;
  /** every signing key with a public part, the log key file's first, then any left in the keyring */
  all(): KeyEntry[];
}

function signingKeys(ring: Keyring | undefined): KeyEntry[] {
  return (ring?.file.keys ?? []).filter((k) => k.purpose === "ledger-signing" && k.public !== undefined);
}

/**
 * Opens the log signing key file, or falls back to the keyring's signing key for an older workspace.
 * @example const keys = openLogKeys(logKeyPath(dir, ring.path, undefined), ring); keys.signer()
 */
export function openLogKeys(path: string, keyring: Keyring, env: NodeJS.ProcessEnv = {}): LogKeys {
  const own = existsSync(path) ? loadKeyring(path, env) : undefined;
  const source = own ?? keyring;
  const byId = new Map<string, KeyEntry>();
  for (const k of [...signingKeys(own), ...signingKeys(keyring)]) if (!byId.has(k.id)) byId.set(k.id, k);
  return {
    path: source.path,
    legacy: own === undefined,
    active: () => {
      if (!own && !keyring.file.keys.some((k) => k.purpose === "ledger-signing"))
        throw new JikimiError("log_key_missing", t("crypto.log_key.missing", { path }), {
          hint: t("crypto.log_key.missing_hint"),
        });
      return source.active("ledger-signing");
    },
    signer() {
      return signerFrom(this.active());
    },
    all: () => [...byId.values()],
  };
}

/**
 * Creates the log signing key file with one active Ed25519 key (mode 0600, sealed when the keyring's passphrase
 * is set); never overwrites.
 */
export function initLogKey(path: string, now: Date, env: NodeJS.ProcessEnv = {}): Keyring {
  return initKeyring(path, now, env, ["ledger-signing"]);
}

/**
 * Moves a keyring's signing keys into their own file: the active key with its secret, retired ones as public
 * keys only; then removes them from the keyring. Safe to run again after an interruption.
 * @example moveSigningKeys(ringPath, `${ringPath}.log-key`)
 */
export function moveSigningKeys(
  keyringFile: string,
  path: string,
  env: NodeJS.ProcessEnv = {},
): { moved: string[] } {
  return update(keyringFile, env, (file: KeyringFile) => {
    const signing = file.keys.filter((k) => k.purpose === "ledger-signing");
    if (signing.length === 0)
      throw new JikimiError(
        "log_key_not_in_keyring",
        t("crypto.log_key.not_in_keyring", { path: keyringFile }),
        {
          hint: existsSync(path) ? t("crypto.log_key.already_moved", { path }) : undefined,
        },
      );
    if (existsSync(path)) {
      const there = new Set(loadKeyring(path, env).file.keys.map((k) => k.id));
      const missing = signing.filter((k) => !there.has(k.id));
      if (missing.length > 0)
        throw new JikimiError(
          "log_key_exists",
          t("crypto.log_key.exists", { path, ids: missing.map((k) => k.id).join(", ") }),
          { hint: t("crypto.log_key.exists_hint") },
        );
    } else {
      const keys = signing.map((k) => {
        if (k.status === "active") return { ...k };
        const { secret: _dropped, ...rest } = k;
        return rest;
      });
      writeKeyring(path, { ...file, keys }, isSealed(keyringFile) ? passphraseFrom(env) : undefined);
    }
    file.keys = file.keys.filter((k) => k.purpose !== "ledger-signing");
    return { moved: signing.map((k) => k.id) };
  }).result;
}
