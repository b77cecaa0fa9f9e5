// schema migrations of the embedded state database, applied in order, each once, each in a transaction.
import type Database from "better-sqlite3";
import type { DictChunk } from "../../ports/subjects.js";
import { rebuildPartitionsSync } from "../dict-partitions.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** what SQL alone does not do well, after `sql`, in the same transaction */
  run?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "check runs",
    sql: `
      CREATE TABLE check_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        checked_for TEXT NOT NULL,
        workspace_digest TEXT NOT NULL,
        agreements INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        gaps INTEGER NOT NULL,
        findings_json TEXT NOT NULL
      );
      CREATE INDEX check_runs_started ON check_runs(started_at);
    `,
  },
  {
    version: 2,
    name: "transfer ledger",
    sql: `
      CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- one row per release: the leaf of the Merkle tree is SHA-256(0x00 || body)
      CREATE TABLE ledger_entries (
        seq INTEGER PRIMARY KEY,
        body TEXT NOT NULL,
        leaf_hash BLOB NOT NULL,
        time TEXT NOT NULL,
        agreement_id TEXT NOT NULL,
        recipient_id TEXT NOT NULL,
        subject_count INTEGER NOT NULL,
        chain_ord INTEGER NOT NULL
      );
      CREATE INDEX ledger_entries_agreement ON ledger_entries(agreement_id, chain_ord);
      CREATE INDEX ledger_entries_time ON ledger_entries(time);
      -- a signed tree head after every append: size, root, the new leaf, time
      CREATE TABLE ledger_heads (
        size INTEGER PRIMARY KEY,
        root BLOB NOT NULL,
        leaf_hash BLOB NOT NULL,
        time TEXT NOT NULL,
        key_id TEXT NOT NULL,
        signature TEXT NOT NULL
      );
      -- subject sets per release: a roaring snapshot, or the XOR with the chain's previous release
      CREATE TABLE ledger_subject_sets (
        seq INTEGER PRIMARY KEY,
        chain TEXT NOT NULL,
        ord INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('snapshot', 'delta')),
        data BLOB NOT NULL
      );
      CREATE INDEX ledger_subject_sets_chain ON ledger_subject_sets(chain, ord);
      CREATE TABLE ledger_chains (
        chain TEXT PRIMARY KEY,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        releases INTEGER NOT NULL,
        head BLOB NOT NULL
      );
      -- per-subject index: the releases at which a subject entered or left a chain (after its first)
      CREATE TABLE ledger_subject_changes (
        subject INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (subject, seq)
      ) WITHOUT ROWID;
      CREATE TABLE subject_dict (
        part INTEGER NOT NULL,
        chunk INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (part, chunk)
      );
    `,
  },
  {
    version: 3,
    name: "consent registry",
    sql: `
      -- consent purposes and the systems that collected consents, by name, so events stay small
      CREATE TABLE consent_purposes (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      CREATE TABLE consent_sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      -- one row per recording (an import, a grant, a withdrawal)
      CREATE TABLE consent_batches (id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, events INTEGER NOT NULL);
      -- grants and withdrawals: subject is a dictionary index, at the event time in ms since 1970 (UTC);
      -- events of one purpose are ordered by (at, id), id being insertion order
      CREATE TABLE consent_events (
        id INTEGER PRIMARY KEY,
        purpose INTEGER NOT NULL REFERENCES consent_purposes(id),
        at INTEGER NOT NULL,
        subject INTEGER NOT NULL,
        granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
        source INTEGER NOT NULL REFERENCES consent_sources(id),
        evidence TEXT,
        batch INTEGER NOT NULL REFERENCES consent_batches(id)
      );
      -- covers replays: a purpose's events in (at, id) order with the subject and the action
      CREATE INDEX consent_events_purpose_at ON consent_events(purpose, at, id, subject, granted);
      CREATE INDEX consent_events_subject ON consent_events(subject, purpose, at);
      -- materialised consent bitmaps (roaring, portable format): the state of a purpose after every
      -- event up to (at, last_id) in (at, id) order
      CREATE TABLE consent_snapshots (
        purpose INTEGER NOT NULL REFERENCES consent_purposes(id),
        at INTEGER NOT NULL,
        last_id INTEGER NOT NULL,
        events INTEGER NOT NULL,
        subjects INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (purpose, at, last_id)
      );
    `,
  },
  {
    version: 4,
    name: "ledger retention",
    sql: `
      -- a pruned entry keeps its leaf hash (the tree still verifies) but loses its body and subjects
      ALTER TABLE ledger_entries ADD COLUMN pruned_at TEXT;
    `,
  },
  {
    version: 5,
    name: "ledger entry summaries",
    sql: `
      -- what a subject's history shows of an entry, stored once per distinct value (consecutive releases of
      -- an agreement share it), so a history of a thousand releases is read without parsing a thousand bodies
      CREATE TABLE ledger_summaries (id INTEGER PRIMARY KEY, summary TEXT NOT NULL UNIQUE);
      ALTER TABLE ledger_entries ADD COLUMN summary_id INTEGER REFERENCES ledger_summaries(id);
    `,
  },
  {
    version: 6,
    name: "subject dictionary in index order",
    sql: `
      -- the same hashes in index order (chunks of 65,536), so a new process loads the dictionary with a few
      -- large reads; subject_dict keeps the per-partition copy that answers single lookups
      CREATE TABLE subject_dict_linear (chunk INTEGER PRIMARY KEY, data BLOB NOT NULL);
    `,
  },
  {
    version: 7,
    name: "ledger entries v2: two times, kinds, prune events",
    sql: `
      -- released_at is the operator's as-of time; recorded_at the clock at append (the signed head's time)
      ALTER TABLE ledger_entries RENAME COLUMN time TO released_at;
      ALTER TABLE ledger_entries ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
      ALTER TABLE ledger_entries ADD COLUMN kind TEXT NOT NULL DEFAULT 'release' CHECK (kind IN ('release', 'prune'));
      CREATE INDEX ledger_entries_recorded ON ledger_entries(recorded_at);
    `,
  },
  {
    version: 8,
    name: "consent event chain",
    sql: `
      -- the hash chain over consent events (consent/chain.ts): a batch's events are ids first_id..last_id, and
      -- head is SHA-256(previous batch's head || batch header || its events' canonical bytes); NULL for
      -- batches recorded before this migration, until the registry chains them
      ALTER TABLE consent_batches ADD COLUMN first_id INTEGER;
      ALTER TABLE consent_batches ADD COLUMN last_id INTEGER;
      ALTER TABLE consent_batches ADD COLUMN head BLOB;
      CREATE INDEX consent_batches_last_id ON consent_batches(last_id);
    `,
  },
  {
    version: 9,
    name: "witnessed checkpoints",
    sql: `
      -- checkpoints sent to witnesses (c2sp.org/tlog-witness): the log-signed note, and each witness's
      -- cosignature line (c2sp.org/tlog-cosignature); verify opens every note with the log's keys, checks its
      -- root against the tree and every cosignature against the configured witness keys
      CREATE TABLE ledger_checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
      CREATE TABLE ledger_cosignatures (
        size INTEGER NOT NULL REFERENCES ledger_checkpoints(size),
        witness TEXT NOT NULL,
        line TEXT NOT NULL,
        PRIMARY KEY (size, witness)
      );
      CREATE INDEX ledger_cosignatures_witness ON ledger_cosignatures(witness, size);
    `,
  },
  {
    version: 10,
    name: "ledger history index",
    sql: `
      -- a subject's history reads runs of one chain's releases held in full by seq: this partial index holds
      -- exactly those rows with what the history shows, so a run is read from the index alone, not from rows
      -- that also carry their bodies (before: every entry of the seq range, sorted in a temporary b-tree)
      CREATE INDEX ledger_entries_history
        ON ledger_entries(agreement_id, seq, released_at, recorded_at, summary_id)
        WHERE kind = 'release' AND pruned_at IS NULL;
    `,
  },
  {
    version: 11,
    name: "api tokens and access log",
    sql: `
      -- bearer tokens of the HTTP API: the secret is never stored, only its SHA-256 (256 random bits, so a hash
      -- cannot be searched back)
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        secret_hash BLOB NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      );
      -- every read of a person's history and every detokenize, hash-chained event to event
      CREATE TABLE access_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        agreement TEXT,
        field TEXT,
        count INTEGER,
        hash BLOB NOT NULL
      );
    `,
  },
  {
    version: 12,
    name: "subject dictionary in 65,536 partitions",
    sql: `
      -- subject_dict held 256 partitions by a hash's first byte: a lookup read 312 kB at 4 M subjects, 3 MB at
      -- 40 M. It now holds 65,536 by the first two bytes, chunks of 200 records (ports/subjects.ts), rebuilt below
      -- from the index-ordered copy (the partitions are derived from it; verify checks them against it)
      DELETE FROM subject_dict;
    `,
    run: (db) => {
      const size = Number(
        (db.prepare("SELECT value FROM ledger_meta WHERE key = 'subjects'").pluck().get() as
          | string
          | undefined) ?? 0,
      );
      const put = db.prepare("INSERT INTO subject_dict (part, chunk, data) VALUES (?, ?, ?)");
      const read = db.prepare("SELECT chunk, data FROM subject_dict_linear ORDER BY chunk");
      rebuildPartitionsSync(
        size,
        () => read.iterate() as Iterable<{ chunk: number; data: Buffer }>,
        (rows: DictChunk[]) => {
          for (const r of rows) put.run(r.part, r.chunk, r.data);
        },
      );
    },
  },
  {
    version: 13,
    name: "hold entries",
    sql: `
      -- a held release is recorded as a signed entry of its own kind ('hold': its reasons and counts, no subject
      -- set). SQLite cannot widen a column's CHECK in place, so the table is rebuilt (SQLite's documented
      -- procedure: new table, copy, drop, rename, indexes again), rows and columns unchanged
      CREATE TABLE ledger_entries_v13 (
        seq INTEGER PRIMARY KEY,
        body TEXT NOT NULL,
        leaf_hash BLOB NOT NULL,
        released_at TEXT NOT NULL,
        agreement_id TEXT NOT NULL,
        recipient_id TEXT NOT NULL,
        subject_count INTEGER NOT NULL,
        chain_ord INTEGER NOT NULL,
        pruned_at TEXT,
        summary_id INTEGER REFERENCES ledger_summaries(id),
        recorded_at TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'release' CHECK (kind IN ('release', 'prune', 'hold'))
      );
      INSERT INTO ledger_entries_v13 (seq, body, leaf_hash, released_at, agreement_id, recipient_id, subject_count,
          chain_ord, pruned_at, summary_id, recorded_at, kind)
        SELECT seq, body, leaf_hash, released_at, agreement_id, recipient_id, subject_count, chain_ord, pruned_at,
          summary_id, recorded_at, kind
        FROM ledger_entries;
      DROP TABLE ledger_entries;
      ALTER TABLE ledger_entries_v13 RENAME TO ledger_entries;
      CREATE INDEX ledger_entries_agreement ON ledger_entries(agreement_id, chain_ord);
      CREATE INDEX ledger_entries_time ON ledger_entries(released_at);
      CREATE INDEX ledger_entries_recorded ON ledger_entries(recorded_at);
      CREATE INDEX ledger_entries_history
        ON ledger_entries(agreement_id, seq, released_at, recorded_at, summary_id)
        WHERE kind = 'release' AND pruned_at IS NULL;
    `,
  },
  {
    version: 14,
    name: "change rows by entry",
    sql: `
      -- the change rows of one entry, read by an incremental verify (the entries appended since a verified state)
      -- and deleted by a prune, without scanning every subject's rows; an append adds at the index's end
      CREATE INDEX ledger_subject_changes_seq ON ledger_subject_changes(seq);
    `,
  },
];
