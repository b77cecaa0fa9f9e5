// linkage risk of two hand-made files; every expected figure was counted by hand from the tables below.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_LINK_SHARE, linkFiles, linkVerdict } from "../src/risk/index.js";
import { tempDir } from "./support/cli.js";

const tmp = tempDir("jikimi-link-");
afterAll(() => tmp.cleanup());
const write = (name: string, text: string): string => {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
};
// 43-character base64url values, shaped like `jikimi share` pseudonyms (32 bytes)
const P = (n: number): string => `Pz${n}${"k".repeat(40)}`;

// A: id, pid, birth, zip          B: key, pseudo, birth, zip
// A1 P1 1990-01-01 111            K1 P1 1990-01-01 111
// A2 P2 1990-01-01 111            K2 P3 1985-05-05 222
// A3 P3 1985-05-05 222            K3 P3 1970-07-07 333
// A4 P4 1970-07-07 333            K4 P5 1999-09-09 999
// A5 P5 1970-07-07 444            K5 P9 1960-06-06 555
// A6 P6 1960-06-06 555
const A_ROWS = [
  ["A1", P(1), "1990-01-01", "111"],
  ["A2", P(2), "1990-01-01", "111"],
  ["A3", P(3), "1985-05-05", "222"],
  ["A4", P(4), "1970-07-07", "333"],
  ["A5", P(5), "1970-07-07", "444"],
  ["A6", P(6), "1960-06-06", "555"],
];
const B_ROWS = [
  ["K1", P(1), "1990-01-01", "111"],
  ["K2", P(3), "1985-05-05", "222"],
  ["K3", P(3), "1970-07-07", "333"],
  ["K4", P(5), "1999-09-09", "999"],
  ["K5", P(9), "1960-06-06", "555"],
];
const a = write("a.csv", `id,pid,birth,zip\n${A_ROWS.map((r) => r.join(",")).join("\n")}\n`);
const b = write("b.csv", `key,pseudo,birth,zip\n${B_ROWS.map((r) => r.join(",")).join("\n")}\n`);

