// opens a PostgreSQL pool (node-postgres, `pg`) from a URL and runs transactions on it; connection failures
// become JikimiErrors (store_unreachable, store_connection_lost) whose messages show the URL without its password.
import pg from "pg";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";

/** A pool of connections to one database. */
export type PostgresPool = pg.Pool;
/** One connection, checked out of the pool for a transaction. */
export type PostgresClient = pg.PoolClient;
/** What runs a query: the pool (any connection) or a checked-out client (this transaction). */
export type Queryable = pg.Pool | pg.PoolClient;

export interface PostgresOptions {
  /** connections in the pool (default 10) */
  max?: number;
  /** seconds to wait for a connection before store_unreachable (default 10) */
  connectTimeoutSeconds?: number;
  /** seconds before an idle connection is closed (default 60) */
  idleTimeoutSeconds?: number;
}

// int8 values the store keeps (seq, sizes, ids, ms since 1970) stay far below 2^53: read them as numbers, as
// better-sqlite3 gives them, so the two stores read alike
const INT8 = 20;
const parseInt8 = (raw: string): number => Number(raw);
function typeParser(oid: number, format?: "text" | "binary"): (raw: string) => unknown {
  if (oid === INT8 && format !== "binary") return parseInt8;
  return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
}

/**
 * The URL with its password replaced by `***`, for messages and logs. A string that does not parse as a URL
 * has anything between `//user:` and `@` masked the same way.
 * @example redactUrl("postgres://app:s3cret@db:5432/jikimi") // "postgres://app:***@db:5432/jikimi"
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === "") return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/(\/\/[^/@:]*:)[^@]*@/, "$1***@");
  }
}

/**
 * A pool for `url`. It connects lazily, on the first query; use `connectPostgres` to fail early. Server notices
 * are not printed (pg only emits them as events); a connection that dies while idle in the pool is dropped
 * quietly and replaced on the next checkout.
 * @example const pool = openPostgres(process.env.JIKIMI_DATABASE_URL, { max: 4 });
 */
export function openPostgres(url: string, options: PostgresOptions = {}): PostgresPool {
  try {
    new URL(url);
  } catch {
    // node's TypeError carries the whole input, password included: it is not kept as cause
    throw unreachable(url, "invalid URL", undefined);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 10) * 1000,
    idleTimeoutMillis: (options.idleTimeoutSeconds ?? 60) * 1000,
    application_name: "jikimi",
    types: { getTypeParser: typeParser as typeof pg.types.getTypeParser },
  });
  pool.on("error", () => {});
  return pool;
}

/**
 * Opens a pool and proves it can reach the database (`select 1`); on failure the pool is closed and a
 * store_unreachable JikimiError thrown.
 */
export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresPool> {
  const pool = openPostgres(url, options);
  try {
    await pool.query("select 1");
    return pool;
  } catch (err) {
    await pool.end().catch(() => {});
    throw unreachable(url, reasonOf(err), err);
  }
}

/**
 * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws.
 * Connection failures come out as JikimiErrors (see postgresError); a connection that failed is not reused.
 * @example await withTransaction(pool, url, async (tx) => { await tx.query("select ... for update"); ... });
 */
export async function withTransaction<T>(
  pool: PostgresPool,
  url: string,
  work: (tx: PostgresClient) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  let client: PostgresClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw unreachable(url, reasonOf(err), err);
  }
  // a checked-out client whose server goes away emits 'error': without a listener that would end the process
  const ignore = (): void => {};
  client.on("error", ignore);
  let broken = false;
  try {
    // a read sees one snapshot, and asks for it in the same round trip as the BEGIN
    await client.query(options.readOnly ? "begin isolation level repeatable read read only" : "begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (err) {
    await client.query("rollback").catch(() => {
      broken = true;
    });
    throw postgresError(err, url);
  } finally {
    client.off("error", ignore);
    client.release(broken);
  }
}

/**
 * Runs `work`, turning connection failures into JikimiErrors (see postgresError).
 * @example const { rows } = await guardPostgres(url, () => pool.query("select seq from ledger_entries"));
 */
export async function guardPostgres<T>(url: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw postgresError(err, url);
  }
}

// failures to open a connection: network, DNS, authentication, a missing database, a server starting
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "28000", // invalid_authorization_specification (no pg_hba.conf entry, role missing)
  "28P01", // invalid_password
  "3D000", // invalid_catalog_name: the database does not exist
  "57P03", // cannot_connect_now: the server is starting or shutting down
  "53300", // too_many_connections
]);

// a connection that went away while in use: whatever transaction it held was rolled back by the server
const LOST = new Set([
  "ECONNRESET",
  "EPIPE",
  "57P01", // admin_shutdown: the backend was terminated
  "57P02", // crash_shutdown
  "57P05", // idle_session_timeout
]);

// pg's own errors for a dead connection carry no code, only these messages (pg/lib/client.js)
const LOST_MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
];

/**
 * Maps a driver failure to a JikimiError when it is about the connection: store_unreachable (refused, DNS,
 * authentication, no such database) or store_connection_lost (dropped while in use: the transaction was rolled
 * back, nothing recorded). Any other error (a query's own failure) is returned unchanged.
 * @example try { ... } catch (err) { throw postgresError(err, url) }
 */
export function postgresError(err: unknown, url: string): unknown {
  if (err instanceof JikimiError) return err;
  const code = codeOf(err);
  if (code !== undefined && UNREACHABLE.has(code)) return unreachable(url, code, err);
  const lostMessage = err instanceof Error && LOST_MESSAGES.includes(err.message);
  if ((code !== undefined && LOST.has(code)) || lostMessage)
    return new JikimiError(
      "store_connection_lost",
      t("store.postgres.connection_lost", { url: redactUrl(url), reason: code ?? "connection terminated" }),
      { hint: t("store.postgres.connection_lost_hint"), cause: err },
    );
  return err;
}

function unreachable(url: string, reason: string, cause: unknown): JikimiError {
  return new JikimiError(
    "store_unreachable",
    t("store.postgres.unreachable", { url: redactUrl(url), reason }),
    {
      hint: t("store.postgres.unreachable_hint"),
      cause,
    },
  );
}

// a node system error's code (ECONNREFUSED) or the server's SQLSTATE (28P01)
function codeOf(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "string")
    return err.code;
  return undefined;
}

// the reason shown for a failed connect: the code, else "timeout" or "connection failed"; never the message,
// which for some failures quotes the connection string
function reasonOf(err: unknown): string {
  const code = codeOf(err);
  if (code !== undefined) return code;
  if (err instanceof Error && /timeout/i.test(err.message)) return "timeout";
  return "connection failed";
}
