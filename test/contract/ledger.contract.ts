// the ledger's contract: every state store (SQLite, PostgreSQL) runs these same tests through the real Ledger and
// through the port, so the two backends give the same log, the same proofs and the same histories.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initKeyring, type Keyring } from "../../src/crypto/keyring.js";
import { signerFrom } from "../../src/crypto/signing.js";
import { JikimiError } from "../../src/errors.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { fromHex } from "../../src/ledger/merkle/hash.js";
import { verifyConsistency, verifyInclusion } from "../../src/ledger/merkle/verify-proof.js";
import { SubjectDictionary } from "../../src/ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../../src/ledger/subjects/subject-hasher.js";
import type { StateStore } from "../../src/ports/state-store.js";
import { release } from "../support/ledger.js";

/** What a backend gives the suite: a fresh, empty store, and a second handle on the same database ("another host"). */
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
      const day = (d: number) => new Date(Date.UTC(2019, 0, d, 2));
      const put = (chain: string, d: number, from: number, to: number) =>
        ledger.append(
          release(chain, day(d).toISOString().slice(0, 10)),
          customers(from, to),
          new Date(day(d).getTime() + 3_600_000),
        );
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
        // rows of several runs come in seq order with every summary they name; pruned or absent rows never
        const both = await r.historyIn([
          ["b", 1, Number.MAX_SAFE_INTEGER],
          ["a", 0, 2],
          ["a", 3, Number.MAX_SAFE_INTEGER],
        ]);
        expect(both.rows.map((x) => x.seq)).toEqual([0, 1, 3, 4]);
        expect(both.rows[0]).toMatchObject({ releasedAt: "2019-01-01T02:00:00Z" });
        expect(both.rows[0]?.recordedAt.slice(0, 13)).toBe("2019-01-01T03");
        for (const x of both.rows)
          expect(JSON.parse(both.summaries.get(x.summaryId) ?? "{}")).toHaveProperty("agreement");
        const none = await r.historyIn([["c", 0, Number.MAX_SAFE_INTEGER]]);
        expect(none.rows).toEqual([]);
        expect(none.summaries.size).toBe(0);
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
      await strict.append(release("nsf", new Date().toISOString().slice(0, 10)), customers(0, 5));
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
      const next = await strict.append(
        release("nsf", new Date().toISOString().slice(0, 10)),
        customers(3, 8),
      );
      expect(next.seq).toBe(1);
      expect(next.newSubjects).toBe(3);
      expect(await state.ledger.read((r) => r.dictionarySize())).toBe(8);
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
        ]);
        await w.putLinearChunks([{ chunk: 0, data: Buffer.alloc(32, 9) }]);
        await w.setDictionarySize(2);
        await w.setMeta({ dict_size: "2", dict_head: "ab" });
        await w.setMeta({ dict_head: "cd" });
      });
      await state.ledger.read(async (r) => {
        expect((await r.memberChanges(3)).changes).toEqual([]); // change rows join their entry: none stored at seq 7
        let n = 0;
        for await (const c of r.changes()) if (c.seq === 7) n++;
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
        expect((await r.lastPartChunk(7))?.chunk).toBe(1);
        expect((await r.partChunks(7)).map((d) => d.length)).toEqual([40, 20]);
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
