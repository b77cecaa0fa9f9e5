// jikimi risk and jikimi link through the CLI: exit codes, the figures in text and JSON, bad input with a clear
// message, and no input value anywhere in what the CLI prints.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jikimi, tempDir } from "./support/cli.js";

const tmp = tempDir("jikimi-risk-cli-");
afterAll(() => tmp.cleanup());
const write = (name: string, text: string | Uint8Array): string => {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
};

// distinctive values, so any leak is visible; classes of sizes 2, 3, 4, 1 as in risk.test.ts
const ROWS = [
  ["Age30yrs", "Zip100qq", "SexMale", "DxInfluenza"],
  ["Age30yrs", "Zip100qq", "SexMale", "DxCommonCold"],
  ["Age40yrs", "Zip200qq", "SexFemale", "DxInfluenza"],
  ["Age40yrs", "Zip200qq", "SexFemale", "DxInfluenza"],
  ["Age40yrs", "Zip200qq", "SexFemale", "DxCarcinoma"],
  ["Age50yrs", "Zip300qq", "SexMale", "DxInfluenza"],
  ["Age50yrs", "Zip300qq", "SexMale", "DxCommonCold"],
  ["Age50yrs", "Zip300qq", "SexMale", "DxCommonCold"],
  ["Age50yrs", "Zip300qq", "SexMale", "DxInfluenza"],
  ["Age60yrs", "Zip400qq", "SexFemale", "DxCommonCold"],
];
const VALUES = [...new Set(ROWS.flat())];
const file = write("t.csv", `age,zip,sex,disease\n${ROWS.map((r) => r.join(",")).join("\n")}\n`);
const other = write(
  "u.csv",
  `zip,sex,note\n${ROWS.slice(2, 8)
    .map((r) => `${r[1]},${r[2]},NoteText${r[0]}`)
    .join("\n")}\n`,
);

function expectNoValues(out: string): void {
  for (const v of [...VALUES, "NoteText"]) expect(out).not.toContain(v);
}

describe("jikimi risk", () => {
  it("prints the figures and the riskiest combinations as text, exit 0", () => {
    const r = jikimi(["risk", file, "--qi", "age,zip,sex", "--sensitive", "disease"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("10 records, 3 quasi-identifiers (age, zip, sex)");
    expect(r.stdout).toMatch(/equivalence classes\s+4\n/);
    expect(r.stdout).toMatch(/k \(smallest class\)\s+1\n/);
    expect(r.stdout).toMatch(/unique records\s+10\.00% \(1\)/);
    expect(r.stdout).toMatch(/prosecutor risk\s+max 1\.0000, average 0\.4000/);
    expect(r.stdout).toMatch(/marketer risk\s+0\.4000/);
    expect(r.stdout).toMatch(/l-diversity \(disease\)\s+distinct l = 1, entropy l = 1\.00/);
    expect(r.stdout).toMatch(/ 0\.00%\s+4\s+sex\n/);
    expectNoValues(r.stdout + r.stderr);
  });

  it("prints JSON with the report's fields", () => {
    const r = jikimi(["risk", file, "--qi", "age,zip,sex", "--sensitive", "disease", "--format", "json"]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({
      records: 10,
      classes: 4,
      k: 1,
      unique_share: 0.1,
      prosecutor_max: 1,
      l_diversity: { distinct_min: 1, entropy_min: 1 },
      bad_records: 0,
    });
    expect(j.riskiest).toHaveLength(7);
    expectNoValues(r.stdout + r.stderr);
  });

  it("exit 2 for an unknown column, naming the file's columns", () => {
    const r = jikimi(["risk", file, "--qi", "age,postcode"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('has no column "postcode"; its columns are: age, zip, sex, disease');
    expectNoValues(r.stdout + r.stderr);
  });

  it("exit 2 for a missing, an empty and a binary file", () => {
    const missing = jikimi(["risk", join(tmp.dir, "nope.csv"), "--qi", "a"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
    const empty = jikimi(["risk", write("empty.csv", ""), "--qi", "a"]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/is empty/);
    const binary = jikimi([
      "risk",
      write("bin.csv", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2])),
      "--qi",
      "a",
    ]);
    expect(binary.status).toBe(2);
    expect(binary.stderr).toMatch(/binary/);
    const emptyJsonl = jikimi(["risk", write("empty.jsonl", ""), "--qi", "a"]);
    expect(emptyJsonl.status).toBe(2);
  });

  it("exit 2 for an empty --qi item", () => {
    const r = jikimi(["risk", file, "--qi", "age,,zip"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--qi takes column names/);
  });
});

describe("jikimi link", () => {
  it("prints the joining columns and the one-to-one links, never a value", () => {
    const r = jikimi(["link", file, other]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("no column of A joins a column of B one to one");
    expect(r.stdout).toContain("quasi-identifiers in both (zip, sex)");
    expectNoValues(r.stdout + r.stderr);
    const j = JSON.parse(jikimi(["link", file, other, "--format", "json"]).stdout) as {
      pairs: { a: string; b: string; overlap: number; one_to_one: number }[];
      quasi_identifiers: { one_to_one: number };
    };
    // zip -> zip: A {100, 200, 300, 400}, B {200, 300}: overlap 2/4; both values repeat: no 1:1 link
    expect(j.pairs.find((p) => p.a === "zip" && p.b === "zip")).toMatchObject({
      overlap: 0.5,
      one_to_one: 0,
    });
    expect(j.quasi_identifiers.one_to_one).toBe(0);
  });

  it("names keyed pseudonyms that join, with the share linking one to one", () => {
    const p = (n: number): string => `PseudoValue${n}${"Q".repeat(32)}`;
    const a = write("pa.csv", `pid,n\n${[1, 2, 3, 4].map((i) => `${p(i)},${i}`).join("\n")}\n`);
    const b = write("pb.csv", `token\n${[1, 2, 2, 9].map((i) => p(i)).join("\n")}\n`);
    const r = jikimi(["link", a, b]);
    // 75% of B's records link to exactly one of A: above the default --max-link-share (0.05)
    expect(r.status).toBe(1);
    // A -> B: P1 is once in B -> 1 of A's 4 records (25.00%); B -> A: P1, P2, P2 are once in A -> 3 of B's 4
    // (75.00%); overlap: P1, P2 of 4 -> 50.00%
    expect(r.stdout).toMatch(
      /50\.00%\s+25\.00%\s+75\.00%\s+pid -> token\n\s+same keyed pseudonym values: the recipient can join these files/,
    );
    expect(r.stdout).not.toContain("PseudoValue");
  });

  it("exit 2 for a missing file", () => {
    const r = jikimi(["link", file, join(tmp.dir, "nope.csv")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
  });
});
