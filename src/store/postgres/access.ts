// the API tokens and access log on PostgreSQL; appends to the access log are ordered by a transaction-scoped
// advisory lock, so two server hosts never chain from the same event.
import type { AccessLogStore, TokenStore } from "../../ports/access.js";
import {
  ACCESS_GENESIS,
  accessOf,
  accessValues,
  type RawAccess,
  type RawToken,
  tokenOf,
} from "../access-rows.js";
import { type PostgresPool, withTransaction } from "./connect.js";
import { rowsOf } from "./subjects.js";

// an arbitrary constant naming the access log's lock among the advisory locks of this database
const ACCESS_LOCK = 0x6a6b6163;

/** @example await postgresTokens(pool, url).find("k3v9x2") */
export function postgresTokens(pool: PostgresPool, url: string): TokenStore {
  return {
    insert: (t) =>
      withTransaction(pool, url, async (tx) => {
        await tx.query(
          `INSERT INTO api_tokens (id, name, role, secret_hash, created_at, expires_at, revoked_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [t.id, t.name, t.role, Buffer.from(t.secretHash), t.createdAt, t.expiresAt, t.revokedAt ?? null],
        );
      }),
    find: (id) =>
      withTransaction(
        pool,
        url,
        async (tx) => {
          const [row] = await rowsOf<RawToken>(tx, "SELECT * FROM api_tokens WHERE id = $1", [id]);
          return row === undefined ? undefined : tokenOf(row);
        },
        { readOnly: true },
      ),
    list: () =>
      withTransaction(
        pool,
        url,
        async (tx) =>
          (await rowsOf<RawToken>(tx, "SELECT * FROM api_tokens ORDER BY created_at, id")).map(tokenOf),
        { readOnly: true },
      ),
    revoke: (id, at) =>
      withTransaction(
        pool,
        url,
        async (tx) =>
          ((
            await tx.query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", [
              at,
              id,
            ])
          ).rowCount ?? 0) > 0,
      ),
  };
}

/** @example await postgresAccessLog(pool, url).list({ after: 0, limit: 100 }) */
export function postgresAccessLog(pool: PostgresPool, url: string): AccessLogStore {
  return {
    append: (make) =>
      withTransaction(pool, url, async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock($1)", [ACCESS_LOCK]);
        const [last] = await rowsOf<{ id: string; hash: Uint8Array }>(
          tx,
          "SELECT id, hash FROM access_log ORDER BY id DESC LIMIT 1",
        );
        const events = make(last === undefined ? ACCESS_GENESIS : new Uint8Array(last.hash));
        const first = Number(last?.id ?? 0) + 1;
        if (events.length === 0) return first;
        // one statement for the batch: ten parameters per event
        const rows = events.map(
          (_, i) => `(${Array.from({ length: 10 }, (_, k) => `$${i * 10 + k + 1}`).join(", ")})`,
        );
        await tx.query(
          `INSERT INTO access_log (id, at, actor, role, action, subject, agreement, field, count, hash)
           VALUES ${rows.join(", ")}`,
          events.flatMap((e, i) => [first + i, ...accessValues(e)]),
        );
        return first;
      }),
    list: ({ after, limit }) =>
      withTransaction(
        pool,
        url,
        async (tx) =>
          (
            await rowsOf<RawAccess>(tx, "SELECT * FROM access_log WHERE id > $1 ORDER BY id LIMIT $2", [
              after,
              limit,
            ])
          ).map(accessOf),
        { readOnly: true },
      ),
  };
}
