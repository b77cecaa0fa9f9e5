// the embedded state store: one SQLite file in the workspace's .jikimi/ folder, migrated on open.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

export const STATE_DIR = ".jikimi";
export const STATE_FILE = "state.db";

export interface CheckRunRecord {
  startedAt: string;
  checkedFor: string;
  workspaceDigest: string;
  agreements: number;
  errors: number;
  warnings: number;
  gaps: number;
  findingsJson: string;
}

export interface Store {
  /** the open database, for the ledger and consent modules */
  db: Database.Database;
  /** the schema version after migrations */
  version(): number;
  recordCheckRun(run: CheckRunRecord): number;
  lastCheckRuns(limit: number): (CheckRunRecord & { id: number })[];
  close(): void;
}

/** Applies every migration newer than the database's version; each one is atomic. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const current = (
    db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as { v: number }
  ).v;
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known)
    throw new JikimiError("store_too_new", t("store.sqlite.too_new", { current, known }), {
      hint: t("store.sqlite.too_new_hint"),
    });
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
  }
  return Math.max(current, known);
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

/**
 * Opens (creating when needed) the state database of a workspace.
 * @example const store = openStore("./ws"); store.recordCheckRun(run); store.close();
 */
export function openStore(workspaceDir: string, file = join(workspaceDir, STATE_DIR, STATE_FILE)): Store {
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
  const version = migrate(db);
  if (file !== ":memory:") privateFiles(file);
  const insert = db.prepare(
    `INSERT INTO check_runs (started_at, checked_for, workspace_digest, agreements, errors, warnings, gaps, findings_json)
     VALUES (@startedAt, @checkedFor, @workspaceDigest, @agreements, @errors, @warnings, @gaps, @findingsJson)`,
  );
  const last = db.prepare(
    `SELECT id, started_at AS startedAt, checked_for AS checkedFor, workspace_digest AS workspaceDigest, agreements,
            errors, warnings, gaps, findings_json AS findingsJson FROM check_runs ORDER BY id DESC LIMIT ?`,
  );
  return {
    db,
    version: () => version,
    recordCheckRun: (run) => Number(insert.run(run).lastInsertRowid),
    lastCheckRuns: (limit) => last.all(limit) as (CheckRunRecord & { id: number })[],
    close: () => db.close(),
  };
}
