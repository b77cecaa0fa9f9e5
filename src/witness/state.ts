// a witness's persistent state, one folder (0700): `witness.key` (0600, written once, never overwritten: Go's
// sumdb/note private key text, so other witness software can load it) and `witness.db` (SQLite, 0600): the logs it
// witnesses (origin -> trusted log vkeys), per origin the latest cosigned size and root, and refused-but-signed
// requests kept as evidence. Advancing a log is a compare-and-swap in one BEGIN IMMEDIATE transaction, so neither
// concurrent requests nor two processes on one folder can move a size backwards (tlog-witness's race).
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { JikimiError } from "../errors.js";
import { type MessageKey, type MessageParams, t } from "../i18n/index.js";
import { EMPTY_ROOT, hashEquals } from "../ledger/merkle/hash.js";
import { keyId, signerFromSeed, verifierFromVkey } from "../ledger/note/signed-note.js";
import { type Cosigner, cosignerFromSeed } from "./cosignature.js";

export const KEY_FILE = "witness.key";
export const DB_FILE = "witness.db";
const SCHEMA_VERSION = 1;
const EVIDENCE_PER_ORIGIN = 100;

/** What a compare-and-swap of a log's latest checkpoint did. */
export type Advance =
  | { kind: "advanced"; previous: number }
  /** the request's old size is not the latest cosigned size */
  | { kind: "stale"; latest: number }
  /** same size as the latest, another root */
  | { kind: "root_mismatch"; latest: number }
  /** the consistency proof from the latest checkpoint does not verify */
  | { kind: "inconsistent"; latest: number };

export interface WitnessedLog {
  origin: string;
  vkeys: string[];
  /** latest cosigned size, 0 when none */
  size: number;
}

export interface WitnessState {
  readonly dir: string;
  readonly cosigner: Cosigner;
  /** the trusted vkeys of a log, empty when the origin is unknown */
  logKeys(origin: string): string[];
  /** trusts `vkey` (Ed25519, type 0x01) for `origin`; false when it was already trusted */
  addLog(origin: string, vkey: string): boolean;
  logs(): WitnessedLog[];
  latest(origin: string): { size: number; root: Uint8Array } | undefined;
  /**
   * Moves `origin` from `oldSize` to (`size`, `root`) when `oldSize` is the latest cosigned size and
   * `consistent(latest root)` holds, atomically across connections and processes.
   */
  advance(
    origin: string,
    oldSize: number,
    size: number,
    root: Uint8Array,
    consistent: (oldRoot: Uint8Array) => boolean,
  ): Advance;
  /** keeps a refused request whose signature verified (possible proof of a log's misbehaviour) */
  recordEvidence(origin: string, reason: string, request: string): void;
  evidence(origin: string): { receivedAt: string; reason: string; request: string }[];
  close(): void;
}

/** A JikimiError whose summary is `key` and whose hint, when the catalogue has one, is `key`_hint. */
function failure(
  code: string,
  key: MessageKey,
  params: MessageParams = {},
  options: { hint?: MessageKey; cause?: unknown } = {},
): JikimiError {
  return new JikimiError(code, t(key, params), {
    ...(options.hint === undefined ? {} : { hint: t(options.hint, params) }),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}

const errno = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? "error";

/** Creates `dir` (0700) or checks that an existing one is private. */
function privateFolder(dir: string): void {
  if (!existsSync(dir)) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
    } catch (e) {
      throw failure(
        "witness_dir_unwritable",
        "witness.state.dir_unwritable",
        { dir, code: errno(e) },
        { hint: "witness.state.dir_unwritable_hint", cause: e },
      );
    }
    return;
  }
  const st = statSync(dir);
  if (!st.isDirectory())
    throw failure(
      "witness_dir_invalid",
      "witness.state.dir_invalid",
      { dir },
      { hint: "witness.state.dir_invalid_hint" },
    );
  if ((st.mode & 0o077) !== 0)
    throw failure(
      "witness_dir_open",
      "witness.state.dir_open",
      { dir, mode: (st.mode & 0o777).toString(8) },
      { hint: "witness.state.dir_open_hint" },
    );
}

/** Go's sumdb/note private key text: PRIVATE+KEY+<name>+<key ID (type 0x01)>+base64(0x01 || seed). */
function keyText(name: string, seed: Uint8Array): string {
  const signer = signerFromSeed(name, seed);
  const id = signer.id.toString(16).padStart(8, "0");
  return `PRIVATE+KEY+${name}+${id}+${Buffer.concat([Buffer.from([1]), seed]).toString("base64")}\n`;
}

