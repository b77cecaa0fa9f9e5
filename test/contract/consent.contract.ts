// the consent registry's contract: every state store (SQLite, PostgreSQL) runs these same tests through the real
// ConsentRegistry and through the port, so the two backends record, answer as-of questions, chain, deduplicate and
// verify alike. Tampering goes through the port's own handle (`edit`), never around the store's transactions.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConsentRegistry,
  type ConsentRegistryOptions,
  ConsentReplayer,
  chainUnchainedBatches,
  consentHeadAt,
  consentSetAt,
  consentSetFromSnapshot,
  consentVerified,
  setDigestOf,
  verifyConsent,
  ZERO_HEAD,
} from "../../src/consent/index.js";
import { consentCheck } from "../../src/engine/consent-commitment.js";
import type { ReleaseBody } from "../../src/ledger/entry.js";
import { SubjectDictionary } from "../../src/ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../../src/ledger/subjects/subject-hasher.js";
import type { ConsentStore } from "../../src/ports/consent.js";

/** What a backend gives the suite: a fresh, empty store, a way to run raw SQL on it (tampering), and its end. */
export interface ConsentBackend {
  store: ConsentStore;
  /** runs one SQL statement on the store's database, outside the registry (an edit by someone else) */
  edit(sql: string): Promise<void>;
  close(): Promise<void>;
}

const NOW = new Date("2025-01-01T00:00:00Z");
const P = "nsf-provision";
const day = (d: number, month = 1) =>
  `2024-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}T00:00:00Z`;

/**
 * Runs the consent contract against one backend.
 * @example runConsentContract("sqlite", async () => sqliteBackend());
 */
