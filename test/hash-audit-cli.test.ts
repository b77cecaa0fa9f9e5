// jikimi audit-hash end to end on the built CLI: the whole 10^8 mobile space on worker threads reverses plain
// SHA-256 phone numbers (exit 1) and not keyed pseudonyms (exit 0); candidates reverse MD5 e-mails; bad input
// exits 2 with a clear message. Every output is searched for every input value: none may appear.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, describe, expect, it } from "vitest";
import type { AuditResult } from "../src/scan/hash-audit.js";
import { type CliRun, jikimi, ROOT, tempDir } from "./support/cli.js";
import { rng } from "./support/random.js";

const { dir, cleanup } = tempDir("jikimi-audit-hash-");
afterAll(cleanup);

const next = rng(55);
const FORMS = ["plain", "hyphenated", "international"] as const;
const phone = (n: number, form: (typeof FORMS)[number]): string => {
  const s = String(n).padStart(8, "0");
  if (form === "plain") return `010${s}`;
  if (form === "hyphenated") return `010-${s.slice(0, 4)}-${s.slice(4)}`;
  return `+8210${s}`;
};
const ROWS = 300;
// numbers spread over the whole space, including its two ends
const numbers = Array.from({ length: ROWS }, (_, i) =>
  i === 0 ? 0 : i === 1 ? 99_999_999 : next() % 100_000_000,
);
const phones = numbers.map((n, i) => phone(n, FORMS[i % 3] ?? "plain"));
const phones0 = phones;
const emails = Array.from({ length: ROWS }, (_, i) => `member${i}.${next() % 1000}@example.co.kr`);
const names = Array.from({ length: ROWS }, (_, i) => `홍길동${i}`);
const key = randomBytes(32);
const sha256 = phones.map((p) => createHash("sha256").update(p).digest("hex"));
const pseudonyms = phones.map((p) =>
  createHmac("sha256", key)
    .update(p.replace(/[^0-9]/g, ""))
    .digest("base64url"),
);
const md5 = emails.map((e) => createHash("md5").update(e).digest("base64"));
/** Every value of the input files, and every plaintext behind them. */
const SECRETS = [...phones, ...numbers.map((n) => String(n).padStart(8, "0")), ...emails, ...names];
const DIGESTS = [...sha256, ...pseudonyms, ...md5];

const csv = join(dir, "feed.csv");
writeFileSync(
  csv,
  `id,name,phone_sha256,phone_pseudonym\n${phones.map((_, i) => `${i},${names[i]},${sha256[i]},${pseudonyms[i]}`).join("\n")}\n`,
);
const jsonl = join(dir, "members.jsonl");
writeFileSync(jsonl, `${md5.map((m, i) => JSON.stringify({ id: i, email_md5: m })).join("\n")}\n`);
const parquet = join(dir, "members.parquet");
writeFileSync(
  parquet,
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: "id", data: md5.map((_, i) => String(i)), type: "STRING" },
        { name: "email_md5", data: md5, type: "STRING" },
      ],
    }),
  ),
);
const candidates = join(dir, "our-members.txt");
writeFileSync(candidates, `${emails.map((e, i) => (i % 2 === 0 ? e : `  ${e.toUpperCase()}`)).join("\n")}\n`);

function run(args: string[]): CliRun {
  const r = jikimi(["audit-hash", ...args]);
  const all = r.stdout + r.stderr;
  for (const s of [...SECRETS, ...DIGESTS])
    expect(all.includes(s), "an input value or digest appears in the output").toBe(false);
  // the 8 digits of a number, or a digest's first 16 hex digits, are not there either
  for (const d of sha256) expect(all.includes(d.slice(0, 16))).toBe(false);
  return r;
}

/** The CLI's JSON: the audit result, its keys in snake_case (the CLI's one key case), plus the rows read. */
type Json = Omit<AuditResult, "byForm" | "stoppedEarly"> & {
  by_form: AuditResult["byForm"];
  stopped_early: boolean;
  rows: number;
};

