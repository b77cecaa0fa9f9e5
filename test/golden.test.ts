// golden tests: every example workspace checked end to end through the CLI, against its README.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckReportSchema } from "../src/report/findings/json-schema.js";
import { jikimi, ROOT, tempDir } from "./support/cli.js";
import { validateSarif } from "./support/sarif.js";

const example = (name: string) => join(ROOT, "examples", name);

/** Rows of the "Expected findings" table in an example's README: place, severity, code. */
function expectedFindings(name: string): string[] {
  const readme = readFileSync(join(example(name), "README.md"), "utf8");
  const rows = [...readme.matchAll(/^\| *(agreements\/\S+:\d+:\d+) *\| *(\w+) *\| *(\w+) *\|/gm)];
  return rows.map((m) => `${m[1]} ${m[2]} ${m[3]}`);
}

function check(name: string, extra: string[] = []) {
  const run = jikimi(["check", "-w", example(name), "--format", "json", "--no-record", ...extra]);
  const report = CheckReportSchema.parse(JSON.parse(run.stdout));
  const got = report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}`);
  return { run, report, got };
}

describe("examples/nsf-case (as it happened)", () => {
  it("reports exactly the findings its README lists, each with articles, and exits 1", () => {
    const expected = expectedFindings("nsf-case");
    expect(expected.length).toBeGreaterThanOrEqual(14);
    const { run, report, got } = check("nsf-case", ["--at", "2024-05-31"]);
    expect(got.sort()).toEqual(expected.sort());
    expect(run.status).toBe(1);
    for (const f of report.findings) expect(f.articles.length).toBeGreaterThan(0);
    expect(report.summary).toMatchObject({ errors: 10, warnings: 3, gaps: 1, agreements: 2 });
  });

  it("covers scenarios 1, 3, 4 and 5 of the case", () => {
    const codes = new Set(check("nsf-case", ["--at", "2024-05-31"]).report.findings.map((f) => f.code));
    for (const code of [
      "unscoped_population",
      "unkeyed_hash",
      "linkable_join_key",
      "entrustment_test_failed",
      "cross_border_without_basis",
    ])
      expect(codes.has(code), code).toBe(true);
  });

  it("judges the model-building phase when checked inside it", () => {
    const inside = check("nsf-case", ["--at", "2019-01-15"]).report.findings.map((f) => f.code);
    expect(inside).not.toContain("unscoped_population");
    expect(inside).toContain("unkeyed_hash");
    const after = check("nsf-case", ["--at", "2019-06-27"]).report.findings.map((f) => f.code);
    expect(after).toContain("unscoped_population");
  });

  it("renders valid SARIF 2.1.0 pointing at the YAML lines", () => {
    const run = jikimi([
      "check",
      "-w",
      example("nsf-case"),
      "--format",
      "sarif",
      "--at",
      "2024-05-31",
      "--no-record",
    ]);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);
    const ok = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const regions = log.runs[0].results.map(
      (r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
        r.locations[0]?.physicalLocation.region.startLine,
    );
    expect(regions).toContain(11);
  });

  it("prints grouped text with a summary", () => {
    const run = jikimi(["check", "-w", example("nsf-case"), "--at", "2024-05-31", "--no-record"]);
    expect(run.stdout).toMatch(/^agreements\/nsf-credit-feed.yaml$/m);
    expect(run.stdout).toMatch(/11:10 +error +unkeyed_hash/);
    expect(run.stdout).toMatch(/10 errors, 3 warnings, 1 gap in 2 agreements/);
    expect(run.stdout.includes("\u001b[")).toBe(false);
  });
});

describe("examples/nsf-case-corrected", () => {
  it("reports no findings, even with --strict", () => {
    for (const at of ["2019-12-01", "2024-05-31", "2035-12-30"]) {
      const { run, got } = check("nsf-case-corrected", ["--at", at, "--strict"]);
      expect(got).toEqual([]);
      expect(run.status).toBe(0);
    }
  });

  it("fails once its agreements have expired", () => {
    const { run, got } = check("nsf-case-corrected", ["--at", "2036-01-01"]);
    expect(got.filter((g) => g.endsWith("agreement_expired"))).toHaveLength(2);
    expect(run.status).toBe(1);
  });

  it("keeps settlement an entrustment: on contract necessity to Orbit as a third party it breaks PIPA and the CIA", () => {
    const { dir, cleanup } = tempDir("jikimi-golden-");
    try {
      const ws = join(dir, "ws");
      cpSync(example("nsf-case-corrected"), ws, { recursive: true });
      const file = join(ws, "agreements", "overseas-settlement-feed.yaml");
      writeFileSync(
        file,
        readFileSync(file, "utf8")
          .replace("recipient: orbit-pay-sg-settlement", "recipient: orbit-pay-sg")
          .replace("legal_basis: entrustment", "legal_basis: contract_necessity"),
      );
      const run = jikimi(["check", "-w", ws, "--format", "json", "--no-record", "--at", "2024-05-31"]);
      const report = CheckReportSchema.parse(JSON.parse(run.stdout));
      const cites = (code: string) =>
        report.findings.filter((f) => f.code === code).flatMap((f) => f.articles.map((a) => a.id));
      expect(cites("legal_basis_mismatch")).toEqual(["pipa15_4", "pipa17", "pipa17_2", "cia32"]);
      expect(cites("cross_border_without_basis")).toEqual(["pipa28_8"]);
      expect(cites("credit_consent_required")).toEqual(["cia32", "cia32e"]);
      expect(run.status).toBe(1);
    } finally {
      cleanup();
    }
  });
});

describe("examples/minimal", () => {
  it("reports no findings while it is valid", () => {
    const { run, got } = check("minimal", ["--at", "2026-06-01", "--strict"]);
    expect(got).toEqual([]);
    expect(run.status).toBe(0);
  });
});
