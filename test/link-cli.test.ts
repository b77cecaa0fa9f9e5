// jikimi link through the CLI: the per-file share of records linking to exactly one record of the other file,
// the verdict and its exit code (1 above --max-link-share, 0 at or below, 2 for a bad option), and no record value
// anywhere in what the CLI prints.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CliRun, jikimi, tempDir } from "./support/cli.js";

const tmp = tempDir("jikimi-link-cli-");
afterAll(() => tmp.cleanup());
const write = (name: string, lines: string[]): string => {
  const path = join(tmp.dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};
const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

// distinctive values, so any leak is visible: every value holds "Qx"
const id = (i: number): string => `CustQx${String(i).padStart(5, "0")}`;
// 20 customers, each also among the 500 of the register (ids 0..19 of 0..499): every record of the small file
// matches exactly one record of the large one; the register's other columns never meet the small file's
const small = write("small.csv", ["customer,plan", ...range(20, (i) => `${id(i)},PlanQx${i % 3}`)]);
const large = write("large.csv", ["cust_id,region", ...range(500, (i) => `${id(i)},RegionQx${i % 7}`)]);
// unrelated: no value in common with the small file
const unrelated = write("unrelated.csv", [
  "code,colour",
  ...range(40, (i) => `OtherQx${i},ColourQx${i % 4}`),
]);
// payments: 10 records over 3 customers (5, 3 and 2 payments); every payment links to exactly one customer of the
// register, while only values unique on both sides (none here) would count as mutual one-to-one
const payments = write("payments.csv", [
  "payer,amount",
  ...[0, 0, 0, 0, 0, 1, 1, 1, 2, 2].map((c, i) => `${id(c)},AmountQx${i}`),
]);
// 3 of 10 records link: ids 0..2 are in the register, the other 7 are not
const partial = write("partial.csv", ["customer", ...range(10, (i) => (i < 3 ? id(i) : `NobodyQx${i}`))]);

const runs: CliRun[] = [];
const link = (args: string[]): CliRun => {
  const r = jikimi(["link", ...args]);
  runs.push(r);
  return r;
};

interface LinkJson {
  strongest: {
    a_to_b: { records: number; share: number; via?: { kind: string; a?: string; b?: string } };
    b_to_a: { records: number; share: number };
  };
  verdict: { linkable: boolean; max_link_share: number; share: number; direction: string };
  pairs: { a: string; b: string; one_to_one: number; one_to_one_share_a: number; linked_share_a: number }[];
}

describe("jikimi link: the share of records linking to exactly one record, and the verdict", () => {
  it("a 100% one-to-one join exits 1 and reports 100% for the small file", () => {
    const r = link([small, large]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/A -> B\s+100\.00%\s+\(20 of 20\)\s+via customer -> cust_id/);
    expect(r.stdout).toMatch(/B -> A\s+4\.00%\s+\(20 of 500\)\s+via customer -> cust_id/);
    expect(r.stdout).toContain(
      "linkable: 100.00% of A's records link to exactly one record of B (above --max-link-share 5.00%)",
    );
    const j = JSON.parse(link([small, large, "--format", "json"]).stdout) as LinkJson;
    expect(j.strongest.a_to_b).toEqual({
      records: 20,
      share: 1,
      via: { kind: "values", a: "customer", b: "cust_id" },
    });
    expect(j.strongest.b_to_a).toMatchObject({ records: 20, share: 20 / 500 });
    expect(j.verdict).toEqual({ linkable: true, max_link_share: 0.05, share: 1, direction: "a_to_b" });
  });

  it("the files the other way round: the small file is B, and the verdict names it", () => {
    const r = link([large, small]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("linkable: 100.00% of B's records link to exactly one record of A");
  });

  it("two unrelated files exit 0, even with a zero threshold", () => {
    const r = link([small, unrelated]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("no column of A joins a column of B one to one");
    expect(r.stdout).toMatch(/A -> B\s+0\.00%\s+\(0 of 20\)\s+no join/);
    expect(r.stdout).toContain(
      "not linkable above --max-link-share 5.00%: at most 0.00% of a file's records link to exactly one record of the other",
    );
    expect(link([small, unrelated, "--max-link-share", "0"]).status).toBe(0);
    const j = JSON.parse(link([small, unrelated, "-f", "json"]).stdout) as LinkJson;
    expect(j.verdict).toMatchObject({ linkable: false, share: 0 });
  });

  it("--max-link-share moves the verdict: 30% of A links", () => {
    expect(link([partial, large]).status).toBe(1);
    const above = link([partial, large, "--max-link-share", "0.29"]);
    expect(above.status).toBe(1);
    expect(above.stdout).toContain("linkable: 30.00% of A's records");
    // a share equal to the threshold passes
    const equal = link([partial, large, "--max-link-share", "0.3"]);
    expect(equal.status).toBe(0);
    expect(equal.stdout).toContain("not linkable above --max-link-share 30.00%: at most 30.00%");
    expect(link([partial, large, "--max-link-share", "0.5"]).status).toBe(0);
  });

  it("records that each link to one record but share their value are counted (the old figure missed them)", () => {
    const j = JSON.parse(link([payments, large, "-f", "json", "--max-link-share", "0.2"]).stdout) as LinkJson;
    const pair = j.pairs.find((p) => p.a === "payer" && p.b === "cust_id");
    // no payer value occurs once in the payments: the mutual one-to-one share is 0, yet every payment links
    expect(pair).toMatchObject({ one_to_one: 0, one_to_one_share_a: 0, linked_share_a: 1 });
    expect(j.strongest.a_to_b).toMatchObject({ records: 10, share: 1 });
    const r = link([payments, large, "--max-link-share", "0.2"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/100\.00%\s+100\.00%\s+0\.00%\s+payer -> cust_id/);
    expect(r.stdout).toContain("linkable: 100.00% of A's records link to exactly one record of B");
  });

  it("exit 2 for a threshold that is not a share", () => {
    for (const bad of ["1.5", "-0.1", "abc", "", "5%"]) {
      const r = link([small, large, "--max-link-share", bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--max-link-share takes a share from 0 to 1/);
    }
  });

  it("prints no record value, on stdout or stderr, in any run above", () => {
    expect(runs.length).toBeGreaterThan(10);
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain("Qx");
  });
});
