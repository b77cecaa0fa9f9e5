import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerStore } from "../../ports/ledger.js";
import {
  DICT_CHUNK_RECORDS,
  DICT_RECORD_BYTES,
  type DictChunk,
  dictPartition,
} from "../../ports/subjects.js";
import { openSqliteStore } from "../../store/sqlite/index.js";
import { NOT_FOUND, persist, SubjectDictionary, sortRecordsInPlace } from "./dictionary.js";
import { nodeSubjectHasher } from "./subject-hasher.js";

function db(): LedgerStore {
  return openSqliteStore(":memory:").ledger;
}

/** What a dictionary answers inside one write transaction of the store (assign may add subjects). */
const assign = (d: LedgerStore, dict: SubjectDictionary, hashes: Uint8Array, n: number, create: boolean) =>
  d.write((tx) => dict.assign(tx, hashes, n, create));

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Spearman's rank correlation of two equally long lists of distinct numbers. */
function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const ranks = (x: ArrayLike<number>) => {
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (x[i] as number) - (x[j] as number));
    const r = new Float64Array(n);
    order.forEach((i, rank) => {
      r[i] = rank;
    });
    return r;
  };
  const ra = ranks(a);
  const rb = ranks(b);
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += ((ra[i] as number) - (rb[i] as number)) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe("subject dictionary", () => {
  it("gives every hash one dense index that new instances load back, across chunk boundaries", async () => {
    const d = db();
    const first = randomBytes(70_000 * 16);
    const a = await assign(d, new SubjectDictionary(), first, 70_000, true);
    expect(a.added).toBe(70_000);
    expect(new Set(a.indexes).size).toBe(70_000);
    expect(Math.max(...a.indexes)).toBe(69_999);
    // a second process: the same hashes and 10,000 new ones, with a duplicate inside the batch
    const fresh = randomBytes(10_000 * 16);
    const more = Buffer.concat([first.subarray(0, 5_000 * 16), fresh, first.subarray(0, 16)]);
    const b = await assign(d, new SubjectDictionary(), more, 15_001, true);
    expect(b.added).toBe(10_000);
    expect([...b.indexes.slice(0, 5_000)]).toEqual([...a.indexes.slice(0, 5_000)]);
    expect(b.indexes[15_000]).toBe(a.indexes[0]);
    expect(new Set(b.indexes.slice(5_000, 15_000)).size).toBe(10_000);
    expect(Math.min(...b.indexes.slice(5_000, 15_000))).toBe(70_000);
    // a third: everything known, nothing added, and single lookups agree
    const c = new SubjectDictionary();
    const again = await d.read((tx) => c.assign(tx, Buffer.concat([first, more]), 85_001, false));
    expect(again.indexes.includes(NOT_FOUND)).toBe(false);
    expect(await d.read((tx) => c.size(tx))).toBe(80_000);
    for (const i of [0, 4_095, 4_096, 65_535, 65_536, 69_999])
      expect(await d.read((tx) => c.lookup(tx, first.subarray(i * 16, i * 16 + 16)))).toBe(a.indexes[i]);
    expect(await d.read((tx) => c.lookup(tx, randomBytes(16)))).toBeUndefined();
    expect((await d.read((tx) => c.assign(tx, randomBytes(16), 1, false))).indexes[0]).toBe(NOT_FOUND);
    // the index-ordered copy holds each hash at its index
    for (const i of [0, 777, 69_999]) {
      const idx = a.indexes[i] as number;
      expect(hex(c.hashRange(idx, idx + 1))).toBe(hex(first.subarray(i * 16, i * 16 + 16)));
    }
  });

  it("accepts hashes that do not start on a 4-byte boundary", async () => {
    const d = db();
    const buf = randomBytes(1 + 3 * 16);
    const odd = buf.subarray(1);
    const dict = new SubjectDictionary();
    const first = [...(await assign(d, dict, odd, 3, true)).indexes];
    expect([...first].sort()).toEqual([0, 1, 2]);
    expect([...(await assign(d, new SubjectDictionary(), Buffer.from(odd), 3, false)).indexes]).toEqual(
      first,
    );
  });

  it("hands out new indexes in keyed-hash order: the input order (customer numbers) tells nothing", async () => {
    const d = db();
    const hasher = nodeSubjectHasher("k", randomBytes(32));
    // sequential customer numbers in sign-up order, as a consent file or a customer table lists them
    const n = 20_000;
    const keys = Array.from({ length: n }, (_, i) => `HB${String(i + 1).padStart(10, "0")}`);
    const { indexes } = await assign(d, new SubjectDictionary(), hasher.hashMany(keys), n, true);
    const positions = Float64Array.from({ length: n }, (_, i) => i);
    const rho = spearman(positions, indexes);
    // |rho| of an unrelated order is about 1/sqrt(n) = 0.007; input order would give 1
    expect(Math.abs(rho)).toBeLessThan(0.03);
    // and the first 385 customers (the size of a small release) are spread over the whole index range
    const head = [...indexes.slice(0, 385)].sort((x, y) => x - y);
    expect(head[0]).toBeLessThan(n / 10);
    expect(head.at(-1)).toBeGreaterThan(n - n / 10);
    // the same hashes in reverse input order get the same indexes in a fresh dictionary
    const reversed = await assign(
      db(),
      new SubjectDictionary(),
      hasher.hashMany([...keys].reverse()),
      n,
      true,
    );
    expect([...reversed.indexes].reverse()).toEqual([...indexes]);
  });
});

