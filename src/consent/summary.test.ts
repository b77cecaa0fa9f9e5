// the consent summary's aggregation: days with events and the count in force at each day's end and at asked
// instants (against the registry's own count), buckets chosen from the span, and the roll-up into them.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../ledger/subjects/subject-hasher.js";
import { openSqliteStore, type SqliteStateStore } from "../store/sqlite/index.js";
import type { ConsentEvent } from "./event.js";
import { ConsentRegistry } from "./registry.js";
import { bucketsOf, consentDays, dayOf, dayText, rollUp } from "./summary.js";

const stores: SqliteStateStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function setup(snapshotEvery?: number) {
  const store = openSqliteStore(":memory:");
  stores.push(store);
  const registry = new ConsentRegistry(
    store.consent,
    new SubjectDictionary(),
    nodeSubjectHasher("ledger-subjects-test", randomBytes(32)),
    snapshotEvery === undefined ? {} : { snapshotEvery },
  );
  return { store, registry };
}

const NOW = new Date("2025-01-01T00:00:00Z");
const P = "nsf-provision";
const Q = "marketing";
const ev = (subject: string, purpose: string, action: "grant" | "withdraw", at: string): ConsentEvent => ({
  subject,
  purpose,
  action,
  at,
  source: "test",
});
const day = (iso: string) => dayOf(Date.parse(iso));

describe("consentDays", () => {
  it("counts grants, withdrawals and the subjects in force at each day's end, per purpose", async () => {
    const { store, registry } = setup();
    await registry.record(
      [
        ev("A", P, "grant", "2024-03-01T09:00:00Z"),
        ev("B", P, "grant", "2024-03-01T10:00:00Z"),
        ev("C", P, "grant", "2024-03-02T10:00:00Z"),
        ev("A", P, "grant", "2024-03-02T11:00:00Z"), // a repeated grant: an event, not a new subject
        ev("B", P, "withdraw", "2024-03-04T00:00:00Z"),
        ev("A", Q, "grant", "2024-03-03T00:00:00Z"),
      ],
      NOW,
    );
    // recorded later, dated earlier: the day's figures follow event time, not recording order
    await registry.withdraw("C", P, { source: "app", at: "2024-03-02T23:59:59.999Z" }, NOW);
    const [q, p] = await store.consent.read((tx) => consentDays(tx));
    expect(q?.purpose).toBe(Q);
    expect(q?.days).toEqual([{ day: day("2024-03-03T00:00:00Z"), grants: 1, withdrawals: 0, inForce: 1 }]);
    expect(p?.purpose).toBe(P);
    expect(p?.events).toBe(6);
    expect(p?.days).toEqual([
      { day: day("2024-03-01T00:00:00Z"), grants: 2, withdrawals: 0, inForce: 2 },
      { day: day("2024-03-02T00:00:00Z"), grants: 2, withdrawals: 1, inForce: 2 },
      { day: day("2024-03-04T00:00:00Z"), grants: 0, withdrawals: 1, inForce: 1 },
    ]);
  });

  it("answers the count in force at asked instants as the registry counts it (random events)", async () => {
    const subjects = ["S1", "S2", "S3", "S4", "S5"];
    const base = Date.parse("2024-01-01T00:00:00Z");
    const event = fc.record({
      subject: fc.constantFrom(...subjects),
      grant: fc.boolean(),
      minute: fc.integer({ min: 0, max: 60 * 24 * 10 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: -60, max: 60 * 24 * 11 }), { minLength: 1, maxLength: 6 }),
        async (events, minutes) => {
          const { store, registry } = setup(4);
          for (const e of events)
            await registry.record(
              [
                ev(
                  e.subject,
                  P,
                  e.grant ? "grant" : "withdraw",
                  new Date(base + e.minute * 60_000).toISOString(),
                ),
              ],
              NOW,
            );
          const instants = minutes.map((m) => base + m * 60_000);
          const [p] = await store.consent.read((tx) => consentDays(tx, new Map([[P, instants]])));
          const expected: number[] = [];
          for (const ms of instants) expected.push(await registry.count(P, new Date(ms).toISOString()));
          expect(p?.at).toEqual(expected);
          // each day's end agrees with the registry too
          for (const d of p?.days ?? [])
            expect(d.inForce).toBe(await registry.count(P, `${dayText(d.day)}T23:59:59.999Z`));
          await store.close();
          stores.splice(stores.indexOf(store), 1);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("has no purpose without events", async () => {
    const { store } = setup();
    expect(await store.consent.read((tx) => consentDays(tx))).toEqual([]);
  });
});

describe("bucketsOf", () => {
  it("uses days up to 92 days, ISO weeks up to 731, else calendar months", () => {
    const from = day("2024-03-01T00:00:00Z");
    const days = bucketsOf(from, from + 91);
    expect(days.unit).toBe("day");
    expect(days.starts).toHaveLength(92);
    const weeks = bucketsOf(from, from + 92);
    expect(weeks.unit).toBe("week");
    // 2024-03-01 was a Friday: its week starts on Monday 2024-02-26
    expect(dayText(weeks.starts[0] as number)).toBe("2024-02-26");
    expect(dayText(weeks.ends[0] as number)).toBe("2024-03-03");
    const months = bucketsOf(from, day("2026-12-04T00:00:00Z"));
    expect(months.unit).toBe("month");
    expect(months.starts.map(dayText).slice(0, 2)).toEqual(["2024-03-01", "2024-04-01"]);
    expect(dayText(months.ends[0] as number)).toBe("2024-03-31");
    expect(dayText(months.ends.at(-1) as number)).toBe("2026-12-31");
    expect(months.starts).toHaveLength(34);
  });
});

describe("rollUp", () => {
  it("sums events per bucket and carries the count in force through empty buckets", () => {
    const d0 = day("2024-03-04T00:00:00Z"); // a Monday
    const days = [
      { day: d0 - 10, grants: 5, withdrawals: 0, inForce: 5 }, // before the first bucket
      { day: d0, grants: 2, withdrawals: 1, inForce: 6 },
      { day: d0 + 3, grants: 0, withdrawals: 2, inForce: 4 },
      { day: d0 + 15, grants: 1, withdrawals: 0, inForce: 5 },
    ];
    const weeks = { unit: "week" as const, starts: [d0, d0 + 7, d0 + 14], ends: [d0 + 6, d0 + 13, d0 + 20] };
    expect(rollUp(days, weeks)).toEqual([
      { grants: 2, withdrawals: 3, inForce: 4 },
      { grants: 0, withdrawals: 0, inForce: 4 },
      { grants: 1, withdrawals: 0, inForce: 5 },
    ]);
  });
});
