// the consent chain: heads reproducible from events, every kind of edit of the registry's tables found by
// verifyConsent with its batch or event id, re-recording adding nothing, unknown purposes refused, and the
// event-only recomputation (consentSetAt, ConsentReplayer) equal to asOf for random, back-dated histories.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../ledger/subjects/subject-hasher.js";
import type { ChainEventPage, ConsentReads } from "../ports/consent.js";
import { openSqliteStore, type SqliteStateStore } from "../store/sqlite/index.js";
import { setDigestOf } from "./bitmap.js";
import { chainUnchainedBatches, consentHeadAt, ZERO_HEAD } from "./chain.js";
import type { ConsentEvent } from "./event.js";
import { importConsentFile } from "./import.js";
import { ConsentRegistry, type ConsentRegistryOptions } from "./registry.js";
import { ConsentReplayer, consentSetAt, consentSetFromSnapshot } from "./replay.js";
import { type ConsentVerified, consentVerified, verifyConsent } from "./verify.js";

const stores: SqliteStateStore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A registry over an in-memory store (migrated, chain columns included). */
function setup(options: ConsentRegistryOptions = {}) {
  const store = openSqliteStore(":memory:");
  stores.push(store);
  const consent = store.consent;
  const dictionary = new SubjectDictionary();
  const hasher = nodeSubjectHasher("ledger-subjects-test", randomBytes(32));
  const registry = new ConsentRegistry(consent, dictionary, hasher, options);
  return { db: store.database.db, consent, registry, dictionary, hasher };
}

const NOW = new Date("2025-01-01T00:00:00Z");
const KEYS = Array.from({ length: 12 }, (_, i) => `SUBJ-KEY-${i}`);

const ev = (
  subject: string,
  purpose: string,
  action: "grant" | "withdraw",
  at: string,
  source = "app",
  evidence?: string,
): ConsentEvent => ({ subject, purpose, action, at, source, ...(evidence ? { evidence } : {}) });

/** Three batches over two purposes and two sources, with snapshots every 2 events. */
async function history() {
  const s = setup({ snapshotEvery: 2 });
  const r = s.registry;
  await r.record(
    [
      ev(KEYS[0] as string, "p", "grant", "2024-01-01T00:00:00Z", "app", "proof-1"),
      ev(KEYS[1] as string, "p", "grant", "2024-01-02T00:00:00Z"),
      ev(KEYS[2] as string, "q", "grant", "2024-01-03T00:00:00Z", "desk"),
    ],
    NOW,
  ); // events 1..3, batch 1
  await r.record(
    [
      ev(KEYS[0] as string, "p", "withdraw", "2024-02-01T00:00:00Z", "desk"),
      ev(KEYS[3] as string, "p", "grant", "2024-02-02T00:00:00Z"),
      ev(KEYS[4] as string, "p", "grant", "2024-02-03T00:00:00Z"),
    ],
    new Date("2025-01-02T00:00:00Z"),
  ); // events 4..6, batch 2
  await r.record(
    [
      ev(KEYS[5] as string, "q", "grant", "2024-03-01T00:00:00Z"),
      ev(KEYS[1] as string, "p", "withdraw", "2023-12-01T00:00:00Z"), // back-dated
    ],
    new Date("2025-01-03T00:00:00Z"),
  ); // events 7..8, batch 3
  return s;
}

const kinds = async (consent: Parameters<typeof verifyConsent>[0]) =>
  (await verifyConsent(consent)).map((p) => [p.kind, p.id] as const);