describe("a large batch looked up in home order", () => {
  /** Hashes of a batch at `at` positions: the hash of `pick(k)` from `pool`. */
  const gather = (pool: Uint8Array, picks: readonly number[]) => {
    const out = new Uint8Array(picks.length * 16);
    for (const [k, p] of picks.entries()) out.set(pool.subarray(p * 16, p * 16 + 16), k * 16);
    return out;
  };
  /** The order new subjects are numbered in: first word, then second, as little-endian 32-bit words. */
  const hashOrder = (h: Uint8Array) => {
    const v = Buffer.from(h.buffer, h.byteOffset, h.byteLength);
    return [v.readUInt32LE(0), v.readUInt32LE(4)] as const;
  };

  // a table of at least 2^20 subjects and a batch of at least 2^16: the sizes the ordered lookup is made for
  const KNOWN = 1_100_000;

  it("finds known subjects, adds each new one once in hash order, and answers as the partitions do", async () => {
    const d = db();
    const known = randomBytes(KNOWN * 16);
    const first = await assign(d, new SubjectDictionary(), known, KNOWN, true);
    expect(first.added).toBe(KNOWN);
    // 100,000 known subjects in a shuffled order, 30,000 new ones each twice, mixed in
    const fresh = randomBytes(30_000 * 16);
    const pool = Buffer.concat([known, fresh]);
    const picks: number[] = [];
    for (let k = 0; k < 100_000; k++) picks.push((k * 7_919) % KNOWN);
    for (let k = 0; k < 30_000; k++) picks.push(KNOWN + k, KNOWN + ((k * 31) % 30_000));
    for (let i = picks.length - 1; i > 0; i--) {
      const j = (i * 2_654_435_761) % (i + 1);
      [picks[i], picks[j]] = [picks[j] as number, picks[i] as number];
    }
    const batch = gather(pool, picks);
    // without create: the known ones found, the new ones not, nothing added
    const look = await d.read((tx) => new SubjectDictionary().assign(tx, batch, picks.length, false));
    expect(look.added).toBe(0);
    expect([...look.indexes]).toEqual(picks.map((p) => (p < KNOWN ? first.indexes[p] : NOT_FOUND)));
    // with create: the new ones numbered from 150,000 in the order of their hashes, a duplicate given the same index
    const made = await assign(d, new SubjectDictionary(), batch, picks.length, true);
    expect(made.added).toBe(30_000);
    const ofNew = new Map<number, number>();
    picks.forEach((p, k) => {
      const index = made.indexes[k] as number;
      if (p < KNOWN) expect(index).toBe(first.indexes[p]);
      else {
        expect(ofNew.get(p) ?? index).toBe(index);
        ofNew.set(p, index);
      }
    });
    const byHash = [...ofNew.keys()].sort((a, b) => {
      const [a0, a1] = hashOrder(pool.subarray(a * 16, a * 16 + 16));
      const [b0, b1] = hashOrder(pool.subarray(b * 16, b * 16 + 16));
      return a0 - b0 || a1 - b1;
    });
    expect(byHash.map((p) => ofNew.get(p))).toEqual(byHash.map((_, rank) => KNOWN + rank));
    // a new instance loads the table (index order) and finds them all; partition lookups agree
    const again = await d.read((tx) => new SubjectDictionary().assign(tx, batch, picks.length, false));
    expect([...again.indexes]).toEqual([...made.indexes]);
    for (const k of [0, 1, 77_777, picks.length - 1])
      expect(
        await d.read((tx) => new SubjectDictionary().lookup(tx, batch.subarray(k * 16, k * 16 + 16))),
      ).toBe(made.indexes[k]);
  });
});

