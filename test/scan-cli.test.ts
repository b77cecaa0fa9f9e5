// jikimi scan end to end: exit codes, the three formats (JSON against its zod schema, SARIF against the OASIS
// schema), sampling, bad input with clear errors, and no value of the file in any output.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ScanReportSchema } from "../src/scan/index.js";
import { jikimi, tempDir } from "./support/cli.js";
import { validateSarif } from "./support/sarif.js";

const tmp = tempDir("jikimi-scan-cli-");
afterAll(tmp.cleanup);

const ROWS = [
  [
    "김철수",
    "010-2345-6789",
    "chulsoo.kim@example.com",
    "900101-1234568",
    "4111111111111111",
    "연락처 010-8765-4321 부재시 문자",
    "ok",
    "12",
  ],
  [
    "이영희",
    "010-3456-7890",
    "younghee.lee@example.com",
    "850315-2345670",
    "5555555555554444",
    "문 앞에 놓아주세요 감사합니다",
    "ok",
    "7",
  ],
  [
    "박민수",
    "010-4567-8901",
    "minsu.park@example.com",
    "020202-3456789",
    "378282246310005",
    "빠른 배송 부탁드립니다 꼭이요",
    "hx",
    "3",
  ],
];
const HEADER = ["성명", "phone", "email", "주민번호", "card_no", "memo", "status", "qty"];
const VALUES = ROWS.flat().filter((v) => v.length >= 4);

function csv(rows: string[][]): string {
  return `${[HEADER, ...rows].map((r) => r.join(",")).join("\n")}\n`;
}

function noValues(text: string): void {
  for (const [i, v] of VALUES.entries())
    expect(text.includes(v), `output holds value ${i} of the file`).toBe(false);
  for (const v of ["2345-6789", "8765-4321", "chulsoo", "1234568"]) expect(text.includes(v)).toBe(false);
}

