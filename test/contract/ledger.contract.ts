// the ledger's contract: every state store (SQLite, PostgreSQL) runs these same tests through the real Ledger and
// through the port, so the two backends give the same log, the same proofs and the same histories.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initKeyring, type Keyring } from "../../src/crypto/keyring.js";
import { signerFrom } from "../../src/crypto/signing.js";
import { JikimiError } from "../../src/errors.js";
import { spillFolder } from "../../src/io/spill-files.js";
import { type EntryBody, encodeEntry, type Hold } from "../../src/ledger/entry.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { fromHex } from "../../src/ledger/merkle/hash.js";
import { verifyConsistency, verifyInclusion } from "../../src/ledger/merkle/verify-proof.js";
import { SubjectDictionary } from "../../src/ledger/subjects/dictionary.js";
import type { SortedHashes } from "../../src/ledger/subjects/staged.js";
import { nodeSubjectHasher } from "../../src/ledger/subjects/subject-hasher.js";
import { SubjectHashSet } from "../../src/ledger/subjects/subject-set.js";
import { verifyLedger } from "../../src/ledger/verify.js";
import type { LedgerReads } from "../../src/ports/ledger.js";
import type { StateStore } from "../../src/ports/state-store.js";
import { rebuildPartitions } from "../../src/store/dict-partitions.js";
import { release } from "../support/ledger.js";

/** What a backend gives the suite: a fresh, empty store, and a second handle on the same database ("another host"). */
/** Appends a release of `chain` on day `d` of January 2019 (recorded an hour later) holding customers [from, to). */
const dailyRelease =
  (ledger: { append: Ledger["append"] }) => (chain: string, d: number, from: number, to: number) => {
    const day = new Date(Date.UTC(2019, 0, d, 2));
    return ledger.append(
      release(chain, day.toISOString().slice(0, 10)),
      customers(from, to),
      new Date(day.getTime() + 3_600_000),
    );
  };

/** Every stored dictionary chunk as text: partitions (`p<part>/<chunk>/<hex>`), then the index-ordered copy. */
async function dictionaryRows(r: LedgerReads): Promise<string[]> {
  const all: string[] = [];
  for await (const c of r.allPartChunks())
    all.push(`p${c.part}/${c.chunk}/${Buffer.from(c.data).toString("hex")}`);
  for await (const c of r.linearChunks(0)) all.push(`l${c.chunk}/${Buffer.from(c.data).toString("hex")}`);
  return all;
}

export interface ContractBackend {
  open(): Promise<StateStore>;
  another(): Promise<StateStore>;
  cleanup(): Promise<void>;
}

const customers = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `HB${String(from + i).padStart(10, "0")}`);

/**
 * Runs the ledger contract against one backend.
 * @example runLedgerContract("sqlite", () => sqliteBackend());
 */
