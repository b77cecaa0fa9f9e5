// the tamper suite for an incremental verify: a ledger that verified and saved its state, then grew (releases of
// old and new chains, new subjects, consent recorded and committed, a witnessed checkpoint). Every attack of the
// schema-made suite that touches a row written since the saved state, or a row every verify reads in full (chains,
// meta, summaries, checkpoints), must fail the incremental verify and name its table; attacks on rows the saved
// state covers are left to the full verify (test/ledger-tamper.test.ts), as docs/architecture.md says. The
// dictionary's rows hold old and new subjects side by side, so they are attacked here by hand.
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { type VerifiedStateFile, verifiedStateRun } from "../src/app/verified-state.js";
import { consentCheck, consentCommitment } from "../src/engine/consent-commitment.js";
import { scopeDigest } from "../src/ledger/entry.js";
import { verifyLedger } from "../src/ledger/verify.js";
import { customers, range, release, storesOver } from "./support/ledger.js";
import { keepWitnessedCheckpoint, ledgerHistory, PURPOSE, WITNESS_VKEYS } from "./support/ledger-history.js";
import { type Attack, attacks, type Row, sweep, tables } from "./support/tamper.js";

const NOT_COVERED = new Set(["schema_migrations", "check_runs", "access_log", "api_tokens"]);
/** Rows of both old and new subjects: attacked by hand below. */
const BY_HAND = new Set(["subject_dict", "subject_dict_linear"]);

const history = await ledgerHistory();
const { trusted } = history;
const first = verifiedStateRun(history.state.consent, undefined, "verified.json");
const fullReport = await verifyLedger(history.state.ledger, trusted, {
  ...first.options,
  witnesses: WITNESS_VKEYS,
  locator: history.state.locator,
});
const saved = first.next(fullReport, new Date("2023-06-01T00:00:00Z")) as VerifiedStateFile;
const lastBatch = await history.state.consent.read(async (tx) => (await tx.lastBatch())?.id ?? 0);