describe("the chain", () => {
  it("starts at zero, moves with every recording, and verifies", async () => {
    const { registry, consent } = setup();
    expect(await consent.read((tx) => tx.hasChain())).toBe(true);
    expect(await registry.head()).toEqual({ events: 0, head: ZERO_HEAD.toString("hex") });
    await registry.grant(KEYS[0] as string, "p", { at: "2024-01-01T00:00:00Z", source: "app" }, NOW);
    const one = await registry.head();
    expect(one.events).toBe(1);
    expect(one.head).toMatch(/^[0-9a-f]{64}$/);
    expect(one.head).not.toBe(ZERO_HEAD.toString("hex"));
    await registry.withdraw(KEYS[0] as string, "p", { at: "2024-02-01T00:00:00Z", source: "app" }, NOW);
    expect((await registry.head()).events).toBe(2);
    expect(await consent.read((tx) => consentHeadAt(tx, 1))).toBe(one.head);
    expect(await consent.read((tx) => consentHeadAt(tx, 0))).toBe(ZERO_HEAD.toString("hex"));
    expect(await verifyConsent(consent)).toEqual([]);
  });

  it("is the same for the same events recorded the same way, and chains unchained batches to it", async () => {
    const a = await history();
    const b = await history();
    // different keyed hashers give other subject indexes, so compare a chain with its own rebuild
    const before = await a.registry.head();
    a.db.exec("UPDATE consent_batches SET head = NULL, first_id = NULL, last_id = NULL");
    expect((await kinds(a.consent)).filter(([k]) => k === "unchained")).toHaveLength(3);
    expect(await a.consent.write((tx) => chainUnchainedBatches(tx))).toBe(3);
    expect(await a.registry.head()).toEqual(before);
    expect(await verifyConsent(a.consent)).toEqual([]);
    expect((await b.registry.head()).events).toBe(8);
  });

  it("commits asOf with its digest and the chain state", async () => {
    const { registry } = await history();
    const c = await registry.asOfCommitted("p", "2024-06-01T00:00:00Z");
    expect(c.set.size).toBe(await registry.count("p", "2024-06-01T00:00:00Z"));
    expect(c.digest).toBe(setDigestOf(await registry.asOf("p", "2024-06-01T00:00:00Z")));
    expect({ events: c.events, head: c.head }).toEqual(await registry.head());
  });
});

