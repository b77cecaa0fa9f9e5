// the API tokens and access log on SQLite.
import type { AccessLogStore, TokenStore } from "../../ports/access.js";
import {
  ACCESS_GENESIS,
  accessOf,
  accessValues,
  type RawAccess,
  type RawToken,
  tokenOf,
} from "../access-rows.js";
import type { SqliteDatabase } from "./database.js";
import { statements } from "./subjects.js";

/** @example await sqliteTokens(database).find("k3v9x2") */
export function sqliteTokens(database: SqliteDatabase): TokenStore {
  const q = statements(database.db);
  return {
    insert: (t) =>
      database.transaction("write", async () => {
        q(
          `INSERT INTO api_tokens (id, name, role, secret_hash, created_at, expires_at, revoked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(t.id, t.name, t.role, Buffer.from(t.secretHash), t.createdAt, t.expiresAt, t.revokedAt ?? null);
      }),
    find: (id) =>
      database.transaction("read", async () => {
        const row = q("SELECT * FROM api_tokens WHERE id = ?").get(id) as RawToken | undefined;
        return row === undefined ? undefined : tokenOf(row);
      }),
    list: () =>
      database.transaction("read", async () =>
        (q("SELECT * FROM api_tokens ORDER BY created_at, id").all() as RawToken[]).map(tokenOf),
      ),
    revoke: (id, at) =>
      database.transaction(
        "write",
        async () =>
          q("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(at, id).changes >
          0,
      ),
  };
}

/** @example await sqliteAccessLog(database).list({ after: 0, limit: 100 }) */
export function sqliteAccessLog(database: SqliteDatabase): AccessLogStore {
  const q = statements(database.db);
  return {
    append: (make) =>
      database.transaction("write", async () => {
        const last = q("SELECT id, hash FROM access_log ORDER BY id DESC LIMIT 1").get() as
          | { id: number; hash: Uint8Array }
          | undefined;
        const events = make(last === undefined ? ACCESS_GENESIS : new Uint8Array(last.hash));
        const first = (last?.id ?? 0) + 1;
        const insert = q(
          `INSERT INTO access_log (id, at, actor, role, action, subject, agreement, field, count, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const [i, e] of events.entries()) insert.run(first + i, ...accessValues(e));
        return first;
      }),
    list: ({ after, limit }) =>
      database.transaction("read", async () =>
        (q("SELECT * FROM access_log WHERE id > ? ORDER BY id LIMIT ?").all(after, limit) as RawAccess[]).map(
          accessOf,
        ),
      ),
  };
}