describe("linkFiles", () => {
  it("finds the joining column pairs and the records linking one to one", async () => {
    const r = await linkFiles(a, b);
    expect(r.a).toEqual({ file: a, records: 6, columns: 4, badRecords: 0 });
    expect(r.b).toEqual({ file: b, records: 5, columns: 4, badRecords: 0 });
    expect(r.truncated).toEqual([]);
    // zip: A {111 x2, 222, 333, 444, 555}, B {111, 222, 333, 999, 555}: 4 of A's 5 values in B; 222, 333, 555
    // occur once on each side -> 3 records link (3/6 of A, 3/5 of B)
    // birth: A's 4 values all in B; 1985-05-05 and 1960-06-06 once on each side -> 2
    // pid -> pseudo: P1, P3, P5 of A's 6 in B; P3 twice in B -> P1, P5 link -> 2
    // zip: A {111 x2, 222, 333, 444, 555}, B {111, 222, 333, 999, 555}: 4 of A's 5 values in B; 222, 333, 555
    // occur once on each side -> 3 records link mutually (3/6 of A, 3/5 of B); A -> B: 111 (2 records), 222, 333,
    // 555 are once in B -> 5 of A's 6 records link to exactly one of B; B -> A: 222, 333, 555 once in A -> 3 of 5
    // birth: A's 4 values all in B, each once in B -> all 6 of A's records link (A1 and A2 to K1; A4 and A5 to
    // K3); 1985-05-05 and 1960-06-06 once on each side -> mutual 2, and B -> A 2
    // pid -> pseudo: P1, P3, P5 of A's 6 in B; P3 twice in B -> P1, P5 link mutually -> 2; A -> B: P1, P5 -> 2;
    // B -> A: K1 (P1), K2 and K3 (P3), K4 (P5) each find one record of A -> 4 of 5
    // order: by the larger of the two directional shares: birth 6/6, zip 5/6, pid 4/5
    expect(r.pairs).toEqual([
      {
        a: "birth",
        b: "birth",
        kind: "values",
        distinctA: 4,
        distinctB: 5,
        overlap: 1,
        oneToOne: 2,
        oneToOneShareA: 2 / 6,
        oneToOneShareB: 2 / 5,
        linkedA: 6,
        linkedShareA: 1,
        linkedB: 2,
        linkedShareB: 2 / 5,
      },
      {
        a: "zip",
        b: "zip",
        kind: "values",
        distinctA: 5,
        distinctB: 5,
        overlap: 4 / 5,
        oneToOne: 3,
        oneToOneShareA: 3 / 6,
        oneToOneShareB: 3 / 5,
        linkedA: 5,
        linkedShareA: 5 / 6,
        linkedB: 3,
        linkedShareB: 3 / 5,
      },
      {
        a: "pid",
        b: "pseudo",
        kind: "pseudonym",
        distinctA: 6,
        distinctB: 4,
        overlap: 3 / 6,
        oneToOne: 2,
        oneToOneShareA: 2 / 6,
        oneToOneShareB: 2 / 5,
        linkedA: 2,
        linkedShareA: 2 / 6,
        linkedB: 4,
        linkedShareB: 4 / 5,
      },
    ]);
  });

  it("names the strongest join per file and judges the larger share", async () => {
    const r = await linkFiles(a, b);
    expect(r.strongest).toEqual({
      aToB: { records: 6, share: 1, via: { kind: "values", a: "birth", b: "birth" } },
      bToA: { records: 4, share: 4 / 5, via: { kind: "pseudonym", a: "pid", b: "pseudo" } },
    });
    expect(r.verdict).toEqual({
      linkable: true,
      maxLinkShare: DEFAULT_MAX_LINK_SHARE,
      share: 1,
      direction: "aToB",
    });
    // the same files the other way round: the figures swap sides
    const back = await linkFiles(b, a);
    expect(back.strongest.bToA).toEqual({
      records: 6,
      share: 1,
      via: { kind: "values", a: "birth", b: "birth" },
    });
    expect(back.verdict.direction).toBe("bToA");
  });

  it("links records by the quasi-identifiers both files name alike", async () => {
    // (birth, zip): in A (1990-01-01,111) twice, 4 unique tuples; in B 5 unique; unique in both:
    // (1985-05-05,222), (1970-07-07,333), (1960-06-06,555) -> 3
    const r = await linkFiles(a, b);
    expect(r.quasiIdentifiers).toEqual({
      columns: ["birth", "zip"],
      uniqueInA: 4,
      uniqueInB: 5,
      oneToOne: 3,
      oneToOneShareA: 3 / 6,
      oneToOneShareB: 3 / 5,
      // A -> B: (1990-01-01,111) twice in A, once in B -> both A1 and A2 link to K1, plus the 3 above -> 5
      linkedA: 5,
      linkedShareA: 5 / 6,
      linkedB: 3,
      linkedShareB: 3 / 5,
    });
  });

  it("reports a column truncated at the bound on distinct values", async () => {
    const r = await linkFiles(a, b, { maxDistinct: 3 });
    expect(r.truncated).toContainEqual({ file: a, column: "id" });
    expect(r.truncated).toContainEqual({ file: b, column: "key" });
  });

  it("no shared column names: no quasi-identifier tuple", async () => {
    const c = write("c.csv", "x,y\n1,2\n");
    const r = await linkFiles(a, c);
    expect(r.quasiIdentifiers).toBeUndefined();
    expect(r.pairs).toEqual([]);
    expect(r.strongest).toEqual({ aToB: { records: 0, share: 0 }, bToA: { records: 0, share: 0 } });
    expect(r.verdict.linkable).toBe(false);
    // nothing links, so even a zero threshold passes
    expect((await linkFiles(a, c, { maxLinkShare: 0 })).verdict.linkable).toBe(false);
  });

  it("counts every record of a file that links to exactly one record, not only values unique on both sides", async () => {
    // payments: customer C1 x3, C2 x2, C3 x1; customers C1..C10, one row each. Every payment links to exactly one
    // customer (6 of 6), but the mutual one-to-one figure counts only C3's single payment (1 of 6)
    const pay = write(
      "pay.csv",
      `cust,amount\n${["C1", "C1", "C1", "C2", "C2", "C3"].map((c, i) => `${c},${i}0`).join("\n")}\n`,
    );
    const cus = write(
      "cus.csv",
      `customer\n${Array.from({ length: 10 }, (_, i) => `C${i + 1}`).join("\n")}\n`,
    );
    const r = await linkFiles(pay, cus, { maxLinkShare: 0.2 });
    const pair = r.pairs.find((p) => p.a === "cust" && p.b === "customer");
    expect(pair).toMatchObject({
      oneToOne: 1,
      oneToOneShareA: 1 / 6,
      linkedA: 6,
      linkedShareA: 1,
      linkedB: 1,
    });
    // the old figure (1/6 of A, 1/10 of B) stays under 0.2; the directional one is 100%
    expect(Math.max(pair?.oneToOneShareA ?? 1, pair?.oneToOneShareB ?? 1)).toBeLessThan(0.2);
    expect(r.strongest.aToB).toEqual({
      records: 6,
      share: 1,
      via: { kind: "values", a: "cust", b: "customer" },
    });
    expect(r.verdict).toEqual({ linkable: true, maxLinkShare: 0.2, share: 1, direction: "aToB" });
  });

  it("a share equal to the threshold passes; above it is linkable", () => {
    const strongest = {
      aToB: { records: 3, share: 0.3 },
      bToA: { records: 1, share: 0.1 },
    };
    expect(linkVerdict(strongest, 0.3)).toEqual({
      linkable: false,
      maxLinkShare: 0.3,
      share: 0.3,
      direction: "aToB",
    });
    expect(linkVerdict(strongest, 0.29).linkable).toBe(true);
  });

  it("refuses a threshold outside 0 to 1", async () => {
    await expect(linkFiles(a, b, { maxLinkShare: 1.5 })).rejects.toThrow(/from 0 to 1/);
    await expect(linkFiles(a, b, { maxLinkShare: Number.NaN })).rejects.toThrow(/from 0 to 1/);
  });
});