export function runConsentContract(name: string, open: () => Promise<ConsentBackend>): void {
  describe(`consent contract: ${name}`, () => {
    const opened: ConsentBackend[] = [];
    let hasherKey: Buffer;
    beforeAll(() => {
      hasherKey = randomBytes(32);
    });
    afterAll(async () => {
      for (const b of opened.splice(0)) await b.close();
    });

    async function setup(options: ConsentRegistryOptions = {}) {
      const backend = await open();
      opened.push(backend);
      const { store } = backend;
      const dictionary = new SubjectDictionary();
      const hasher = nodeSubjectHasher("ledger-subjects-test", hasherKey);
      const registry = new ConsentRegistry(store, dictionary, hasher, options);
      const index = (key: string) => store.read((tx) => dictionary.lookup(tx, hasher.hashMany([key])));
      const members = async (purpose: string, at: string, keys: readonly string[]) => {
        const set = await registry.asOf(purpose, at);
        const out: string[] = [];
        for (const k of keys) {
          const i = await index(k);
          if (i !== undefined && set.has(i)) out.push(k);
        }
        return out;
      };
      return { ...backend, store, registry, dictionary, index, members };
    }

    it("records grants and withdrawals and answers as of any time", async () => {
      const { registry, members, store } = await setup();
      expect(await store.read((tx) => tx.hasChain())).toBe(true);
      expect(await registry.grant("A", P, { at: day(10), source: "app" }, NOW)).toEqual({
        recorded: 1,
        skipped: 0,
        newSubjects: 1,
      });
      await registry.grant("B", P, { at: day(11), source: "app", evidence: "form-7" }, NOW);
      await registry.withdraw("A", P, { at: day(20), source: "settings" }, NOW);
      expect(await members(P, day(9), ["A", "B"])).toEqual([]);
      expect(await members(P, day(10), ["A", "B"])).toEqual(["A"]);
      expect(await members(P, day(15), ["A", "B"])).toEqual(["A", "B"]);
      expect(await members(P, day(20), ["A", "B"])).toEqual(["B"]);
      expect(await registry.count(P, day(15))).toBe(2);
      expect(await registry.count("other-purpose", day(15))).toBe(0);
      expect(await registry.purposes()).toEqual([P]);
      const status = await registry.status("A");
      expect(status).toMatchObject([
        {
          purpose: P,
          state: "withdrawn",
          since: "2024-01-20T00:00:00.000Z",
          source: "settings",
          history: [
            { action: "grant", at: "2024-01-10T00:00:00.000Z", source: "app", evidence: null },
            { action: "withdraw", at: "2024-01-20T00:00:00.000Z", source: "settings", evidence: null },
          ],
        },
      ]);
      expect(status[0]?.history[0]?.recordedAt).toBe(NOW.toISOString());
      expect(await registry.status("A", day(15))).toMatchObject([{ purpose: P, state: "granted" }]);
      expect((await registry.status("B"))[0]?.evidence).toBe("form-7");
      // evidence is stored as given: backslashes, quotes and any script (a bulk path must not re-escape them)
      const odd = 'C:\\proofs\\n\\"7"-증거-𝄞';
      await registry.grant("C", P, { at: day(12), source: "app", evidence: odd }, NOW);
      expect((await registry.status("C"))[0]?.evidence).toBe(odd);
      expect(await verifyConsent(store)).toEqual([]);
      expect(await registry.status("nobody")).toEqual([]);
    });

    it("sorts purposes byte-wise and keeps them apart", async () => {
      const { registry, members } = await setup();
      await registry.record(
        ["b-purpose", "a-purpose", "a-purpose-2"].map((purpose, i) => ({
          subject: `S${i}`,
          purpose,
          action: "grant" as const,
          at: day(1),
          source: "s",
        })),
        NOW,
      );
      expect(await registry.purposes()).toEqual(["a-purpose", "a-purpose-2", "b-purpose"]);
      expect(await members("a-purpose", day(2), ["S0", "S1", "S2"])).toEqual(["S1"]);
    });

    it("orders events of the same time by recording, and skips events recorded before", async () => {
      const { registry, members } = await setup();
      const e = (subject: string, action: "grant" | "withdraw", source = "s") => ({
        subject,
        purpose: P,
        action,
        at: day(5),
        source,
      });
      await registry.record([e("A", "grant"), e("A", "withdraw"), e("B", "withdraw"), e("B", "grant")], NOW);
      expect(await members(P, day(5), ["A", "B"])).toEqual(["B"]);
      expect(await registry.record([e("B", "withdraw", "s2")], NOW)).toMatchObject({ recorded: 1 });
      expect(await members(P, day(5), ["A", "B"])).toEqual([]);
      // equal in (subject, purpose, time, action, source) to a recorded event: skipped, the head stays
      const head = await registry.head();
      expect(await registry.record([e("B", "grant"), e("C", "grant")], NOW)).toEqual({
        recorded: 1,
        skipped: 1,
        newSubjects: 1,
      });
      expect((await registry.head()).events).toBe(head.events + 1);
    });

    it("skips a re-recorded bulk batch through one call per purpose", async () => {
      const { registry, store } = await setup();
      const many = Array.from({ length: 3000 }, (_, i) => ({
        subject: `K${i % 900}`,
        purpose: i % 3 === 0 ? "q" : "p",
        action: (i % 5 === 0 ? "withdraw" : "grant") as "grant" | "withdraw",
        at: new Date(Date.UTC(2024, 0, 1 + (i % 50))).toISOString(),
        source: i % 2 === 0 ? "app" : "desk",
      }));
      const first = await registry.record(many, NOW);
      expect(first.recorded + first.skipped).toBe(3000);
      const head = await registry.head();
      expect(await registry.record(many, NOW)).toEqual({
        recorded: 0,
        skipped: first.recorded,
        newSubjects: 0,
      });
      expect(await registry.head()).toEqual(head);
      // a few among many: each found, a changed source is new
      expect(
        await registry.record(
          [many[10] as (typeof many)[number], { ...(many[11] as (typeof many)[number]), source: "x" }],
          NOW,
        ),
      ).toMatchObject({ recorded: 1, skipped: 1 });
      expect(await verifyConsent(store)).toEqual([]);
    });

    it("records a bulk import larger than the table as it records small ones (SQLite rebuilds its indexes for it)", async () => {
      const { registry, store, members } = await setup();
      // 120,000 events of 40,000 subjects in random time order, then 30,000 more into the larger table
      let seed = 7;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const events = (from: number, count: number) =>
        Array.from({ length: count }, (_, i) => ({
          subject: `S${(from + i) % 40_000}`,
          purpose: i % 7 === 0 ? "q" : P,
          action: (random() < 0.3 ? "withdraw" : "grant") as "grant" | "withdraw",
          at: new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 300) * 86_400_000).toISOString(),
          source: "app",
          ...(i % 3 === 0 ? { evidence: `form-${i}` } : {}),
        }));
      const first = events(0, 120_000);
      const second = events(120_000, 30_000);
      // (an event equal to one recorded before is skipped: it changes no answer)
      const a = await registry.record(first, NOW);
      expect(a.recorded).toBeGreaterThan(119_000);
      const b = await registry.record(second, NOW);
      expect(b.recorded + b.skipped).toBe(30_000);
      // the rule by hand: a subject's latest event for P at or before T (later recorded wins a tie) is a grant
      const all = [...first, ...second];
      const expected = (at: string) => {
        const latest = new Map<string, { at: string; grant: boolean }>();
        for (const e of all)
          if (e.purpose === P && e.at <= at) {
            const seen = latest.get(e.subject);
            if (seen === undefined || e.at >= seen.at)
              latest.set(e.subject, { at: e.at, grant: e.action === "grant" });
          }
        return new Set([...latest].filter(([, v]) => v.grant).map(([k]) => k));
      };
      const sample = Array.from({ length: 300 }, (_, i) => `S${i * 131}`);
      for (const at of ["2024-02-01T00:00:00.000Z", "2024-06-15T00:00:00.000Z", "2025-01-01T00:00:00.000Z"]) {
        const want = expected(at);
        expect((await registry.asOf(P, at)).size).toBe(want.size);
        expect(await members(P, at, sample)).toEqual(sample.filter((k) => want.has(k)));
      }
      const history = await registry.status("S131", NOW.toISOString());
      expect(history.flatMap((s) => s.history)).toHaveLength(all.filter((e) => e.subject === "S131").length);
      expect(await registry.record(first.slice(0, 1000), NOW)).toMatchObject({ recorded: 0 });
      expect(await verifyConsent(store)).toEqual([]);
    }, 120_000);

    it("reads 70,000 events stamped with one instant in order, across pages and snapshots (a legacy import)", async () => {
      const { registry, store, members } = await setup({ snapshotEvery: 30_000 });
      const at = day(5);
      const n = 35_000;
      const stamped = (source: string, action: (i: number) => "grant" | "withdraw") =>
        Array.from({ length: n }, (_, i) => ({
          subject: `S${i}`,
          purpose: P,
          action: action(i),
          at,
          source,
        }));
      // everyone granted, then (recorded later at the same instant, so it wins the tie) every third withdrawn
      await registry.record(
        [
          ...stamped("legacy", () => "grant"),
          ...stamped("legacy-fix", (i) => (i % 3 === 0 ? "withdraw" : "grant")),
        ],
        NOW,
      );
      await registry.record(
        [
          { subject: "S1", purpose: P, action: "withdraw", at: day(6), source: "app" },
          { subject: "S3", purpose: P, action: "grant", at: day(6), source: "app" },
        ],
        NOW,
      );
      expect((await store.read((tx) => tx.snapshots())).map((s) => s.events)).toEqual([30_000, 60_000]);
      const withdrawn = Math.ceil(n / 3);
      expect((await registry.asOf(P, at)).size).toBe(n - withdrawn);
      expect((await registry.asOf(P, day(6))).size).toBe(n - withdrawn);
      expect((await registry.asOf(P, day(4))).size).toBe(0);
      const sample = ["S0", "S1", "S2", "S3", "S4", "S34998", "S34999"];
      expect(await members(P, at, sample)).toEqual(["S1", "S2", "S4", "S34999"]);
      expect(await members(P, day(6), sample)).toEqual(["S2", "S3", "S4", "S34999"]);
      expect(await verifyConsent(store)).toEqual([]);
    }, 120_000);

    it("keeps snapshots every N events and drops those a back-dated event makes stale", async () => {
      const { registry, store, members } = await setup({ snapshotEvery: 2 });
      const keys = ["A", "B", "C", "D", "E"];
      await registry.record(
        keys.map((subject, i) => ({
          subject,
          purpose: P,
          action: "grant" as const,
          at: day(10 + i),
          source: "s",
        })),
        NOW,
      );
      const snaps = () => store.read((tx) => tx.snapshots());
      expect((await snaps()).map((s) => s.events)).toEqual([2, 4]);
      const before = await snaps();
      await registry.withdraw("D", P, { at: day(1), source: "s" }, NOW);
      const after = await snaps();
      expect(after.map((s) => s.events)).toEqual([2, 4, 6]);
      expect(after[0]?.lastId).not.toBe(before[0]?.lastId);
      expect(await members(P, day(12), keys)).toEqual(["A", "B", "C"]);
      expect(await members(P, day(30), keys)).toEqual(keys);
      // dated between the snapshots: those before it stay, byte for byte
      await registry.withdraw("E", P, { at: day(13), source: "s" }, NOW);
      const last = await snaps();
      expect(last.slice(0, 2).map((s) => [s.at, s.lastId, Buffer.from(s.data).toString("hex")])).toEqual(
        after.slice(0, 2).map((s) => [s.at, s.lastId, Buffer.from(s.data).toString("hex")]),
      );
      expect(await members(P, day(13), keys)).toEqual(["A", "B", "C", "D"]);
      expect(await verifyConsent(store)).toEqual([]);
    });

    it("verifies from a saved state only the events and snapshots since; a checked snapshot gives the as-of sets", async () => {
      const { registry, store, edit } = await setup({ snapshotEvery: 3 });
      const subjects = ["A", "B", "C", "D", "E", "F"];
      // days 1..20: each subject granted, some withdrawn and granted again
      const events = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) => ({
          subject: subjects[(from + i) % subjects.length] as string,
          purpose: P,
          action: (from + i) % 4 === 3 ? ("withdraw" as const) : ("grant" as const),
          at: day(from + i),
          source: "s",
        }));
      await registry.record(events(1, 21), NOW);
      const first = await store.read((tx) => consentVerified(tx));
      expect(first.problems).toEqual([]);
      expect(first.state.events).toBe(20);
      const saved = first.state.snapshots[P];
      expect(saved?.events).toBe(18);
      // eight more, dated after the saved snapshot: verified from it
      await registry.record(events(21, 29), NOW);
      const next = await store.read((tx) => consentVerified(tx, first.state));
      expect(next.problems).toEqual([]);
      expect(next.state.events).toBe(28);
      expect(next.state.snapshots[P]?.events).toBe(27);
      const purpose = (await store.read((tx) => tx.nameId("purpose", P))) as number;
      const checked = next.checked.get(purpose) ?? [];
      expect(checked.map((x) => x.events)).toEqual([18, 21, 24, 27]);
      // the next verify reads the events from id 21 on
      const ids: number[] = [];
      await store.read(async (tx) => {
        for await (const page of tx.eventPages(3, 21)) ids.push(...page.id.slice(0, page.count));
      });
      expect(ids).toEqual(Array.from({ length: 8 }, (_, i) => 21 + i));
      // a release's as-of set from a checked snapshot is the set from events alone, where a snapshot serves
      let served = 0;
      await store.read(async (tx) => {
        for (const [at, upto] of [
          [day(19), 20],
          [day(22), 28],
          [day(25, 1), 28],
          [day(30), 28],
          [day(27), 26],
          [day(2), 28],
        ] as const) {
          const fromSnapshot = await consentSetFromSnapshot(tx, purpose, checked, at, upto);
          const alone = await new ConsentReplayer(tx, P).setAt(at, upto);
          if (fromSnapshot) {
            served++;
            expect(fromSnapshot).toEqual(alone);
          }
        }
      });
      expect(served).toBeGreaterThanOrEqual(3);
      // a back-dated event drops the saved snapshot: the purpose is replayed from its first event, and passes
      await registry.withdraw("A", P, { at: day(2), source: "s" }, NOW);
      const again = await store.read((tx) => consentVerified(tx, first.state));
      expect(again.problems).toEqual([]);
      expect(again.checked.get(purpose)?.[0]?.events).toBe(3);
      // an event recorded since (the back-dated one, 29), edited, is found; the saved head no longer met sends the
      // chain back to its start
      await edit("UPDATE consent_events SET granted = 1 - granted WHERE id = 29");
      const edited = await store.read((tx) => consentVerified(tx, next.state));
      expect(edited.problems.map((x) => x.kind)).toContain("batch_changed");
      const foreign = { ...next.state, head: "0".repeat(64) };
      const rewritten = await store.read((tx) => consentVerified(tx, foreign));
      expect(rewritten.problems[0]?.message).toMatch(/event 28/);
    });

    it("chains every recording: the head moves, is stored per batch and commits an as-of set", async () => {
      const { registry, store } = await setup({ snapshotEvery: 2 });
      expect(await registry.head()).toEqual({ events: 0, head: ZERO_HEAD.toString("hex") });
      await registry.grant("A", P, { at: day(1), source: "app" }, NOW);
      const one = await registry.head();
      expect(one.events).toBe(1);
      expect(one.head).toMatch(/^[0-9a-f]{64}$/);
      await registry.record(
        [
          { subject: "B", purpose: P, action: "grant", at: day(2), source: "app", evidence: "증거-✓" },
          { subject: "A", purpose: P, action: "withdraw", at: day(3), source: "desk" },
        ],
        NOW,
      );
      const three = await registry.head();
      expect(three.events).toBe(3);
      expect(await store.read((tx) => consentHeadAt(tx, 1))).toBe(one.head);
      expect(await store.read((tx) => consentHeadAt(tx, 3))).toBe(three.head);
      expect(await store.read((tx) => consentHeadAt(tx, 2))).toBeUndefined();
      const c = await registry.asOfCommitted(P, day(2, 2));
      expect({ events: c.events, head: c.head }).toEqual(three);
      expect(c.digest).toBe(setDigestOf(await registry.asOf(P, day(2, 2))));
      expect(c.set.size).toBe(1);
      // recomputed from events alone, also with fewer events
      expect(await consentSetAt(store, P, day(2, 2), 3)).toEqual({ digest: c.digest, size: 1 });
      expect((await consentSetAt(store, P, day(2, 2), 1)).size).toBe(1);
      expect((await consentSetAt(store, P, day(2, 2), 2)).size).toBe(2);
      expect(await verifyConsent(store)).toEqual([]);
      // a ledger entry's commitment checks out against the registry
      const body = {
        consent: { purpose: P, as_of: day(2, 2), events: 3, head: c.head, count: 1, digest: c.digest },
      };
      const check = consentCheck(store);
      expect(await check(new Map([[1, body as unknown as ReleaseBody]]))).toEqual([]);
      const wrong = { consent: { ...body.consent, head: "0".repeat(64), count: 2 } };
      expect(
        (await check(new Map([[1, wrong as unknown as ReleaseBody]]))).map((p) => p.message),
      ).toHaveLength(2);
    });

    it("chains batches recorded before the chain existed, to the same head", async () => {
      const { registry, store, edit } = await setup();
      await registry.grant("A", P, { at: day(1), source: "app", evidence: "e-1" }, NOW);
      await registry.record(
        [
          { subject: "B", purpose: P, action: "grant", at: day(2), source: "desk" },
          { subject: "A", purpose: "q", action: "grant", at: day(3), source: "app" },
        ],
        NOW,
      );
      const before = await registry.head();
      await edit("UPDATE consent_batches SET head = NULL, first_id = NULL, last_id = NULL");
      expect((await verifyConsent(store)).filter((p) => p.kind === "unchained")).toHaveLength(2);
      expect(await store.write((tx) => chainUnchainedBatches(tx))).toBe(2);
      expect(await registry.head()).toEqual(before);
      expect(await verifyConsent(store)).toEqual([]);
    });

    it("finds an event row edited behind the registry's back, naming the batch, never the subject", async () => {
      const { registry, store, edit } = await setup({ snapshotEvery: 2 });
      await registry.record(
        [
          { subject: "SECRET-1", purpose: P, action: "grant", at: day(1), source: "app" },
          { subject: "SECRET-2", purpose: P, action: "grant", at: day(2), source: "app" },
        ],
        NOW,
      );
      await registry.record(
        [
          { subject: "SECRET-3", purpose: P, action: "grant", at: day(3), source: "app" },
          { subject: "SECRET-1", purpose: P, action: "withdraw", at: day(4), source: "desk" },
        ],
        new Date("2025-01-02T00:00:00Z"),
      );
      expect(await verifyConsent(store)).toEqual([]);
      await edit("UPDATE consent_events SET granted = 1 - granted WHERE id = 4");
      const problems = await verifyConsent(store);
      expect(problems.filter((p) => p.kind !== "snapshot_changed").map((p) => [p.kind, p.id])).toEqual([
        ["batch_changed", 2],
      ]);
      expect(problems.map((p) => p.kind)).toContain("snapshot_changed");
      for (const p of problems) expect(p.message).not.toMatch(/SECRET/);
    });

    it("finds a deleted event, an edited snapshot and a batch without a head after chained ones", async () => {
      const { registry, store, edit } = await setup({ snapshotEvery: 1 });
      for (let i = 0; i < 3; i++) await registry.grant(`S${i}`, P, { at: day(i + 1), source: "app" }, NOW);
      await edit("DELETE FROM consent_events WHERE id = 2");
      const kinds = (await verifyConsent(store))
        .filter((p) => p.kind !== "snapshot_changed")
        .map((p) => [p.kind, p.id]);
      expect(kinds).toEqual([
        ["batch_changed", 2],
        ["batch_range", 2],
      ]);
      const fresh = await setup({ snapshotEvery: 1 });
      for (let i = 0; i < 3; i++)
        await fresh.registry.grant(`S${i}`, P, { at: day(i + 1), source: "app" }, NOW);
      await fresh.edit("UPDATE consent_snapshots SET subjects = subjects + 1 WHERE last_id = 2");
      expect((await verifyConsent(fresh.store)).map((p) => [p.kind, p.id])).toEqual([
        ["snapshot_changed", 2],
      ]);
      await fresh.edit("UPDATE consent_batches SET head = NULL WHERE id = 3");
      await expect(fresh.registry.head()).rejects.toThrow(/batch 3 has no chain head/);
      await expect(fresh.registry.grant("X", P, { source: "app" }, NOW)).rejects.toThrow(
        /batch 3 has no chain head/,
      );
    });

    it("records all or nothing: refused purposes leave no subject and no batch", async () => {
      const { registry, store, dictionary } = await setup({ knownPurposes: new Set([P]) });
      await expect(
        registry.record(
          [
            { subject: "SECRET-KEY", purpose: P, action: "grant", at: day(1), source: "app" },
            { subject: "SECRET-KEY", purpose: "undeclared", action: "grant", at: day(1), source: "app" },
          ],
          NOW,
        ),
      ).rejects.toThrow(/undeclared/);
      expect((await registry.head()).events).toBe(0);
      expect(await store.read((tx) => dictionary.size(tx))).toBe(0);
      expect(await store.read((tx) => tx.batches())).toEqual([]);
    });
  });
}
