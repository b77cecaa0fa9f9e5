import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "../../store/sqlite.js";
import { NOT_FOUND, SubjectDictionary } from "./dictionary.js";

function db(): Database.Database {
  const d = new Database(":memory:");
  migrate(d);
  return d;
}

describe("subject dictionary", () => {
  it("gives every hash one dense index that new instances load back, across chunk boundaries", () => {
    const d = db();
    const first = randomBytes(70_000 * 16);
    const a = new SubjectDictionary(d).assign(first, 70_000, true);
    expect(a.added).toBe(70_000);
    expect([...a.indexes.slice(0, 3)]).toEqual([0, 1, 2]);
    // a second process: the same hashes and 10,000 new ones, with a duplicate inside the batch
    const more = Buffer.concat([
      first.subarray(0, 5_000 * 16),
      randomBytes(10_000 * 16),
      first.subarray(0, 16),
    ]);
    const b = new SubjectDictionary(d).assign(more, 15_001, true);
    expect(b.added).toBe(10_000);
    expect([...b.indexes.slice(0, 5_000)]).toEqual([...a.indexes.slice(0, 5_000)]);
    expect(b.indexes[15_000]).toBe(0);
    expect(b.indexes[5_000]).toBe(70_000);
    // a third: everything known, nothing added, and single lookups agree
    const c = new SubjectDictionary(d);
    const again = c.assign(Buffer.concat([first, more]), 85_001, false);
    expect(again.indexes.includes(NOT_FOUND)).toBe(false);
    expect(c.size()).toBe(80_000);
    for (const i of [0, 4_095, 4_096, 65_535, 65_536, 69_999])
      expect(c.lookup(first.subarray(i * 16, i * 16 + 16))).toBe(i);
    expect(c.lookup(randomBytes(16))).toBeUndefined();
    expect(c.assign(randomBytes(16), 1, false).indexes[0]).toBe(NOT_FOUND);
  });

  it("accepts hashes that do not start on a 4-byte boundary", () => {
    const d = db();
    const buf = randomBytes(1 + 3 * 16);
    const odd = buf.subarray(1);
    const dict = new SubjectDictionary(d);
    expect([...dict.assign(odd, 3, true).indexes]).toEqual([0, 1, 2]);
    expect([...new SubjectDictionary(d).assign(Buffer.from(odd), 3, false).indexes]).toEqual([0, 1, 2]);
  });
});