export function runLedgerContract(
  name: string,
  backend: () => ContractBackend | Promise<ContractBackend>,
): void {
  describe(`ledger contract: ${name}`, () => {
    let b: ContractBackend;
    let keyring: Keyring;
    let keysDir: string;
    const opened: StateStore[] = [];
    const ledgerOver = (state: StateStore, backdateDays = 100_000) => {
      const subjectKey = keyring.active("ledger-subjects");
      return new Ledger({
        store: state.ledger,
        subjects: new SubjectDictionary(),
        hasher: nodeSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64")),
        signer: signerFrom(keyring.active("ledger-signing")),
        log: "Test Pay Co., Ltd.",
        backdateDays,
      });
    };
    const fresh = async () => {
      const s = await b.open();
      opened.push(s);
      return s;
    };
    const another = async () => {
      const s = await b.another();
      opened.push(s);
      return s;
    };

    beforeAll(async () => {
      b = await backend();
      keysDir = mkdtempSync(join(tmpdir(), "jikimi-contract-"));
      keyring = initKeyring(join(keysDir, "test.keyring"), new Date("2024-01-01T00:00:00Z"));
    }, 60_000);
    afterAll(async () => {
      for (const s of opened.splice(0)) await s.close();
      await b.cleanup();
      rmSync(keysDir, { recursive: true, force: true });
    }, 60_000);

    it("starts empty and migrated", async () => {
      const state = await fresh();
      expect(await state.ledger.read((r) => r.entryCount())).toBe(0);
      expect(await state.ledger.read((r) => r.lastHead())).toBeUndefined();
      expect(await state.ledger.read((r) => r.dictionarySize())).toBe(0);
      const status = await state.status();
      expect(status.pending).toEqual([]);
      expect(status.current).toBe(status.known);
      expect(status.dialect).toBe(state.dialect);
    });

    it("appends releases, proves them and answers histories the same from a fresh process", async () => {
      const state = await fresh();
      const ledger = ledgerOver(state);
      const a = await ledger.append(release("nsf", "2024-05-01"), customers(0, 50));
      const c = await ledger.append(release("nsf", "2024-05-02"), customers(10, 60));
      const d = await ledger.append(release("fraud", "2024-05-02"), customers(40, 45));
      expect([a.seq, c.seq, d.seq]).toEqual([0, 1, 2]);
      expect([a.newSubjects, c.newSubjects, d.newSubjects]).toEqual([50, 10, 0]);
      const root = await ledger.root();
      expect(root).toBe(d.root);

      // a second Ledger over the same store rebuilds everything from the stored rows
      const again = ledgerOver(state);
      expect(await again.size()).toBe(3);
      expect(await again.root()).toBe(root);
      expect((await again.subjectHistory("HB0000000005")).map((r) => r.seq)).toEqual([0]);
      expect((await again.subjectHistory("HB0000000042")).map((r) => [r.seq, r.agreement])).toEqual([
        [0, "nsf"],
        [1, "nsf"],
        [2, "fraud"],
      ]);
      expect((await again.subjectHistory("HB0000000055")).map((r) => r.seq)).toEqual([1]);
      expect(await again.subjectHistory("HB9999999999")).toEqual([]);

      const inclusion = await again.inclusionProof(1);
      expect(
        verifyInclusion(fromHex(inclusion.leaf), 1, 3, inclusion.proof.map(fromHex), fromHex(inclusion.root)),
      ).toBe(true);
      const consistency = await again.consistencyProof(1);
      expect(
        verifyConsistency(
          1,
          3,
          fromHex(consistency.root1),
          fromHex(consistency.root2),
          consistency.proof.map(fromHex),
        ),
      ).toBe(true);
      expect((await again.entries({ limit: 10 })).map((e) => e.seq)).toEqual([2, 1, 0]);
      expect((await again.entries({ agreement: "nsf", limit: 10 })).map((e) => e.seq)).toEqual([1, 0]);
      expect((await again.releases({ agreement: "fraud" })).map((r) => r.seq)).toEqual([2]);
      const head = await state.ledger.read((r) => r.lastHead());
      expect(head?.size).toBe(3);
      expect(Buffer.from(head?.root ?? []).toString("hex")).toBe(root);
    });

    it("reads a subject's index, member changes and history rows in one read each, and after a prune", async () => {
      const state = await fresh();
      const ledger = ledgerOver(state);
      const subjectKey = keyring.active("ledger-subjects");
      const hasher = nodeSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64"));
      const put = dailyRelease(ledger);
      await put("a", 1, 0, 10); // seq 0
      await put("b", 1, 5, 15); // seq 1
      await put("a", 2, 2, 12); // seq 2: 0 and 1 leave a, 10 and 11 enter
      await put("a", 3, 0, 12); // seq 3: 0 and 1 enter a again
      await put("b", 3, 5, 15); // seq 4: b unchanged
      const member = (key: string) =>
        state.ledger.read((r) => new SubjectDictionary().member(r, hasher.hashMany([key])));

      const zero = await member("HB0000000000");
      expect(zero?.chains).toEqual([
        { chain: "a", firstSeq: 0 },
        { chain: "b", firstSeq: 1 },
      ]);
      expect(zero?.changes).toEqual([
        { seq: 2, chain: "a" },
        { seq: 3, chain: "a" },
      ]);
      const subject = zero?.subject ?? -1;
      expect(await state.ledger.read((r) => r.memberChanges(subject))).toEqual({
        chains: zero?.chains,
        changes: zero?.changes,
      });
      expect(await member("HB9999999999")).toBeUndefined();

      await state.ledger.read(async (r) => {
        // an entry's facts: its chain, dates and summary, in seq order; none past the end
        const facts = await r.entryFacts(0, 10);
        expect(facts.map((f) => [f.seq, f.kind, f.chain, f.held])).toEqual([
          [0, "release", "a", true],
          [1, "release", "b", true],
          [2, "release", "a", true],
          [3, "release", "a", true],
          [4, "release", "b", true],
        ]);
        expect(facts[0]).toMatchObject({ releasedAt: "2019-01-01T02:00:00Z" });
        expect(facts[0]?.recordedAt.slice(0, 13)).toBe("2019-01-01T03");
        expect((await r.entryFacts(1, 3)).map((f) => f.seq)).toEqual([1, 2]);
        const ids = [...new Set(facts.map((f) => f.summaryId as number))];
        const texts = await r.summaryTexts([...ids, 999_999]);
        expect([...texts.keys()].sort()).toEqual([...ids].sort());
        for (const text of texts.values()) expect(JSON.parse(text)).toHaveProperty("agreement");
      });

      // this ledger has cached the chains' first sets; a prune moves both chains' starts (a: to its pruned base 2,
      // without subject 0; b: to its pruned base 1), and its answers must follow the store, like a fresh ledger's
      const all = customers(0, 16);
      const before = await Promise.all(all.map((k) => ledger.subjectHistory(k)));
      expect(before[0]?.map((x) => x.seq)).toEqual([0, 3]);
      expect(before[11]?.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
      const pruned = await ledger.prune(
        "2019-01-03T00:00:00Z",
        { rule: "3y", days: 1095 },
        new Date(),
        "dpo",
      );
      expect(pruned.pruned).toBe(3);
      expect(
        (await state.ledger.read((r) => r.entryFacts(0, 10))).map((f) => [f.seq, f.kind, f.held]),
      ).toEqual([
        [0, "release", false],
        [1, "release", false],
        [2, "release", false],
        [3, "release", true],
        [4, "release", true],
        [5, "prune", false],
      ]);
      const again = ledgerOver(state);
      for (const k of all) {
        const seqs = (await ledger.subjectHistory(k)).map((x) => x.seq);
        expect(seqs).toEqual((await again.subjectHistory(k)).map((x) => x.seq));
        expect(seqs.every((x) => x >= 3)).toBe(true);
      }
      expect((await ledger.subjectHistory("HB0000000000")).map((x) => x.seq)).toEqual([3]);
      expect((await ledger.subjectHistory("HB0000000011")).map((x) => x.seq)).toEqual([3, 4]);
      expect((await member("HB0000000000"))?.chains).toEqual([
        { chain: "b", firstSeq: 1 },
        { chain: "a", firstSeq: 2 },
      ]);
    });

    it("counts a subject's history per terms and pages it newest first, as the whole history gives it", async () => {
      const state = await fresh();
      const ledger = ledgerOver(state);
      const put = dailyRelease(ledger);
      await put("a", 1, 0, 10);
      await put("b", 1, 5, 15);
      await put("a", 2, 2, 12); // 0 and 1 leave a
      await put("a", 3, 0, 12); // and come back: two runs of a, one group
      await put("b", 3, 5, 15);
      await put("a", 4, 0, 3);

      /** what the overview must say, from the whole history */
      const expected = (history: Awaited<ReturnType<typeof ledger.subjectHistory>>) => {
        const groups = new Map<string, Record<string, unknown>>();
        for (const r of history) {
          const { seq, released_at, recorded_at, ...terms } = r;
          const key = JSON.stringify(terms);
          const g = groups.get(key) as
            | { count: number; last_seq: number; last_released_at: string }
            | undefined;
          if (g === undefined)
            groups.set(key, {
              ...terms,
              count: 1,
              first_seq: seq,
              last_seq: seq,
              first_released_at: released_at,
              last_released_at: released_at,
            });
          else Object.assign(g, { count: g.count + 1, last_seq: seq, last_released_at: released_at });
        }
        return [...groups.values()];
      };
      const check = async (key: string) => {
        const history = await ledger.subjectHistory(key);
        const whole = await ledger.subjectOverview(key, { limit: 1000 });
        expect(whole.count, key).toBe(history.length);
        expect(whole.groups, key).toEqual(expected(history));
        // each release names its terms by their place among the groups
        expect(whole.releases, key).toEqual(
          [...history].reverse().map(({ seq, released_at, recorded_at, ...terms }) => ({
            seq,
            released_at,
            recorded_at,
            group: whole.groups.findIndex(
              (g) => g.agreement === terms.agreement && g.version === terms.version,
            ),
          })),
        );
        expect(whole.next_before, key).toBeNull();
        expect(await ledger.subjectOverview(key, { limit: 0 }), key).toEqual({ ...whole, releases: [] });
        // pages of two, each `next_before` leading to the next, give the history newest first, then stop
        const paged: number[] = [];
        let before: number | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const page = await ledger.subjectOverview(key, { limit: 2, before });
          expect(page.groups, key).toEqual(whole.groups);
          paged.push(...page.releases.map((r) => r.seq));
          if (page.next_before === null) break;
          before = page.next_before;
        }
        expect(paged, key).toEqual(history.map((r) => r.seq).reverse());
      };
      for (const key of customers(0, 16)) await check(key);
      // a fresh ledger answering many at once (side by side on PostgreSQL) reads its lists once, not once per read
      const alone = await Promise.all(customers(0, 16).map((k) => ledger.subjectOverview(k, { limit: 3 })));
      const again = ledgerOver(state);
      expect(await Promise.all(customers(0, 16).map((k) => again.subjectOverview(k, { limit: 3 })))).toEqual(
        alone,
      );
      expect(await again.subjectOverview("HB0000000006", { limit: 3 })).toEqual(alone[6]);
      expect(await ledger.subjectOverview("HB0000000006", { limit: 50 })).toMatchObject({
        count: 5,
        groups: [
          { agreement: "a", count: 3, first_seq: 0, last_seq: 3 },
          { agreement: "b", count: 2, first_seq: 1, last_seq: 4 },
        ].map((g) => expect.objectContaining(g)),
      });
      expect(await ledger.subjectOverview("HB9999999999", { limit: 50 })).toEqual({
        count: 0,
        groups: [],
        releases: [],
        next_before: null,
      });
      // a prune leaves out what it pruned, from the counts as from the pages
      await ledger.prune("2019-01-03T00:00:00Z", { rule: "3y", days: 1095 }, new Date(), "dpo");
      for (const key of customers(0, 16)) await check(key);
    });

    it("records a hold as an entry of its own kind, which a fresh process lists and verify accepts", async () => {
      const state = await fresh();
      const ledger = ledgerOver(state);
      await ledger.append(release("nsf", "2024-05-01"), customers(0, 10));
      const { released_at, agreement, recipient, legal_basis, purposes } = release("nsf", "2024-05-02");
      const hold = await ledger.recordHold(
        {
          released_at,
          agreement: { ...agreement, id: "nsf" },
          recipient,
          legal_basis,
          purposes,
          holds: [{ code: "max_subjects", measured: 60, limit: 50 }],
          subjects: 60,
          operator: "batch@hanbitpay.example",
          channel: "gateway",
        },
        new Date(),
      );
      expect(hold.seq).toBe(1);
      const again = ledgerOver(state);
      expect((await again.entries({ agreement: "nsf" })).map((e) => e.kind)).toEqual(["hold", "release"]);
      expect((await again.releases()).map((r) => r.seq)).toEqual([0]);
      const signing = keyring.active("ledger-signing");
      const report = await verifyLedger(state.ledger, new Map([[signing.id, signing.public ?? ""]]));
      expect(report.problems).toEqual([]);
    });

    describe("release ids", () => {
      const hasher = () => {
        const subjectKey = keyring.active("ledger-subjects");
        return nodeSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64"));
      };
      const holdOf = (day: string, releaseId?: string): Hold => {
        const { released_at, agreement, recipient, legal_basis, purposes } = release("nsf", day);
        return {
          released_at,
          agreement: { ...agreement, id: "nsf" },
          recipient,
          legal_basis,
          purposes,
          holds: [{ code: "max_subjects", measured: 60, limit: 50 }],
          subjects: 60,
          operator: "batch@hanbitpay.example",
          channel: "gateway",
          ...(releaseId === undefined ? {} : { release_id: releaseId }),
        };
      };
      const counts = (state: StateStore) =>
        state.ledger.read(async (r) => ({
          entries: await r.entryCount(),
          subjects: await r.dictionarySize(),
        }));
      const bodyOf = async (state: StateStore, seq: number) =>
        (await state.ledger.read((r) => r.entry(seq)))?.body ?? "";
      const refusal = (p: Promise<unknown>) =>
        p.then(
          () => undefined,
          (e: unknown) => e,
        );

      it("records a release id once: a retried append returns the entry already recorded", async () => {
        const state = await fresh();
        const ledger = ledgerOver(state);
        await ledger.append(release("nsf", "2024-05-01"), customers(0, 5));
        const keys = customers(0, 20);
        const id = "c".repeat(64);
        const input = release("nsf", "2024-05-02", { release_id: id });
        const first = await ledger.appendHashes(input, hasher().hashMany(keys), keys.length);
        expect(first).toMatchObject({ seq: 1, size: 2, subjects: 20, newSubjects: 15 });
        const after = await counts(state);
        expect(after).toEqual({ entries: 2, subjects: 20 });

        // the job retried, by this process and by another host: the same entry, nothing appended
        const again = await ledger.appendHashes(input, hasher().hashMany(keys), keys.length);
        expect(again).toEqual({ ...first, newSubjects: 0 });
        const other = ledgerOver(await another());
        expect(await other.appendHashes(input, hasher().hashMany(keys), keys.length)).toEqual(again);
        expect(await counts(state)).toEqual(after);
        expect(await ledger.size()).toBe(2);
        expect(await ledger.root()).toBe(first.root);
        expect(JSON.parse(await bodyOf(state, 1))).toMatchObject({ kind: "release", release_id: id });

        // a later release of the agreement with its own id appends as ever, and the first id is still found
        const next = await ledger.appendHashes(
          release("nsf", "2024-05-03", { release_id: "d".repeat(64) }),
          hasher().hashMany(keys),
          keys.length,
        );
        expect(next).toMatchObject({ seq: 2, size: 3, subjects: 20, newSubjects: 0 });
        expect(await ledger.appendHashes(input, hasher().hashMany(keys), keys.length)).toEqual(again);
        expect(await ledger.size()).toBe(3);
        // the root returned is the tree's at the entry's size, proven by an inclusion proof of that size
        const proof = await ledger.inclusionProof(1, 2);
        expect([proof.root, proof.leaf]).toEqual([first.root, first.leafHash]);
        const signing = keyring.active("ledger-signing");
        const report = await verifyLedger(state.ledger, new Map([[signing.id, signing.public ?? ""]]));
        expect(report.problems).toEqual([]);
      });

      it("returns a retried release's entry before the time rules, which would hold it now", async () => {
        const state = await fresh();
        const strict = ledgerOver(state, 7);
        const input = release("nsf", "2024-05-02", { release_id: "9".repeat(64) });
        const first = await strict.append(input, customers(0, 5), new Date("2024-05-02T03:00:00Z"));
        // a month later the same release is back-dated past the window: the retry still gets its entry
        const late = new Date("2024-06-02T03:00:00Z");
        expect(await strict.append(input, customers(0, 5), late)).toEqual({ ...first, newSubjects: 0 });
        const refused = await refusal(strict.append(release("nsf", "2024-05-02"), customers(0, 5), late));
        expect((refused as JikimiError).code).toBe("release_time_refused");
        expect(await counts(state)).toEqual({ entries: 1, subjects: 5 });
      });

      it("records a hold's release id once", async () => {
        const state = await fresh();
        const ledger = ledgerOver(state);
        await ledger.append(release("nsf", "2024-05-01"), customers(0, 5));
        const first = await ledger.recordHold(holdOf("2024-05-02", "e".repeat(64)), new Date());
        expect(first).toMatchObject({ seq: 1, size: 2 });
        const again = await ledgerOver(await another()).recordHold(
          holdOf("2024-05-02", "e".repeat(64)),
          new Date(),
        );
        expect(again).toEqual(first);
        expect(Object.keys(again).sort()).toEqual(["leafHash", "recordedAt", "root", "seq", "size"]);
        expect(await counts(state)).toEqual({ entries: 2, subjects: 5 });
        expect((await ledger.entries({ agreement: "nsf" })).map((e) => e.kind)).toEqual(["hold", "release"]);
      });

      it("refuses a release id recorded as an entry of the other kind, and records nothing", async () => {
        const state = await fresh();
        const ledger = ledgerOver(state);
        const id = "f".repeat(64);
        await ledger.append(release("nsf", "2024-05-02", { release_id: id }), customers(0, 5));
        const before = await counts(state);
        const held = await refusal(ledger.recordHold(holdOf("2024-05-02", id), new Date()));
        expect(held).toBeInstanceOf(JikimiError);
        expect((held as JikimiError).code).toBe("release_id_recorded");
        expect((held as JikimiError).details).toEqual({ seq: 0, kind: "release" });
        expect((held as JikimiError).summary).toContain("0");
        expect(await counts(state)).toEqual(before);

        // and the other way: a hold's id given to a release assigns no subject either
        const hold = await ledger.recordHold(holdOf("2024-05-03", "0".repeat(64)), new Date());
        const now = await counts(state);
        const released = await refusal(
          ledger.append(release("nsf", "2024-05-03", { release_id: "0".repeat(64) }), customers(100, 110)),
        );
        expect((released as JikimiError).code).toBe("release_id_recorded");
        expect((released as JikimiError).details).toEqual({ seq: hold.seq, kind: "hold" });
        expect(await counts(state)).toEqual(now);
        // the ledger goes on appending after the refusal
        expect((await ledger.append(release("nsf", "2024-05-04"), customers(0, 5))).seq).toBe(2);
      });

      it("encodes entries without a release id as before: no release_id key, the same bytes otherwise", async () => {
        const at = new Date("2024-06-01T00:00:00Z");
        const without = await fresh();
        const plain = await ledgerOver(without).append(release("nsf", "2024-05-02"), customers(0, 5), at);
        const plainHold = await ledgerOver(without).recordHold(holdOf("2024-05-03"), at);
        const withId = await fresh();
        await ledgerOver(withId).append(
          release("nsf", "2024-05-02", { release_id: "a".repeat(64) }),
          customers(0, 5),
          at,
        );
        await ledgerOver(withId).recordHold(holdOf("2024-05-03", "b".repeat(64)), at);

        for (const seq of [plain.seq, plainHold.seq]) {
          const text = await bodyOf(without, seq);
          const body = JSON.parse(text) as EntryBody;
          expect(body).not.toHaveProperty("release_id");
          expect(encodeEntry(body).toString("utf8")).toBe(text);
          // the body with an id is the same body and the id: dropping it gives the bytes without one
          const { release_id, ...rest } = JSON.parse(await bodyOf(withId, seq)) as Record<string, unknown>;
          expect(release_id).toMatch(/^[ab]{64}$/);
          expect(encodeEntry(rest as unknown as EntryBody).toString("utf8")).toBe(text);
        }
        expect(Object.keys(JSON.parse(await bodyOf(without, plain.seq))).sort()).toEqual(
          [
            "agreement",
            "categories",
            "channel",
            "dictionary",
            "fields",
            "files",
            "format",
            "kind",
            "legal_basis",
            "operator",
            "purposes",
            "receipts",
            "recipient",
            "records",
            "recorded_at",
            "released_at",
            "seq",
            "subjects",
          ].sort(),
        );
      });
    });

    it("syncs a fresh ledger's tree once when many reads ask at once", async () => {
      const state = await fresh();
      const put = dailyRelease(ledgerOver(state));
      for (let d = 1; d <= 5; d++) await put("a", d, 0, 10);
      const root = await ledgerOver(state).root();
      const fresh2 = ledgerOver(state);
      expect(await Promise.all(Array.from({ length: 8 }, () => fresh2.size()))).toEqual(Array(8).fill(5));
      expect(await fresh2.root()).toBe(root);
      expect((await fresh2.inclusionProof(2)).proof.length).toBeGreaterThan(0);
    });

    it("keeps one dense dictionary and one gapless log when two hosts append to the same database", async () => {
      const first = await fresh();
      const second = await another();
      const hostA = ledgerOver(first);
      const hostB = ledgerOver(second);
      const results = await Promise.all([
        ...[0, 1, 2, 3].map((i) =>
          hostA.append(release(`a${i % 2}`, "2024-06-01"), customers(i * 30, i * 30 + 60)),
        ),
        ...[0, 1, 2, 3].map((i) =>
          hostB.append(release(`b${i % 2}`, "2024-06-01"), customers(i * 30 + 15, i * 30 + 90)),
        ),
      ]);
      expect(results.map((r) => r.seq).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      const distinct = new Set(
        [0, 1, 2, 3].flatMap((i) => [
          ...customers(i * 30, i * 30 + 60),
          ...customers(i * 30 + 15, i * 30 + 90),
        ]),
      );
      expect(await first.ledger.read((r) => r.dictionarySize())).toBe(distinct.size);
      expect(results.reduce((n, r) => n + r.newSubjects, 0)).toBe(distinct.size);
      // both hosts see the same tree, and a subject released by both appears in both hosts' histories
      expect(await hostA.root()).toBe(await hostB.root());
      const history = await hostB.subjectHistory("HB0000000050");
      expect(new Set(history.map((r) => r.agreement.slice(0, 1)))).toEqual(new Set(["a", "b"]));
      const heads = await first.ledger.read(async (r) => {
        const sizes: number[] = [];
        for await (const h of r.heads()) sizes.push(h.size);
        return sizes;
      });
      expect(heads).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it("records nothing when an append is refused inside its transaction", async () => {
      const state = await fresh();
      const strict = ledgerOver(state, 7);
      // yesterday: a release at 02:00 UTC today would be in the future before 02:00
      const recent = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await strict.append(release("nsf", recent), customers(0, 5));
      const before = await state.ledger.read(async (r) => [await r.entryCount(), await r.dictionarySize()]);
      const refused = await strict.append(release("nsf", "2020-01-01"), customers(100, 200)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(JikimiError);
      expect((refused as JikimiError).code).toBe("release_time_refused");
      expect(await state.ledger.read(async (r) => [await r.entryCount(), await r.dictionarySize()])).toEqual(
        before,
      );
      // the same Ledger goes on appending after the rollback, with dense indexes
      const next = await strict.append(release("nsf", recent), customers(3, 8));
      expect(next.seq).toBe(1);
      expect(next.newSubjects).toBe(3);
      expect(await state.ledger.read((r) => r.dictionarySize())).toBe(8);
    });

    it("verifies from a saved state only what was appended since, and reads sets and change rows from an entry", async () => {
      const state = await fresh();
      const ledger = ledgerOver(state);
      const day = dailyRelease(ledger);
      // 70 daily releases of one chain (a snapshot at 64, deltas between), a second chain, then a saved state
      for (let d = 1; d <= 70; d++) await day("nsf", d, d, d + 40);
      await day("fraud", 3, 0, 10);
      const signing = keyring.active("ledger-signing");
      const trusted = new Map([[signing.id, signing.public ?? ""]]);
      const full = await verifyLedger(state.ledger, trusted, { locator: state.locator });
      expect(full.problems).toEqual([]);
      const since = { size: full.size, root: full.root, label: "the saved state" };
      // nothing appended: nothing replayed, every chain checked against its last signed digest
      const idle = await verifyLedger(state.ledger, trusted, { locator: state.locator, since });
      expect([idle.ok, idle.from, idle.problems]).toEqual([true, full.size, []]);
      // three more releases, one with new subjects, one of a new chain
      await day("nsf", 71, 71, 120);
      await day("nsf", 72, 72, 120);
      await day("audit", 72, 5, 8);
      const later = await verifyLedger(state.ledger, trusted, { locator: state.locator, since });
      expect([later.ok, later.from, later.size, later.problems]).toEqual([
        true,
        full.size,
        full.size + 3,
        [],
      ]);
      await state.ledger.read(async (r) => {
        const sets: number[] = [];
        for await (const row of r.sets(full.size)) sets.push(row.seq);
        expect(sets).toEqual([full.size, full.size + 1, full.size + 2]);
        const seqs = new Set<number>();
        let rows = 0;
        for await (const page of r.changes(full.size))
          for (let i = 0; i < page.count; i++) {
            seqs.add(page.seqs[i] as number);
            rows++;
          }
        // after day 70's [70, 110): the first new release [71, 120) adds 110..119 and drops 70; the second drops 71
        expect([...seqs].sort((a, b) => a - b)).toEqual([full.size, full.size + 1]);
        expect(rows).toBe(12);
        let all = 0;
        for await (const page of r.changes()) all += page.count;
        expect(all).toBeGreaterThan(rows);
      });
      // a log that does not extend the saved state, or is shorter than it, is named
      const other = await verifyLedger(state.ledger, trusted, {
        since: { ...since, root: "0".repeat(64) },
      });
      expect(other.problems.map((p) => p.kind)).toEqual(["checkpoint_mismatch"]);
      const longer = await verifyLedger(state.ledger, trusted, { since: { ...since, size: later.size + 1 } });
      expect(longer.problems.map((p) => p.kind)).toEqual(["truncated"]);
    });

    it("stores and reads every row kind through the port", async () => {
      const state = await fresh();
      const changes = Uint32Array.from({ length: 120_000 }, (_, i) => i * 3);
      await state.ledger.write(async (w) => {
        await w.insertChanges(7, changes);
        await w.putCheckpoint(3, "note three\n", [
          { witness: "w1", line: "— w1 AAAA\n" },
          { witness: "w2", line: "— w2 BBBB\n" },
        ]);
        await w.putCheckpoint(5, "note five\n", [{ witness: "w1", line: "— w1 CCCC\n" }]);
        await w.putCheckpoint(3, "a second note for size 3 is ignored\n", []);
        await w.putPartChunks([
          { part: 7, chunk: 0, data: Buffer.alloc(40, 1) },
          { part: 7, chunk: 1, data: Buffer.alloc(20, 2) },
          { part: 65_535, chunk: 0, data: Buffer.alloc(20, 3) },
        ]);
        await w.putLinearChunks([{ chunk: 0, data: Buffer.alloc(32, 9) }]);
        await w.setDictionarySize(2);
        await w.setMeta({ dict_size: "2", dict_head: "ab" });
        await w.setMeta({ dict_head: "cd" });
      });
      await state.ledger.read(async (r) => {
        expect((await r.memberChanges(3)).changes).toEqual([]); // change rows join their entry: none stored at seq 7
        let n = 0;
        const subjects: number[] = [];
        for await (const page of r.changes())
          for (let i = 0; i < page.count; i++)
            if (page.seqs[i] === 7) {
              n++;
              subjects.push(page.subjects[i] as number);
            }
        // 120,000 rows: two pages of columns, every subject as written
        expect(subjects.sort((a, b) => a - b)).toEqual([...changes]);
        expect(n).toBe(120_000);
        expect(await r.checkpointNote(3)).toBe("note three\n");
        expect(await r.lastCheckpointSize()).toBe(5);
        expect(await r.cosignatureLines(3)).toEqual(["— w1 AAAA\n", "— w2 BBBB\n"]);
        expect(await r.latestCosigned()).toEqual(
          new Map([
            ["w1", 5],
            ["w2", 3],
          ]),
        );
        expect(await r.bestCosigned(0, ["w1", "w2"])).toEqual({ size: 3, count: 2 });
        expect(await r.bestCosigned(3, ["w1", "w2"])).toEqual({ size: 5, count: 1 });
        expect(await r.bestCosigned(5, ["w1"])).toBeUndefined();
        // the last chunk of each partition asked for that has one
        const tails = await r.lastPartChunks([65_535, 8, 7]);
        expect(
          tails.map((c) => [c.part, c.chunk, c.data.length]).sort((a, b) => Number(a[0]) - Number(b[0])),
        ).toEqual([
          [7, 1, 20],
          [65_535, 0, 20],
        ]);
        expect(await r.lastPartChunks([])).toEqual([]);
        const linear: number[] = [];
        for await (const c of r.linearChunks(0)) linear.push(c.data.length);
        expect(linear).toEqual([32]);
        expect(await r.dictionarySize()).toBe(2);
        expect(await r.allMeta()).toEqual(
          new Map([
            ["dict_size", "2"],
            ["dict_head", "cd"],
            ["subjects", "2"],
          ]),
        );
      });
    });

    it("keeps each partition as the rebuild from the index-ordered copy makes it (the upgrade's migration)", async () => {
      const state = await fresh();
      const dictionary = new SubjectDictionary();
      // crafted hashes: 450 in partition 0x1234 (chunks of 200 fill and roll over across appends), 5 in 0xffff,
      // 30 spread; the rest of each hash random
      let seed = 7;
      const hashOf = (part: number) => {
        const h = Buffer.alloc(16);
        h[0] = part >> 8;
        h[1] = part & 0xff;
        for (let i = 2; i < 16; i++) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          h[i] = seed >>> 24;
        }
        return h;
      };
      const batches = [
        [...Array.from({ length: 150 }, () => hashOf(0x1234)), hashOf(0xffff), hashOf(0)],
        [
          ...Array.from({ length: 190 }, () => hashOf(0x1234)),
          ...Array.from({ length: 30 }, (_, i) => hashOf(i * 2000)),
        ],
        [
          ...Array.from({ length: 110 }, () => hashOf(0x1234)),
          ...Array.from({ length: 4 }, () => hashOf(0xffff)),
        ],
      ];
      const indexes: number[][] = [];
      for (const batch of batches)
        await state.ledger.write(async (w) => {
          indexes.push([...(await dictionary.assign(w, Buffer.concat(batch), batch.length, true)).indexes]);
        });
      const rows = (chunks: { part: number; chunk: number; data: Uint8Array }[]) =>
        chunks.map((c) => `${c.part}/${c.chunk}/${Buffer.from(c.data).toString("hex")}`).sort();
      await state.ledger.read(async (r) => {
        const stored: { part: number; chunk: number; data: Uint8Array }[] = [];
        for await (const c of r.allPartChunks()) stored.push(c);
        expect(stored.filter((c) => c.part === 0x1234).map((c) => c.data.length)).toEqual([4000, 4000, 1000]);
        const linear: { chunk: number; data: Uint8Array }[] = [];
        for await (const c of r.linearChunks(0)) linear.push(c);
        const rebuilt: { part: number; chunk: number; data: Uint8Array }[] = [];
        await rebuildPartitions(
          await r.dictionarySize(),
          async (from) => linear.filter((c) => c.chunk >= from),
          async (chunks) => {
            rebuilt.push(...chunks);
          },
        );
        expect(rows(stored)).toEqual(rows(rebuilt));
        // and every subject is found in its partition
        for (const [b, batch] of batches.entries())
          for (const [i, hash] of batch.entries())
            expect(await dictionary.lookup(r, hash)).toBe(indexes[b]?.[i]);
      });
    });

    it("records a release staged on disk as the same entry and dictionary as one held in memory", async () => {
      const staging = mkdtempSync(join(tmpdir(), "jikimi-staged-"));
      try {
        const subjectKey = keyring.active("ledger-subjects");
        const hasher = nodeSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64"));
        const [disk, memory] = [await fresh(), await fresh()];
        const [onDisk, inMemory] = [ledgerOver(disk), ledgerOver(memory)];
        const stores = async (state: StateStore) =>
          state.ledger.read(async (r) => ({
            all: await dictionaryRows(r),
            entries: (await r.entries({ limit: 10 })).map((e) => e.body),
            size: await r.dictionarySize(),
            head: await r.lastHead(),
          }));
        // day 1: a first release of 150,000 subjects, each key twice and in runs of 10,000 (repeats across runs);
        // day 2: 80,000 more, half of them known, into the dictionary the first made
        const days: [number, number, number][] = [
          [2, 0, 150_000],
          [3, 100_000, 180_000],
        ];
        for (const [d, from, to] of days) {
          const keys = [...customers(from, to), ...customers(from, to).reverse()];
          const set = new SubjectHashSet({ place: spillFolder(staging), at: 10_000 });
          set.add(hasher.hashMany(keys), keys.length);
          const sorted = set.sorted();
          expect(sorted?.count).toBe(to - from);
          const input = release("staged", `2019-01-0${d}`);
          const at = new Date(Date.UTC(2019, 0, d, 3));
          const a = await onDisk.appendSorted(input, sorted as SortedHashes, at);
          const b = await inMemory.append(input, keys, at);
          set.dispose();
          expect(a).toEqual(b);
          expect(a.subjects).toBe(to - from);
        }
        const [x, y] = [await stores(disk), await stores(memory)];
        expect(x.size).toBe(180_000);
        expect(x.all.length).toBeGreaterThan(60_000);
        expect(x).toEqual(y);
        // nothing staged is left behind
        expect(readdirSync(staging)).toEqual([]);
        // a fresh process verifies the log the disk path wrote (sets, dictionary commitments, receipts roots)
        const signing = keyring.active("ledger-signing");
        const report = await verifyLedger(disk.ledger, new Map([[signing.id, signing.public ?? ""]]));
        expect(report.problems).toEqual([]);
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    }, 120_000);

    it("numbers subjects from disk into the same partition chunks as in memory, full chunks and all", async () => {
      const staging = mkdtempSync(join(tmpdir(), "jikimi-staged-"));
      try {
        // crafted hashes: 450 in partition 0x1234 (three chunks), 2,000 under first byte 0x12 (buckets written out
        // as segments), 3 in 0xffff, 3,000 random
        let seed = 11;
        const hashOf = (hi: number, lo?: number) => {
          const h = Buffer.alloc(16);
          for (let i = 0; i < 16; i++) {
            seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
            h[i] = seed >>> 24;
          }
          if (hi >= 0) h[0] = hi;
          if (lo !== undefined) h[1] = lo;
          // partition 0x1234 gets only the 450 it is given
          else if (h[0] === 0x12 && h[1] === 0x34) h[1] = 0x35;
          return h;
        };
        const hashes = Buffer.concat([
          ...Array.from({ length: 450 }, () => hashOf(0x12, 0x34)),
          ...Array.from({ length: 2_000 }, () => hashOf(0x12)),
          ...Array.from({ length: 3 }, () => hashOf(0xff, 0xff)),
          ...Array.from({ length: 3_000 }, () => hashOf(-1)),
        ]);
        const n = hashes.length / 16;
        const [disk, memory] = [await fresh(), await fresh()];
        const set = new SubjectHashSet({ place: spillFolder(staging), at: 1_000 });
        set.add(hashes, n);
        const sorted = set.sorted() as SortedHashes;
        expect(sorted.count).toBe(n);
        const added = await disk.ledger.write((w) => new SubjectDictionary().numberSorted(w, sorted));
        expect(added).toBe(n);
        // a dictionary that holds subjects is left to assign
        expect(
          await disk.ledger.write((w) => new SubjectDictionary().numberSorted(w, sorted)),
        ).toBeUndefined();
        set.dispose();
        const inMemory = new SubjectDictionary();
        const assigned = await memory.ledger.write((w) => inMemory.assign(w, Buffer.from(hashes), n, true));
        const rows = (state: StateStore) => state.ledger.read(dictionaryRows);
        const stored = await rows(disk);
        expect(stored.filter((row) => row.startsWith(`p${0x1234}/`)).map((row) => row.length)).toEqual([
          `p${0x1234}/0/`.length + 8000,
          `p${0x1234}/1/`.length + 8000,
          `p${0x1234}/2/`.length + 2000,
        ]);
        expect(stored).toEqual(await rows(memory));
        // every subject is found where the in-memory dictionary put it
        const lookups = new SubjectDictionary();
        await disk.ledger.read(async (r) => {
          for (const i of [0, 449, 450, 2_449, n - 1])
            expect(await lookups.lookup(r, hashes.subarray(i * 16, i * 16 + 16))).toBe(assigned.indexes[i]);
        });
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    });

    it("finds a dictionary record at a record boundary only", async () => {
      const state = await fresh();
      const hash = Buffer.alloc(16, 0xab);
      // chunk 0: the hash straddling two records (a decoy), then other records; chunk 1: the record itself
      const decoy = Buffer.concat([Buffer.alloc(10, 1), hash, Buffer.alloc(14, 2)]);
      const record = Buffer.concat([hash, Buffer.from([7, 2, 1, 0])]); // index 7 + 2 * 256 + 65,536
      await state.ledger.write((w) =>
        w.putPartChunks([
          { part: 0xab, chunk: 0, data: decoy },
          { part: 0xab, chunk: 1, data: Buffer.concat([Buffer.alloc(20, 3), record]) },
        ]),
      );
      await state.ledger.read(async (r) => {
        expect(Buffer.from((await r.findRecord(0xab, hash, 20)) ?? []).toString("hex")).toBe(
          record.toString("hex"),
        );
        expect(await r.findRecord(0xab, Buffer.alloc(16, 0xcd), 20)).toBeUndefined();
        expect(await r.findRecord(0x01, hash, 20)).toBeUndefined();
        expect(await r.findMember(0xab, hash, 20)).toEqual({ subject: 66_055, chains: [], changes: [] });
        expect(await r.findMember(0xab, Buffer.alloc(16, 0xcd), 20)).toBeUndefined();
      });
      // the decoy and the record in one chunk: the first match is off a boundary and hides the record
      await state.ledger.write((w) =>
        w.putPartChunks([
          { part: 0xac, chunk: 0, data: Buffer.concat([decoy, hash, Buffer.from([9, 1, 0, 0])]) },
        ]),
      );
      await state.ledger.read(async (r) => {
        expect(await r.findMember(0xac, hash, 20)).toEqual({ subject: 265, chains: [], changes: [] });
        // a hash found only off a boundary (the decoy's tail and the hash's head) names no subject
        expect(
          await r.findMember(0xac, Buffer.concat([Buffer.alloc(4, 1), Buffer.alloc(12, 0xab)]), 20),
        ).toBeUndefined();
        // many at once answer as one at a time: a record in a later chunk, one hidden behind a decoy in its own
        // chunk, a stranger, a partition without chunks, a hash only off a boundary, the first one again
        const offBoundary = Buffer.concat([Buffer.alloc(4, 1), Buffer.alloc(12, 0xab)]);
        const asked: [number, Buffer][] = [
          [0xab, hash],
          [0xac, hash],
          [0xab, Buffer.alloc(16, 0xcd)],
          [0x01, hash],
          [0xac, offBoundary],
          [0xab, hash],
        ];
        const many = await r.findRecords(
          asked.map(([part]) => part),
          asked.map(([, h]) => h),
          20,
        );
        const one = await Promise.all(asked.map(([part, h]) => r.findRecord(part, h, 20)));
        const hexOf = (list: (Uint8Array | undefined)[]) =>
          list.map((x) => (x ? Buffer.from(x).toString("hex") : null));
        expect(hexOf(many)).toEqual(hexOf(one));
        expect(hexOf(many)).toEqual([
          record.toString("hex"),
          Buffer.concat([hash, Buffer.from([9, 1, 0, 0])]).toString("hex"),
          null,
          null,
          null,
          record.toString("hex"),
        ]);
        expect(await r.findRecords([], [], 20)).toEqual([]);
      });
    });

    it("rolls a failed write transaction back whole", async () => {
      const state = await fresh();
      const failed = await state.ledger
        .write(async (w) => {
          await w.setMeta({ marker: "1" });
          await w.insertChanges(1, Uint32Array.of(1, 2, 3));
          throw new Error("stop");
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((failed as Error).message).toBe("stop");
      expect(await state.ledger.read((r) => r.meta("marker"))).toBeUndefined();
    });

    it("records check runs, newest first", async () => {
      const state = await fresh();
      const run = (errors: number) => ({
        startedAt: `2024-05-3${errors}T00:00:00.000Z`,
        checkedFor: "2024-05-31",
        workspaceDigest: "abc",
        agreements: 2,
        errors,
        warnings: 1,
        gaps: 0,
        findingsJson: "[]",
      });
      const first = await state.checkRuns.record(run(0));
      const second = await state.checkRuns.record(run(1));
      expect(second).toBeGreaterThan(first);
      const last = await state.checkRuns.last(5);
      expect(last.map((r) => [r.id, r.errors])).toEqual([
        [second, 1],
        [first, 0],
      ]);
      expect(last[0]).toMatchObject(run(1));
    });
  });
}
