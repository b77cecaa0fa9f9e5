// the consent registry's port on PostgreSQL (node-postgres). Reads run in REPEATABLE READ READ ONLY transactions
// (one snapshot per read); writes first lock the ledger_sequencer row FOR UPDATE, the one sequencer shared with
// ledger appends (both grow the subject dictionary), so event and batch ids are max + 1 under that lock, as
// SQLite's rowids are. Events go in with COPY; names sort byte-wise (COLLATE "C"), as SQLite sorts them.
import type {
  BatchRow,
  ChainEventPage,
  ConsentReads,
  ConsentStore,
  ConsentWrites,
  EventColumns,
  NewEvents,
  SnapshotRow,
  SubjectEventRow,
} from "../../ports/consent.js";
import { type PostgresClient, type PostgresPool, withTransaction } from "./connect.js";
import { copyRows } from "./copy.js";
import { dictionaryAccess } from "./subjects.js";

const PAGE = 1 << 16;
/** candidates per dedup statement (one array parameter per column) */
const MATCH_ROWS = 50_000;
/** characters of COPY text per chunk written */
const COPY_CHUNK = 1 << 16;

const TABLE = { purpose: "consent_purposes", source: "consent_sources" } as const;
/**
 * A recording of at least this many events, and at least as many as the table holds, drops the table's indexes and
 * builds them again after its COPY (sorted, on the server's parallel maintenance workers) instead of updating them
 * row by row: as on SQLite. The drop locks the table until the commit, so reads of consent wait for such an import.
 */
const REBUILD_EVENTS = 100_000;

interface RawEvent {
  id: number;
  at: number;
  subject: number;
  granted: number;
}
interface RawBatch {
  id: number;
  recorded_at: string;
  events: number;
  first_id: number | null;
  last_id: number | null;
  head: Buffer | null;
}
interface RawSnapshot {
  purpose: number;
  at: number;
  last_id: number;
  events: number;
  subjects: number;
  data: Buffer;
}

const batchRow = (r: RawBatch): BatchRow => ({
  id: r.id,
  recordedAt: r.recorded_at,
  events: r.events,
  firstId: r.first_id,
  lastId: r.last_id,
  head: r.head,
});
const snapshotRow = (r: RawSnapshot): SnapshotRow => ({
  purpose: r.purpose,
  at: r.at,
  lastId: r.last_id,
  events: r.events,
  subjects: r.subjects,
  data: r.data,
});

function columns(rows: readonly RawEvent[]): EventColumns {
  const cols: EventColumns = { count: rows.length, id: [], at: [], subject: [], granted: [] };
  for (const r of rows) {
    cols.id.push(r.id);
    cols.at.push(r.at);
    cols.subject.push(r.subject);
    cols.granted.push(r.granted);
  }
  return cols;
}

/** A typed array as a plain one: node-postgres binds plain arrays as arrays (a typed array would be bytea). */
const list = (values: ArrayLike<number>): number[] => Array.from(values);

// COPY text format: a backslash, tab or line break in a value is escaped, NULL is \N
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const copyText = (s: string): string => s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] ?? c);

