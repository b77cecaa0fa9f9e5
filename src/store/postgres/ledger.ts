// the ledger's port on PostgreSQL (node-postgres). Reads run in REPEATABLE READ READ ONLY transactions (one
// snapshot per read); writes lock the ledger_sequencer row FOR UPDATE first, so appends from every host are
// ordered by one lock, and a transaction that dies (a killed process, a lost connection) is rolled back whole.
import type { ChangePage, LedgerReads, LedgerStore, LedgerWrites, SetRow } from "../../ports/ledger.js";
import {
  chainRow,
  ENTRY_COLUMNS,
  entryRow,
  FACTS_COLUMNS,
  factsOf,
  headRow,
  memberChangesOf,
  type RawChain,
  type RawEntry,
  type RawFacts,
  type RawHead,
  type RawView,
  recordIndex,
  view,
} from "../ledger-rows.js";
import { type PostgresClient, type PostgresPool, withTransaction } from "./connect.js";
import { copyInt8Rows, copyInteger } from "./copy.js";
import { dictionaryAccess, inBatches, mapRows, pages, rowsOf } from "./subjects.js";

const bytes = (d: Uint8Array): Buffer => Buffer.from(d.buffer, d.byteOffset, d.byteLength);

function access(tx: PostgresClient): LedgerWrites {
  const all = <T>(text: string, params: unknown[] = []) => rowsOf<T>(tx, text, params);
  const one = async <T>(text: string, params: unknown[] = []) => (await all<T>(text, params))[0];
  const run = async (text: string, params: unknown[] = []) => {
    await tx.query(text, params);
  };
  // a named statement is parsed and planned once per connection: for the per-subject reads, planning took as
  // long as running them
  const prepared = async <T>(name: string, text: string, values: unknown[]) =>
    (await tx.query({ name, text, values })).rows as T[];
  const dictionary = dictionaryAccess(tx);
  const memberChanges = async (subject: number) =>
    memberChangesOf(
      await prepared<{ chain: string; seq: number; change: boolean }>(
        "jikimi_ledger_member_changes",
        `SELECT chain, first_seq AS seq, false AS change FROM ledger_chains
         UNION ALL
         SELECT e.agreement_id, c.seq, true FROM ledger_subject_changes c JOIN ledger_entries e ON e.seq = c.seq
         WHERE c.subject = $1
         ORDER BY 3, 2`,
        [subject],
      ),
    );
  return {
    entryCount: async () =>
      (await one<{ n: number }>("SELECT COALESCE(MAX(seq) + 1, 0)::bigint AS n FROM ledger_entries"))?.n ?? 0,
    leafRows: async (start, end) =>
      (
        await all<{ seq: number; leaf_hash: Buffer }>(
          "SELECT seq, leaf_hash FROM ledger_entries WHERE seq >= $1 AND seq < $2 ORDER BY seq",
          [start, end],
        )
      ).map((r) => ({ seq: r.seq, leafHash: r.leaf_hash })),
    bodyRows: async (start, end) =>
      (
        await all<{ seq: number; body: string; leaf_hash: Buffer }>(
          "SELECT seq, body, leaf_hash FROM ledger_entries WHERE seq >= $1 AND seq < $2 ORDER BY seq",
          [start, end],
        )
      ).map((r) => ({ seq: r.seq, body: r.body, leafHash: r.leaf_hash })),
    entry: async (seq) => {
      const r = await one<RawView>("SELECT seq, kind, body, pruned_at FROM ledger_entries WHERE seq = $1", [
        seq,
      ]);
      return r ? view(r) : undefined;
    },
    entries: async ({ agreement, before, limit }) =>
      (
        await all<RawView>(
          `SELECT seq, kind, body, pruned_at FROM ledger_entries
           WHERE ($1::text IS NULL OR agreement_id = $1) AND ($2::bigint IS NULL OR seq < $2)
           ORDER BY seq DESC LIMIT $3`,
          [agreement || null, before ?? null, limit],
        )
      ).map(view),
    releaseBodies: async ({ agreement, limit }) =>
      (
        await all<{ body: string }>(
          `SELECT body FROM ledger_entries WHERE kind = 'release' AND pruned_at IS NULL
             AND ($1::text IS NULL OR agreement_id = $1) ORDER BY seq DESC LIMIT $2`,
          [agreement || null, limit],
        )
      ).map((r) => r.body),
    chainOrd: async (seq) =>
      (await one<{ chain_ord: number }>("SELECT chain_ord FROM ledger_entries WHERE seq = $1", [seq]))
        ?.chain_ord,
    allEntries: () =>
      pages(
        tx,
        (after, limit) => [
          `SELECT ${ENTRY_COLUMNS} FROM ledger_entries WHERE seq > $1 ORDER BY seq LIMIT $2`,
          [after ?? -1, limit],
        ],
        (r: RawEntry) => r.seq,
        entryRow,
      ),
    pruneCandidates: (before) =>
      all<{ seq: number; chain: string }>(
        `SELECT seq, agreement_id AS chain FROM ledger_entries
         WHERE kind = 'release' AND recorded_at < $1 AND pruned_at IS NULL ORDER BY seq`,
        [before],
      ),
    bodiesThrough: (last) =>
      pages(
        tx,
        (after, limit) => [
          "SELECT seq, body FROM ledger_entries WHERE body != '' AND seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
          [after ?? -1, last, limit],
        ],
        (r: { seq: number; body: string }) => r.seq,
      ),
    releaseSeqs: async (chain, from, to, base) =>
      (
        await all<{ seq: number }>(
          `SELECT seq FROM ledger_entries
           WHERE kind = 'release' AND seq >= $1 AND seq < $2
             AND (agreement_id = $3 OR (pruned_at IS NOT NULL AND seq = $4))
           ORDER BY seq`,
          [from, Math.min(to, Number.MAX_SAFE_INTEGER), chain, base],
        )
      ).map((r) => r.seq),
    entryFacts: async (from, to) =>
      (
        await prepared<RawFacts>(
          "jikimi_ledger_entry_facts",
          `SELECT ${FACTS_COLUMNS} FROM ledger_entries WHERE seq >= $1 AND seq < $2 ORDER BY seq`,
          [from, to],
        )
      ).map(factsOf),
    summaryTexts: async (ids) =>
      new Map(
        (
          await all<{ id: number | string; summary: string }>(
            "SELECT id, summary FROM ledger_summaries WHERE id = ANY($1::bigint[])",
            [ids],
          )
        ).map((r) => [Number(r.id), r.summary]),
      ),
    entrySummaries: () =>
      pages(
        tx,
        (after, limit) => [
          `SELECT e.seq AS seq, e.summary_id AS id, s.summary AS summary
           FROM ledger_entries e LEFT JOIN ledger_summaries s ON s.id = e.summary_id
           WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
          [after ?? -1, limit],
        ],
        (r: { seq: number; id: number | null; summary: string | null }) => r.seq,
      ),
    summaryIds: async () => (await all<{ id: number }>("SELECT id FROM ledger_summaries")).map((r) => r.id),

    lastHead: async () => {
      const r = await one<RawHead>(
        "SELECT size, root, leaf_hash, time, key_id, signature FROM ledger_heads ORDER BY size DESC LIMIT 1",
      );
      return r ? headRow(r) : undefined;
    },
    heads: () =>
      pages(
        tx,
        (after, limit) => [
          "SELECT size, root, leaf_hash, time, key_id, signature FROM ledger_heads WHERE size > $1 ORDER BY size LIMIT $2",
          [after ?? -1, limit],
        ],
        (r: RawHead) => r.size,
        headRow,
      ),
    meta: async (key) =>
      (await one<{ value: string }>("SELECT value FROM ledger_meta WHERE key = $1", [key]))?.value,
    allMeta: async () =>
      new Map(
        (await all<{ key: string; value: string }>("SELECT key, value FROM ledger_meta")).map((r) => [
          r.key,
          r.value,
        ]),
      ),

    chain: async (chain) => {
      const r = await one<RawChain>(
        "SELECT chain, first_seq, last_seq, releases, head FROM ledger_chains WHERE chain = $1",
        [chain],
      );
      return r ? chainRow(r) : undefined;
    },
    chains: async () =>
      (
        await all<RawChain>(
          "SELECT chain, first_seq, last_seq, releases, head FROM ledger_chains ORDER BY first_seq",
        )
      ).map(chainRow),
    firstSet: async (chain) =>
      (
        await one<{ data: Buffer }>(
          "SELECT data FROM ledger_subject_sets WHERE seq = (SELECT first_seq FROM ledger_chains WHERE chain = $1)",
          [chain],
        )
      )?.data,
    sets: (from = 0) =>
      pages(
        tx,
        (after, limit) => [
          "SELECT seq, chain, ord, kind, data FROM ledger_subject_sets WHERE seq > $1 ORDER BY seq LIMIT $2",
          [after ?? from - 1, limit],
        ],
        (r: SetRow) => r.seq,
        (r: SetRow) => r,
        64,
      ),
    setsOfChain: (chain, from, to) =>
      all<SetRow>(
        `SELECT seq, chain, ord, kind, data FROM ledger_subject_sets
         WHERE chain = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq`,
        [chain, from, to],
      ),
    lastSnapshotSeq: async (chain, atOrBefore) =>
      (
        await one<{ seq: number | null }>(
          "SELECT max(seq) AS seq FROM ledger_subject_sets WHERE chain = $1 AND seq <= $2 AND kind = 'snapshot'",
          [chain, atOrBefore],
        )
      )?.seq ?? undefined,
    memberChanges,
    findMember: async (part, hash, recordBytes) => {
      // the record is searched as findRecord does (position() in the partition's chunks), its index read on the
      // server and its change rows joined in the same statement: a subject's history starts with one round trip.
      // kind 0: the subject's index; 1: a match off a record boundary (no aligned one: findRecord reads the
      // partition); 2: a chain's start; 3: a change row
      const rows = await prepared<{ kind: number; chain: string | null; seq: number }>(
        "jikimi_ledger_find_member",
        `WITH hit AS MATERIALIZED (
           SELECT chunk, position($2::bytea IN data) - 1 AS at FROM subject_dict WHERE part = $1),
         found AS MATERIALIZED (
           SELECT substring(d.data FROM h.at + 1 FOR $3) AS record FROM hit h
           JOIN subject_dict d ON d.part = $1 AND d.chunk = h.chunk
           WHERE h.at >= 0 AND h.at % $3 = 0 ORDER BY h.chunk LIMIT 1),
         subject AS MATERIALIZED (
           -- the u32 after the hash, little-endian (PostgreSQL's << and | bind alike: arithmetic says it plainly)
           SELECT get_byte(record, length($2))::bigint + get_byte(record, length($2) + 1)::bigint * 256
                + get_byte(record, length($2) + 2)::bigint * 65536
                + get_byte(record, length($2) + 3)::bigint * 16777216 AS idx
           FROM found)
         SELECT 0 AS kind, NULL::text AS chain, idx AS seq FROM subject
         UNION ALL
         SELECT 1, NULL, 0 FROM hit WHERE at > 0 AND at % $3 <> 0 AND NOT EXISTS (SELECT 1 FROM subject)
         UNION ALL
         SELECT 2, chain, first_seq FROM ledger_chains WHERE EXISTS (SELECT 1 FROM subject)
         UNION ALL
         SELECT 3, e.agreement_id, c.seq FROM subject s JOIN ledger_subject_changes c ON c.subject = s.idx
         JOIN ledger_entries e ON e.seq = c.seq
         ORDER BY 1, 3`,
        [part, bytes(hash), recordBytes],
      );
      const first = rows[0];
      if (first?.kind === 0)
        return {
          subject: first.seq,
          chains: rows.filter((r) => r.kind === 2).map((r) => ({ chain: r.chain ?? "", firstSeq: r.seq })),
          changes: rows.filter((r) => r.kind === 3).map((r) => ({ seq: r.seq, chain: r.chain ?? "" })),
        };
      if (first?.kind !== 1) return undefined;
      const record = await dictionary.findRecord(part, hash, recordBytes);
      if (!record) return undefined;
      const subject = recordIndex(record, hash.length);
      return { subject, ...(await memberChanges(subject)) };
    },
    // in the binary COPY format, straight into columns (a full verify reads every row); from 0 the whole table,
    // later by the seq index
    changes: (from = 0) =>
      mapRows(
        copyInt8Rows(
          tx,
          `COPY (SELECT subject, seq FROM ledger_subject_changes${from > 0 ? ` WHERE seq >= ${copyInteger(from)}` : ""})
           TO STDOUT (FORMAT binary)`,
          2,
        ),
        ({ count, values }): ChangePage => {
          const page = { count, subjects: new Uint32Array(count), seqs: new Uint32Array(count) };
          for (let i = 0; i < count; i++) {
            page.subjects[i] = values[2 * i] as number;
            page.seqs[i] = values[2 * i + 1] as number;
          }
          return page;
        },
      ),

    ...dictionary,

    checkpointNote: async (size) =>
      (await one<{ note: string }>("SELECT note FROM ledger_checkpoints WHERE size = $1", [size]))?.note,
    checkpointNotes: () =>
      pages(
        tx,
        (after, limit) => [
          "SELECT size, note FROM ledger_checkpoints WHERE size > $1 ORDER BY size LIMIT $2",
          [after ?? -1, limit],
        ],
        (r: { size: number; note: string }) => r.size,
      ),
    lastCheckpointSize: async () =>
      (await one<{ size: number | null }>("SELECT MAX(size) AS size FROM ledger_checkpoints"))?.size ??
      undefined,
    cosignatureLines: async (size) =>
      (
        await all<{ line: string }>("SELECT line FROM ledger_cosignatures WHERE size = $1 ORDER BY witness", [
          size,
        ])
      ).map((r) => r.line),
    allCosignatures: () =>
      pages(
        tx,
        (after, limit) => [
          `SELECT size, witness, line FROM ledger_cosignatures
           WHERE (size, witness) > ($1, $2) ORDER BY size, witness LIMIT $3`,
          [after?.[0] ?? -1, after?.[1] ?? "", limit],
        ],
        (r: { size: number; witness: string; line: string }) => [r.size, r.witness] as const,
      ),
    latestCosigned: async () =>
      new Map(
        (
          await all<{ witness: string; size: number }>(
            "SELECT witness, MAX(size) AS size FROM ledger_cosignatures GROUP BY witness",
          )
        ).map((r) => [r.witness, r.size]),
      ),
    bestCosigned: async (after, witnesses) => {
      if (witnesses.length === 0) return undefined;
      const r = await one<{ size: number; n: number }>(
        `SELECT size, COUNT(*)::bigint AS n FROM ledger_cosignatures
         WHERE size > $1 AND witness = ANY($2::text[]) GROUP BY size ORDER BY n DESC, size LIMIT 1`,
        [after, [...witnesses]],
      );
      return r ? { size: r.size, count: r.n } : undefined;
    },

    insertEntry: async (e) => {
      let summaryId: number | null = null;
      if (e.summary !== undefined) {
        await run(
          "INSERT INTO ledger_summaries (summary) VALUES ($1) ON CONFLICT ((md5(summary))) DO NOTHING",
          [e.summary],
        );
        summaryId =
          (
            await one<{ id: number }>(
              "SELECT id FROM ledger_summaries WHERE md5(summary) = md5($1) AND summary = $1",
              [e.summary],
            )
          )?.id ?? null;
      }
      await run(
        `INSERT INTO ledger_entries (seq, body, leaf_hash, released_at, recorded_at, kind, agreement_id, recipient_id,
                                     subject_count, chain_ord, summary_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          e.seq,
          e.body,
          bytes(e.leafHash),
          e.releasedAt,
          e.recordedAt,
          e.kind,
          e.agreementId,
          e.recipientId,
          e.subjectCount,
          e.chainOrd,
          summaryId,
        ],
      );
    },
    insertHead: async (h) => {
      await run(
        "INSERT INTO ledger_heads (size, root, leaf_hash, time, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)",
        [h.size, bytes(h.root), bytes(h.leafHash), h.time, h.keyId, h.signature],
      );
      await run("UPDATE ledger_sequencer SET size = $1 WHERE id = 1", [h.size]);
    },
    setMeta: async (values) => {
      for (const [key, value] of Object.entries(values))
        await run(
          "INSERT INTO ledger_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          [key, value],
        );
    },
    insertSet: async (s) => {
      await run("INSERT INTO ledger_subject_sets (seq, chain, ord, kind, data) VALUES ($1, $2, $3, $4, $5)", [
        s.seq,
        s.chain,
        s.ord,
        s.kind,
        bytes(s.data),
      ]);
    },
    insertChanges: async (seq, subjects) => {
      // one statement per 100,000 subjects: the indexes travel as one int8 array parameter (as fast as COPY here:
      // docs/benchmarks.md, PostgreSQL driver)
      for (const batch of inBatches(subjects, 100_000))
        await run(
          "INSERT INTO ledger_subject_changes (subject, seq) SELECT s, $2::bigint FROM unnest($1::bigint[]) AS s",
          [Array.from(batch), seq],
        );
    },
    putChain: async (chain, seq, head, isNew) => {
      if (isNew)
        await run(
          "INSERT INTO ledger_chains (chain, first_seq, last_seq, releases, head) VALUES ($1, $2, $2, 1, $3)",
          [chain, seq, bytes(head)],
        );
      else
        await run(
          "UPDATE ledger_chains SET last_seq = $2, releases = releases + 1, head = $3 WHERE chain = $1",
          [chain, seq, bytes(head)],
        );
    },
    pruneEntry: async (seq, prunedAt, base) => {
      // nothing of a pruned entry is left but its leaf hash and the time it was pruned
      await run(
        `UPDATE ledger_entries SET body = '', released_at = '', recorded_at = '', agreement_id = '', recipient_id = '',
         subject_count = 0, chain_ord = 0, summary_id = NULL, pruned_at = $2 WHERE seq = $1`,
        [seq, prunedAt],
      );
      await run("DELETE FROM ledger_subject_changes WHERE seq = $1", [seq]);
      if (base)
        await run("UPDATE ledger_subject_sets SET kind = 'snapshot', data = $2 WHERE seq = $1", [
          seq,
          bytes(base),
        ]);
      else await run("DELETE FROM ledger_subject_sets WHERE seq = $1", [seq]);
    },
    rebaseChain: async (chain, seq) => {
      await run("UPDATE ledger_chains SET first_seq = $2 WHERE chain = $1", [chain, seq]);
      // the base an earlier prune kept for this chain goes: the new base replaces it
      await run("DELETE FROM ledger_subject_sets WHERE chain = $1 AND seq < $2", [chain, seq]);
    },
    dropUnusedSummaries: async () => {
      await run(
        "DELETE FROM ledger_summaries s WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.summary_id = s.id)",
      );
    },
    putCheckpoint: async (size, note, cosignatures) => {
      await run("INSERT INTO ledger_checkpoints (size, note) VALUES ($1, $2) ON CONFLICT (size) DO NOTHING", [
        size,
        note,
      ]);
      for (const c of cosignatures)
        await run(
          `INSERT INTO ledger_cosignatures (size, witness, line) VALUES ($1, $2, $3)
           ON CONFLICT (size, witness) DO UPDATE SET line = excluded.line`,
          [size, c.witness, c.line],
        );
    },
  };
}

/**
 * The ledger's port over a PostgreSQL pool; `url` names the database in errors (its password masked).
 * @example const ledger = postgresLedgerStore(pool, url); await ledger.read((r) => r.entryCount());
 */
export function postgresLedgerStore(pool: PostgresPool, url: string): LedgerStore {
  return {
    read: (work) => withTransaction(pool, url, (tx) => work(access(tx) as LedgerReads), { readOnly: true }),
    write: (work) =>
      withTransaction(pool, url, async (tx) => {
        // the one sequencer: every append (and every consent recording that grows the dictionary) waits here
        await tx.query("SELECT size FROM ledger_sequencer WHERE id = 1 FOR UPDATE");
        return work(access(tx));
      }),
  };
}