function parseKeyText(text: string, file: string): Cosigner {
  // name and key ID hold no "+"; the base64 key after them may
  const m = /^PRIVATE\+KEY\+([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  const [, name = "", id = "", b64 = ""] = m ?? [];
  const seed = Buffer.from(b64, "base64");
  if (!m || seed.length !== 33 || seed[0] !== 1 || seed.toString("base64") !== b64)
    throw failure("witness_key_invalid", "witness.state.key_invalid", { file });
  const cosigner = cosignerFromSeed(name, seed.subarray(1));
  if (keyId(name, cosigner.publicKey).toString(16).padStart(8, "0") !== id)
    throw failure("witness_key_invalid", "witness.state.key_altered", { file });
  return cosigner;
}

/**
 * Creates a witness folder: the key (a new random seed unless one is given) and the database. Never replaces a key.
 * @example const { vkey } = initWitness("/srv/witness", "witness.example/w1");
 */
export function initWitness(dir: string, name: string, seed: Uint8Array = randomBytes(32)): { vkey: string } {
  privateFolder(dir);
  const file = join(dir, KEY_FILE);
  const text = keyText(name, seed);
  const exists = () =>
    failure(
      "witness_key_exists",
      "witness.state.key_exists",
      { file },
      { hint: "witness.state.key_exists_hint" },
    );
  if (existsSync(file)) throw exists();
  // written whole to a temporary file, then hard-linked: link fails on an existing name, so a key is never overwritten
  const tmp = join(dir, `.${KEY_FILE}.${process.pid}.${randomBytes(4).toString("hex")}`);
  try {
    const fd = openSync(tmp, "wx", 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(tmp, file);
  } catch (e) {
    if (errno(e) === "EEXIST" && existsSync(file)) throw exists();
    throw failure(
      "witness_key_unwritable",
      "witness.state.key_unwritable",
      { file, code: errno(e) },
      { hint: "witness.state.key_unwritable_hint", cause: e },
    );
  } finally {
    rmSync(tmp, { force: true });
  }
  openWitness(dir).close();
  return { vkey: cosignerFromSeed(name, seed).vkey };
}

function loadKey(dir: string): Cosigner {
  const file = join(dir, KEY_FILE);
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (e) {
    if (errno(e) === "ENOENT")
      throw failure(
        "witness_not_found",
        "witness.state.not_found",
        { dir },
        { hint: "witness.state.not_found_hint" },
      );
    throw failure(
      "witness_key_unreadable",
      "witness.state.key_unreadable",
      { file, code: errno(e) },
      { cause: e },
    );
  }
  if ((mode & 0o077) !== 0)
    throw failure(
      "witness_key_open",
      "witness.state.key_open",
      { file, mode: (mode & 0o777).toString(8) },
      { hint: "witness.state.key_open_hint" },
    );
  return parseKeyText(readFileSync(file, "utf8"), file);
}

function openDatabase(dir: string, busyTimeoutMs: number): Database.Database {
  const file = join(dir, DB_FILE);
  try {
    // created 0600 before SQLite opens it: SQLite gives its WAL and shared-memory files the database's mode
    closeSync(openSync(file, "a", 0o600));
    chmodSync(file, 0o600);
    const db = new Database(file, { timeout: busyTimeoutMs });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw failure(
        "witness_db_too_new",
        "witness.state.db_too_new",
        { file },
        { hint: "witness.state.db_too_new_hint" },
      );
    if (version < SCHEMA_VERSION)
      db.transaction(() => {
        db.exec(`
          CREATE TABLE IF NOT EXISTS log_keys (origin TEXT NOT NULL, vkey TEXT NOT NULL, added_at TEXT NOT NULL,
            PRIMARY KEY (origin, vkey));
          CREATE TABLE IF NOT EXISTS checkpoints (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL,
            updated_at TEXT NOT NULL);
          CREATE TABLE IF NOT EXISTS evidence (id INTEGER PRIMARY KEY, origin TEXT NOT NULL, received_at TEXT NOT NULL,
            reason TEXT NOT NULL, request TEXT NOT NULL);
          CREATE INDEX IF NOT EXISTS evidence_origin ON evidence (origin, id);
        `);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
    for (const f of [`${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
    return db;
  } catch (e) {
    if (e instanceof JikimiError) throw e;
    throw failure(
      "witness_db_unusable",
      "witness.state.db_unusable",
      { file, code: errno(e) },
      { hint: "witness.state.db_unusable_hint", cause: e },
    );
  }
}

function checkOrigin(origin: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a checkpoint's origin is one line of printable text
  if (origin.length === 0 || /[\u0000-\u001f]/.test(origin))
    throw failure("bad_origin", "witness.state.bad_origin");
}

const busy = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string }).code ?? "");

/**
 * Opens a witness folder made by `initWitness`. `busyTimeoutMs` is how long an update waits for another process's.
 * @example const state = openWitness("/srv/witness"); state.latest("ledger.example/log"); state.close();
 */
export function openWitness(dir: string, options: { busyTimeoutMs?: number } = {}): WitnessState {
  privateFolder(dir);
  const cosigner = loadKey(dir);
  const db = openDatabase(dir, options.busyTimeoutMs ?? 5000);
  const q = {
    keys: db.prepare<[string], { vkey: string }>(
      "SELECT vkey FROM log_keys WHERE origin = ? ORDER BY added_at, vkey",
    ),
    addKey: db.prepare("INSERT OR IGNORE INTO log_keys (origin, vkey, added_at) VALUES (?, ?, ?)"),
    logs: db.prepare<[], { origin: string; vkey: string; size: number | null }>(
      "SELECT k.origin, k.vkey, c.size FROM log_keys k LEFT JOIN checkpoints c ON c.origin = k.origin ORDER BY k.origin, k.added_at, k.vkey",
    ),
    latest: db.prepare<[string], { size: number; root: Buffer }>(
      "SELECT size, root FROM checkpoints WHERE origin = ?",
    ),
    upsert: db.prepare(
      "INSERT INTO checkpoints (origin, size, root, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, updated_at = excluded.updated_at",
    ),
    addEvidence: db.prepare(
      "INSERT INTO evidence (origin, received_at, reason, request) VALUES (?, ?, ?, ?)",
    ),
    pruneEvidence: db.prepare(
      "DELETE FROM evidence WHERE origin = ? AND id NOT IN (SELECT id FROM evidence WHERE origin = ? ORDER BY id DESC LIMIT ?)",
    ),
    evidence: db.prepare<[string], { receivedAt: string; reason: string; request: string }>(
      "SELECT received_at AS receivedAt, reason, request FROM evidence WHERE origin = ? ORDER BY id",
    ),
  };
  const latest = (origin: string) => {
    const row = q.latest.get(origin);
    return row ? { size: row.size, root: new Uint8Array(row.root) } : undefined;
  };
  const cas = db.transaction(
    (
      origin: string,
      oldSize: number,
      size: number,
      root: Uint8Array,
      consistent: (r: Uint8Array) => boolean,
    ) => {
      const current = latest(origin) ?? { size: 0, root: EMPTY_ROOT };
      if (oldSize !== current.size) return { kind: "stale", latest: current.size } as const;
      if (size === oldSize && !hashEquals(root, current.root))
        return { kind: "root_mismatch", latest: current.size } as const;
      if (!consistent(current.root)) return { kind: "inconsistent", latest: current.size } as const;
      q.upsert.run(origin, size, Buffer.from(root), new Date().toISOString());
      return { kind: "advanced", previous: current.size } as const;
    },
  );
  let open = true;
  return {
    dir,
    cosigner,
    logKeys: (origin) => q.keys.all(origin).map((r) => r.vkey),
    addLog(origin, vkey) {
      checkOrigin(origin);
      verifierFromVkey(vkey);
      return q.addKey.run(origin, vkey, new Date().toISOString()).changes === 1;
    },
    logs() {
      const byOrigin = new Map<string, WitnessedLog>();
      for (const r of q.logs.all()) {
        const log = byOrigin.get(r.origin) ?? { origin: r.origin, vkeys: [], size: r.size ?? 0 };
        log.vkeys.push(r.vkey);
        byOrigin.set(r.origin, log);
      }
      return [...byOrigin.values()];
    },
    latest,
    advance(origin, oldSize, size, root, consistent) {
      try {
        return cas.immediate(origin, oldSize, size, root, consistent);
      } catch (e) {
        if (busy(e))
          throw failure(
            "witness_busy",
            "witness.state.busy",
            { file: join(dir, DB_FILE) },
            { hint: "witness.state.busy_hint", cause: e },
          );
        throw e;
      }
    },
    recordEvidence(origin, reason, request) {
      db.transaction(() => {
        q.addEvidence.run(origin, new Date().toISOString(), reason, request);
        q.pruneEvidence.run(origin, origin, EVIDENCE_PER_ORIGIN);
      }).immediate();
    },
    evidence: (origin) => q.evidence.all(origin),
    close() {
      if (open) db.close();
      open = false;
    },
  };
}