describe("verifyConsent", () => {
  const tamper: [string, string, [string, number][]][] = [
    ["a changed event", "UPDATE consent_events SET at = at + 1 WHERE id = 5", [["batch_changed", 2]]],
    ["a changed evidence", "UPDATE consent_events SET evidence = 'x' WHERE id = 1", [["batch_changed", 1]]],
    [
      "a moved subject",
      "UPDATE consent_events SET subject = subject + 1 WHERE id = 7",
      [["batch_changed", 3]],
    ],
    [
      "a deleted event",
      "DELETE FROM consent_events WHERE id = 2",
      [
        ["batch_changed", 1],
        ["batch_range", 1],
      ],
    ],
    [
      "an inserted event",
      "INSERT INTO consent_events (id, purpose, at, subject, granted, source, evidence, batch) SELECT 9, purpose, at, subject, 1 - granted, source, NULL, 3 FROM consent_events WHERE id = 8",
      [
        ["batch_changed", 3],
        ["batch_range", 3],
      ],
    ],
    [
      "an event inserted into an earlier batch",
      "INSERT INTO consent_events (id, purpose, at, subject, granted, source, evidence, batch) SELECT 9, purpose, at, subject, 1, source, NULL, 1 FROM consent_events WHERE id = 8",
      [["event_misplaced", 9]],
    ],
    [
      "two reordered events",
      "UPDATE consent_events SET id = 100 WHERE id = 4; UPDATE consent_events SET id = 4 WHERE id = 5; UPDATE consent_events SET id = 5 WHERE id = 100",
      [["batch_changed", 2]],
    ],
    [
      "an edited batch time",
      "UPDATE consent_batches SET recorded_at = '2025-01-01T00:00:00.001Z' WHERE id = 2",
      [["batch_changed", 2]],
    ],
    ["an edited batch count", "UPDATE consent_batches SET events = 4 WHERE id = 2", [["batch_range", 2]]],
    [
      "an edited batch head",
      "UPDATE consent_batches SET head = zeroblob(32) WHERE id = 1",
      [
        ["batch_changed", 1],
        ["batch_changed", 2],
      ],
    ],
    [
      "a renamed purpose",
      "UPDATE consent_purposes SET name = 'q2' WHERE name = 'q'",
      [
        ["batch_changed", 1],
        ["batch_changed", 3],
      ],
    ],
    [
      "a renamed source",
      "UPDATE consent_sources SET name = 'desk2' WHERE name = 'desk'",
      [
        ["batch_changed", 1],
        ["batch_changed", 2],
      ],
    ],
    [
      "a removed batch",
      "PRAGMA foreign_keys = OFF; DELETE FROM consent_events WHERE batch = 2; DELETE FROM consent_batches WHERE id = 2",
      [
        ["batch_changed", 3],
        ["batch_range", 3],
      ],
    ],
    [
      "a removed purpose",
      "PRAGMA foreign_keys = OFF; DELETE FROM consent_snapshots WHERE purpose = 2; DELETE FROM consent_purposes WHERE id = 2",
      [
        ["batch_changed", 1],
        ["batch_changed", 3],
        ["unknown_reference", 3],
      ],
    ],
  ];
  for (const [what, sql, expected] of tamper)
    it(`finds ${what}`, async () => {
      const { db, consent } = await history();
      expect(await verifyConsent(consent)).toEqual([]);
      db.exec(sql);
      const found = (await kinds(consent)).filter(([k]) => k !== "snapshot_changed");
      expect(found).toEqual(expected);
      for (const p of await verifyConsent(consent))
        for (const key of KEYS) expect(p.message).not.toContain(key);
    });

  it("finds an edited or unreadable snapshot, and snapshots made stale by edited events", async () => {
    const { db, consent } = await history();
    const snaps = db.prepare("SELECT COUNT(*) FROM consent_snapshots").pluck().get();
    expect(snaps).toBeGreaterThan(1);
    const first = db
      .prepare("SELECT purpose, at, last_id FROM consent_snapshots ORDER BY purpose, at LIMIT 1")
      .get() as {
      purpose: number;
      at: number;
      last_id: number;
    };
    const key = [first.purpose, first.at, first.last_id];
    db.prepare(
      "UPDATE consent_snapshots SET data = (SELECT data FROM consent_snapshots WHERE purpose = ? AND (at <> ? OR last_id <> ?) ORDER BY at DESC LIMIT 1) WHERE purpose = ? AND at = ? AND last_id = ?",
    ).run(first.purpose, first.at, first.last_id, ...key);
    expect(await kinds(consent)).toEqual([["snapshot_changed", first.last_id]]);
    db.prepare(
      "UPDATE consent_snapshots SET data = x'00010203' WHERE purpose = ? AND at = ? AND last_id = ?",
    ).run(...key);
    expect(await verifyConsent(consent)).toMatchObject([
      { kind: "snapshot_changed", message: /cannot be read/ },
    ]);
    db.prepare("UPDATE consent_snapshots SET subjects = subjects + 1").run();
    expect((await kinds(consent)).filter(([k]) => k === "snapshot_changed").length).toBe(snaps);
  });

  it("makes the registry refuse to record on a batch without a head after chained ones", async () => {
    const { db, consent, registry } = await history();
    db.exec("UPDATE consent_batches SET head = NULL WHERE id = 3");
    expect(await kinds(consent)).toContainEqual(["unchained", 3]);
    await expect(registry.head()).rejects.toThrow(/batch 3 has no chain head/);
    await expect(registry.grant("X", "p", { source: "app" }, NOW)).rejects.toThrow(
      /batch 3 has no chain head/,
    );
  });
});

