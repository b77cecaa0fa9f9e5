// the check runs' port on PostgreSQL.
import type { CheckRunRecord, CheckRunStore } from "../../ports/check-runs.js";
import { type PostgresPool, withTransaction } from "./connect.js";
import { rowsOf } from "./subjects.js";

/** @example await postgresCheckRuns(pool, url).record(run) */
export function postgresCheckRuns(pool: PostgresPool, url: string): CheckRunStore {
  return {
    record: (run) =>
      withTransaction(pool, url, async (tx) => {
        const [row] = await rowsOf<{ id: number }>(
          tx,
          `INSERT INTO check_runs (started_at, checked_for, workspace_digest, agreements, errors, warnings, gaps,
                                   findings_json)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            run.startedAt,
            run.checkedFor,
            run.workspaceDigest,
            run.agreements,
            run.errors,
            run.warnings,
            run.gaps,
            run.findingsJson,
          ],
        );
        return row?.id ?? 0;
      }),
    last: (limit) =>
      withTransaction(pool, url, (tx) =>
        rowsOf<CheckRunRecord & { id: number }>(
          tx,
          `SELECT id, started_at AS "startedAt", checked_for AS "checkedFor", workspace_digest AS "workspaceDigest",
                  agreements, errors, warnings, gaps, findings_json AS "findingsJson"
           FROM check_runs ORDER BY id DESC LIMIT $1`,
          [limit],
        ),
      ),
  };
}