describe("numbering new subjects in place", () => {
  it("sorts records as 128-bit numbers and moves each payload with its record", () => {
    // records that share 0-15 leading bytes with others, so every byte level and the insertion sort are reached
    const record = fc.tuple(fc.integer({ min: 0, max: 15 }), fc.uint8Array({ minLength: 16, maxLength: 16 }));
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 700 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (rs, base) => {
          const distinct = new Map<string, Uint8Array>();
          for (const [shared, tail] of rs) {
            const r = Uint8Array.from(base);
            r.set(tail.subarray(shared), shared);
            distinct.set(hex(r), r);
          }
          const records = [...distinct.values()];
          const n = records.length;
          // as the table holds them: little-endian words, the first word most significant
          const words = new Uint32Array(n * 4 + 8);
          const view = new DataView(words.buffer);
          records.forEach((r, k) => {
            for (let w = 0; w < 4; w++)
              view.setUint32((k + 1) * 16 + w * 4, new DataView(r.buffer).getUint32(w * 4), true);
          });
          const payload = Uint32Array.from({ length: n }, (_, k) => k);
          sortRecordsInPlace(words, 1, n + 1, payload);
          const wordsOf = (r: Uint8Array) => [0, 1, 2, 3].map((w) => new DataView(r.buffer).getUint32(w * 4));
          const expected = records
            .map((r, k) => ({ key: wordsOf(r), k }))
            .sort((a, b) => {
              for (let w = 0; w < 4; w++)
                if (a.key[w] !== b.key[w]) return (a.key[w] as number) - (b.key[w] as number);
              return 0;
            });
          expect([...payload]).toEqual(expected.map((e) => e.k));
          expected.forEach((e, j) => {
            for (let w = 0; w < 4; w++) expect(words[(j + 1) * 4 + w]).toBe(e.key[w]);
          });
          // the records around the range are left alone
          expect([...words.subarray(0, 4), ...words.subarray((n + 1) * 4)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("numbers a first release in the caller's buffer exactly as in a copy, and copies when it may not", async () => {
    // 70,000 distinct subjects, each of the first 5,000 twice, in a shared buffer as SubjectHashSet.take() gives
    const distinct = randomBytes(70_000 * 16);
    const input = Buffer.concat([distinct, distinct.subarray(0, 5_000 * 16)]);
    const shared = () => {
      const b = new Uint8Array(new SharedArrayBuffer(input.length));
      b.set(input);
      return b;
    };
    const copied = await assign(db(), new SubjectDictionary(), shared(), 75_000, true);
    const d = db();
    const given = shared();
    const adopted = await d.write((tx) => new SubjectDictionary().assign(tx, given, 75_000, true, true));
    expect(adopted.added).toBe(70_000);
    expect([...adopted.indexes]).toEqual([...copied.indexes]);
    // the buffer now holds the dictionary's words: the subjects in index order
    const again = await d.read((tx) => new SubjectDictionary().assign(tx, input, 75_000, false));
    expect([...again.indexes]).toEqual([...copied.indexes]);
    const inOrder = await d.read((tx) => new SubjectDictionary().hashesBetween(tx, 0, 70_000));
    expect(hex(given.subarray(0, 70_000 * 16))).toBe(hex(inOrder));
    // not taken: a buffer that is not shared, or a dictionary that is not empty
    const plain = Uint8Array.from(input);
    await assign(db(), new SubjectDictionary(), plain, 75_000, true);
    const other = shared();
    await d.write((tx) => new SubjectDictionary().assign(tx, other, 75_000, true, true));
    expect(hex(plain)).toBe(hex(input));
    expect(hex(other)).toBe(hex(input));
  });
  it("numbers distinct subjects given up as a copy numbers them, and finds each in its partition across write batches", async () => {
    // 450,000 distinct subjects: 9 MB of partition records, more than one 8 MiB write batch
    const n = 450_000;
    const input = randomBytes(n * 16);
    const given = new Uint8Array(new SharedArrayBuffer(input.length));
    given.set(input);
    const copied = await assign(db(), new SubjectDictionary(), Uint8Array.from(input), n, true);
    const d = db();
    const adopted = await d.write((tx) => new SubjectDictionary().assign(tx, given, n, true, true));
    expect(adopted.added).toBe(n);
    expect(Buffer.from(adopted.indexes.buffer).equals(Buffer.from(copied.indexes.buffer))).toBe(true);
    // every 997th subject looked up in its partition alone (no table) by a new instance
    const fresh = new SubjectDictionary();
    for (let i = 0; i < n; i += 997) {
      const found = await d.read((tx) => fresh.lookup(tx, input.subarray(i * 16, (i + 1) * 16)));
      expect(found).toBe(copied.indexes[i]);
    }
    // and the next release appends to partly filled partitions: old and new subjects keep their indexes
    const more = randomBytes(20_000 * 16);
    const both = Buffer.concat([more, input.subarray(0, 20_000 * 16)]);
    const next = await assign(d, new SubjectDictionary(), both, 40_000, true);
    expect(next.added).toBe(20_000);
    expect([...next.indexes.subarray(20_000)]).toEqual([...copied.indexes.subarray(0, 20_000)]);
    for (let i = 0; i < 20_000; i += 101) {
      const found = await d.read((tx) =>
        new SubjectDictionary().lookup(tx, more.subarray(i * 16, (i + 1) * 16)),
      );
      expect(found).toBe(next.indexes[i]);
    }
    // each partition: chunks 0..k, all full but the last, records in index order, 470,000 records in all
    const parts = new Map<number, DictChunk[]>();
    await d.read(async (tx) => {
      for await (const c of tx.allPartChunks()) parts.set(c.part, [...(parts.get(c.part) ?? []), c]);
    });
    let records = 0;
    for (const [part, chunks] of parts) {
      chunks.sort((a, b) => a.chunk - b.chunk);
      expect(chunks.map((c) => c.chunk)).toEqual(chunks.map((_, k) => k));
      for (const c of chunks.slice(0, -1)) expect(c.data.length).toBe(DICT_CHUNK_RECORDS * DICT_RECORD_BYTES);
      const all = Buffer.concat(chunks.map((c) => c.data));
      let previous = -1;
      for (let at = 0; at < all.length; at += DICT_RECORD_BYTES, records++) {
        expect(dictPartition(all.subarray(at, at + 16))).toBe(part);
        const index = all.readUInt32LE(at + 16);
        expect(index).toBeGreaterThan(previous);
        previous = index;
      }
    }
    expect(records).toBe(n + 20_000);
  });
});

describe("growing tables", () => {
  it("keep every subject when the dictionary grows in one process, chunk after chunk", async () => {
    const d = db();
    const dict = new SubjectDictionary();
    const n = 5_000;
    const hashes = randomBytes(n * 16);
    // 100 at a time from an empty table: it grows several times, each time from the subjects it holds
    for (let from = 0; from < n; from += 100)
      await assign(d, dict, hashes.subarray(from * 16, (from + 100) * 16), 100, true);
    const again = await assign(d, dict, hashes, n, true);
    expect(again.added).toBe(0);
    expect(new Set(again.indexes).size).toBe(n);
    expect(Math.max(...again.indexes)).toBe(n - 1);
  });
});

describe("persist", () => {
  it("places the records by a pass over the words or through a list by partition, byte for byte the same", async () => {
    // 70,000 subjects, then 30,000 more into partitions whose last chunks are partly full (kept, then appended)
    const n = 100_000;
    const words = new Uint32Array(randomBytes(n * 16).buffer);
    const stored: string[][] = [];
    for (const passes of [undefined, 0]) {
      const d = db();
      await d.write((tx) => persist(tx, words, 0, 0, 70_000, passes));
      await d.write((tx) => persist(tx, words, 0, 70_000, n, passes));
      const parts: string[] = [];
      await d.read(async (tx) => {
        for await (const chunk of tx.allPartChunks())
          parts.push(`${chunk.part}/${chunk.chunk}:${hex(chunk.data)}`);
      });
      stored.push(parts);
    }
    expect(stored[0]?.length).toBeGreaterThan(50_000);
    expect(stored[0]).toEqual(stored[1]);
    // and a dictionary finds every one of them in its partition
    const d = db();
    await d.write((tx) => persist(tx, words, 0, 0, n));
    const bytes = new Uint8Array(words.buffer);
    for (let i = 0; i < n; i += 769)
      expect(
        await d.read((tx) => new SubjectDictionary().lookup(tx, bytes.subarray(i * 16, i * 16 + 16))),
      ).toBe(i);
  });
});

describe("a small assign into a large dictionary", () => {
  // at most 4,096 subjects into a dictionary 64 times larger, with no table in memory: each subject is looked up
  // in its partition. It must answer, number and store exactly what the in-memory table does.
  it.each([262_144, 300_000])(
    "gives what the table gives, and stores the same bytes (%i known)",
    async (n) => {
      const known = randomBytes(n * 16);
      const fresh = randomBytes(1_000 * 16);
      // 3,000 known (one of them twice), 1,000 new (one of them twice): 4,002 hashes, 4,000 distinct
      const batch = Buffer.concat([
        known.subarray(0, 1_500 * 16),
        fresh.subarray(0, 500 * 16),
        known.subarray((n - 1_500) * 16),
        fresh.subarray(500 * 16),
        known.subarray(16, 32),
        fresh.subarray(999 * 16),
      ]);
      const stores = [db(), db()];
      const holders = [new SubjectDictionary(), new SubjectDictionary()];
      for (const [i, d] of stores.entries()) await assign(d, holders[i] as SubjectDictionary, known, n, true);
      // store 0 through a new instance (no table: the partition path), store 1 through the one holding its table
      const sparse = await assign(stores[0] as LedgerStore, new SubjectDictionary(), batch, 4_002, true);
      const table = await assign(
        stores[1] as LedgerStore,
        holders[1] as SubjectDictionary,
        batch,
        4_002,
        true,
      );
      expect(sparse.added).toBe(1_000);
      expect(table.added).toBe(1_000);
      expect([...sparse.indexes]).toEqual([...table.indexes]);
      expect(sparse.indexes[4_000]).toBe(sparse.indexes[1]);
      expect(sparse.indexes[4_001]).toBe(sparse.indexes[3_999]);
      // both stores now hold the same dictionary: its index-ordered copy, and every partition's records
      const dump = async (d: LedgerStore) => {
        const c = new SubjectDictionary();
        const all = Buffer.concat([known, fresh]);
        const { indexes } = await d.read((tx) => c.assign(tx, all, n + 1_000, false));
        const parts: string[] = [];
        await d.read(async (tx) => {
          for await (const chunk of tx.allPartChunks())
            parts.push(`${chunk.part}/${chunk.chunk}:${hex(chunk.data)}`);
        });
        return { indexes: [...indexes], linear: hex(c.hashRange(0, n + 1_000)), parts };
      };
      const [a, b] = [await dump(stores[0] as LedgerStore), await dump(stores[1] as LedgerStore)];
      expect(a.indexes.includes(NOT_FOUND)).toBe(false);
      expect(a).toEqual(b);
      // lookups without create answer NOT_FOUND for strangers, and hashesBetween reads the store without a table
      const stranger = randomBytes(16);
      const looked = await stores[0]?.read((tx) =>
        new SubjectDictionary().assign(tx, Buffer.concat([stranger, fresh.subarray(0, 16)]), 2, false),
      );
      expect([...(looked?.indexes ?? [])]).toEqual([NOT_FOUND, sparse.indexes[1_500]]);
      const between = await stores[0]?.read((tx) => new SubjectDictionary().hashesBetween(tx, n - 3, n + 2));
      expect(hex(between ?? new Uint8Array())).toBe(a.linear.slice((n - 3) * 32, (n + 2) * 32));
    },
  );
});

describe("subject dictionary shared by two processes", () => {
  it("sees what another instance added, and rebuilds after a rolled-back assign", async () => {
    const d = db();
    const mine = new SubjectDictionary();
    const theirs = new SubjectDictionary();
    const a = randomBytes(100 * 16);
    await assign(d, mine, a, 100, true);
    // a rolled-back transaction: `mine` holds 50 subjects the store never kept
    const lost = randomBytes(50 * 16);
    await expect(
      d.write(async (tx) => {
        await mine.assign(tx, lost, 50, true);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    // meanwhile another host adds 70 others, so the store holds more than `mine` believed it added
    const b = randomBytes(70 * 16);
    const added = await assign(d, theirs, b, 70, true);
    expect(Math.min(...added.indexes)).toBe(100);
    // `mine` must see their 70 at their indexes, and not its 50 lost ones
    const seen = await d.read((tx) => mine.assign(tx, b, 70, false));
    expect([...seen.indexes]).toEqual([...added.indexes]);
    const gone = await d.read((tx) => mine.assign(tx, lost, 50, false));
    expect(gone.indexes.every((i) => i === NOT_FOUND)).toBe(true);
    expect(await d.read((tx) => mine.size(tx))).toBe(170);
  });
});