describe("reading events in pages", () => {
  it("gives the events of row by row reading, whatever the page size", async () => {
    const { db, consent } = await history();
    const rows = db
      .prepare(
        "SELECT id, purpose, at, subject, granted, source, evidence, batch FROM consent_events WHERE id >= 1 ORDER BY id",
      )
      .raw(true)
      .all();
    expect(rows).toHaveLength(8);
    for (const size of [1, 3, 8, 100]) {
      const read: unknown[][] = [];
      const pages = await consent.read(async (tx) => {
        const out: ChainEventPage[] = [];
        for await (const page of tx.eventPages(size)) out.push(page);
        return out;
      });
      for (const page of pages) {
        expect(page.count).toBeLessThanOrEqual(size);
        let from = 0;
        for (let i = 0; i < page.count; i++) {
          const length = page.evidenceLength[i] ?? null;
          const evidence =
            length === null
              ? null
              : Buffer.from(page.evidence.subarray(from, from + length)).toString("utf8");
          from += length ?? 0;
          read.push([
            page.id[i],
            page.purpose[i],
            page.at[i],
            page.subject[i],
            page.granted[i],
            page.source[i],
            evidence,
            page.batch[i],
          ]);
        }
      }
      expect(read).toEqual(rows);
    }
  });

  it("hashes evidence of any length and script as recording did", async () => {
    const { registry, db, consent } = setup({ snapshotEvery: 1 });
    await registry.record(
      [
        ev(KEYS[0] as string, "p", "grant", "2024-01-01T00:00:00Z", "앱", "증거-✓-𝄞"),
        ev(KEYS[1] as string, "p", "grant", "2024-01-02T00:00:00Z", "app", "e".repeat(1000)),
        ev(KEYS[2] as string, "p", "grant", "1969-12-31T23:59:59.999Z", "app", "가".repeat(333)),
        ev(KEYS[3] as string, "p", "withdraw", "2024-01-03T00:00:00Z"),
      ],
      NOW,
    );
    expect(await verifyConsent(consent)).toEqual([]);
    db.exec("UPDATE consent_events SET evidence = '증거-✓-𝄟' WHERE id = 1");
    expect(await kinds(consent)).toEqual([["batch_changed", 1]]);
  });

  it("reports values of another type (text, real, blob) as changes, reading those rows one by one", async () => {
    for (const sql of [
      "UPDATE consent_events SET at = 'x' WHERE id = 5",
      "UPDATE consent_events SET at = at + 0.5 WHERE id = 5",
      "UPDATE consent_events SET subject = subject + 0.5 WHERE id = 5",
      "UPDATE consent_events SET evidence = x'00ff' WHERE id = 1",
      "UPDATE consent_events SET at = x'01' WHERE id = 5",
    ]) {
      const { db, consent } = await history();
      const before = await consentSetAt(consent, "p", "2024-06-01T00:00:00Z", 8);
      db.exec(sql);
      const found = (await kinds(consent)).filter(([k]) => k !== "snapshot_changed");
      expect(found.length, sql).toBeGreaterThan(0);
      expect(found[0]?.[0], sql).toBe("batch_changed");
      // the replay reads such rows as they are, without throwing
      await expect(consentSetAt(consent, "p", "2024-06-01T00:00:00Z", 8), sql).resolves.toBeDefined();
      if (sql.includes("evidence"))
        expect(await consentSetAt(consent, "p", "2024-06-01T00:00:00Z", 8)).toEqual(before);
    }
  });
});

