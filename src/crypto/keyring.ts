// the keyring: a JSON file outside the workspace's tracked files, mode 0600, holding the controller's
// keys by id. Key ids go to the ledger; key material never leaves this module's callers.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { z } from "zod";
import { JikimiError } from "../errors.js";

export const KEYRING_FORMAT = "jikimi-keyring/1";

const KeySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  purpose: z.enum(["master", "ledger-signing", "ledger-subjects"]),
  algorithm: z.enum(["hkdf-sha256", "ed25519", "hmac-sha256"]),
  created: z.string(),
  status: z.enum(["active", "retired", "shredded"]),
  secret: z.string().optional().describe("base64; PKCS#8 DER for ed25519; absent once shredded"),
  public: z.string().optional().describe("base64 SPKI DER for ed25519"),
});
export type KeyEntry = z.infer<typeof KeySchema>;
export type KeyPurpose = KeyEntry["purpose"];

const KeyringSchema = z.strictObject({
  format: z.literal(KEYRING_FORMAT),
  created: z.string(),
  keys: z.array(KeySchema),
});
export type KeyringFile = z.infer<typeof KeyringSchema>;

/** A loaded keyring; `path` is where it lives. */
export interface Keyring {
  path: string;
  file: KeyringFile;
  /** the active key of a purpose; throws a clear error when there is none */
  active(purpose: KeyPurpose): KeyEntry & { secret: string };
  byId(id: string): KeyEntry | undefined;
}

/**
 * Where the keyring lives: $JIKIMI_KEYRING, else jikimi.yaml's `keyring` (relative to the workspace,
 * `~` expanded). It must sit outside the workspace, or inside its gitignored .jikimi/ folder.
 * @example keyringPath("/srv/ws", "~/.config/jikimi/acme.keyring")
 */
export function keyringPath(workspaceDir: string, configured: string | undefined, env = process.env): string {
  const raw = env.JIKIMI_KEYRING ?? configured;
  if (!raw)
    throw new JikimiError(
      "keyring_not_configured",
      "no keyring is configured: set `keyring:` in jikimi.yaml (a path outside the workspace) or JIKIMI_KEYRING",
    );
  const expanded = raw.startsWith("~/") ? join(homedir(), raw.slice(2)) : raw;
  const path = isAbsolute(expanded) ? expanded : resolve(workspaceDir, expanded);
  const rel = relative(resolve(workspaceDir), path);
  const inside = !rel.startsWith("..") && !isAbsolute(rel);
  if (inside && !rel.startsWith(`.jikimi/`) && !rel.startsWith(".jikimi\\"))
    throw new JikimiError(
      "keyring_inside_workspace",
      `the keyring path ${raw} is inside the workspace, where it could be committed: move it outside (e.g. ~/.config/jikimi/) or under .jikimi/`,
    );
  return path;
}

function newId(purpose: KeyPurpose): string {
  return `${purpose}-${randomBytes(4).toString("hex")}`;
}

/** Fresh key material for a purpose. */
export function generateKey(purpose: KeyPurpose, now: Date): KeyEntry {
  const created = now.toISOString();
  if (purpose === "ledger-signing") {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    return {
      id: newId(purpose),
      purpose,
      algorithm: "ed25519",
      created,
      status: "active",
      secret: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
      public: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
    };
  }
  const algorithm = purpose === "master" ? "hkdf-sha256" : "hmac-sha256";
  return {
    id: newId(purpose),
    purpose,
    algorithm,
    created,
    status: "active",
    secret: randomBytes(32).toString("base64"),
  };
}

/** Writes a keyring file atomically with mode 0600 (its folder 0700 when created). */
export function writeKeyring(path: string, file: KeyringFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/**
 * Creates a keyring with a master key, a ledger signing key and a ledger subject key; never overwrites.
 * @example const ring = initKeyring("/home/me/.config/jikimi/acme.keyring", new Date());
 */
export function initKeyring(path: string, now: Date): Keyring {
  if (existsSync(path))
    throw new JikimiError(
      "keyring_exists",
      `a keyring already exists at ${path}: jikimi never overwrites keys (use \`jikimi keys list\`)`,
    );
  const file: KeyringFile = {
    format: KEYRING_FORMAT,
    created: now.toISOString(),
    keys: [
      generateKey("master", now),
      generateKey("ledger-signing", now),
      generateKey("ledger-subjects", now),
    ],
  };
  writeKeyring(path, file);
  return wrap(path, file);
}

/** Reads and validates a keyring; refuses one that others can read. */
export function loadKeyring(path: string): Keyring {
  if (!existsSync(path))
    throw new JikimiError("keyring_missing", `no keyring at ${path}: create one with \`jikimi keys init\``);
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new JikimiError(
      "keyring_permissions",
      `the keyring ${path} is readable by others (mode ${mode.toString(8)}): run chmod 600 on it`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new JikimiError(
      "keyring_corrupt",
      `the keyring ${path} is not valid JSON: restore it from your backup`,
    );
  }
  const result = KeyringSchema.safeParse(parsed);
  if (!result.success)
    throw new JikimiError(
      "keyring_corrupt",
      `the keyring ${path} is not a ${KEYRING_FORMAT} file (${result.error.issues.length} problems at ${result.error.issues.map((i) => i.path.join(".")).join(", ")}): restore it from your backup`,
    );
  return wrap(path, result.data);
}

function wrap(path: string, file: KeyringFile): Keyring {
  return {
    path,
    file,
    active(purpose) {
      const key = file.keys.find((k) => k.purpose === purpose && k.status === "active");
      if (!key?.secret)
        throw new JikimiError(
          "key_missing",
          `the keyring ${path} has no active ${purpose} key: run \`jikimi keys init\` for a new keyring`,
        );
      return key as KeyEntry & { secret: string };
    },
    byId: (id) => file.keys.find((k) => k.id === id),
  };
}
