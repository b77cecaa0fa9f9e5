// the keyring: a JSON file outside the workspace's tracked files, mode 0600, holding the controller's
// keys by id. Key ids go to the ledger; key material never leaves this module's callers and never
// appears in a message. Keys rotate (the old key is retired: kept, still found by id), are shredded (the
// secret removed for good; id, purpose, dates and an Ed25519 public key kept), and the whole file may be
// sealed with a passphrase from $JIKIMI_KEYRING_PASSPHRASE (scrypt -> AES-256-GCM). Every write is
// atomic (temporary file, fsync, rename) and leaves the file at mode 0600; changes take `<keyring>.lock.db`, an OS lock
// the kernel drops when its holder dies (io/lock.ts), so a killed change never blocks the next one.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
} from "node:crypto";
import {
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { z } from "zod";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { describeOwner, takeLock } from "../io/lock.js";

export const KEYRING_FORMAT = "jikimi-keyring/1";

/** The environment variable holding the passphrase of a sealed keyring. */
export const PASSPHRASE_ENV = "JIKIMI_KEYRING_PASSPHRASE";

/** The shortest passphrase jikimi seals with. */
export const MIN_PASSPHRASE_LENGTH = 8;

export const KEY_PURPOSES = ["master", "ledger-signing", "ledger-subjects"] as const;

const KeySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  purpose: z.enum(KEY_PURPOSES),
  algorithm: z.enum(["hkdf-sha256", "ed25519", "hmac-sha256"]),
  created: z.string(),
  status: z.enum(["active", "retired", "shredded"]),
  secret: z.string().optional().describe("base64; PKCS#8 DER for ed25519; absent once shredded"),
  public: z.string().optional().describe("base64 SPKI DER for ed25519"),
  retired: z.string().optional().describe("when a rotation retired the key"),
  shredded: z.string().optional().describe("when the secret was removed"),
});
export type KeyEntry = z.infer<typeof KeySchema>;
export type KeyPurpose = KeyEntry["purpose"];
export type KeyStatus = KeyEntry["status"];

const KeyringSchema = z.strictObject({
  format: z.literal(KEYRING_FORMAT),
  created: z.string(),
  keys: z.array(KeySchema),
});
export type KeyringFile = z.infer<typeof KeyringSchema>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const SealedBoxSchema = z
  .strictObject({
    kdf: z.literal("scrypt"),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, "N must be a power of two"),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: base64,
    iv: base64,
    tag: base64,
    ciphertext: base64,
  })
  .refine((b) => 128 * b.N * b.r <= 2 ** 30, "scrypt memory above 1 GiB");
type SealedBox = z.infer<typeof SealedBoxSchema>;

const SealedFileSchema = z.strictObject({ format: z.literal(KEYRING_FORMAT), sealed: SealedBoxSchema });

/** scrypt cost for new seals: N=2^15, r=8, p=1 (32 MiB, ~0.1 s). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

/** A loaded keyring; `path` is where it lives. */
export interface Keyring {
  path: string;
  file: KeyringFile;
  /** whether the file on disk is sealed with a passphrase */
  sealed: boolean;
  /** the active key of a purpose; throws a clear error when there is none */
  active(purpose: KeyPurpose): KeyEntry & { secret: string };
  /** any key by id, whatever its status (a shredded key has no `secret`) */
  byId(id: string): KeyEntry | undefined;
}

/** `path` with symlinks resolved: the real path of its nearest existing ancestor, then the parts not created yet. */
function realPath(path: string): string {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch {
      const parent = dirname(at);
      if (parent === at) return resolve(path);
      missing.push(basename(at));
      at = parent;
    }
  }
}

/**
 * Where the keyring lives: $JIKIMI_KEYRING (a relative path from the current folder), else jikimi.yaml's `keyring`
 * (relative to the workspace); `~` expanded, symlinks resolved. It must sit outside the workspace, or inside its
 * gitignored .jikimi/ folder.
 * @example keyringPath("/srv/ws", "~/.config/jikimi/acme.keyring")
 */
export function keyringPath(
  workspaceDir: string,
  configured: string | undefined,
  env: NodeJS.ProcessEnv = {},
  cwd: string = resolve("."),
): string {
  const fromEnv = env.JIKIMI_KEYRING !== undefined && env.JIKIMI_KEYRING !== "";
  const raw = fromEnv ? (env.JIKIMI_KEYRING as string) : configured;
  if (!raw)
    throw new JikimiError("keyring_not_configured", t("crypto.keyring.not_configured"), {
      hint: t("crypto.keyring.not_configured_hint"),
    });
  return secretFilePath(workspaceDir, raw, fromEnv ? cwd : workspaceDir, "keyring");
}

