// the ledger's port on SQLite: every statement of the ledger tables, prepared once per connection. Writes run in
// BEGIN IMMEDIATE transactions, so one process appends at a time.
import type Database from "better-sqlite3";
import type {
  ChangePage,
  LedgerReads,
  LedgerStore,
  LedgerWrites,
  MemberChanges,
  NewEntry,
  SetRow,
} from "../../ports/ledger.js";
import {
  chainRow,
  ENTRY_COLUMNS,
  entryRow,
  FACTS_COLUMNS,
  factsOf,
  headRow,
  type RawChain,
  type RawEntry,
  type RawFacts,
  type RawHead,
  type RawView,
  recordIndex,
  view,
} from "../ledger-rows.js";
import type { SqliteDatabase } from "./database.js";
import { dictionaryAccess, rows, statements } from "./subjects.js";

/** The ledger's reads and writes on one connection. */
function access(db: Database.Database): LedgerWrites {
  const q = statements(db);
  const dictionary = dictionaryAccess(q);
  const changesOfSubject = (subject: number): MemberChanges => ({
    chains: (
      q("SELECT chain, first_seq FROM ledger_chains ORDER BY first_seq").all() as {
        chain: string;
        first_seq: number;
      }[]
    ).map((r) => ({ chain: r.chain, firstSeq: r.first_seq })),
    changes: q(
      "SELECT c.seq AS seq, e.agreement_id AS chain FROM ledger_subject_changes c JOIN ledger_entries e ON e.seq = c.seq WHERE c.subject = ? ORDER BY c.seq",
    ).all(subject) as { seq: number; chain: string }[],
  });
  return {
    entryCount: async () =>
      (q("SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM ledger_entries").get() as { n: number }).n,
    leafRows: async (start, end) =>
      (
        q("SELECT seq, leaf_hash FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq").all(
          start,
          end,
        ) as {
          seq: number;
          leaf_hash: Buffer;
        }[]
      ).map((r) => ({ seq: r.seq, leafHash: r.leaf_hash })),
    bodyRows: async (start, end) =>
      (
        q("SELECT seq, body, leaf_hash FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq").all(
          start,
          end,
        ) as { seq: number; body: string; leaf_hash: Buffer }[]
      ).map((r) => ({ seq: r.seq, body: r.body, leafHash: r.leaf_hash })),
    entry: async (seq) => {
      const r = q("SELECT seq, kind, body, pruned_at FROM ledger_entries WHERE seq = ?").get(seq) as
        | RawView
        | undefined;
      return r ? view(r) : undefined;
    },
    entries: async ({ agreement, before, limit }) => {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (agreement) {
        where.push("agreement_id = ?");
        args.push(agreement);
      }
      if (before !== undefined) {
        where.push("seq < ?");
        args.push(before);
      }
      const sql = `SELECT seq, kind, body, pruned_at FROM ledger_entries ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`;
      return (q(sql).all(...args, limit) as RawView[]).map(view);
    },
    releaseBodies: async ({ agreement, limit }) =>
      agreement
        ? (q(
            "SELECT body FROM ledger_entries WHERE kind = 'release' AND pruned_at IS NULL AND agreement_id = ? ORDER BY seq DESC LIMIT ?",
          )
            .pluck()
            .all(agreement, limit) as string[])
        : (q(
            "SELECT body FROM ledger_entries WHERE kind = 'release' AND pruned_at IS NULL ORDER BY seq DESC LIMIT ?",
          )
            .pluck()
            .all(limit) as string[]),
    chainOrd: async (seq) =>
      (q("SELECT chain_ord FROM ledger_entries WHERE seq = ?").pluck().get(seq) as number | undefined) ??
      undefined,
    allEntries: () => {
      const it = db
        .prepare(`SELECT ${ENTRY_COLUMNS} FROM ledger_entries ORDER BY seq`)
        .iterate() as Iterable<RawEntry>;
      return (async function* () {
        for (const r of it) yield entryRow(r);
      })();
    },
    pruneCandidates: async (before) =>
      q(
        "SELECT seq, agreement_id AS chain FROM ledger_entries WHERE kind = 'release' AND recorded_at < ? AND pruned_at IS NULL ORDER BY seq",
      ).all(before) as { seq: number; chain: string }[],
    bodiesThrough: (last) =>
      rows(
        db
          .prepare("SELECT seq, body FROM ledger_entries WHERE body != '' AND seq <= ? ORDER BY seq")
          .iterate(last),
      ),
    releaseSeqs: async (chain, from, to, base) =>
      q(
        "SELECT seq FROM ledger_entries WHERE kind = 'release' AND seq >= ? AND seq < ? AND (agreement_id = ? OR (pruned_at IS NOT NULL AND seq = ?)) ORDER BY seq",
      )
        .pluck()
        .all(from, to, chain, base) as number[],
    entryFacts: async (from, to) =>
      (
        q(`SELECT ${FACTS_COLUMNS} FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq`).all(
          from,
          to,
        ) as RawFacts[]
      ).map(factsOf),
    summaryTexts: async (ids) => {
      const one = q("SELECT summary FROM ledger_summaries WHERE id = ?").pluck();
      const out = new Map<number, string>();
      for (const id of ids) {
        const text = one.get(id) as string | undefined;
        if (text !== undefined) out.set(id, text);
      }
      return out;
    },
    entrySummaries: () =>
      rows(
        q(
          "SELECT e.seq AS seq, e.summary_id AS id, s.summary AS summary FROM ledger_entries e LEFT JOIN ledger_summaries s ON s.id = e.summary_id ORDER BY e.seq",
        ).iterate(),
      ),
    summaryIds: async () => q("SELECT id FROM ledger_summaries").pluck().all() as number[],

    lastHead: async () => {
      const r = q(
        "SELECT size, root, leaf_hash, time, key_id, signature FROM ledger_heads ORDER BY size DESC LIMIT 1",
      ).get() as RawHead | undefined;
      return r ? headRow(r) : undefined;
    },
    heads: () => {
      const it = q(
        "SELECT size, root, leaf_hash, time, key_id, signature FROM ledger_heads ORDER BY size",
      ).iterate() as Iterable<RawHead>;
      return (async function* () {
        for (const r of it) yield headRow(r);
      })();
    },
    meta: async (key) =>
      (q("SELECT value FROM ledger_meta WHERE key = ?").pluck().get(key) as string | undefined) ?? undefined,
    allMeta: async () =>
      new Map(
        (q("SELECT key, value FROM ledger_meta").all() as { key: string; value: string }[]).map((r) => [
          r.key,
          r.value,
        ]),
      ),

    chain: async (chain) => {
      const r = q("SELECT chain, first_seq, last_seq, releases, head FROM ledger_chains WHERE chain = ?").get(
        chain,
      ) as RawChain | undefined;
      return r ? chainRow(r) : undefined;
    },
    chains: async () =>
      (
        q(
          "SELECT chain, first_seq, last_seq, releases, head FROM ledger_chains ORDER BY first_seq",
        ).all() as RawChain[]
      ).map(chainRow),
    firstSet: async (chain) =>
      (q(
        "SELECT data FROM ledger_subject_sets WHERE seq = (SELECT first_seq FROM ledger_chains WHERE chain = ?)",
      )
        .pluck()
        .get(chain) as Buffer | undefined) ?? undefined,
    sets: (from = 0) =>
      rows(
        db
          .prepare("SELECT seq, chain, ord, kind, data FROM ledger_subject_sets WHERE seq >= ? ORDER BY seq")
          .iterate(from),
      ),
    setsOfChain: async (chain, from, to) =>
      q(
        "SELECT seq, chain, ord, kind, data FROM ledger_subject_sets WHERE chain = ? AND seq >= ? AND seq <= ? ORDER BY seq",
      ).all(chain, from, to) as SetRow[],
    lastSnapshotSeq: async (chain, atOrBefore) =>
      (q("SELECT max(seq) FROM ledger_subject_sets WHERE chain = ? AND seq <= ? AND kind = 'snapshot'")
        .pluck()
        .get(chain, atOrBefore) as number | null) ?? undefined,
    memberChanges: async (subject) => changesOfSubject(subject),
    findMember: async (part, hash, recordBytes) => {
      const record = await dictionary.findRecord(part, hash, recordBytes);
      if (!record) return undefined;
      const subject = recordIndex(record, hash.length);
      return { subject, ...changesOfSubject(subject) };
    },
    // from 0: the whole table in its own order; later: by the seq index, only the entries asked for
    changes: (from = 0) =>
      changePages(
        (from === 0
          ? db.prepare("SELECT subject, seq FROM ledger_subject_changes").raw(true).iterate()
          : db
              .prepare("SELECT subject, seq FROM ledger_subject_changes WHERE seq >= ?")
              .raw(true)
              .iterate(from)) as Iterable<[number, number]>,
      ),

    ...dictionary,

    checkpointNote: async (size) =>
      (q("SELECT note FROM ledger_checkpoints WHERE size = ?").pluck().get(size) as string | undefined) ??
      undefined,
    checkpointNotes: () =>
      rows(db.prepare("SELECT size, note FROM ledger_checkpoints ORDER BY size").iterate()),
    lastCheckpointSize: async () =>
      (q("SELECT MAX(size) FROM ledger_checkpoints").pluck().get() as number | null) ?? undefined,
    cosignatureLines: async (size) =>
      q("SELECT line FROM ledger_cosignatures WHERE size = ? ORDER BY witness").pluck().all(size) as string[],
    allCosignatures: () =>
      rows(
        db.prepare("SELECT size, witness, line FROM ledger_cosignatures ORDER BY size, witness").iterate(),
      ),
    latestCosigned: async () =>
      new Map(
        (
          q("SELECT witness, MAX(size) AS size FROM ledger_cosignatures GROUP BY witness").all() as {
            witness: string;
            size: number;
          }[]
        ).map((r) => [r.witness, r.size]),
      ),
    bestCosigned: async (after, witnesses) => {
      if (witnesses.length === 0) return undefined;
      const marks = witnesses.map(() => "?").join(", ");
      const r = db
        .prepare(
          `SELECT size, COUNT(*) AS n FROM ledger_cosignatures WHERE size > ? AND witness IN (${marks}) GROUP BY size ORDER BY n DESC, size LIMIT 1`,
        )
        .get(after, ...witnesses) as { size: number; n: number } | undefined;
      return r ? { size: r.size, count: r.n } : undefined;
    },

    insertEntry: async (e: NewEntry) => {
      let summaryId: number | null = null;
      if (e.summary !== undefined) {
        q("INSERT OR IGNORE INTO ledger_summaries (summary) VALUES (?)").run(e.summary);
        summaryId = q("SELECT id FROM ledger_summaries WHERE summary = ?").pluck().get(e.summary) as number;
      }
      q(
        `INSERT INTO ledger_entries (seq, body, leaf_hash, released_at, recorded_at, kind, agreement_id, recipient_id, subject_count, chain_ord, summary_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        e.seq,
        e.body,
        e.leafHash,
        e.releasedAt,
        e.recordedAt,
        e.kind,
        e.agreementId,
        e.recipientId,
        e.subjectCount,
        e.chainOrd,
        summaryId,
      );
    },
    insertHead: async (h) => {
      q(
        "INSERT INTO ledger_heads (size, root, leaf_hash, time, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(h.size, h.root, h.leafHash, h.time, h.keyId, h.signature);
    },
    setMeta: async (values) => {
      const put = q("INSERT OR REPLACE INTO ledger_meta (key, value) VALUES (?, ?)");
      for (const [k, v] of Object.entries(values)) put.run(k, v);
    },
    insertSet: async (s) => {
      q("INSERT INTO ledger_subject_sets (seq, chain, ord, kind, data) VALUES (?, ?, ?, ?, ?)").run(
        s.seq,
        s.chain,
        s.ord,
        s.kind,
        s.data,
      );
    },
    insertChanges: async (seq, subjects) => {
      const put = q("INSERT INTO ledger_subject_changes (subject, seq) VALUES (?, ?)");
      for (const subject of subjects) put.run(subject, seq);
    },
    putChain: async (chain, seq, head, isNew) => {
      if (isNew)
        q(
          "INSERT INTO ledger_chains (chain, first_seq, last_seq, releases, head) VALUES (?, ?, ?, 1, ?)",
        ).run(chain, seq, seq, head);
      else
        q("UPDATE ledger_chains SET last_seq = ?, releases = releases + 1, head = ? WHERE chain = ?").run(
          seq,
          head,
          chain,
        );
    },
    pruneEntry: async (seq, prunedAt, base) => {
      // nothing of a pruned entry is left but its leaf hash and the time it was pruned
      q(
        `UPDATE ledger_entries SET body = '', released_at = '', recorded_at = '', agreement_id = '', recipient_id = '',
         subject_count = 0, chain_ord = 0, summary_id = NULL, pruned_at = ? WHERE seq = ?`,
      ).run(prunedAt, seq);
      q("DELETE FROM ledger_subject_changes WHERE seq = ?").run(seq);
      if (base) q("UPDATE ledger_subject_sets SET kind = 'snapshot', data = ? WHERE seq = ?").run(base, seq);
      else q("DELETE FROM ledger_subject_sets WHERE seq = ?").run(seq);
    },
    rebaseChain: async (chain, seq) => {
      q("UPDATE ledger_chains SET first_seq = ? WHERE chain = ?").run(seq, chain);
      // the base an earlier prune kept for this chain goes: the new base replaces it
      q("DELETE FROM ledger_subject_sets WHERE chain = ? AND seq < ?").run(chain, seq);
    },
    dropUnusedSummaries: async () => {
      q(
        "DELETE FROM ledger_summaries WHERE id NOT IN (SELECT summary_id FROM ledger_entries WHERE summary_id IS NOT NULL)",
      ).run();
    },
    putCheckpoint: async (size, note, cosignatures) => {
      q("INSERT OR IGNORE INTO ledger_checkpoints (size, note) VALUES (?, ?)").run(size, note);
      const put = q("INSERT OR REPLACE INTO ledger_cosignatures (size, witness, line) VALUES (?, ?, ?)");
      for (const c of cosignatures) put.run(size, c.witness, c.line);
    },
  };
}

/**
 * The ledger's port over one SQLite connection.
 * @example const ledgerStore = sqliteLedgerStore(database); await ledgerStore.read((r) => r.entryCount());
 */
export function sqliteLedgerStore(database: SqliteDatabase): LedgerStore {
  const tx = access(database.db);
  return {
    read: (work) => database.transaction("read", () => work(tx as LedgerReads)),
    write: (work) => database.transaction("write", () => work(tx)),
  };
}

/** Rows of (subject, seq) in pages of columns. */
async function* changePages(rows: Iterable<[number, number]>, size = 65_536): AsyncIterable<ChangePage> {
  let page: ChangePage = { count: 0, subjects: new Uint32Array(size), seqs: new Uint32Array(size) };
  for (const [subject, seq] of rows) {
    page.subjects[page.count] = subject;
    page.seqs[page.count++] = seq;
    if (page.count === size) {
      yield page;
      page = { count: 0, subjects: new Uint32Array(size), seqs: new Uint32Array(size) };
    }
  }
  if (page.count > 0) yield page;
}
