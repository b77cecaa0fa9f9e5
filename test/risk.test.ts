// re-identification risk on hand-computed tables: every expected figure below was worked out by hand from the
// table above it (docs/risk.md has the formulas).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyseRisk, RiskAccumulator, riskOfFile } from "../src/risk/index.js";
import { tempDir } from "./support/cli.js";

// 10 records, QIs age, zip, sex; classes of sizes 2 (30,100,M), 3 (40,200,F), 4 (50,300,M) and 1 (60,400,F)
const TABLE = [
  ["30", "100", "M", "flu"],
  ["30", "100", "M", "cold"],
  ["40", "200", "F", "flu"],
  ["40", "200", "F", "flu"],
  ["40", "200", "F", "cancer"],
  ["50", "300", "M", "flu"],
  ["50", "300", "M", "cold"],
  ["50", "300", "M", "cold"],
  ["50", "300", "M", "flu"],
  ["60", "400", "F", "cold"],
];

function accumulate(rows: string[][], sensitive = true): RiskAccumulator {
  const acc = new RiskAccumulator(["age", "zip", "sex"], sensitive ? { sensitive: "disease" } : {});
  for (const r of rows) acc.add(r.slice(0, 3), r[3]);
  return acc;
}

const tmp = tempDir("jikimi-risk-");
afterAll(() => tmp.cleanup());
const csv = (name: string, header: string, rows: string[][]): string => {
  const path = join(tmp.dir, name);
  writeFileSync(path, `${header}\n${rows.map((r) => r.join(",")).join("\n")}\n`);
  return path;
};

describe("RiskAccumulator on a 10-record table with classes of sizes 1, 2, 3, 4", () => {
  const r = accumulate(TABLE).report();

  it("counts records and classes, k and the unique share", () => {
    expect(r.records).toBe(10);
    expect(r.classes).toBe(4);
    expect(r.k).toBe(1); // the class (60,400,F)
    expect(r.uniqueShare).toBe(0.1); // 1 record of 10
  });

  it("prosecutor and marketer risk", () => {
    expect(r.prosecutorMax).toBe(1); // 1/k
    // average of 1/|class| over records: (2*1/2 + 3*1/3 + 4*1/4 + 1*1/1) / 10 = 4/10
    expect(r.prosecutorAvg).toBeCloseTo(0.4, 12);
    expect(r.marketer).toBeCloseTo(0.4, 12); // classes / records without a population
    expect(r.journalistMax).toBeUndefined();
    expect(r.journalistAvg).toBeUndefined();
  });

  it("l-diversity: the singleton class has one sensitive value", () => {
    expect(r.lDiversity).toEqual({ distinctMin: 1, entropyMin: 1 });
  });

  it("riskiest: the full QI set only without subsets", () => {
    expect(r.riskiest).toEqual([{ columns: ["age", "zip", "sex"], k: 1, uniqueShare: 0.1 }]);
  });

  it("without a sensitive attribute there is no l-diversity", () => {
    expect(accumulate(TABLE, false).report().lDiversity).toBeUndefined();
  });
});

describe("l-diversity without the singleton (9 records, classes 2, 3, 4)", () => {
  const r = accumulate(TABLE.slice(0, 9)).report();
  it("distinct l = 2; entropy l = exp(H) of the class {flu, flu, cancer} = 3 / 2^(2/3)", () => {
    // (30,100,M): {flu, cold} H = ln 2; (40,200,F): {flu, flu, cancer} H = -(2/3 ln 2/3 + 1/3 ln 1/3);
    // (50,300,M): {flu, cold, cold, flu} H = ln 2. exp(H) = (3/2)^(2/3) * 3^(1/3) = 3 / 2^(2/3) = 1.88988...
    expect(r.lDiversity?.distinctMin).toBe(2);
    expect(r.lDiversity?.entropyMin).toBeCloseTo(3 / 2 ** (2 / 3), 12);
    expect(r.lDiversity?.entropyMin).toBeCloseTo(1.88988, 5);
    expect(r.k).toBe(2);
    expect(r.uniqueShare).toBe(0);
    expect(r.prosecutorMax).toBe(0.5);
    expect(r.prosecutorAvg).toBeCloseTo(3 / 9, 12);
  });
});