describe("jikimi audit-hash", () => {
  it("plain SHA-256 of phone numbers in three formats: every one recovered over the whole space, exit 1", () => {
    const r = run([csv, "--column", "phone_sha256", "--format", "json", "--threads", "2"]);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as Json;
    expect(j).toMatchObject({
      shape: { algorithm: "sha256", encoding: "hex" },
      rows: ROWS,
      values: ROWS,
      distinct: ROWS,
      reversed: ROWS,
      share: 1,
    });
    expect(j.by_form).toMatchObject({
      "mobile 010########": 100,
      "mobile 010-####-####": 100,
      "mobile +8210########": 100,
    });
    // dates of birth go first (cheapest), then the mobile space
    expect(j.tried.slice(3, 6)).toEqual([
      "mobile 010######## (10^8)",
      "mobile 010-####-#### (10^8)",
      "mobile +8210######## (10^8)",
    ]);
    expect(j.verdict).toMatch(/^not pseudonymised: anyone can recover 100\.0% of the values/);
  }, 240_000);

  it("MD5 (hex) of phone numbers in three formats: every one recovered over the whole space by the MD5 kernel", () => {
    const file = join(dir, "md5.csv");
    const md5 = phones.map((p) => createHash("md5").update(p).digest("hex"));
    writeFileSync(file, `id,phone_md5\n${md5.map((d, i) => `${i},${d}`).join("\n")}\n`);
    const r = run([file, "--column", "phone_md5", "--format", "json", "--threads", "2"]);
    expect(r.status, r.stderr).toBe(1);
    for (const d of md5) expect(r.stdout.includes(d)).toBe(false);
    const j = JSON.parse(r.stdout) as Json;
    expect(j).toMatchObject({
      shape: { algorithm: "md5", encoding: "hex" },
      distinct: ROWS,
      reversed: ROWS,
      share: 1,
      mobile_searched: true,
    });
    expect(j.by_form).toMatchObject({
      "mobile 010########": 100,
      "mobile 010-####-####": 100,
      "mobile +8210########": 100,
    });
    expect(j.tried.slice(3)).toEqual([
      "mobile 010######## (10^8)",
      "mobile 010-####-#### (10^8)",
      "mobile +8210######## (10^8)",
    ]);
  }, 240_000);

  it("SHA-1 (base64) of phone numbers: recovered by the SHA-1 kernel; a SHA-1 of non-personal ids is not", () => {
    // numbers near the start of the space: the search stops once every digest is recovered
    const early = Array.from({ length: 40 }, (_, i) => phone(i * 7919, FORMS[i % 3] ?? "plain"));
    const sha1 = early.map((p) => createHash("sha1").update(p).digest("base64"));
    const ids = early.map((_, i) => createHash("sha1").update(`invoice-2024-${i}`).digest("base64"));
    const file = join(dir, "sha1.csv");
    writeFileSync(file, `phone_sha1,invoice_hash\n${sha1.map((d, i) => `${d},${ids[i]}`).join("\n")}\n`);
    const r = run([file, "--column", "phone_sha1", "--format", "json"]);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as Json;
    expect(j).toMatchObject({
      shape: { algorithm: "sha1", encoding: "base64" },
      reversed: 40,
      stopped_early: true,
    });
    const decoy = run([file, "--column", "invoice_hash", "--spaces", "mobile", "--format", "json"]);
    expect(decoy.status, decoy.stderr).toBe(0);
    expect(JSON.parse(decoy.stdout) as Json).toMatchObject({ reversed: 0, mobile_searched: true });
    for (const d of [...sha1, ...ids, ...early]) expect(r.stdout + decoy.stdout).not.toContain(d);
  }, 240_000);

  it("keyed pseudonyms (HMAC-SHA256, base64url) are not reversible: exit 0, in text", () => {
    const r = run([csv, "--column", "phone_pseudonym", "--threads", "2"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('column "phone_pseudonym": SHA-256 digests, base64url');
    expect(r.stdout).toContain("no value was recovered: consistent with a keyed pseudonym");
    expect(r.stdout).toMatch(/recovered +0 distinct digests \(0\.0%\)/);
    expect(r.stdout).toContain("mobile +8210######## (10^8)");
  }, 240_000);

  it("the share gateway's own release (the golden fixture) is not reversible, even with the plaintexts as candidates", () => {
    const fixture = join(ROOT, "test", "fixtures", "share-golden");
    const input = readFileSync(join(fixture, "customers.csv"), "utf8").trim().split("\n");
    const phone = (input[0] ?? "").split(",").indexOf("phone");
    const phones = join(dir, "phones.txt");
    writeFileSync(
      phones,
      `${input
        .slice(1)
        .map((l) => l.split(",")[phone] ?? "")
        .join("\n")}\n`,
    );
    const r = run([
      join(fixture, "expected.csv"),
      "--column",
      "phone",
      "--candidates",
      phones,
      "--format",
      "json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { reversed: number; distinct: number };
    expect(j.distinct).toBeGreaterThan(3);
    expect(j.reversed).toBe(0);
  }, 240_000);

  it("MD5 (base64) of e-mails from JSON Lines and Parquet: the candidate list recovers them, exit 1", () => {
    const r = run([jsonl, "--column", "email_md5", "--candidates", candidates, "--format", "json"]);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as Json;
    expect(j).toMatchObject({ shape: { algorithm: "md5", encoding: "base64" }, reversed: ROWS });
    expect(j.by_form).toMatchObject({ candidate: ROWS / 2, "candidate lower-case": ROWS / 2 });
    // the candidates go first and recover every digest: no space is enumerated
    expect(j.tried).toEqual([`${ROWS} candidates (as given, trimmed, lower-case, upper-case)`]);
    expect(j.stopped_early).toBe(true);
    const t = run([jsonl, "--column", "email_md5", "--candidates", candidates, "--input-format", "jsonl"]);
    expect(t.status).toBe(1);
    expect(t.stdout).toMatch(/not pseudonymised: anyone can recover 100\.0% of the values/);
    const p = run([parquet, "--column", "email_md5", "--candidates", candidates, "--format", "json"]);
    expect(p.status, p.stderr).toBe(1);
    expect(JSON.parse(p.stdout) as Json).toMatchObject({ rows: ROWS, values: ROWS, reversed: ROWS });
  });

  it("--candidates go first and stop the audit once every digest is recovered: the mobile space is not enumerated", () => {
    const phones = join(dir, "our-phones.txt");
    writeFileSync(phones, `${phones0.join("\n")}\n`);
    const r = run([csv, "--column", "phone_sha256", "--candidates", phones, "--format", "json"]);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as Json;
    expect(j).toMatchObject({ reversed: ROWS, share: 1, stopped_early: true, by_form: { candidate: ROWS } });
    expect(j.tried).toEqual([`${ROWS} candidates (as given, trimmed, lower-case, upper-case)`]);
    // `tried` holds the candidates only: the mobile space and the dates were never enumerated
    const text = run([csv, "--column", "phone_sha256", "--candidates", phones]);
    expect(text.stdout).toContain("(stopped there: every distinct digest was recovered)");
  });

  it("--spaces limits what is enumerated, and an unknown space lists the known ones", () => {
    const r = run([csv, "--column", "phone_sha256", "--spaces", "birthdate", "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.reversed).toBe(0);
    expect(j.tried.every((t) => t.startsWith("birthdate "))).toBe(true);
    expect(j.tried).toHaveLength(3);
    expect(j.verdict).toMatch(/the mobile space was not tried/);
    const bad = run([csv, "--column", "phone_sha256", "--spaces", "birthdate,email"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--spaces: unknown space "email"; the known spaces are: birthdate, mobile/);
    expect(run([csv, "--column", "phone_sha256", "--spaces", ","]).status).toBe(2);
  });

  it("--spaces mobile stops during the enumeration once every digest is recovered", () => {
    // two numbers near the start of the space: the search stops long before 3 x 10^8 hashes
    const early = join(dir, "early.csv");
    const digests = ["01000000007", "010-0000-0123"].map((p) => createHash("sha256").update(p).digest("hex"));
    writeFileSync(early, `h\n${digests.join("\n")}\n`);
    const r = run([early, "--column", "h", "--spaces", "mobile", "--format", "json"]);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as Json;
    expect(j).toMatchObject({ reversed: 2, stopped_early: true });
    expect(Object.keys(j.by_form).every((f) => f.startsWith("mobile"))).toBe(true);
    // stopped_early is the proof (a timing bound would only measure the machine's load)
  }, 60_000);

  it("bad input exits 2 with a clear message", () => {
    const notDigests = run([csv, "--column", "name"]);
    expect(notDigests.status).toBe(2);
    expect(notDigests.stderr).toMatch(/column "name" of .* does not hold digests/);
    const missing = run([csv, "--column", "phone"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/has no column "phone"; its columns are: id, name, phone_sha256/);
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    const e = run([empty, "--column", "x"]);
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/jikimi: /);
    const noFile = run([join(dir, "nope.csv"), "--column", "x"]);
    expect(noFile.status).toBe(2);
    const unknown = run([join(dir, "feed.txt"), "--column", "x"]);
    expect(unknown.status).toBe(2);
    const noCandidates = run([csv, "--column", "phone_sha256", "--candidates", join(dir, "none.txt")]);
    expect(noCandidates.status).toBe(2);
    expect(noCandidates.stderr).toMatch(/cannot read the candidate list/);
  });
});
