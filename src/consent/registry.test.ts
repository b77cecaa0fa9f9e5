// the consent registry: as-of semantics at every boundary, purposes apart, status, snapshots invalidated by
// out-of-order events, and a fast-check oracle over random event sequences.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../ledger/subjects/subject-hasher.js";
import type { ConsentStore } from "../ports/consent.js";
import { openSqliteStore, type SqliteStateStore } from "../store/sqlite/index.js";
import type { ConsentEvent } from "./event.js";
import { ConsentInputError } from "./problems.js";
import { ConsentRegistry, type ConsentRegistryOptions } from "./registry.js";

const stores: SqliteStateStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function setup(options: ConsentRegistryOptions = {}) {
  const store = openSqliteStore(":memory:");
  stores.push(store);
  const dictionary = new SubjectDictionary();
  const hasher = nodeSubjectHasher("ledger-subjects-test", randomBytes(32));
  const registry = new ConsentRegistry(store.consent, dictionary, hasher, options);
  const index = (subject: string) =>
    store.consent.read((tx) => dictionary.lookup(tx, hasher.hashMany([subject])));
  /** the subject keys in a bitmap, among `keys` */
  const members = async (bitmap: { has(i: number): boolean }, keys: readonly string[]) => {
    const out: string[] = [];
    for (const k of keys) {
      const i = await index(k);
      if (i !== undefined && bitmap.has(i)) out.push(k);
    }
    return out;
  };
  return { store, registry, index, members };
}