/**
 * A key file's path: `raw` resolved from `base` with `~` expanded and symlinks resolved; refused inside the
 * workspace (where it could be committed) unless under its gitignored .jikimi/ folder.
 * @example secretFilePath("/srv/ws", "~/.config/jikimi/acme.log-key", "/srv/ws", "log_key")
 */
export function secretFilePath(
  workspaceDir: string,
  raw: string,
  base: string,
  what: "keyring" | "log_key",
): string {
  const expanded = raw.startsWith("~/") ? join(homedir(), raw.slice(2)) : raw;
  const path = realPath(resolve(base, expanded));
  const rel = relative(realPath(workspaceDir), path);
  const parts = rel.split(sep);
  const inside = !isAbsolute(rel) && parts[0] !== "..";
  if (inside && !(parts[0] === ".jikimi" && parts.length > 1))
    throw new JikimiError(
      "keyring_inside_workspace",
      t("crypto.keyring.inside_workspace", { what: t(`crypto.file.${what}`), path: raw }),
      { hint: t("crypto.keyring.inside_workspace_hint") },
    );
  return path;
}

/**
 * A key purpose from user input; throws a clear error for anything else.
 * @example parsePurpose("master")
 */
export function parsePurpose(text: string): KeyPurpose {
  const found = KEY_PURPOSES.find((p) => p === text);
  if (!found)
    throw new JikimiError("key_purpose_unknown", t("crypto.keyring.purpose_unknown", { purpose: text }), {
      hint: t("crypto.keyring.purpose_unknown_hint", { purposes: KEY_PURPOSES.join(", ") }),
    });
  return found;
}

function newId(purpose: KeyPurpose, taken: readonly KeyEntry[] = []): string {
  for (;;) {
    const id = `${purpose}-${randomBytes(4).toString("hex")}`;
    if (!taken.some((k) => k.id === id)) return id;
  }
}

/** Fresh key material for a purpose; `taken` keys' ids are never reused. */
export function generateKey(purpose: KeyPurpose, now: Date, taken: readonly KeyEntry[] = []): KeyEntry {
  const created = now.toISOString();
  if (purpose === "ledger-signing") {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    return {
      id: newId(purpose, taken),
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
    id: newId(purpose, taken),
    purpose,
    algorithm,
    created,
    status: "active",
    secret: randomBytes(32).toString("base64"),
  };
}

/** The passphrase in the environment, or undefined when unset or empty. */
export function passphraseFrom(env: NodeJS.ProcessEnv = {}): string | undefined {
  const value = env[PASSPHRASE_ENV];
  return value === undefined || value === "" ? undefined : value;
}

function checkSealingPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
    throw new JikimiError(
      "keyring_passphrase_weak",
      t("crypto.keyring.passphrase_weak", { env: PASSPHRASE_ENV, min: MIN_PASSPHRASE_LENGTH }),
      { hint: t("crypto.keyring.passphrase_weak_hint") },
    );
}

function sealKey(passphrase: string, salt: Buffer, box: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize("NFC"), salt, 32, {
    N: box.N,
    r: box.r,
    p: box.p,
    maxmem: 128 * box.N * box.r * box.p + 64 * 1024 * 1024,
  });
}

/** Header bytes bound to the ciphertext, so no parameter can be swapped unnoticed. */
function sealedAad(box: Pick<SealedBox, "N" | "r" | "p" | "salt">): Buffer {
  return Buffer.from(`${KEYRING_FORMAT}|scrypt|${box.N}|${box.r}|${box.p}|${box.salt}`, "utf8");
}

function seal(file: KeyringFile, passphrase: string): { format: string; sealed: SealedBox } {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = { ...SCRYPT, salt: salt.toString("base64") };
  const cipher = createCipheriv("aes-256-gcm", sealKey(passphrase, salt, SCRYPT), iv);
  cipher.setAAD(sealedAad(header));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(file), "utf8"), cipher.final()]);
  return {
    format: KEYRING_FORMAT,
    sealed: {
      kdf: "scrypt",
      ...header,
      iv: iv.toString("base64"),
      tag: cipher.getAuthTag().toString("base64"),
      ciphertext: ciphertext.toString("base64"),
    },
  };
}

