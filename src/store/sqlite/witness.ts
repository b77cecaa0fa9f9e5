// the witness's storage port on SQLite: `witness.db` in the witness's folder (0700), the file and its WAL and
// shared-memory files 0600, its own migrations counted in SQLite's user_version (as every witness.db has been, so an
// older jikimi still refuses a newer file). The checkpoint's compare-and-swap is one BEGIN IMMEDIATE transaction.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import type { StoredCheckpoint, WitnessEvidence, WitnessedLog, WitnessStore } from "../../ports/witness.js";
import { SqliteDatabase } from "./database.js";
import type { Migration } from "./migrations.js";
import { statements } from "./subjects.js";

/** witness.db's schema, applied in order, each once, each in a transaction; version 1 is the first witness.db's. */
export const WITNESS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "witness state",
    // IF NOT EXISTS: a file made before the migrations moved here has these tables at user_version 1 already
    sql: `
      CREATE TABLE IF NOT EXISTS log_keys (origin TEXT NOT NULL, vkey TEXT NOT NULL, added_at TEXT NOT NULL,
        PRIMARY KEY (origin, vkey));
      CREATE TABLE IF NOT EXISTS checkpoints (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL,
        updated_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS evidence (id INTEGER PRIMARY KEY, origin TEXT NOT NULL, received_at TEXT NOT NULL,
        reason TEXT NOT NULL, request TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS evidence_origin ON evidence (origin, id);
    `,
  },
];

const version = (db: Database.Database): number => db.pragma("user_version", { simple: true }) as number;

/** Applies the witness migrations newer than the file's user_version; refuses a file from a newer jikimi. */
export function migrateWitness(
  db: Database.Database,
  file: string,
  migrations: readonly Migration[] = WITNESS_MIGRATIONS,
): number {
  const known = migrations.at(-1)?.version ?? 0;
  const tooNew = () =>
    new JikimiError("witness_db_too_new", t("witness.state.db_too_new", { file }), {
      hint: t("witness.state.db_too_new_hint"),
    });
  if (version(db) > known) throw tooNew();
  for (const m of migrations) {
    if (m.version <= version(db)) continue;
    db.transaction(() => {
      // read again under the write lock: another process may have migrated since
      const current = version(db);
      if (current > known) throw tooNew();
      if (m.version <= current) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return known;
}

const errno = (e: unknown): string => (e as { code?: string } | undefined)?.code ?? "error";

/** The database and its WAL and shared-memory files are readable by their owner only (0600). */
function privateFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

function openFile(file: string, busyTimeoutMs: number): Database.Database {
  let db: Database.Database | undefined;
  try {
    // the folder's openness is the witness's to judge; a missing one is made private
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // created 0600 before SQLite opens it: SQLite gives its WAL and shared-memory files the database's mode
    closeSync(openSync(file, "a", 0o600));
    chmodSync(file, 0o600);
    db = new Database(file, { timeout: busyTimeoutMs });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    migrateWitness(db, file);
    privateFiles(file);
    return db;
  } catch (e) {
    db?.close();
    if (e instanceof JikimiError) throw e;
    throw new JikimiError("witness_db_unusable", t("witness.state.db_unusable", { file, code: errno(e) }), {
      hint: t("witness.state.db_unusable_hint"),
      cause: e,
    });
  }
}

const sameRoot = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/**
 * Opens (creating and migrating when needed) a witness database. `busyTimeoutMs` is how long a write waits for
 * another process's before failing with store_busy.
 * @example const store = openSqliteWitnessStore("/srv/witness/witness.db"); await store.logs(); await store.close();
 */
export function openSqliteWitnessStore(file: string, options: { busyTimeoutMs?: number } = {}): WitnessStore {
  const database = new SqliteDatabase(openFile(file, options.busyTimeoutMs ?? 5000), file);
  const q = statements(database.db);
  const latest = (origin: string): StoredCheckpoint | undefined => {
    const row = q("SELECT size, root FROM checkpoints WHERE origin = ?").get(origin) as
      | { size: number; root: Buffer }
      | undefined;
    return row ? { size: row.size, root: new Uint8Array(row.root) } : undefined;
  };
  let open = true;
  return {
    logKeys: (origin) =>
      database.transaction(
        "read",
        async () =>
          q("SELECT vkey FROM log_keys WHERE origin = ? ORDER BY added_at, vkey")
            .pluck()
            .all(origin) as string[],
      ),
    addLogKey: (origin, vkey, addedAt) =>
      database.transaction(
        "write",
        async () =>
          q("INSERT OR IGNORE INTO log_keys (origin, vkey, added_at) VALUES (?, ?, ?)").run(
            origin,
            vkey,
            addedAt,
          ).changes === 1,
      ),
    logs: () =>
      database.transaction("read", async () => {
        const rows = q(
          "SELECT k.origin, k.vkey, c.size FROM log_keys k LEFT JOIN checkpoints c ON c.origin = k.origin ORDER BY k.origin, k.added_at, k.vkey",
        ).all() as { origin: string; vkey: string; size: number | null }[];
        const byOrigin = new Map<string, WitnessedLog>();
        for (const r of rows) {
          const log = byOrigin.get(r.origin) ?? { origin: r.origin, vkeys: [], size: r.size ?? 0 };
          log.vkeys.push(r.vkey);
          byOrigin.set(r.origin, log);
        }
        return [...byOrigin.values()];
      }),
    latest: (origin) => database.transaction("read", async () => latest(origin)),
    swapCheckpoint: (origin, expected, next, updatedAt) =>
      database.transaction("write", async () => {
        const held = latest(origin);
        const unchanged =
          held === undefined || expected === undefined
            ? held === expected
            : held.size === expected.size && sameRoot(held.root, expected.root);
        if (!unchanged) return { swapped: false, latest: held } as const;
        q(
          "INSERT INTO checkpoints (origin, size, root, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, updated_at = excluded.updated_at",
        ).run(origin, next.size, Buffer.from(next.root), updatedAt);
        return { swapped: true } as const;
      }),
    recordEvidence: (origin, evidence, keep) =>
      database.transaction("write", async () => {
        q("INSERT INTO evidence (origin, received_at, reason, request) VALUES (?, ?, ?, ?)").run(
          origin,
          evidence.receivedAt,
          evidence.reason,
          evidence.request,
        );
        q(
          "DELETE FROM evidence WHERE origin = ? AND id NOT IN (SELECT id FROM evidence WHERE origin = ? ORDER BY id DESC LIMIT ?)",
        ).run(origin, origin, keep);
      }),
    evidence: (origin) =>
      database.transaction(
        "read",
        async () =>
          q(
            "SELECT received_at AS receivedAt, reason, request FROM evidence WHERE origin = ? ORDER BY id",
          ).all(origin) as WitnessEvidence[],
      ),
    close: async () => {
      if (!open) return;
      // after the transactions already queued, so a closing server's last answers are stored
      await database.transaction("read", async () => undefined).catch(() => undefined);
      if (open) database.close();
      open = false;
    },
  };
}
