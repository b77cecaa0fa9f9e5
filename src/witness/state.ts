// a witness's persistent state, one folder (0700): `witness.key` (0600, written once, never overwritten: Go's
// sumdb/note private key text, so other witness software can load it) and `witness.db` (SQLite, 0600): the logs it
// witnesses (origin -> trusted log vkeys), per origin the latest cosigned size and root, and refused-but-signed
// requests kept as evidence, behind the WitnessStore port. Advancing a log is judged against the stored checkpoint,
// then stored by the port's compare-and-swap (one write transaction), judged again when another request moved it
// first: neither concurrent requests nor two processes on one folder can move a size backwards (tlog-witness's race).
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
import { type ErrorCode, JikimiError } from "../errors.js";
import { type MessageKey, type MessageParams, t } from "../i18n/index.js";
import { EMPTY_ROOT, hashEquals } from "../ledger/merkle/hash.js";
import { keyId, signerFromSeed, verifierFromVkey } from "../ledger/note/signed-note.js";
import type { WitnessEvidence, WitnessedLog, WitnessStore } from "../ports/witness.js";
import { type Cosigner, cosignerFromSeed } from "./cosignature.js";

export const KEY_FILE = "witness.key";
export const DB_FILE = "witness.db";
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

export type { WitnessEvidence, WitnessedLog } from "../ports/witness.js";

/** A witness's key and state; every read and write of its database is asynchronous (the WitnessStore port). */
export interface WitnessState {
  readonly dir: string;
  readonly cosigner: Cosigner;
  /** the trusted vkeys of a log, empty when the origin is unknown */
  logKeys(origin: string): Promise<string[]>;
  /** trusts `vkey` (Ed25519, type 0x01) for `origin`; false when it was already trusted */
  addLog(origin: string, vkey: string): Promise<boolean>;
  logs(): Promise<WitnessedLog[]>;
  latest(origin: string): Promise<{ size: number; root: Uint8Array } | undefined>;
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
  ): Promise<Advance>;
  /** keeps a refused request whose signature verified (possible proof of a log's misbehaviour) */
  recordEvidence(origin: string, reason: string, request: string): Promise<void>;
  evidence(origin: string): Promise<WitnessEvidence[]>;
  close(): Promise<void>;
}

/** A JikimiError whose summary is `key` and whose hint, when the catalogue has one, is `key`_hint. */
function failure(
  code: ErrorCode,
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
 * @example const { vkey } = await initWitness("/srv/witness", "witness.example/w1");
 */
export async function initWitness(
  dir: string,
  name: string,
  seed: Uint8Array,
  store: (file: string) => WitnessStore | Promise<WitnessStore>,
): Promise<{ vkey: string }> {
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
  const tmp = join(dir, `.${KEY_FILE}.${randomBytes(8).toString("hex")}`);
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
  await (await openWitness(dir, { store })).close();
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

function checkOrigin(origin: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a checkpoint's origin is one line of printable text
  if (origin.length === 0 || /[\u0000-\u001f]/.test(origin))
    throw failure("bad_origin", "witness.state.bad_origin");
}

/** Judges a request against the checkpoint held: the refusal, or undefined when the log may advance. */
function judge(
  held: { size: number; root: Uint8Array },
  oldSize: number,
  size: number,
  root: Uint8Array,
  consistent: (oldRoot: Uint8Array) => boolean,
): Advance | undefined {
  if (oldSize !== held.size) return { kind: "stale", latest: held.size };
  if (size === oldSize && !hashEquals(root, held.root)) return { kind: "root_mismatch", latest: held.size };
  if (!consistent(held.root)) return { kind: "inconsistent", latest: held.size };
  return undefined;
}

/**
 * Opens a witness folder made by `initWitness`, its database behind the WitnessStore port: `store` opens it (the
 * services' openWitness in app/witness.ts passes SQLite's witness.db).
 * @example const state = await openWitness("/srv/witness", { store: (file) => openSqliteWitnessStore(file) });
 */
export async function openWitness(
  dir: string,
  options: { store: (file: string) => WitnessStore | Promise<WitnessStore> },
): Promise<WitnessState> {
  privateFolder(dir);
  const cosigner = loadKey(dir);
  const file = join(dir, DB_FILE);
  const opener = options.store;
  const store = await opener(file);
  const busy = (e: unknown) =>
    failure("witness_busy", "witness.state.busy", { file }, { hint: "witness.state.busy_hint", cause: e });
  return {
    dir,
    cosigner,
    logKeys: (origin) => store.logKeys(origin),
    async addLog(origin, vkey) {
      checkOrigin(origin);
      verifierFromVkey(vkey);
      return store.addLogKey(origin, vkey, new Date().toISOString());
    },
    logs: () => store.logs(),
    latest: (origin) => store.latest(origin),
    async advance(origin, oldSize, size, root, consistent) {
      try {
        let held = await store.latest(origin);
        for (;;) {
          // the proof is checked outside the write transaction; the swap then stores only over what was judged
          const current = held ?? { size: 0, root: EMPTY_ROOT };
          const refused = judge(current, oldSize, size, root, consistent);
          if (refused) return refused;
          const swap = await store.swapCheckpoint(origin, held, { size, root }, new Date().toISOString());
          if (swap.swapped) return { kind: "advanced", previous: current.size };
          // another request moved the log first: judge again against what it stored (sizes only grow, so this ends)
          held = swap.latest;
        }
      } catch (e) {
        if (e instanceof JikimiError && e.code === "store_busy") throw busy(e);
        throw e;
      }
    },
    recordEvidence: (origin, reason, request) =>
      store.recordEvidence(
        origin,
        { receivedAt: new Date().toISOString(), reason, request },
        EVIDENCE_PER_ORIGIN,
      ),
    evidence: (origin) => store.evidence(origin),
    close: () => store.close(),
  };
}