function unseal(path: string, box: SealedBox, passphrase: string): KeyringFile {
  let plain: string;
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      sealKey(passphrase, Buffer.from(box.salt, "base64"), box),
      Buffer.from(box.iv, "base64"),
    );
    decipher.setAAD(sealedAad(box));
    decipher.setAuthTag(Buffer.from(box.tag, "base64"));
    plain = Buffer.concat([
      decipher.update(Buffer.from(box.ciphertext, "base64")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new JikimiError("keyring_passphrase_wrong", t("crypto.keyring.passphrase_wrong", { path }), {
      hint: t("crypto.keyring.passphrase_wrong_hint", { env: PASSPHRASE_ENV }),
    });
  }
  return validate(path, parseJson(path, plain), KeyringSchema);
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new JikimiError("keyring_corrupt", t("crypto.keyring.not_json", { path }), {
      hint: t("crypto.keyring.restore_hint"),
    });
  }
}

function validate<T>(path: string, value: unknown, schema: z.ZodType<T>): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new JikimiError(
      "keyring_corrupt",
      t("crypto.keyring.bad_format", {
        path,
        format: KEYRING_FORMAT,
        count: result.error.issues.length,
        places: result.error.issues.map((i) => i.path.join(".") || t("crypto.keyring.top")).join(", "),
      }),
      { hint: t("crypto.keyring.restore_hint") },
    );
  return result.data;
}