describe("riskiest QI combinations, all subsets", () => {
  // a b c: (1,x,p) (1,x,q) (1,y,p) (2,y,p) (2,y,p) (2,x,q)
  const rows = [
    ["1", "x", "p"],
    ["1", "x", "q"],
    ["1", "y", "p"],
    ["2", "y", "p"],
    ["2", "y", "p"],
    ["2", "x", "q"],
  ];
  it("ranks the 7 subsets by unique share, then k", async () => {
    const acc = new RiskAccumulator(["a", "b", "c"]);
    for (const r of rows) acc.add(r);
    const report = acc.report({ subsets: true });
    // full: classes 1,1,1,2,1 -> k 1, 4/6 unique; {a,b}: (1,x)2 (1,y)1 (2,y)2 (2,x)1 -> 2/6;
    // {a,c}: (1,p)2 (1,q)1 (2,p)2 (2,q)1 -> 2/6; {b,c}: (x,p)1 (x,q)2 (y,p)3 -> 1/6;
    // {c}: p4 q2 -> k 2; {a}: 3,3 -> k 3; {b}: 3,3 -> k 3
    expect(report.riskiest).toEqual([
      { columns: ["a", "b", "c"], k: 1, uniqueShare: 4 / 6 },
      { columns: ["a", "b"], k: 1, uniqueShare: 2 / 6 },
      { columns: ["a", "c"], k: 1, uniqueShare: 2 / 6 },
      { columns: ["b", "c"], k: 1, uniqueShare: 1 / 6 },
      { columns: ["c"], k: 2, uniqueShare: 0 },
      { columns: ["a"], k: 3, uniqueShare: 0 },
      { columns: ["b"], k: 3, uniqueShare: 0 },
    ]);
    expect(report.k).toBe(1);
    expect(report.uniqueShare).toBeCloseTo(4 / 6, 12);
    expect(report.classes).toBe(5);
    // the same through a file
    const path = csv("abc.csv", "a,b,c", rows);
    expect((await riskOfFile(path, { qi: ["a", "b", "c"], subsets: true })).riskiest).toEqual(
      report.riskiest,
    );
  });

  it("agrees with a brute-force count on a random table (6 QIs, 63 subsets)", () => {
    const qi = ["q0", "q1", "q2", "q3", "q4", "q5"];
    let seed = 7;
    const rnd = (m: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % m;
    };
    const data = Array.from({ length: 2000 }, () => qi.map((_, i) => String(rnd(2 + i * 3))));
    const acc = new RiskAccumulator(qi);
    for (const r of data) acc.add(r);
    const got = acc.report({ subsets: true }).riskiest;
    expect(got).toHaveLength(63);
    for (const g of got) {
      const idx = g.columns.map((c) => qi.indexOf(c));
      const counts = new Map<string, number>();
      for (const r of data) {
        const key = idx.map((i) => r[i]).join("|");
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const sizes = [...counts.values()];
      expect(g.k).toBe(Math.min(...sizes));
      expect(g.uniqueShare).toBeCloseTo(sizes.filter((s) => s === 1).length / data.length, 12);
    }
  });
});

describe("journalist risk with a population table", () => {
  it("uses the population class sizes F: 5, 3, 8, 2 for the sample classes of sizes 2, 3, 4, 1", async () => {
    const sample = csv("sample.csv", "age,zip,sex,disease", TABLE);
    const pop = [
      ...Array.from({ length: 5 }, () => ["30", "100", "M"]),
      ...Array.from({ length: 3 }, () => ["40", "200", "F"]),
      ...Array.from({ length: 8 }, () => ["50", "300", "M"]),
      ...Array.from({ length: 2 }, () => ["60", "400", "F"]),
      ...Array.from({ length: 2 }, () => ["70", "500", "F"]),
    ];
    const population = csv(
      "population.csv",
      "sex,zip,age",
      pop.map(([a, z, s]) => [s ?? "", z ?? "", a ?? ""]),
    );
    const a = await analyseRisk(sample, { qi: ["age", "zip", "sex"], population });
    expect(a.populationRecords).toBe(20);
    // max: 1 / min F = 1/2; sum f/F = 2/5 + 3/3 + 4/8 + 1/2 = 2.4; avg = max(4 / 18, 2.4 / 10) = 0.24
    expect(a.report.journalistMax).toBe(0.5);
    expect(a.report.journalistAvg).toBeCloseTo(0.24, 12);
    expect(a.report.marketer).toBeCloseTo(0.24, 12);
    // prosecutor risk does not change
    expect(a.report.prosecutorMax).toBe(1);
    expect(a.report.prosecutorAvg).toBeCloseTo(0.4, 12);
  });
});

describe("riskOfFile", () => {
  it("gives the same figures from CSV and JSON Lines", async () => {
    const path = csv("t.csv", "age,zip,sex,disease", TABLE);
    const jsonl = join(tmp.dir, "t.jsonl");
    writeFileSync(
      jsonl,
      `${TABLE.map(([age, zip, sex, disease]) => JSON.stringify({ age, zip, sex, disease })).join("\n")}\n`,
    );
    const a = await riskOfFile(path, { qi: ["age", "zip", "sex"], sensitive: "disease" });
    const b = await riskOfFile(jsonl, { qi: ["age", "zip", "sex"], sensitive: "disease" });
    expect(a).toEqual(b);
    expect(a.k).toBe(1);
    expect(a.classes).toBe(4);
  });

  it("handles quoted fields the same as plain ones", async () => {
    const quoted = TABLE.map((r) => r.map((v) => `"${v}"`));
    const a = await riskOfFile(csv("q.csv", "age,zip,sex,disease", quoted), {
      qi: ["age", "zip", "sex"],
      sensitive: "disease",
    });
    expect(a).toEqual(accumulate(TABLE).report());
  });

  it("a file with a header only: no records, k 0", async () => {
    const r = await riskOfFile(csv("h.csv", "age,zip,sex", []), { qi: ["age"] });
    expect(r).toMatchObject({ records: 0, classes: 0, k: 0, uniqueShare: 0, prosecutorMax: 0 });
  });

  it("names the columns when a QI is unknown", async () => {
    await expect(
      riskOfFile(csv("u.csv", "age,zip", [["1", "2"]]), { qi: ["age", "postcode"] }),
    ).rejects.toThrow(/no column "postcode"; its columns are: age, zip/);
  });

  it("refuses an empty QI list and a QI named twice", () => {
    expect(() => new RiskAccumulator([])).toThrow(/at least one/);
    expect(() => new RiskAccumulator(["a", "a"])).toThrow(/named twice/);
  });
});