describe("recording again", () => {
  it("skips events equal to recorded ones, by lookups or by a table, keeping the head", async () => {
    const { registry, consent } = setup();
    const many = Array.from({ length: 300 }, (_, i) =>
      ev(
        `S${i % 97}`,
        i % 3 === 0 ? "q" : "p",
        i % 5 === 0 ? "withdraw" : "grant",
        new Date(Date.UTC(2024, 0, 1 + (i % 40))).toISOString(),
        i % 2 === 0 ? "app" : "desk",
        `proof-${i}`,
      ),
    );
    const first = await registry.record(many, NOW);
    const head = await registry.head();
    // all again: a table of the purposes' events (many candidates)
    expect(await registry.record(many, NOW)).toMatchObject({ recorded: 0, skipped: first.recorded });
    expect(await registry.head()).toEqual(head);
    // a few again among many recorded: one lookup each; another source, action or time is new
    const again = many.slice(10, 13);
    const other = [
      { ...(many[20] as ConsentEvent), source: "other" },
      { ...(many[21] as ConsentEvent), action: "withdraw" as const },
      { ...(many[22] as ConsentEvent), at: "2024-06-01T00:00:00Z" },
      { ...(many[23] as ConsentEvent), evidence: "another proof" }, // evidence does not count
    ];
    expect(await registry.record([...again, ...other], NOW)).toMatchObject({ recorded: 3, skipped: 4 });
    expect((await registry.head()).events).toBe(head.events + 3);
    expect(await verifyConsent(consent)).toEqual([]);
  });

  it("imports the same file twice: the second adds nothing", async () => {
    const { registry } = setup();
    const dir = mkdtempSync(join(tmpdir(), "jikimi-chain-"));
    dirs.push(dir);
    const file = join(dir, "c.csv");
    const rows = Array.from(
      { length: 500 },
      (_, i) =>
        `K${i % 200},p,${i % 7 === 0 ? "withdraw" : "grant"},2024-01-${String(1 + (i % 28)).padStart(2, "0")}T00:00:00Z,app,`,
    );
    writeFileSync(file, ["subject,purpose,action,at,source,evidence", ...rows].join("\n"));
    const one = await importConsentFile(registry, file, { now: NOW });
    const head = await registry.head();
    const two = await importConsentFile(registry, file, { now: NOW });
    expect(two).toMatchObject({ recorded: 0, skipped: one.recorded, newSubjects: 0 });
    expect(await registry.head()).toEqual(head);
  });
});

describe("knownPurposes", () => {
  it("refuses events of undeclared purposes, naming them and the known ones, recording nothing", async () => {
    const { registry, dictionary, consent } = setup({
      knownPurposes: new Set(["nsf-provision", "marketing"]),
    });
    const e = () =>
      registry.record(
        [
          ev("SECRET-KEY", "nsf-provision", "grant", "2024-01-01T00:00:00Z"),
          ev("SECRET-KEY", "nsf-provison", "grant", "2024-01-01T00:00:00Z"),
        ],
        NOW,
      );
    await expect(e()).rejects.toThrow(
      /consent purpose nsf-provison is not declared by any agreement.*nothing was recorded: use one of marketing, nsf-provision/,
    );
    await expect(e()).rejects.not.toThrow(/SECRET/);
    expect((await registry.head()).events).toBe(0);
    expect(await consent.read((tx) => dictionary.size(tx))).toBe(0);
    const none = setup({ knownPurposes: new Set() }).registry;
    await expect(none.grant("A", "p", { source: "s" }, NOW)).rejects.toThrow(/declares no consent purpose/);
  });
});

/** Random histories of the property tests below: batches of events over 8 subjects, two purposes, 13 minutes. */
const BASE = Date.parse("2024-01-01T00:00:00Z");
const randomEvent = fc.record({
  subject: fc.integer({ min: 0, max: 7 }),
  purpose: fc.constantFrom("p", "q"),
  grant: fc.boolean(),
  slot: fc.integer({ min: 0, max: 12 }),
  source: fc.constantFrom("a", "b"),
});
type RandomEvent = { subject: number; purpose: string; grant: boolean; slot: number; source: string };
/** What a release would have committed to: an as-of set of a purpose at `t` over the first `events` events. */
type Seen = { purpose: string; t: number; events: number; digest: string; size: number };

