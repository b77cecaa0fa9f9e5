// the consent registry's port on SQLite: every statement of the consent tables (store migrations 3 and 8),
// prepared once per connection. Reads that touch many events take a page as one row of JSON aggregates (far
// cheaper than a row each); a page SQLite cannot build that way, or holding anything but integers (only an edit
// stores one), is read again row by row, so values reach the caller as the rows hold them.
import type Database from "better-sqlite3";
import type {
  BatchRow,
  ChainEventPage,
  ConsentReads,
  ConsentStore,
  ConsentWrites,
  EventColumns,
  SnapshotRow,
  SubjectEventRow,
} from "../../ports/consent.js";
import { recordedAmong } from "./consent-dedup.js";
import type { SqliteDatabase } from "./database.js";
import { dictionaryAccess, statements } from "./subjects.js";

/** Transactions recording this many events get a page cache of BULK_CACHE_KIB (negative: KiB). */
const BULK_EVENTS = 100_000;
const BULK_CACHE_KIB = -262_144;

/** Events inserted by one statement (8 parameters each; SQLite allows 32,766). */
const ROWS_PER_INSERT = 64;

/** Recordings of this many events or more into a table no larger rebuild its indexes (insertEvents). */
const REBUILD_EVENTS = 100_000;

/** Drops a table's indexes (not those of its constraints); returns their SQL, for createIndexes. */
function dropIndexes(db: Database.Database, table: string): string[] {
  const sql = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .all(table) as { name: string; sql: string }[];
  for (const index of sql) db.exec(`DROP INDEX "${index.name}"`);
  return sql.map((index) => index.sql);
}

/**
 * Page cache (KiB, negative) while indexes are built: SQLite's sorter keeps at most this much in one sorted run,
 * so a small cache sorts in cache-sized runs (on the sorter's two threads) and merges them, where the bulk cache
 * made one run of the whole table, sorted out of cache: 2.45 M events' two indexes 3.1 -> 1.9 s and the commit
 * after them 0.65 -> 0.45 s (docs/benchmarks.md, "Consent registry").
 */
const INDEX_BUILD_CACHE_KIB = -4096;

/** Creates indexes from their SQL, the sorter on two threads in cache-sized runs (it sorts the table once per index). */
function createIndexes(db: Database.Database, sql: readonly string[]): void {
  if (sql.length === 0) return;
  const threads = db.pragma("threads", { simple: true });
  const cache = db.pragma("cache_size", { simple: true });
  db.pragma("threads = 2");
  db.pragma(`cache_size = ${INDEX_BUILD_CACHE_KIB}`);
  try {
    for (const statement of sql) db.exec(statement);
  } finally {
    db.pragma(`cache_size = ${Number(cache)}`);
    db.pragma(`threads = ${Number(threads)}`);
  }
}

const PAGE = 1 << 16;
const MAX_ROWID = 9223372036854775807n;
const MIN_ROWID = -9223372036854775808n;
const NO_BYTES = new Uint8Array(0);

/**
 * The numbers of a json_group_array of an integer column (SQLite writes integers in decimal, so they parse to
 * what better-sqlite3 would return), or undefined when any value is text (quoted), real (SQLite writes a '.'
 * or an 'e' in every real) or NULL: read those rows one by one.
 * @example integerColumn("[1,-2,3]") // [1, -2, 3]
 */
export function integerColumn(json: unknown): number[] | undefined {
  if (
    typeof json !== "string" ||
    json.includes(".") ||
    json.includes("e") ||
    json.includes("E") ||
    json.includes('"') ||
    json.includes("n")
  )
    return undefined;
  try {
    return JSON.parse(json) as number[];
  } catch {
    return undefined;
  }
}

/** The last value of a JSON array of integers, exactly (a page's cursor), or undefined when it is empty. */
function lastInteger(json: string): bigint | undefined {
  if (json.length <= 2) return undefined;
  return BigInt(json.slice(json.lastIndexOf(",") + 1, -1).replace("[", ""));
}

/** The one row of a page statement, or undefined when SQLite cannot build it (a BLOB where JSON wants a value). */
function pageRow(statement: Database.Statement, args: unknown[]): unknown[] | undefined {
  try {
    return statement.get(...args) as unknown[];
  } catch {
    return undefined;
  }
}

