// one SQLite database file behind the asynchronous ports: opened private (0700 folder, 0600 files), migrated on
// open, and used one transaction at a time (an in-process queue; BEGIN IMMEDIATE across processes). SQLite's
// failure codes become the stores' codes here and nowhere else: store_busy, store_write_failed, store_unavailable.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

/** Applies every migration newer than the database's version; each one is atomic. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const current = appliedVersion(db);
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known)
    throw new JikimiError("store_too_new", t("store.sqlite.too_new", { current, known }), {
      hint: t("store.sqlite.too_new_hint"),
    });
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }).immediate();
  }
  return Math.max(current, known);
}

/** The newest migration applied (0 for a new database). */
export function appliedVersion(db: Database.Database): number {
  const has = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!has) return 0;
  return (db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as { v: number })
    .v;
}

/** The state folder holds keyed subject hashes and consent: only its owner may list or enter it (0700). */
function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** The database and its WAL and shared-memory files are readable by their owner only (0600). */
function privateFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Opens (creating when needed) a private SQLite file; `migrations: false` opens without migrating (db status). */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): Database.Database {
  let db: Database.Database;
  try {
    if (file !== ":memory:") privateFolder(join(file, ".."));
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    if (file !== ":memory:") privateFiles(file);
    db.pragma("busy_timeout = 30000");
    db.pragma("foreign_keys = ON");
  } catch (cause) {
    throw new JikimiError("store_unavailable", t("store.sqlite.unavailable", { file }), {
      hint: t("store.sqlite.unavailable_hint"),
      cause,
    });
  }
  if (options.migrate !== false) {
    try {
      migrate(db);
    } catch (e) {
      db.close();
      throw storeError(e, file);
    }
    if (file !== ":memory:") privateFiles(file);
  }
  return db;
}

const sqliteCode = (e: unknown): string => {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : "";
};

/** SQLite's failure as the stores' error: busy, disk full or I/O, or itself when it is already ours. */
export function storeError(e: unknown, file: string): unknown {
  if (e instanceof JikimiError) return e;
  const code = sqliteCode(e);
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
    return new JikimiError("store_busy", t("ledger.errors.busy"), {
      cause: e,
      hint: t("ledger.errors.busy_hint"),
    });
  if (code.startsWith("SQLITE_FULL") || code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_READONLY"))
    return new JikimiError("store_write_failed", t("state.sqlite.write_failed", { file, code }), {
      cause: e,
      hint: t("state.sqlite.write_failed_hint"),
    });
  return e;
}

// one queue per database file in this process: SQLite waits for a lock synchronously (busy_timeout), so two
// connections of one process must never wait on each other, or the holder could never reach its COMMIT
const queues = new Map<string, { tail: Promise<unknown>; users: number }>();

/**
 * A database used by asynchronous callers: one transaction at a time per file in this process (later callers
 * wait their turn), BEGIN IMMEDIATE for writes so two processes never interleave an append.
 * @example const n = await sq.transaction("read", async () => sq.db.prepare("SELECT 1").pluck().get());
 */
export class SqliteDatabase {
  private readonly queue: { tail: Promise<unknown>; users: number };
  constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {
    const key = file === ":memory:" ? `:memory:${Math.random()}` : resolve(file);
    let queue = queues.get(key);
    if (!queue) {
      queue = { tail: Promise.resolve(), users: 0 };
      queues.set(key, queue);
    }
    queue.users++;
    this.queue = queue;
    this.key = key;
  }
  private readonly key: string;

  transaction<T>(mode: "read" | "write", work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      try {
        this.db.exec(mode === "write" ? "BEGIN IMMEDIATE" : "BEGIN");
      } catch (e) {
        throw storeError(e, this.file);
      }
      try {
        const result = await work();
        this.db.exec("COMMIT");
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw storeError(e, this.file);
      }
    };
    const next = this.queue.tail.then(run, run);
    this.queue.tail = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.db.close();
    if (--this.queue.users === 0) queues.delete(this.key);
  }
}