/** `ms` as ISO 8601 at a UTC offset in minutes. */
function isoAt(ms: number, offsetMinutes = 0): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  if (offsetMinutes === 0) return `${local}Z`;
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${local}${offsetMinutes < 0 ? "-" : "+"}${hhmm}`;
}

const NOW = new Date("2025-01-01T00:00:00Z");
const P = "nsf-provision";
const T1 = "2024-01-10T09:00:00+09:00"; // 2024-01-10T00:00:00Z
const T2 = "2024-02-10T00:00:00Z";
const T3 = "2024-03-10T00:00:00Z";

describe("asOf", () => {
  it("follows grant, withdraw and grant again at every boundary", async () => {
    const { registry, members } = setup();
    await registry.grant("HB1", P, { at: T1, source: "app-signup-v3" }, NOW);
    await registry.withdraw("HB1", P, { at: T2, source: "app-settings" }, NOW);
    await registry.grant("HB1", P, { at: T3, source: "call-center", evidence: "rec-77" }, NOW);
    const at = async (t: string) => (await members(await registry.asOf(P, t), ["HB1"])).length === 1;
    expect(await at("2024-01-09T23:59:59.999Z")).toBe(false); // before the first event
    expect(await at("2024-01-10T00:00:00Z")).toBe(true); // equal to the grant (given at +09:00)
    expect(await at("2024-01-10T09:00:00+09:00")).toBe(true);
    expect(await at("2024-02-09T23:59:59.999Z")).toBe(true);
    expect(await at(T2)).toBe(false); // equal to the withdrawal
    expect(await at("2024-03-09T23:59:59.999Z")).toBe(false);
    expect(await at(T3)).toBe(true);
    expect(await at("9999-12-31T23:59:59Z")).toBe(true); // far future
    expect(await registry.count(P, "1900-01-01T00:00:00Z")).toBe(0);
  });

  it("orders events with the same time by insertion", async () => {
    const { registry, members } = setup();
    const e = (subject: string, action: "grant" | "withdraw"): ConsentEvent => ({
      subject,
      purpose: P,
      action,
      at: T2,
      source: "s",
    });
    await registry.record([e("A", "grant"), e("A", "withdraw"), e("B", "withdraw"), e("B", "grant")], NOW);
    expect(await members(await registry.asOf(P, T2), ["A", "B"])).toEqual(["B"]);
    await registry.record([{ ...e("B", "withdraw"), source: "s2" }], NOW); // recorded later wins
    expect(await members(await registry.asOf(P, T2), ["A", "B"])).toEqual([]);
    await registry.record([e("B", "grant")], NOW); // equal to a recorded event: skipped
    expect(await members(await registry.asOf(P, T2), ["A", "B"])).toEqual([]);
  });

  it("keeps purposes apart", async () => {
    const { registry, members } = setup();
    await registry.grant("A", "p1", { at: T1, source: "s" }, NOW);
    await registry.grant("B", "p2", { at: T1, source: "s" }, NOW);
    await registry.withdraw("A", "p2", { at: T2, source: "s" }, NOW);
    expect(await members(await registry.asOf("p1", T3), ["A", "B"])).toEqual(["A"]);
    expect(await members(await registry.asOf("p2", T3), ["A", "B"])).toEqual(["B"]);
    expect(await registry.count("unknown-purpose", T3)).toBe(0);
    expect(await registry.purposes()).toEqual(["p1", "p2"]);
  });

  it("rejects a time without a timezone and a purpose that is not an id", async () => {
    const { registry } = setup();
    await expect(registry.asOf(P, "2024-01-01T00:00:00")).rejects.toThrow(/timezone/);
    await expect(registry.asOf(P, "2024-02-30T00:00:00Z")).rejects.toThrow(/ISO 8601/);
    await expect(registry.asOf("Not An Id", T1)).rejects.toThrow(/lowercase/);
  });
});

describe("snapshots", () => {
  const snapshots = (store: SqliteStateStore) =>
    store.database.db
      .prepare("SELECT at, last_id AS lastId, events FROM consent_snapshots ORDER BY at, last_id")
      .all() as {
      at: number;
      lastId: number;
      events: number;
    }[];

  it("are taken every N events and deleted by an earlier event recorded later", async () => {
    const { store, registry, members } = setup({ snapshotEvery: 2 });
    const day = (d: number) => `2024-01-${String(d).padStart(2, "0")}T00:00:00Z`;
    const keys = ["A", "B", "C", "D", "E"];
    await registry.record(
      keys.map((subject, i) => ({ subject, purpose: P, action: "grant", at: day(10 + i), source: "s" })),
      NOW,
    );
    expect(snapshots(store).map((s) => s.events)).toEqual([2, 4]);
    const before = snapshots(store);
    // a withdrawal of D dated before every snapshot: all are rebuilt
    await registry.withdraw("D", P, { at: day(1), source: "s" }, NOW);
    const after = snapshots(store);
    expect(after.map((s) => s.events)).toEqual([2, 4, 6]);
    expect(after[0]?.lastId).not.toBe(before[0]?.lastId);
    expect(await members(await registry.asOf(P, day(12)), keys)).toEqual(["A", "B", "C"]);
    expect(await members(await registry.asOf(P, day(30)), keys)).toEqual(keys);
    // a withdrawal dated between the snapshots keeps those before it
    await registry.withdraw("E", P, { at: day(13), source: "s" }, NOW);
    const last = snapshots(store);
    expect(last.slice(0, 2)).toEqual(after.slice(0, 2));
    expect(last[2]).not.toEqual(after[2]);
    expect(await members(await registry.asOf(P, day(13)), keys)).toEqual(["A", "B", "C", "D"]);
    expect(await members(await registry.asOf(P, day(30)), keys)).toEqual(keys); // E granted again on the 14th
  });

  it("match a brute-force oracle over random event sequences", async () => {
    const BASE = Date.parse("2024-01-01T00:00:00Z");
    const SUBJECTS = ["s0", "s1", "s2", "s3", "s4", "s5"];
    const PURPOSES = ["p", "q"];
    const event = fc.record({
      subject: fc.constantFrom(...SUBJECTS),
      purpose: fc.constantFrom(...PURPOSES),
      grant: fc.boolean(),
      slot: fc.integer({ min: 0, max: 10 }),
      offset: fc.constantFrom(0, 540, -300, 330),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(event, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        async (batches, every) => {
          const { registry, members } = setup({ snapshotEvery: every });
          const log: { subject: string; purpose: string; grant: boolean; at: number }[] = [];
          for (const batch of batches) {
            await registry.record(
              batch.map((e) => ({
                subject: e.subject,
                purpose: e.purpose,
                action: e.grant ? "grant" : "withdraw",
                at: isoAt(BASE + e.slot * 60_000, e.offset),
                source: "src",
              })),
              NOW,
            );
            // an event equal to one of an earlier batch is skipped
            const before = log.length;
            for (const e of batch) {
              const at = BASE + e.slot * 60_000;
              const same = (r: (typeof log)[number]) =>
                r.subject === e.subject && r.purpose === e.purpose && r.grant === e.grant && r.at === at;
              if (!log.slice(0, before).some(same)) log.push({ ...e, at });
            }
            for (const purpose of PURPOSES)
              for (let slot = -1; slot <= 11; slot++) {
                const t = BASE + slot * 60_000;
                // the log is in insertion order, so a stable sort by time gives (time, insertion) order
                const ordered = log
                  .filter((e) => e.purpose === purpose && e.at <= t)
                  .sort((a, b) => a.at - b.at);
                const latest = new Map<string, boolean>();
                for (const e of ordered) latest.set(e.subject, e.grant);
                const expected = SUBJECTS.filter((s) => latest.get(s) === true);
                expect(await members(await registry.asOf(purpose, isoAt(t, 540)), SUBJECTS)).toEqual(
                  expected,
                );
              }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("snapshots built from a recording in memory", () => {
  /** A registry over `store` whose port counts the events read back after a snapshot's cut. */
  function counted(store: SqliteStateStore, key: Buffer, options: ConsentRegistryOptions) {
    const consent = store.consent;
    const reads = { eventsAfter: 0 };
    const port: ConsentStore = {
      read: (work) => consent.read(work),
      write: (work) =>
        consent.write((tx) =>
          work(
            new Proxy(tx, {
              get(target, name) {
                if (name === "eventsAfter") reads.eventsAfter++;
                const value: unknown = Reflect.get(target, name);
                return typeof value === "function" ? value.bind(target) : value;
              },
            }),
          ),
        ),
    };
    return {
      registry: new ConsentRegistry(port, new SubjectDictionary(), nodeSubjectHasher("t", key), options),
      reads,
    };
  }
  const rows = (store: SqliteStateStore) =>
    store.database.db
      .prepare(
        "SELECT purpose, at, last_id, events, subjects, hex(data) AS data FROM consent_snapshots ORDER BY purpose, at, last_id",
      )
      .all();

  it("are the snapshots read-back events give, byte for byte, across 1970, equal times and later recordings", async () => {
    const SUBJECTS = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"];
    const event = fc.record({
      subject: fc.constantFrom(...SUBJECTS),
      purpose: fc.constantFrom("p", "q"),
      grant: fc.boolean(),
      // minutes around 1970-01-01 (negative times) and around 2024, few enough to repeat
      at: fc.oneof(
        fc.integer({ min: -4, max: 4 }).map((m) => m * 60_000),
        fc.integer({ min: 0, max: 6 }).map((m) => Date.parse("2024-01-01T00:00:00Z") + m * 60_000),
      ),
    });
    let fromMemory = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(event, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        async (batches, every) => {
          const key = randomBytes(32);
          const a = setup();
          const b = setup();
          const memory = counted(a.store, key, { snapshotEvery: every });
          const readBack = counted(b.store, key, { snapshotEvery: every, snapshotsFromMemory: false });
          for (const batch of batches) {
            const events = batch.map((e) => ({
              subject: e.subject,
              purpose: e.purpose,
              action: e.grant ? ("grant" as const) : ("withdraw" as const),
              at: new Date(e.at).toISOString(),
              source: "src",
            }));
            const before = memory.reads.eventsAfter;
            await memory.registry.record(events, NOW);
            await readBack.registry.record(events, NOW);
            if (memory.reads.eventsAfter === before) fromMemory++;
            expect(rows(a.store)).toEqual(rows(b.store));
          }
        },
      ),
      { numRuns: 300 },
    );
    // the property exercised recordings that read nothing back, not only the read-back path
    expect(fromMemory).toBeGreaterThan(100);
  });

  it("reads back only the earlier events that follow the latest snapshot", async () => {
    const s = setup();
    const { registry, reads } = counted(s.store, randomBytes(32), { snapshotEvery: 3 });
    const at = (minute: number) =>
      new Date(Date.parse("2024-01-01T00:00:00Z") + minute * 60_000).toISOString();
    const grant = (subject: string, minute: number) =>
      ({ subject, purpose: P, action: "grant", at: at(minute), source: "s" }) as const;
    const events = () => rows(s.store).map((r) => (r as { events: number }).events);
    // 4 events: a snapshot after the 3rd, the 4th (minute 40) after it
    await registry.record([grant("a", 10), grant("b", 20), grant("c", 30), grant("d", 40)], NOW);
    expect(reads.eventsAfter).toBe(0);
    // 3 new events at minutes 31-33 sort before minute 40, the one earlier event after the snapshot: one page is
    // read back to find it, the new ones come from memory
    await registry.record([grant("e", 31), grant("f", 32), grant("g", 33)], NOW);
    expect(reads.eventsAfter).toBe(1);
    expect(events()).toEqual([3, 6]);
    // 5 events after everything: the one earlier event after the last snapshot (d, minute 40) is read back again
    await registry.record(
      [grant("h", 50), grant("i", 51), grant("j", 52), grant("k", 53), grant("l", 54)],
      NOW,
    );
    expect(reads.eventsAfter).toBe(2);
    expect(events()).toEqual([3, 6, 9, 12]);
    // 3 events after everything, and none after the last snapshot: nothing is read back
    await registry.record([grant("m", 60), grant("n", 61), grant("o", 62)], NOW);
    expect(reads.eventsAfter).toBe(2);
    expect(events()).toEqual([3, 6, 9, 12, 15]);
    // 2 events, fewer than a snapshot's: read back as before
    await registry.record([grant("p", 70), grant("q", 71)], NOW);
    expect(reads.eventsAfter).toBe(3);
    expect(await registry.count(P, at(80))).toBe(17);
  });
});

describe("status", () => {
  it("gives the latest state per purpose with its history, never the subject key", async () => {
    const { store, registry } = setup();
    await registry.grant("HB0000000042", P, { at: T1, source: "app-signup-v3", evidence: "form-1" }, NOW);
    await registry.withdraw("HB0000000042", P, { at: T2, source: "app-settings" }, NOW);
    await registry.grant("HB0000000042", "marketing", { at: T3, source: "web" }, NOW);
    const status = await registry.status("HB0000000042");
    expect(status).toMatchObject([
      {
        purpose: "marketing",
        state: "granted",
        since: "2024-03-10T00:00:00.000Z",
        source: "web",
        evidence: null,
      },
      {
        purpose: P,
        state: "withdrawn",
        since: "2024-02-10T00:00:00.000Z",
        source: "app-settings",
        history: [
          { action: "grant", at: "2024-01-10T00:00:00.000Z", source: "app-signup-v3", evidence: "form-1" },
          { action: "withdraw", at: "2024-02-10T00:00:00.000Z", source: "app-settings", evidence: null },
        ],
      },
    ]);
    expect(status[1]?.history[0]?.recordedAt).toBe(NOW.toISOString());
    expect(await registry.status("HB0000000042", "2024-01-31T00:00:00Z")).toMatchObject([
      { purpose: P, state: "granted" },
    ]);
    expect(JSON.stringify(status)).not.toContain("HB0000000042");
    // nothing in the database holds the key either
    const tables = store.database.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    for (const { name } of tables) {
      const rows = store.database.db.prepare(`SELECT * FROM "${name}"`).all();
      const text = JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString("latin1") : v));
      expect(text).not.toContain("HB0000000042");
    }
  });

  it("is empty for an unknown subject", async () => {
    const { registry } = setup();
    await registry.grant("A", P, { at: T1, source: "s" }, NOW);
    expect(await registry.status("nobody")).toEqual([]);
  });
});

describe("record", () => {
  it("records all events or none, naming rows and fields but no values", async () => {
    const { registry, index } = setup();
    const good: ConsentEvent = { subject: "SECRET-1", purpose: P, action: "grant", at: T1, source: "s" };
    const bad = [
      good,
      { ...good, subject: "SECRET-2", action: "revoke" as "grant" },
      { ...good, subject: "SECRET-3", at: "2024-01-10 07:13" },
      { ...good, subject: " SECRET-4", evidence: "PRIVATE-EVIDENCE\u0001" },
      { ...good, subject: "SECRET-5", at: "2030-01-01T00:00:00Z" },
    ];
    let error: unknown;
    try {
      await registry.record(bad, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConsentInputError);
    const e = error as ConsentInputError;
    expect(e.kind).toBe("input");
    expect(e.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [2, "action", "bad_value"],
      [3, "at", "bad_format"],
      [4, "subject", "bad_format"],
      [4, "evidence", "bad_format"],
      [5, "at", "in_future"],
    ]);
    expect(e.message).toMatch(/event 2: action .*"grant" or "withdraw"/);
    expect(e.message).not.toMatch(/SECRET|PRIVATE|revoke|2030|07:13/);
    expect(await index("SECRET-1")).toBeUndefined();
    expect(await registry.count(P, T3)).toBe(0);
  });

  it("counts new subjects", async () => {
    const { registry } = setup();
    const ev = (subject: string): ConsentEvent => ({
      subject,
      purpose: P,
      action: "grant",
      at: T1,
      source: "s",
    });
    expect(await registry.record([ev("A"), ev("B"), ev("A")], NOW)).toEqual({
      recorded: 3,
      skipped: 0,
      newSubjects: 2,
    });
    // A's grant is already recorded
    expect(await registry.record([ev("A"), ev("C")], NOW)).toEqual({
      recorded: 1,
      skipped: 1,
      newSubjects: 1,
    });
    expect(await registry.record([], NOW)).toEqual({ recorded: 0, skipped: 0, newSubjects: 0 });
  });
});