type Bind = number | bigint | string | Buffer | null;

/** A page of (id, at, subject, granted) and the cursor after it: the last id and at, exactly. */
interface Page {
  cols: EventColumns;
  lastId: Bind;
  lastAt: Bind;
}

const JSON_COLUMNS =
  "json_group_array(id), json_group_array(at), json_group_array(subject), json_group_array(granted)";

/**
 * One page of events: `inner` selects `id, at, subject, granted` (with its WHERE, ORDER BY and LIMIT, whose
 * parameters are `args`); read as JSON columns, else row by row.
 */
function readPage(q: (sql: string) => Database.Statement, inner: string, args: Bind[]): Page {
  const row = pageRow(q(`SELECT ${JSON_COLUMNS} FROM (${inner})`).raw(true), args);
  if (row !== undefined) {
    const [id, at, subject, granted] = row.map(integerColumn);
    if (id !== undefined && at !== undefined && subject !== undefined && granted !== undefined)
      return {
        cols: { count: id.length, id, at, subject, granted },
        lastId: id.length > 0 ? (lastInteger(row[0] as string) ?? null) : null,
        lastAt: at.length > 0 ? (lastInteger(row[1] as string) ?? null) : null,
      };
  }
  const rows = q(`SELECT id, at, subject, granted, CAST(id AS TEXT) FROM (${inner})`)
    .raw(true)
    .all(...args) as [number, number, number, number, string][];
  const cols: EventColumns = { count: rows.length, id: [], at: [], subject: [], granted: [] };
  for (const [id, at, subject, granted] of rows) {
    cols.id.push(id);
    cols.at.push(at);
    cols.subject.push(subject);
    cols.granted.push(granted);
  }
  const last = rows.at(-1);
  return { cols, lastId: last ? BigInt(last[4]) : null, lastAt: (last?.[1] as Bind | undefined) ?? null };
}

const BY_PURPOSE_AT =
  "SELECT id, at, subject, granted FROM consent_events INDEXED BY consent_events_purpose_at";

/**
 * A purpose's events after the cut (at, id) that also meet `filter` (on `at` and `id`), in (at, id) order: two index
 * seeks merged, the rest of the cut's instant and what follows it. SQLite seeks a row value (at, id) > (?, ?) on
 * `at` alone, so with many events at one instant (a legacy import stamped with one time) it read every one of them
 * for each page: 250 ms for 2,304 events after a cut among 4 M at one instant, 2 ms this way.
 * Parameters: {@link afterCutArgs}, then the limit.
 */
const afterCut = (filter: string) =>
  `SELECT * FROM (${BY_PURPOSE_AT} WHERE purpose = ? AND at = ? AND id > ?${filter} UNION ALL ${BY_PURPOSE_AT} WHERE purpose = ? AND at > ?${filter}) ORDER BY at, id LIMIT ?`;
const afterCutArgs = (purpose: Bind, at: Bind, id: Bind, filter: Bind[] = []): Bind[] => [
  purpose,
  at,
  id,
  ...filter,
  purpose,
  at,
  ...filter,
];

const TABLE = { purpose: "consent_purposes", source: "consent_sources" } as const;

interface RawBatch {
  id: number;
  recordedAt: string;
  events: number;
  firstId: number | null;
  lastId: number | null;
  head: Buffer | null;
}
const BATCH_COLUMNS =
  "id, recorded_at AS recordedAt, events, first_id AS firstId, last_id AS lastId, head FROM consent_batches";
const SNAPSHOT_COLUMNS = "purpose, at, last_id AS lastId, events, subjects, data FROM consent_snapshots";