/** The events as COPY text lines, in chunks. */
function* eventLines(first: number, batch: number, e: NewEvents): Generator<string> {
  let chunk = "";
  for (let i = 0; i < e.count; i++) {
    const evidence = e.evidence[i] ?? null;
    chunk += `${first + i}\t${e.purpose[i]}\t${e.at[i]}\t${e.subject[i]}\t${e.granted[i]}\t${e.source[i]}\t${
      evidence === null ? "\\N" : copyText(evidence)
    }\t${batch}\n`;
    if (chunk.length >= COPY_CHUNK) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Empties consent_events in the open transaction (a savepoint keeps it usable when that is refused); whether it did. */
async function truncated(client: PostgresClient): Promise<boolean> {
  await client.query("SAVEPOINT jikimi_truncate");
  try {
    await client.query("TRUNCATE consent_events");
    await client.query("RELEASE SAVEPOINT jikimi_truncate");
    return true;
  } catch {
    await client.query("ROLLBACK TO SAVEPOINT jikimi_truncate");
    return false;
  }
}

const buf = (d: Uint8Array): Buffer => Buffer.from(d.buffer, d.byteOffset, d.byteLength);

/**
 * The consent tables' reads and writes inside one transaction on `client`; `bulk` is called when a recording's
 * indexes were rebuilt (the caller vacuums the table once the transaction has committed); `defer` is handed work
 * still running on the connection (it settles to its error, or undefined), which the caller awaits before the commit.
 */
function access(
  client: PostgresClient,
  bulk: () => void = () => {},
  defer: (settled: Promise<unknown>) => void = () => {},
): ConsentWrites {
  const rows = async <T>(text: string, values: unknown[] = []): Promise<T[]> =>
    (await client.query(text, values)).rows as T[];
  const one = async <T>(text: string, values: unknown[] = []): Promise<T | undefined> =>
    (await rows<T>(text, values))[0];
  const EVENT = "SELECT id, at, subject, granted FROM consent_events";

  /** Pages of a keyset query: `page(last)` reads the page after the last row of the one before. */
  async function* pages(
    page: (last: RawEvent | undefined) => Promise<RawEvent[]>,
  ): AsyncIterable<EventColumns> {
    let last: RawEvent | undefined;
    for (;;) {
      const found = await page(last);
      yield columns(found);
      if (found.length < PAGE) return;
      last = found.at(-1);
    }
  }

  return {
    ...dictionaryAccess(client),
    hasChain: async () => true,
    nameId: async (table, name) =>
      (await one<{ id: number }>(`SELECT id FROM ${TABLE[table]} WHERE name = $1`, [name]))?.id,
    names: async (table) =>
      new Map(
        (await rows<{ id: number; name: string }>(`SELECT id, name FROM ${TABLE[table]}`)).map((r) => [
          r.id,
          r.name,
        ]),
      ),
    purposeNames: async () =>
      (await rows<{ name: string }>(`SELECT name FROM consent_purposes ORDER BY name COLLATE "C"`)).map(
        (r) => r.name,
      ),

    batches: async () =>
      (
        await rows<RawBatch>(
          "SELECT id, recorded_at, events, first_id, last_id, head FROM consent_batches ORDER BY id",
        )
      ).map(batchRow),
    firstBatch: async () => {
      const r = await one<RawBatch>(
        "SELECT id, recorded_at, events, first_id, last_id, head FROM consent_batches ORDER BY id LIMIT 1",
      );
      return r ? batchRow(r) : undefined;
    },
    lastBatch: async () => {
      const r = await one<RawBatch>(
        "SELECT id, recorded_at, events, first_id, last_id, head FROM consent_batches ORDER BY id DESC LIMIT 1",
      );
      return r ? batchRow(r) : undefined;
    },
    headEndingAt: async (lastId) => {
      const r = await one<{ head: Buffer | null }>(
        "SELECT head FROM consent_batches WHERE last_id = $1 ORDER BY id LIMIT 1",
        [lastId],
      );
      return r === undefined ? undefined : r.head;
    },

    eventPages: (pageSize = PAGE, fromId = Number.MIN_SAFE_INTEGER) =>
      (async function* () {
        for (let from = fromId; ; ) {
          const found = await rows<
            RawEvent & { purpose: number; source: number; batch: number; evidence: string | null }
          >(
            `SELECT id, purpose, at, subject, granted, source, evidence, batch FROM consent_events
             WHERE id >= $1 ORDER BY id LIMIT $2`,
            [from, pageSize],
          );
          if (found.length === 0) return;
          const page: ChainEventPage = {
            ...columns(found),
            purpose: [],
            source: [],
            batch: [],
            evidenceLength: [],
            evidence: new Uint8Array(0),
          };
          const parts: Buffer[] = [];
          for (const r of found) {
            page.purpose.push(r.purpose);
            page.source.push(r.source);
            page.batch.push(r.batch);
            if (r.evidence === null) page.evidenceLength.push(null);
            else {
              const bytes = Buffer.from(r.evidence, "utf8");
              page.evidenceLength.push(bytes.length);
              parts.push(bytes);
            }
          }
          page.evidence = Buffer.concat(parts);
          yield page;
          if (found.length < pageSize) return;
          from = (found.at(-1)?.id ?? 0) + 1;
        }
      })(),
    latestSnapshot: async (purpose, atOrBefore) => {
      const r = await one<RawSnapshot>(
        `SELECT purpose, at, last_id, events, subjects, data FROM consent_snapshots
         WHERE purpose = $1 AND at <= $2 ORDER BY at DESC, last_id DESC LIMIT 1`,
        [purpose, atOrBefore],
      );
      return r ? snapshotRow(r) : undefined;
    },
    snapshots: async () =>
      (
        await rows<RawSnapshot>(
          "SELECT purpose, at, last_id, events, subjects, data FROM consent_snapshots ORDER BY purpose, at, last_id",
        )
      ).map(snapshotRow),
    eventsAfter: async (purpose, cutAt, cutId, limit) =>
      columns(
        await rows<RawEvent>(`${EVENT} WHERE purpose = $1 AND (at, id) > ($2, $3) ORDER BY at, id LIMIT $4`, [
          purpose,
          cutAt,
          cutId,
          limit,
        ]),
      ),
    eventsUntil: async (purpose, cutAt, cutId, until) =>
      columns(
        await rows<RawEvent>(
          `${EVENT} WHERE purpose = $1 AND (at, id) > ($2, $3) AND at <= $4 ORDER BY at, id`,
          [purpose, cutAt, cutId, until],
        ),
      ),
    purposeEvents: (purpose) =>
      pages((last) =>
        last
          ? rows<RawEvent>(`${EVENT} WHERE purpose = $1 AND (at, id) > ($2, $3) ORDER BY at, id LIMIT $4`, [
              purpose,
              last.at,
              last.id,
              PAGE,
            ])
          : rows<RawEvent>(`${EVENT} WHERE purpose = $1 ORDER BY at, id LIMIT $2`, [purpose, PAGE]),
      ),
    eventsInIdRange: (purpose, afterId, uptoId, until) =>
      pages((last) =>
        rows<RawEvent>(
          `${EVENT} WHERE id > $1 AND id <= $2 AND purpose = $3 AND at <= $4 ORDER BY id LIMIT $5`,
          [last?.id ?? afterId, uptoId, purpose, until, PAGE],
        ),
      ),
    eventsInTimeRange: (purpose, after, until, uptoId) =>
      pages((last) =>
        last
          ? rows<RawEvent>(
              `${EVENT} WHERE purpose = $1 AND (at, id) > ($2, $3) AND at <= $4 AND id <= $5 ORDER BY at, id LIMIT $6`,
              [purpose, last.at, last.id, until, uptoId, PAGE],
            )
          : rows<RawEvent>(
              `${EVENT} WHERE purpose = $1 AND at > $2 AND at <= $3 AND id <= $4 ORDER BY at, id LIMIT $5`,
              [purpose, after, until, uptoId, PAGE],
            ),
      ),
    subjectEvents: (subject) =>
      rows<SubjectEventRow>(
        `SELECT p.name AS purpose, e.at AS at, e.granted AS granted, s.name AS source, e.evidence AS evidence,
                b.recorded_at AS "recordedAt"
         FROM consent_events e
         JOIN consent_purposes p ON p.id = e.purpose
         JOIN consent_sources s ON s.id = e.source
         JOIN consent_batches b ON b.id = e.batch
         WHERE e.subject = $1 ORDER BY p.name COLLATE "C", e.at, e.id`,
        [subject],
      ),
    countEvents: async (purpose, from, to) =>
      Number(
        (
          await one<{ n: number }>(
            "SELECT COUNT(*) AS n FROM consent_events WHERE purpose = $1 AND at >= $2 AND at <= $3",
            [purpose, from, to],
          )
        )?.n ?? 0,
      ),
    recorded: async (purpose, keys) => {
      const flags = new Uint8Array(keys.count);
      // the candidates joined on the server against the (subject, purpose, at) index, a slice at a time
      for (let from = 0; from < keys.count; from += MATCH_ROWS) {
        const to = Math.min(keys.count, from + MATCH_ROWS);
        const found = await rows<{ i: number }>(
          `SELECT k.i FROM unnest($1::bigint[], $2::bigint[], $3::smallint[], $4::bigint[])
             WITH ORDINALITY AS k (subject, at, granted, source, i)
           WHERE EXISTS (SELECT 1 FROM consent_events e WHERE e.subject = k.subject AND e.purpose = $5
                         AND e.at = k.at AND e.granted = k.granted AND e.source = k.source)`,
          [
            list(keys.subject.subarray(from, to)),
            list(keys.at.subarray(from, to)),
            list(keys.granted.subarray(from, to)),
            list(keys.source.subarray(from, to)),
            purpose,
          ],
        );
        for (const { i } of found) flags[from + Number(i) - 1] = 1;
      }
      return flags;
    },

    expectBulk: async () => {},
    internName: async (table, name) => {
      await client.query(`INSERT INTO ${TABLE[table]} (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [
        name,
      ]);
      return (await one<{ id: number }>(`SELECT id FROM ${TABLE[table]} WHERE name = $1`, [name]))
        ?.id as number;
    },
    insertBatch: async (recordedAt, events) => {
      // under the sequencer lock: no other writer takes the same id
      const r = await one<{ id: number }>(
        `INSERT INTO consent_batches (id, recorded_at, events)
         SELECT COALESCE(MAX(id), 0) + 1, $1, $2 FROM consent_batches RETURNING id`,
        [recordedAt, events],
      );
      return r?.id as number;
    },
    insertEvents: async (batchId, e) => {
      const first = (
        await one<{ first: number }>("SELECT COALESCE(MAX(id), 0) + 1 AS first FROM consent_events")
      )?.first as number;
      // a recording at least as large as the table: its indexes are dropped and built again by sorting (same
      // definitions, same transaction), not updated row by row at random places
      const rebuilt =
        e.count >= REBUILD_EVENTS && e.count >= first - 1
          ? await rows<{ name: string; definition: string }>(
              `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
               WHERE schemaname = current_schema() AND tablename = 'consent_events'
                 AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'consent_events'::regclass)`,
            )
          : [];
      for (const index of rebuilt) await client.query(`DROP INDEX "${index.name}"`);
      // the first recording into an empty table: emptied in this transaction (it holds the table's lock already, for
      // the indexes), so COPY may write the rows frozen and mark their pages all-visible as it goes; no VACUUM after
      // (a role without the TRUNCATE privilege copies as before and leaves the table to VACUUM)
      const frozen = rebuilt.length > 0 && first === 1 && (await truncated(client));
      await copyRows(
        client,
        `COPY consent_events (id, purpose, at, subject, granted, source, evidence, batch) FROM STDIN${frozen ? " (FREEZE)" : ""}`,
        eventLines(first, batchId, e),
      );
      if (rebuilt.length > 0) {
        // the indexes are built while the caller goes on (its chain and snapshot sorts are computation): its next
        // statements queue behind the builds on this connection, and the transaction awaits them before it commits
        const builds = (async () => {
          for (const index of rebuilt) await client.query(index.definition);
          if (frozen) await client.query("ANALYZE consent_events");
        })();
        defer(
          builds.then(
            () => undefined,
            (error: unknown) => error ?? new Error("index build failed"),
          ),
        );
        if (!frozen) bulk();
      }
      return first;
    },
    setBatchHeads: async (heads) => {
      for (const r of heads)
        await client.query(
          "UPDATE consent_batches SET first_id = $1, last_id = $2, head = $3 WHERE id = $4",
          [r.firstId, r.lastId, buf(r.head), r.id],
        );
    },
    dropSnapshots: async (purpose, at, id) => {
      await client.query("DELETE FROM consent_snapshots WHERE purpose = $1 AND (at, last_id) >= ($2, $3)", [
        purpose,
        at,
        id,
      ]);
    },
    insertSnapshot: async (s) => {
      await client.query(
        "INSERT INTO consent_snapshots (purpose, at, last_id, events, subjects, data) VALUES ($1, $2, $3, $4, $5, $6)",
        [s.purpose, s.at, s.lastId, s.events, s.subjects, buf(s.data)],
      );
    },
  };
}

/**
 * The consent registry's port over a PostgreSQL pool; `url` names the database in errors (its password masked).
 * @example const consent = postgresConsentStore(pool, url); await consent.read((tx) => tx.lastBatch());
 */
export function postgresConsentStore(pool: PostgresPool, url: string): ConsentStore {
  return {
    read: (work) =>
      withTransaction(pool, url, (client) => work(access(client) as ConsentReads), { readOnly: true }),
    write: async (work) => {
      let bulk = false;
      const deferred: Promise<unknown>[] = [];
      /** Deferred work's first error: a failed index build makes every later statement fail as "aborted". */
      const firstFailure = async () => {
        for (const settled of deferred) {
          const error = await settled;
          if (error !== undefined) throw error;
        }
      };
      const result = await withTransaction(pool, url, async (client) => {
        // the one sequencer, shared with ledger appends: both grow the subject dictionary
        await client.query("SELECT size FROM ledger_sequencer WHERE id = 1 FOR UPDATE");
        const tx = access(
          client,
          () => {
            bulk = true;
          },
          (settled) => deferred.push(settled),
        );
        let done: Awaited<ReturnType<typeof work>>;
        try {
          done = await work(tx);
        } catch (error) {
          await firstFailure();
          throw error;
        }
        await firstFailure();
        return done;
      });
      // after a bulk import, the events' pages are not yet marked all-visible: every index-only read of them (as-of
      // sets, snapshot rebuilds, verify) would visit the table row by row (20x slower) until autovacuum came; VACUUM
      // (outside any transaction) marks them now and refreshes the planner's statistics
      // (a role that may not vacuum leaves it to autovacuum: the recording itself has committed)
      if (bulk) await pool.query("VACUUM (ANALYZE) consent_events").catch(() => undefined);
      return result;
    },
  };
}
