// linkage risk of two hand-made files; every expected figure was counted by hand from the tables below.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { linkFiles } from "../src/risk/index.js";
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
    expect(r.pairs).toEqual([
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
      },
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
      },
    ]);
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
  });
});
