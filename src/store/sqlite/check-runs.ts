// the check runs' port on SQLite.
import type { CheckRunRecord, CheckRunStore } from "../../ports/check-runs.js";
import type { SqliteDatabase } from "./database.js";
import { statements } from "./subjects.js";

/** @example await sqliteCheckRuns(database).record(run) */
export function sqliteCheckRuns(database: SqliteDatabase): CheckRunStore {
  // prepared on first use: `db status` opens a database it does not migrate
  const q = statements(database.db);
  return {
    record: (run) =>
      database.transaction("write", async () =>
        Number(
          q(
            `INSERT INTO check_runs (started_at, checked_for, workspace_digest, agreements, errors, warnings, gaps, findings_json)
             VALUES (@startedAt, @checkedFor, @workspaceDigest, @agreements, @errors, @warnings, @gaps, @findingsJson)`,
          ).run(run).lastInsertRowid,
        ),
      ),
    last: (limit) =>
      database.transaction(
        "read",
        async () =>
          q(
            `SELECT id, started_at AS startedAt, checked_for AS checkedFor, workspace_digest AS workspaceDigest, agreements,
                    errors, warnings, gaps, findings_json AS findingsJson FROM check_runs ORDER BY id DESC LIMIT ?`,
          ).all(limit) as (CheckRunRecord & { id: number })[],
      ),
  };
}