describe("jikimi scan", () => {
  const file = join(tmp.dir, "customers.csv");
  writeFileSync(file, csv(ROWS));

  it("prints a table per column, exits 1 on personal data, and prints no value", () => {
    const r = jikimi(["scan", file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/성명\s+user\.name\s+1\.00 high\s+3\/3\s+name-ko; name hint "성명"/);
    expect(r.stdout).toMatch(/phone\s+user\.contact\.phone\.mobile/);
    expect(r.stdout).toMatch(/주민번호\s+user\.government_id\.resident_registration_number/);
    expect(r.stdout).toMatch(/memo\s+user\.contact\.phone\.mobile\s+.*in free text/);
    expect(r.stdout).toContain("nothing found in: status, qty");
    noValues(r.stdout + r.stderr);
  });

  it("writes JSON that parses under its schema", () => {
    const r = jikimi(["scan", file, "--format", "json"]);
    expect(r.status).toBe(1);
    const report = ScanReportSchema.parse(JSON.parse(r.stdout));
    expect(report.rows).toBe(3);
    expect(report.personal).toBe(true);
    const email = report.columns.find((c) => c.name === "email");
    expect(email?.findings[0]).toMatchObject({
      category: "user.contact.email",
      matches: 3,
      detectors: ["email"],
      hint: "email",
    });
    expect(report.columns.find((c) => c.name === "card_no")?.findings[0]?.category).toBe(
      "user.financial.card_number",
    );
    expect(report.columns.find((c) => c.name === "qty")?.findings).toEqual([]);
    noValues(r.stdout + r.stderr);
  });

  it("writes SARIF 2.1.0 that validates, one result per column finding", () => {
    const r = jikimi(["scan", file, "--format", "sarif"]);
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toBe(true);
    expect(validateSarif.errors ?? []).toEqual([]);
    const json = ScanReportSchema.parse(JSON.parse(jikimi(["scan", file, "--format", "json"]).stdout));
    expect(log.runs[0].results).toHaveLength(json.summary.findings);
    expect(log.runs[0].results[0].locations[0].logicalLocations[0].name).toBe("성명");
    noValues(r.stdout + r.stderr);
  });

  it("exits 0 on a file without personal data, and reads JSON Lines", () => {
    const clean = join(tmp.dir, "clean.jsonl");
    writeFileSync(
      clean,
      `${[1, 2, 3].map((i) => JSON.stringify({ sku: `A-${i}`, qty: String(i) })).join("\n")}\n`,
    );
    const r = jikimi(["scan", clean]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("no personal data found");
    const renamed = join(tmp.dir, "clean.data");
    writeFileSync(renamed, `${JSON.stringify({ email: "x.y@example.com" })}\n`);
    const j = jikimi(["scan", renamed, "--input-format", "jsonl", "--format", "json"]);
    expect(j.status).toBe(1);
    expect(j.stdout).not.toContain("x.y@example.com");
  });

  it("--sample N looks at the first N rows only", () => {
    const many = join(tmp.dir, "many.csv");
    const rows = Array.from({ length: 50 }, (_, i) => (i < 10 ? (ROWS[i % 3] ?? []) : HEADER.map(() => "x")));
    writeFileSync(many, csv(rows));
    const r = jikimi(["scan", many, "--sample", "10", "--format", "json"]);
    const report = ScanReportSchema.parse(JSON.parse(r.stdout));
    expect(report).toMatchObject({ rows: 10, sampled: true });
    expect(report.columns[1]?.findings[0]?.matches).toBe(10);
    const all = ScanReportSchema.parse(JSON.parse(jikimi(["scan", many, "--format", "json"]).stdout));
    expect(all).toMatchObject({ rows: 50, sampled: false });
    expect(all.columns[1]?.non_empty).toBe(50);
    expect(jikimi(["scan", many, "--sample", "0"]).status).toBe(2);
  });

  it("the case's feed: a customer number in clear and two SHA-256 phone digests is personal data, exit 1", () => {
    // numbers at the start of the space, so the whole-space search on worker threads stops after its first tasks
    const phones = Array.from({ length: 80 }, (_, i) => `010${String(i * 40_009).padStart(8, "0")}`);
    const hyphen = phones.map((p) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`);
    const sha = (t: string, enc: "hex" | "base64") => createHash("sha256").update(t).digest(enc);
    const feed = join(tmp.dir, "feed.csv");
    const rows = phones.map(
      (p, i) => `HB${String(i).padStart(10, "0")},${sha(p, "hex")},${sha(hyphen[i] ?? "", "base64")}`,
    );
    writeFileSync(feed, `customer_no,phone_hash,id2\n${rows.join("\n")}\n`);
    const r = jikimi(["scan", feed]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain("personal data found");
    expect(r.stdout).toMatch(
      /phone_hash\s+user\.contact\.phone\.mobile\s+1\.00 high\s+64\/64\s+reversible SHA-256 hex digest/,
    );
    expect(r.stdout).toMatch(
      /id2\s+user\.contact\.phone\.mobile\s+1\.00 high\s+64\/64\s+reversible SHA-256 base64 digest/,
    );
    const j = jikimi(["scan", feed, "--format", "json"]);
    const report = ScanReportSchema.parse(JSON.parse(j.stdout));
    expect(report.personal).toBe(true);
    const sarif = JSON.parse(jikimi(["scan", feed, "--format", "sarif"]).stdout);
    expect(validateSarif(sarif)).toBe(true);
    const all = r.stdout + j.stdout + JSON.stringify(sarif);
    for (const v of [...phones, ...hyphen, ...rows.map((l) => l.split(",")[1] ?? "")])
      expect(all.includes(v), "a value or digest in the output").toBe(false);
  }, 120_000);

  it("MD5 and SHA-1 digests of phone numbers, hex and base64, hinted or not, are reversed by the whole-space search", () => {
    // numbers near the start of the space, so the search stops after its first tasks (decoys, which run the whole
    // space, are in src/scan/digests.test.ts and test/hash-audit-cli.test.ts)
    const phones = Array.from({ length: 70 }, (_, i) => `010${String(i * 30_011).padStart(8, "0")}`);
    const hyphen = phones.map((p) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`);
    const h = (alg: string, t: string, enc: "hex" | "base64") => createHash(alg).update(t).digest(enc);
    const columns: Record<string, string[]> = {
      phone_md5: phones.map((p) => h("md5", p, "hex")),
      ref: hyphen.map((p) => h("md5", p, "base64")),
      연락처_해시: phones.map((p) => h("sha1", p, "hex")),
      key2: hyphen.map((p) => h("sha1", p, "base64")),
    };
    const names = Object.keys(columns);
    const file = join(tmp.dir, "md5-sha1.csv");
    const lines = phones.map((_, r) => names.map((c) => columns[c]?.[r] ?? "").join(","));
    writeFileSync(file, `${names.join(",")}\n${lines.join("\n")}\n`);
    const r = jikimi(["scan", file, "--format", "json"]);
    expect(r.status, r.stderr).toBe(1);
    const report = ScanReportSchema.parse(JSON.parse(r.stdout));
    const digest = (name: string) => report.columns.find((c) => c.name === name)?.findings[0];
    for (const [name, algorithm, encoding, form] of [
      ["phone_md5", "md5", "hex", "010########"],
      ["ref", "md5", "base64", "010-####-####"],
      ["연락처_해시", "sha1", "hex", "010########"],
      ["key2", "sha1", "base64", "010-####-####"],
    ] as const) {
      expect(digest(name), name).toMatchObject({
        category: "user.contact.phone.mobile",
        digest: { algorithm, encoding, reversible: true, share: 1, reversed_by: [`mobile ${form}`] },
      });
    }
    const text = jikimi(["scan", file]);
    expect(text.stdout).toMatch(
      /phone_md5\s+user\.contact\.phone\.mobile\s+1\.00 high\s+64\/64\s+reversible MD5 hex digest/,
    );
    expect(text.stdout).toMatch(
      /key2\s+user\.contact\.phone\.mobile\s+1\.00 high\s+64\/64\s+reversible SHA-1 base64 digest/,
    );
    const all = r.stdout + text.stdout + text.stderr;
    for (const v of [...phones, ...hyphen, ...Object.values(columns).flat()])
      expect(all.includes(v)).toBe(false);
  }, 240_000);

  it("refuses bad input with exit 2 and a clear message", () => {
    const empty = join(tmp.dir, "empty.csv");
    writeFileSync(empty, "");
    const binary = join(tmp.dir, "binary.csv");
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 3]));
    const unknown = join(tmp.dir, "data.txt");
    writeFileSync(unknown, "a,b\n1,2\n");
    const cases: [string[], RegExp][] = [
      [["scan", empty], /empty/],
      [["scan", binary], /binary/],
      [["scan", unknown], /cannot tell the format/],
      [["scan", join(tmp.dir, "missing.csv")], /does not exist/],
      [["scan", unknown, "--input-format", "xml"], /xml/],
    ];
    for (const [args, message] of cases) {
      const r = jikimi(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    }
  });

  it("refuses a line over 32 MiB without reading it whole", () => {
    const huge = join(tmp.dir, "huge.csv");
    writeFileSync(huge, `a,b\n1,${"9".repeat(40 << 20)}\n`);
    const r = jikimi(["scan", huge]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line longer than 32 MiB/);
    expect(r.stderr.length).toBeLessThan(500);
  });
});