/** Records `batch`, then notes the committed as-of sets of both purposes every `step` minutes. */
async function recordAndCommit(
  registry: ConsentRegistry,
  batch: readonly RandomEvent[],
  seen: Seen[],
  step: number,
): Promise<void> {
  await registry.record(
    batch.map((e) => ({
      subject: `S${e.subject}`,
      purpose: e.purpose,
      action: e.grant ? "grant" : "withdraw",
      at: new Date(BASE + e.slot * 60_000).toISOString(),
      source: e.source,
    })),
    NOW,
  );
  for (const purpose of ["p", "q"])
    for (let slot = -1; slot <= 13; slot += step) {
      const t = BASE + slot * 60_000;
      const c = await registry.asOfCommitted(purpose, new Date(t).toISOString());
      seen.push({ purpose, t, events: c.events, digest: c.digest, size: c.set.size });
    }
}

describe("consentSetAt", () => {
  it("equals asOf at the time of recording, whatever is recorded later (random histories)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(randomEvent, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        async (batches, every) => {
          const { registry, consent } = setup({ snapshotEvery: every });
          const seen: Seen[] = [];
          for (const batch of batches) await recordAndCommit(registry, batch, seen, 2);
          // one-off recomputations, after everything (including back-dated events) was recorded
          for (const s of seen)
            expect(await consentSetAt(consent, s.purpose, s.t, s.events)).toEqual({
              digest: s.digest,
              size: s.size,
            });
          // a replayer per purpose over non-decreasing (events, time), and over shuffled ones (restarts)
          for (const order of [
            [...seen].sort((a, b) => a.events - b.events || a.t - b.t),
            [...seen].reverse(),
          ]) {
            const replayers = new Map([
              ["p", (tx: ConsentReads) => new ConsentReplayer(tx, "p")],
              ["q", (tx: ConsentReads) => new ConsentReplayer(tx, "q")],
            ]);
            // one read transaction per order, as a verifier walks entries
            await consent.read(async (tx) => {
              const replayer = new Map([...replayers].map(([k, make]) => [k, make(tx)]));
              for (const s of order)
                expect(await replayer.get(s.purpose)?.setAt(s.t, s.events)).toEqual({
                  digest: s.digest,
                  size: s.size,
                });
            });
          }
          expect(await verifyConsent(consent)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("an incremental consent verify", () => {
  it("reaches the state a full verify reaches from every saved state, and checked snapshots give the as-of sets (random histories)", async () => {
    let served = 0;
    let fromSaved = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(randomEvent, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        async (batches, every) => {
          const { registry, consent } = setup({ snapshotEvery: every });
          const seen: Seen[] = [];
          let saved: ConsentVerified | undefined;
          for (const batch of batches) {
            await recordAndCommit(registry, batch, seen, 3);
            // from the state the previous verify saved, the same state as a full verify, and no problem
            const since = saved;
            const incremental = await consent.read((tx) => consentVerified(tx, since));
            const full = await consent.read((tx) => consentVerified(tx));
            expect(incremental.problems).toEqual([]);
            expect(incremental.state).toEqual(full.state);
            for (const [purpose, rows] of incremental.checked)
              if (since && rows[0] && full.checked.get(purpose)?.[0] !== rows[0]) fromSaved++;
            saved = incremental.state;
          }
          // every earlier commitment, from the last verify's checked snapshots where one serves
          const { checked } = await consent.read((tx) => consentVerified(tx));
          await consent.read(async (tx) => {
            for (const s of seen) {
              const id = await tx.nameId("purpose", s.purpose);
              const rows = id === undefined ? undefined : checked.get(id);
              const got =
                id !== undefined && rows
                  ? await consentSetFromSnapshot(tx, id, rows, s.t, s.events)
                  : undefined;
              if (!got) continue;
              served++;
              expect(got).toEqual({ digest: s.digest, size: s.size });
            }
          });
        },
      ),
      { numRuns: 60 },
    );
    // both paths ran: sets from snapshots, and verifies that started from a saved snapshot
    expect(served).toBeGreaterThan(50);
    expect(fromSaved).toBeGreaterThan(5);
  });
});