// what comes after: new subjects granted, daily releases that commit to consent, a new chain, a checkpoint
const DAY = 86_400_000;
const start = Date.parse("2023-06-02T02:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();
for (const [i, c] of customers(range(200, 206)).entries())
  await history.registry.grant(
    c,
    PURPOSE,
    { source: "app", at: iso(start - DAY + i) },
    new Date(start - DAY),
  );
const scope = {
  phase: { name: "scoring", from: "2019-01-01", model_building: false },
  where: "linked == true",
};
for (let d = 0; d < 3; d++) {
  const at = start + d * DAY;
  const consent = (await consentCommitment(history.registry, PURPOSE, iso(at))).commitment;
  await history.ledger.append(
    release("credit-feed", iso(at).slice(0, 10), {
      released_at: iso(at),
      scope: { ...scope, digest: scopeDigest(scope) },
      consent,
    }),
    customers([...range(d, 30 + d), 200 + d]),
    new Date(at + 3_600_000),
  );
}
await history.ledger.append(
  release("bonus-feed", iso(start).slice(0, 10), { released_at: iso(start) }),
  customers(range(201, 206)),
  new Date(start + 3 * DAY),
);
await keepWitnessedCheckpoint(history);

const since = { ...saved.log, label: "the saved state" };
const K = saved.log.size;
const cleanVerdict = await verifyLedger(history.state.ledger, trusted, {
  consent: consentCheck(history.state.consent, { since: saved.consent }),
  witnesses: WITNESS_VKEYS,
  since,
  locator: history.state.locator,
});
history.db.pragma("journal_mode = DELETE");
let image: Buffer = history.db.serialize();
await history.cleanup();

const fresh = () => new Database(image);

async function verdict(db: Database.Database) {
  const stores = storesOver(db);
  const r = await verifyLedger(stores.ledger, trusted, {
    consent: consentCheck(stores.consent, { since: saved.consent }),
    witnesses: WITNESS_VKEYS,
    since,
  });
  return {
    ok: r.ok,
    from: r.from,
    places: [...new Set(r.problems.flatMap((p) => (p.place ?? p.kind).split(/[^a-z_]+/)))],
  };
}

/** Whether an incremental verify from the saved state reads `row` of `table`. */
function readSince(table: string, row: Row): boolean {
  const n = (column: string) => Number(row[column]);
  switch (table) {
    case "ledger_entries":
    case "ledger_subject_sets":
    case "ledger_subject_changes":
      return n("seq") >= K;
    case "ledger_heads":
      return n("size") > K;
    case "consent_events":
      return n("id") > saved.consent.events;
    case "consent_batches":
      return n("id") > lastBatch;
    case "consent_snapshots":
      return n("events") > (saved.consent.snapshots[PURPOSE]?.events ?? 0);
    case "consent_sources":
      // the source of every event recorded since
      return row.name === "app";
    default:
      // chains, meta, summaries, purposes, checkpoints and cosignatures are read in full by every verify
      return true;
  }
}

describe("an incremental verify covers every row written since the saved state", () => {
  const all = (() => {
    const db = fresh();
    const names = tables(db);
    db.close();
    return names;
  })();

  it("starts from a grown history that verifies from the saved state, reading only what came after it", () => {
    expect(cleanVerdict.problems).toEqual([]);
    expect(cleanVerdict.from).toBe(K);
    expect(cleanVerdict.size).toBe(K + 4);
    expect(saved.consent.events).toBeGreaterThan(0);
  });

  for (const table of all.filter((t) => !NOT_COVERED.has(t) && !BY_HAND.has(t)))
    it(`${table}: every attack on a row read since fails the incremental verify and names the table`, async () => {
      const list = attacks(table, fresh).filter((a: Attack) => a.rows.some((r) => readSince(table, r)));
      const { applied, missed, unnamed } = await sweep(table, list, fresh, verdict);
      expect(applied).toBeGreaterThan(0);
      expect(missed).toEqual([]);
      expect(unnamed).toEqual([]);
    });

  /** A byte of the hash of subject `index` flipped where the store keeps it: the index-ordered copy or its partition. */
  function flipHash(db: Database.Database, index: number, where: "linear" | "partition"): void {
    const linear = db.prepare("SELECT data FROM subject_dict_linear WHERE chunk = 0").pluck().get() as Buffer;
    const hash = linear.subarray(index * 16, index * 16 + 16);
    if (where === "linear") {
      const copy = Buffer.from(linear);
      copy[index * 16 + 9] = (copy[index * 16 + 9] as number) ^ 1;
      db.prepare("UPDATE subject_dict_linear SET data = ? WHERE chunk = 0").run(copy);
      return;
    }
    const part = ((hash[0] as number) << 8) | (hash[1] as number);
    for (const row of db.prepare("SELECT chunk, data FROM subject_dict WHERE part = ?").all(part) as {
      chunk: number;
      data: Buffer;
    }[]) {
      const at = row.data.indexOf(hash);
      if (at < 0 || at % 20 !== 0) continue;
      const copy = Buffer.from(row.data);
      copy[at + 9] = (copy[at + 9] as number) ^ 1;
      db.prepare("UPDATE subject_dict SET data = ? WHERE part = ? AND chunk = ?").run(copy, part, row.chunk);
      return;
    }
    throw new Error("no record of that subject");
  }

  it("subject_dict, subject_dict_linear: a subject added since, changed in either copy, fails it", async () => {
    const count = (() => {
      const db = fresh();
      const n = Number(db.prepare("SELECT value FROM ledger_meta WHERE key = 'subjects'").pluck().get());
      db.close();
      return n;
    })();
    for (const where of ["linear", "partition"] as const) {
      const db = fresh();
      try {
        flipHash(db, count - 1, where);
        const v = await verdict(db);
        expect(v.ok).toBe(false);
        expect(v.places).toContain(where === "linear" ? "subject_dict_linear" : "subject_dict");
      } finally {
        db.close();
      }
    }
  });

  it("leaves a subject the saved state covers to the full verify, which finds it", async () => {
    const db = fresh();
    try {
      flipHash(db, 0, "partition");
      expect((await verdict(db)).ok).toBe(true);
      const full = await verifyLedger(storesOver(db).ledger, trusted, {});
      expect(full.problems.map((p) => p.place)).toContain("subject_dict");
    } finally {
      db.close();
    }
  });

  it("rebuilds each chain's set before the saved state from its stored rows and checks it against its signed digest", async () => {
    const db = fresh();
    try {
      // the credit-feed chain's last delta before the saved state: the chain grew since, so it is replayed
      const seq = db
        .prepare(
          "SELECT max(seq) FROM ledger_subject_sets WHERE chain = 'credit-feed' AND kind = 'delta' AND seq < ?",
        )
        .pluck()
        .get(K) as number;
      const data = db
        .prepare("SELECT data FROM ledger_subject_sets WHERE seq = ?")
        .pluck()
        .get(seq) as Buffer;
      const copy = Buffer.from(data);
      copy[copy.length - 1] = (copy[copy.length - 1] as number) ^ 1;
      db.prepare("UPDATE ledger_subject_sets SET data = ? WHERE seq = ?").run(copy, seq);
      const v = await verdict(db);
      expect(v.ok).toBe(false);
      expect(v.places).toContain("ledger_subject_sets");
    } finally {
      db.close();
    }
  });

  it("verifies in full when a prune event follows the saved state", async () => {
    const db = fresh();
    try {
      const root = db.prepare("SELECT root FROM ledger_heads WHERE size = 5").pluck().get() as Buffer;
      const report = await verifyLedger(storesOver(db).ledger, trusted, {
        since: { size: 5, root: root.toString("hex"), label: "a state of five entries" },
      });
      // the prune event after entry 5 rewrote rows of entries before it: nothing is left to an earlier verify
      expect([report.ok, report.from, report.problems]).toEqual([true, 0, []]);
    } finally {
      db.close();
    }
  });
});

afterAll(() => {
  image = Buffer.alloc(0);
});