/** The consent tables' reads and writes on one connection. */
function access(db: Database.Database, bulk: { previous: unknown }): ConsentWrites {
  const q = statements(db);
  const hasChain = () =>
    (q("SELECT name FROM pragma_table_info('consent_batches')").pluck().all() as string[]).includes("head");
  const batch = (sql: string) =>
    (q(`SELECT ${BATCH_COLUMNS} ${sql}`).get() as RawBatch | undefined) ?? undefined;

  async function* eventPages(pageSize = PAGE, fromId?: number): AsyncIterable<ChainEventPage> {
    const fast = q(
      `SELECT CAST(max(id) AS TEXT), json_group_array(id), json_group_array(purpose), json_group_array(at),
              json_group_array(subject), json_group_array(granted), json_group_array(source), json_group_array(batch),
              json_group_array(octet_length(evidence)), CAST(group_concat(evidence, '') AS BLOB)
       FROM (SELECT id, purpose, at, subject, granted, source, evidence, batch FROM consent_events
             WHERE id >= ? ORDER BY id LIMIT ?)`,
    ).raw(true);
    const slow = q(
      "SELECT id, purpose, at, subject, granted, source, evidence, batch, CAST(id AS TEXT) FROM consent_events WHERE id >= ? ORDER BY id LIMIT ?",
    ).raw(true);
    for (let from = fromId === undefined ? MIN_ROWID : BigInt(fromId); ; ) {
      const row = pageRow(fast, [from, pageSize]);
      const rows = row === undefined ? (slow.all(from, pageSize) as SlowRow[]) : undefined;
      const last = row === undefined ? rows?.at(-1)?.[8] : row[0];
      if (typeof last !== "string") return;
      const page = (row && columnsPage(row)) ?? rowsPage(rows ?? (slow.all(from, pageSize) as SlowRow[]));
      yield page;
      const next = BigInt(last);
      if (page.count < pageSize || next >= MAX_ROWID) return;
      from = next + 1n;
    }
  }

  /** Pages of `inner` (parameters: the cursor's, then `rest`), the cursor moved by `move` after each page. */
  async function* pages(
    inner: (first: boolean) => string,
    cursor: (page: Page | undefined) => Bind[] | undefined,
    rest: Bind[],
  ): AsyncIterable<EventColumns> {
    let page: Page | undefined;
    for (;;) {
      const at = cursor(page);
      if (at === undefined) return;
      page = readPage(q, inner(page === undefined), [...at, ...rest, PAGE]);
      yield page.cols;
      if (page.cols.count < PAGE) return;
    }
  }

  return {
    ...dictionaryAccess(q),
    hasChain: async () => hasChain(),
    nameId: async (table, name) =>
      (q(`SELECT id FROM ${TABLE[table]} WHERE name = ?`).pluck().get(name) as number | undefined) ??
      undefined,
    names: async (table) =>
      new Map(q(`SELECT id, name FROM ${TABLE[table]}`).raw(true).all() as [number, string][]),
    purposeNames: async () => q("SELECT name FROM consent_purposes ORDER BY name").pluck().all() as string[],

    batches: async () => q(`SELECT ${BATCH_COLUMNS} ORDER BY id`).all() as BatchRow[],
    firstBatch: async () => batch("ORDER BY id LIMIT 1"),
    lastBatch: async () => batch("ORDER BY id DESC LIMIT 1"),
    headEndingAt: async (lastId) => {
      const row = q("SELECT head FROM consent_batches WHERE last_id = ? ORDER BY id LIMIT 1").get(lastId) as
        | { head: Buffer | null }
        | undefined;
      return row === undefined ? undefined : row.head;
    },

    eventPages,
    latestSnapshot: async (purpose, atOrBefore) =>
      (q(
        `SELECT ${SNAPSHOT_COLUMNS} WHERE purpose = ? AND at <= ? ORDER BY at DESC, last_id DESC LIMIT 1`,
      ).get(purpose, atOrBefore) as SnapshotRow | undefined) ?? undefined,
    snapshots: async () =>
      q(`SELECT ${SNAPSHOT_COLUMNS} ORDER BY purpose, at, last_id`).all() as SnapshotRow[],
    eventsAfter: async (purpose, cutAt, cutId, limit) =>
      readPage(q, afterCut(""), [...afterCutArgs(purpose, cutAt, cutId), limit]).cols,
    eventsUntil: async (purpose, cutAt, cutId, until) =>
      readPage(q, afterCut(" AND at <= ?"), [...afterCutArgs(purpose, cutAt, cutId, [until]), -1]).cols,
    purposeEvents: (purpose) =>
      pages(
        (first) => (first ? `${BY_PURPOSE_AT} WHERE purpose = ? ORDER BY at, id LIMIT ?` : afterCut("")),
        (page) => (page === undefined ? [purpose] : afterCutArgs(purpose, page.lastAt, page.lastId)),
        [],
      ),
    eventsInIdRange: (purpose, afterId, uptoId, until) =>
      pages(
        // by rowid range: the (purpose, at) index would read every earlier event of the purpose
        () =>
          "SELECT id, at, subject, granted FROM consent_events NOT INDEXED WHERE id > ? AND id <= ? AND purpose = ? AND at <= ? ORDER BY id LIMIT ?",
        (page) => [page === undefined ? afterId : page.lastId],
        [uptoId, purpose, until],
      ),
    eventsInTimeRange: (purpose, after, until, uptoId) =>
      pages(
        () => afterCut(" AND at <= ? AND id <= ?"),
        (page) =>
          afterCutArgs(
            purpose,
            page === undefined ? after : page.lastAt,
            page === undefined ? MAX_ROWID : page.lastId,
            [until, uptoId],
          ),
        [],
      ),
    subjectEvents: async (subject) =>
      q(
        `SELECT p.name AS purpose, e.at AS at, e.granted AS granted, s.name AS source, e.evidence AS evidence,
                b.recorded_at AS recordedAt
         FROM consent_events e
         JOIN consent_purposes p ON p.id = e.purpose
         JOIN consent_sources s ON s.id = e.source
         JOIN consent_batches b ON b.id = e.batch
         WHERE e.subject = ? ORDER BY p.name, e.at, e.id`,
      ).all(subject) as SubjectEventRow[],
    countEvents: async (purpose, from, to) =>
      Number(
        q("SELECT COUNT(*) FROM consent_events WHERE purpose = ? AND at >= ? AND at <= ?")
          .pluck()
          .get(purpose, from, to),
      ),
    recorded: async (purpose, keys) => recordedAmong(q, purpose, keys),

    expectBulk: async (events) => {
      if (events < BULK_EVENTS || bulk.previous !== undefined) return;
      // a large recording updates index pages all over: keep them in memory until the commit
      bulk.previous = db.pragma("cache_size", { simple: true });
      db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
    },
    internName: async (table, name) => {
      q(`INSERT INTO ${TABLE[table]} (name) VALUES (?) ON CONFLICT (name) DO NOTHING`).run(name);
      return q(`SELECT id FROM ${TABLE[table]} WHERE name = ?`).pluck().get(name) as number;
    },
    insertBatch: async (recordedAt, events) =>
      Number(
        q("INSERT INTO consent_batches (recorded_at, events) VALUES (?, ?)").run(recordedAt, events)
          .lastInsertRowid,
      ),
    insertEvents: async (batchId, e) => {
      const first = (q("SELECT COALESCE(MAX(id), 0) + 1 FROM consent_events").pluck().get() as number) ?? 1;
      // a recording at least as large as the table: its indexes are dropped and built again by sorting (same SQL,
      // same transaction), not updated row by row at random places
      const rebuilt =
        e.count >= REBUILD_EVENTS && e.count >= first - 1 ? dropIndexes(db, "consent_events") : [];
      // ROWS_PER_INSERT rows a statement: the binding's cost per call is paid once for them
      const columns =
        "INSERT INTO consent_events (id, purpose, at, subject, granted, source, evidence, batch) VALUES ";
      const many = q(columns + Array(ROWS_PER_INSERT).fill("(?, ?, ?, ?, ?, ?, ?, ?)").join(", "));
      const one = q(`${columns}(?, ?, ?, ?, ?, ?, ?, ?)`);
      const values: (number | string | null)[] = new Array(ROWS_PER_INSERT * 8);
      const put = (i: number, to: (number | string | null)[], at: number) => {
        to[at] = first + i;
        to[at + 1] = e.purpose[i] as number;
        to[at + 2] = e.at[i] as number;
        to[at + 3] = e.subject[i] as number;
        to[at + 4] = e.granted[i] as number;
        to[at + 5] = e.source[i] as number;
        to[at + 6] = e.evidence[i] ?? null;
        to[at + 7] = batchId;
      };
      let i = 0;
      for (; i + ROWS_PER_INSERT <= e.count; i += ROWS_PER_INSERT) {
        for (let k = 0; k < ROWS_PER_INSERT; k++) put(i + k, values, k * 8);
        many.run(values);
      }
      const row: (number | string | null)[] = new Array(8);
      for (; i < e.count; i++) {
        put(i, row, 0);
        one.run(row);
      }
      createIndexes(db, rebuilt);
      return first;
    },
    setBatchHeads: async (rows) => {
      const update = q("UPDATE consent_batches SET first_id = ?, last_id = ?, head = ? WHERE id = ?");
      for (const r of rows) update.run(r.firstId, r.lastId, r.head, r.id);
    },
    dropSnapshots: async (purpose, at, id) => {
      q("DELETE FROM consent_snapshots WHERE purpose = ? AND (at > ? OR (at = ? AND last_id >= ?))").run(
        purpose,
        at,
        at,
        id,
      );
    },
    insertSnapshot: async (s) => {
      q(
        "INSERT INTO consent_snapshots (purpose, at, last_id, events, subjects, data) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(s.purpose, s.at, s.lastId, s.events, s.subjects, s.data);
    },
  };
}

/** A row of the slow page statement: the event, then its id as text (exact). */
type SlowRow = [
  id: number,
  purpose: number,
  at: number,
  subject: number,
  granted: number,
  source: number,
  evidence: string | null,
  batch: number,
  idText: string,
];

/** The fast page, or undefined when a column holds anything but integers or the ids do not ascend. */
function columnsPage(row: readonly unknown[]): ChainEventPage | undefined {
  const cols: number[][] = [];
  for (let c = 1; c <= 7; c++) {
    const col = integerColumn(row[c]);
    if (col === undefined) return undefined;
    cols.push(col);
  }
  const [id, purpose, at, subject, granted, source, batch] = cols as [
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  for (let i = 1; i < id.length; i++) if ((id[i] as number) <= (id[i - 1] as number)) return undefined;
  const lengths = row[8];
  const bytes = row[9];
  if (typeof lengths !== "string" || (bytes !== null && !(bytes instanceof Uint8Array))) return undefined;
  const evidenceLength = JSON.parse(lengths) as (number | null)[];
  return {
    count: id.length,
    id,
    purpose,
    at,
    subject,
    granted,
    source,
    batch,
    evidenceLength,
    evidence: bytes ?? NO_BYTES,
  };
}

function rowsPage(rows: readonly SlowRow[]): ChainEventPage {
  const page: ChainEventPage = {
    count: rows.length,
    id: [],
    purpose: [],
    at: [],
    subject: [],
    granted: [],
    source: [],
    batch: [],
    evidenceLength: [],
    evidence: NO_BYTES,
  };
  const parts: Buffer[] = [];
  for (const [id, purpose, at, subject, granted, source, evidence, batch] of rows) {
    page.id.push(id);
    page.purpose.push(purpose);
    page.at.push(at);
    page.subject.push(subject);
    page.granted.push(granted);
    page.source.push(source);
    page.batch.push(batch);
    if (evidence === null) page.evidenceLength.push(null);
    else {
      const bytes = Buffer.from(String(evidence), "utf8");
      page.evidenceLength.push(bytes.length);
      parts.push(bytes);
    }
  }
  page.evidence = Buffer.concat(parts);
  return page;
}

/**
 * The consent registry's port over one SQLite connection.
 * @example const consent = sqliteConsentStore(database); await consent.read((r) => r.lastBatch());
 */
export function sqliteConsentStore(database: SqliteDatabase): ConsentStore {
  const bulk: { previous: unknown } = { previous: undefined };
  const tx = access(database.db, bulk);
  return {
    read: (work) => database.transaction("read", () => work(tx as ConsentReads)),
    write: async (work) => {
      try {
        return await database.transaction("write", () => work(tx));
      } finally {
        if (bulk.previous !== undefined) {
          database.db.pragma(`cache_size = ${Number(bulk.previous)}`);
          bulk.previous = undefined;
        }
      }
    },
  };
}
