// exclusive locks the kernel drops when their holder dies: `<base>.lock.db` is a tiny SQLite database held in an
// open EXCLUSIVE transaction (an fcntl lock) that names its owner; a crashed holder leaves no stale lock at all.
// `<base>.lock` beside it repeats the owner (pid, host, start) for the message a refused run prints.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { pid as processId } from "node:process";
import Database from "better-sqlite3";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";

/** Who holds a lock. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO 8601 */
  started: string;
}

/** A held lock; `release` is idempotent. */
export interface Lock {
  readonly owner: LockOwner;
  release(): void;
}

/** The owner recorded beside a lock (for messages only: the database is the lock), if readable. */
export function lockOwner(base: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(`${base}.lock`, "utf8")) as Partial<LockOwner>;
    return typeof o.pid === "number" && typeof o.host === "string" && typeof o.started === "string"
      ? { pid: o.pid, host: o.host, started: o.started }
      : undefined;
  } catch {
    return undefined;
  }
}

/** "process 123 since 2024-05-31T02:00:00.000Z" (with the host when it is another one), or "", in the language in force. */
export function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return "";
  const { pid, host, started } = owner;
  return host === hostname()
    ? t("store.lock.owner", { pid, started })
    : t("store.lock.owner_on_host", { pid, host, started });
}

const busy = (e: unknown) => {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
};

/**
 * Takes the lock `<base>.lock.db` at once or throws: `refused(owner)` builds the error when another process (or
 * another connection of this one) holds it. The lock lasts until `release()` or the process's death.
 * @example const lock = takeLock(join(root, ".jikimi", "locks", id), (o) => new JikimiError("share_running", `held by ${describeOwner(o)}`));
 */
export function takeLock(base: string, refused: (owner: LockOwner | undefined) => JikimiError): Lock {
  try {
    mkdirSync(dirname(base), { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new JikimiError(
      "lock_unavailable",
      t("store.lock.no_folder", { dir: dirname(base), code: (e as NodeJS.ErrnoException).code ?? "error" }),
      { hint: t("store.lock.no_folder_hint"), cause: e },
    );
  }
  const owner: LockOwner = { pid: processId, host: hostname(), started: new Date().toISOString() };
  let db: Database.Database;
  try {
    db = new Database(`${base}.lock.db`, { timeout: 0 });
  } catch (e) {
    throw new JikimiError(
      "lock_unavailable",
      t("store.lock.cannot_open", {
        file: `${base}.lock.db`,
        code: (e as { code?: string }).code ?? "error",
      }),
      { hint: t("store.lock.hint"), cause: e },
    );
  }
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    // taking the lock and naming its owner are one step: the transaction that holds the lock writes the owner
    db.exec("BEGIN EXCLUSIVE");
    db.exec(
      "CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL, host TEXT NOT NULL, started TEXT NOT NULL)",
    );
    db.exec("DELETE FROM owner");
    db.prepare("INSERT INTO owner (pid, host, started) VALUES (?, ?, ?)").run(
      owner.pid,
      owner.host,
      owner.started,
    );
  } catch (e) {
    db.close();
    if (busy(e)) throw refused(lockOwner(base));
    throw new JikimiError(
      "lock_unavailable",
      t("store.lock.cannot_take", {
        file: `${base}.lock.db`,
        code: (e as { code?: string }).code ?? "error",
      }),
      { hint: t("store.lock.hint"), cause: e },
    );
  }
  // the side file only feeds messages; written atomically so a reader never sees half an owner
  const side = `${base}.lock`;
  const tmp = `${side}.${randomBytes(8).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(owner)}\n`, { mode: 0o600, flag: "wx" });
    renameSync(tmp, side);
  } catch {
    rmSync(tmp, { force: true });
  }
  let held = true;
  return {
    owner,
    release() {
      if (!held) return;
      held = false;
      if (lockOwner(base)?.pid === owner.pid) rmSync(side, { force: true });
      try {
        db.exec("ROLLBACK");
      } catch {
        // closing drops the lock as well
      }
      db.close();
    },
  };
}