/** Writes `text` to `path` atomically at mode 0600; `exclusive` refuses to replace an existing file. */
function writeAtomic(path: string, text: string, exclusive: boolean): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${randomBytes(8).toString("hex")}`;
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, text);
    fchmodSync(fd, 0o600);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (exclusive) {
      try {
        linkSync(tmp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") throw existsError(path);
        if (existsSync(path)) throw existsError(path);
        renameSync(tmp, path); // a file system without hard links
      }
    } else renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  syncFolder(dirname(path));
}

function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not every platform can fsync a folder; the rename is still atomic
  }
}

function existsError(path: string): JikimiError {
  return new JikimiError("keyring_exists", t("crypto.keyring.exists", { path }), {
    hint: t("crypto.keyring.exists_hint"),
  });
}

function serialize(file: KeyringFile, passphrase: string | undefined): string {
  return `${JSON.stringify(passphrase === undefined ? file : seal(file, passphrase), null, 2)}\n`;
}

/**
 * Writes a keyring file atomically with mode 0600 (its folder 0700 when created), sealed when a
 * passphrase is given.
 */
export function writeKeyring(path: string, file: KeyringFile, passphrase?: string): void {
  writeAtomic(path, serialize(file, passphrase), false);
}

/**
 * Creates a key file with one active key of each of `purposes` (default: master, ledger signing and ledger
 * subjects; the CLI keeps the signing key in a file of its own, see log-key.ts); never overwrites. Sealed when
 * $JIKIMI_KEYRING_PASSPHRASE is set.
 * @example const ring = initKeyring("/home/me/.config/jikimi/acme.keyring", new Date());
 */
export function initKeyring(
  path: string,
  now: Date,
  env: NodeJS.ProcessEnv = {},
  purposes: readonly KeyPurpose[] = KEY_PURPOSES,
): Keyring {
  if (existsSync(path)) throw existsError(path);
  const passphrase = passphraseFrom(env);
  if (passphrase !== undefined) checkSealingPassphrase(passphrase);
  const keys: KeyEntry[] = [];
  for (const purpose of purposes) keys.push(generateKey(purpose, now, keys));
  const file: KeyringFile = { format: KEYRING_FORMAT, created: now.toISOString(), keys };
  writeAtomic(path, serialize(file, passphrase), true);
  return wrap(path, file, passphrase !== undefined);
}

type RawKeyring = { sealed: false; file: KeyringFile } | { sealed: true; box: SealedBox };

/** Reads a keyring file without opening a seal; refuses one that others can read. */
function readRaw(path: string): RawKeyring {
  if (!existsSync(path))
    throw new JikimiError("keyring_missing", t("crypto.keyring.missing", { path }), {
      hint: t("crypto.keyring.missing_hint"),
    });
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new JikimiError(
      "keyring_permissions",
      t("crypto.keyring.permissions", { path, mode: mode.toString(8) }),
      { hint: t("crypto.keyring.permissions_hint") },
    );
  const parsed = parseJson(path, readFileSync(path, "utf8"));
  if (typeof parsed === "object" && parsed !== null && "sealed" in parsed)
    return { sealed: true, box: validate(path, parsed, SealedFileSchema).sealed };
  return { sealed: false, file: validate(path, parsed, KeyringSchema) };
}

/** The keys of a raw keyring, and the passphrase that opened it (undefined when not sealed). */
function open(
  path: string,
  raw: RawKeyring,
  env: NodeJS.ProcessEnv,
): { file: KeyringFile; passphrase?: string } {
  if (!raw.sealed) return { file: raw.file };
  const passphrase = passphraseFrom(env);
  if (passphrase === undefined)
    throw new JikimiError("keyring_sealed", t("crypto.keyring.sealed", { path }), {
      hint: t("crypto.keyring.sealed_hint", { env: PASSPHRASE_ENV }),
    });
  return { file: unseal(path, raw.box, passphrase), passphrase };
}

/**
 * Reads and validates a keyring; refuses one that others can read. A sealed keyring is opened with
 * $JIKIMI_KEYRING_PASSPHRASE.
 * @example const ring = loadKeyring(path); ring.active("master").id
 */
export function loadKeyring(path: string, env: NodeJS.ProcessEnv = {}): Keyring {
  const raw = readRaw(path);
  return wrap(path, open(path, raw, env).file, raw.sealed);
}

/** Whether the keyring file at `path` is sealed, without opening it. */
export function isSealed(path: string): boolean {
  return readRaw(path).sealed;
}

/** Runs `change` holding the keyring's lock (`<keyring>.lock.db`), so two changes never lose one another's keys. */
function withLock<T>(path: string, change: () => T): T {
  if (!existsSync(path))
    throw new JikimiError("keyring_missing", t("crypto.keyring.missing", { path }), {
      hint: t("crypto.keyring.missing_hint"),
    });
  const lock = takeLock(
    path,
    (owner) =>
      new JikimiError(
        "keyring_locked",
        owner
          ? t("crypto.keyring.locked_by", { path, owner: describeOwner(owner) })
          : t("crypto.keyring.locked", { path }),
        { hint: t("crypto.keyring.locked_hint") },
      ),
  );
  try {
    return change();
  } finally {
    lock.release();
  }
}

/** Opens, changes and rewrites a keyring under its lock, keeping it sealed when it was. */
export function update<T>(
  path: string,
  env: NodeJS.ProcessEnv,
  change: (file: KeyringFile) => T,
): { keyring: Keyring; result: T } {
  return withLock(path, () => {
    const raw = readRaw(path);
    const { file, passphrase } = open(path, raw, env);
    const result = change(file);
    writeKeyring(path, file, passphrase);
    return { keyring: wrap(path, file, raw.sealed), result };
  });
}

/** What a rotation did. */
export interface Rotation {
  keyring: Keyring;
  /** the new active key's id */
  active: string;
  /** ids of the keys it retired (none when the purpose had no active key) */
  retired: string[];
}

/**
 * Makes a new active key of a purpose and retires the old one. A retired master key is kept whole (old tokens
 * still detokenize); a retired signing key keeps only its public part (old checkpoints still verify through
 * `byId`, but nothing can sign with it again). The ledger-subjects key is never rotated.
 * @example rotateKey(path, "master", new Date()).active // "master-1a2b3c4d"
 */
export function rotateKey(
  path: string,
  purpose: KeyPurpose,
  now: Date,
  env: NodeJS.ProcessEnv = {},
): Rotation {
  if (purpose === "ledger-subjects")
    throw new JikimiError("key_rotation_refused", t("crypto.keys.rotation_refused"), {
      hint: t("crypto.keys.rotation_refused_hint"),
    });
  const { keyring, result } = update(path, env, (file) => {
    const retired: string[] = [];
    for (const k of file.keys)
      if (k.purpose === purpose && k.status === "active") {
        k.status = "retired";
        k.retired = now.toISOString();
        if (purpose === "ledger-signing") {
          k.public = publicPart(path, k);
          delete k.secret;
        }
        retired.push(k.id);
      }
    const key = generateKey(purpose, now, file.keys);
    file.keys.push(key);
    return { active: key.id, retired };
  });
  return { keyring, ...result };
}

/** Options of `shredKey`. */
export interface ShredOptions {
  /** allow shredding the active key of a purpose, leaving that purpose with no active key */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Removes a key's secret for good (status `shredded`; id, purpose, dates and a signing key's public
 * part stay), so nothing derived from it can be recomputed or reversed. Refuses the active key of a
 * purpose unless `force`.
 * @example shredKey(path, "master-1a2b3c4d", new Date())
 */
export function shredKey(path: string, keyId: string, now: Date, options: ShredOptions = {}): Keyring {
  return update(path, options.env ?? {}, (file) => {
    const key = file.keys.find((k) => k.id === keyId);
    if (!key)
      throw new JikimiError("key_unknown", t("crypto.keys.unknown", { path, id: keyId }), {
        hint: t("crypto.keys.unknown_hint"),
      });
    if (key.status === "shredded")
      throw new JikimiError(
        "key_already_shredded",
        t("crypto.keys.already_shredded", { id: keyId, date: key.shredded ?? "" }),
      );
    if (key.status === "active" && !options.force)
      throw new JikimiError(
        "key_shred_active",
        t("crypto.keys.shred_active", {
          id: keyId,
          purpose: key.purpose,
          advice:
            key.purpose === "ledger-subjects"
              ? t("crypto.keys.shred_active_ledger")
              : t("crypto.keys.shred_active_rotate", { purpose: key.purpose }),
        }),
      );
    if (key.purpose === "ledger-signing") key.public = publicPart(path, key);
    delete key.secret;
    key.status = "shredded";
    key.shredded = now.toISOString();
  }).keyring;
}

/** A signing key's public part, which shredding keeps so old checkpoints still verify. */
function publicPart(path: string, key: KeyEntry): string {
  if (key.public) return key.public;
  try {
    const privateKey = createPrivateKey({
      key: Buffer.from(key.secret ?? "", "base64"),
      format: "der",
      type: "pkcs8",
    });
    return createPublicKey(privateKey).export({ format: "der", type: "spki" }).toString("base64");
  } catch {
    throw new JikimiError("key_shred_refused", t("crypto.keys.shred_refused", { id: key.id, path }));
  }
}

/**
 * Seals a plain keyring with $JIKIMI_KEYRING_PASSPHRASE (scrypt -> AES-256-GCM).
 * @example sealKeyring(path, { JIKIMI_KEYRING_PASSPHRASE: "correct horse battery" })
 */
export function sealKeyring(path: string, env: NodeJS.ProcessEnv = {}): Keyring {
  const passphrase = passphraseFrom(env);
  if (passphrase === undefined)
    throw new JikimiError(
      "keyring_passphrase_missing",
      t("crypto.keyring.passphrase_missing", { env: PASSPHRASE_ENV }),
    );
  checkSealingPassphrase(passphrase);
  return withLock(path, () => {
    const raw = readRaw(path);
    if (raw.sealed)
      throw new JikimiError("keyring_already_sealed", t("crypto.keyring.already_sealed", { path }));
    writeKeyring(path, raw.file, passphrase);
    return wrap(path, raw.file, true);
  });
}

/**
 * Opens a sealed keyring with $JIKIMI_KEYRING_PASSPHRASE and writes it back as plain JSON (mode 0600).
 * @example unsealKeyring(path)
 */
export function unsealKeyring(path: string, env: NodeJS.ProcessEnv = {}): Keyring {
  return withLock(path, () => {
    const raw = readRaw(path);
    if (!raw.sealed) throw new JikimiError("keyring_not_sealed", t("crypto.keyring.not_sealed", { path }));
    const { file } = open(path, raw, env);
    writeKeyring(path, file);
    return wrap(path, file, false);
  });
}

function wrap(path: string, file: KeyringFile, sealed: boolean): Keyring {
  return {
    path,
    file,
    sealed,
    active(purpose) {
      const key = file.keys.find((k) => k.purpose === purpose && k.status === "active");
      if (!key?.secret)
        throw new JikimiError("key_missing", t("crypto.keys.no_active", { path, purpose }), {
          hint:
            purpose === "ledger-subjects"
              ? t("crypto.keys.no_active_ledger")
              : t("crypto.keys.no_active_rotate", { purpose }),
        });
      return key as KeyEntry & { secret: string };
    },
    byId: (id) => file.keys.find((k) => k.id === id),
  };
}
