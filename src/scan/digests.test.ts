// digest columns in a scan: SHA-256, SHA-1 and MD5 digests (hex, base64) of Korean mobile numbers and dates of
// birth, with and without hash-hinting names, are reported as reversible personal data; decoys (random hex ids,
// UUIDs, git commit ids, SHA-1 and MD5 of non-personal content under hash-hinting names, random tokens of a digest's
// length, SHA-256 of random bytes, keyed pseudonyms) are not. Under vitest the mobile space runs on
// the calling thread over a part of the space (internals.mobileRange); test/scan-cli.test.ts runs the whole space.
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/cli.js";
import { rng } from "../../test/support/random.js";
import { renderScanJson, renderScanSarif, renderScanText, ScanReportSchema, scanFile } from "./index.js";

const tmp = tempDir("jikimi-scan-digests-");
afterAll(tmp.cleanup);

const RANGE: [number, number] = [12_340_000, 12_440_000];
const ROWS = 120;
const next = rng(7);
const numbers = Array.from({ length: ROWS }, () => RANGE[0] + (next() % (RANGE[1] - RANGE[0])));
const eight = (n: number) => String(n).padStart(8, "0");
const plain = numbers.map((n) => `010${eight(n)}`);
const hyphenated = numbers.map((n) => `010-${eight(n).slice(0, 4)}-${eight(n).slice(4)}`);
const international = numbers.map((n) => `+8210${eight(n)}`);
const births = numbers.map((n) => `19${String(50 + (n % 50))}-0${1 + (n % 9)}-1${n % 10}`);
const h = (alg: string, t: string, enc: "hex" | "base64" = "hex") => createHash(alg).update(t).digest(enc);
const key = randomBytes(32);

const COLUMNS: Record<string, string[]> = {
  customer_no: numbers.map((n, i) => `C${eight(n + i)}`),
  phone_sha256: plain.map((p) => h("sha256", p)),
  contact_key: hyphenated.map((p) => h("sha256", p, "base64")),
  birth_md5: births.map((b) => h("md5", b)),
  dob: births.map((b) => h("sha1", b, "base64")),
  random_id: numbers.map(() => randomBytes(16).toString("hex")),
  uuid: numbers.map(() => randomUUID()),
  uuid_plain: numbers.map(() => randomUUID().replaceAll("-", "")),
  commit: numbers.map((_, i) => h("sha1", `tree ${i}\nauthor build-bot\n\nrelease ${i}`)),
  blob_sha256: numbers.map(() => createHash("sha256").update(randomBytes(24)).digest("hex")),
  phone_pseudonym: plain.map((p) => createHmac("sha256", key).update(p).digest("hex")),
  // MD5 and SHA-1 of mobile numbers, hex and base64, with and without a hash-hinting name
  phone_md5: plain.map((p) => h("md5", p)),
  member_ref: international.map((p) => h("md5", p, "base64")),
  휴대폰_해시: hyphenated.map((p) => h("sha1", p)),
  contact_token: plain.map((p) => h("sha1", p, "base64")),
  // decoys of MD5 and SHA-1 shape: non-personal content under hash-hinting names, random tokens
  content_sha1: numbers.map((_, i) => h("sha1", `product ${i}: 500 ml bottle, batch ${i * 7}`)),
  asset_md5: numbers.map((_, i) => h("md5", `assets/img/banner-${i}.png`, "base64")),
  session: numbers.map(() => randomBytes(20).toString("base64")),
  pseudonym_md5: plain.map((p) => createHmac("md5", key).update(p).digest("hex")),
};
const SECRETS = [...plain, ...hyphenated, ...international, ...births, ...Object.values(COLUMNS).flat()];

function write(name: string, columns: string[]): string {
  const file = join(tmp.dir, name);
  const rows = numbers.map((_, r) => columns.map((c) => COLUMNS[c]?.[r] ?? "").join(","));
  writeFileSync(file, `${columns.join(",")}\n${rows.join("\n")}\n`);
  return file;
}

const options = { digests: { internals: { mobileRange: RANGE, chunk: 50_000 } } };

describe("scan: digest columns", () => {
  it("reports reversible digests as the personal data behind them, and decoys not as personal data", async () => {
    const file = write("digests.csv", Object.keys(COLUMNS));
    const result = await scanFile(file, options);
    const of = (name: string) => result.columns.find((c) => c.name === name)?.findings ?? [];
    const digest = (name: string) => of(name).find((f) => f.digest !== undefined);
    expect(digest("phone_sha256")).toMatchObject({
      category: "user.contact.phone.mobile",
      level: "high",
      hint: "sha256",
      detectors: ["digest-sha256-hex"],
      digest: { sampled: 64, recovered: 64, share: 1, reversible: true, reversedBy: ["mobile 010########"] },
    });
    expect(digest("contact_key")).toMatchObject({
      category: "user.contact.phone.mobile",
      digest: { encoding: "base64", reversible: true, reversedBy: ["mobile 010-####-####"] },
    });
    expect(digest("contact_key")?.hint).toBeUndefined();
    expect(digest("birth_md5")).toMatchObject({
      category: "user.demographic.date_of_birth",
      hint: "md5",
      digest: { algorithm: "md5", reversible: true, share: 1 },
    });
    expect(digest("dob")).toMatchObject({
      category: "user.demographic.date_of_birth",
      digest: { algorithm: "sha1", encoding: "base64", reversible: true },
    });
    const mobile = (name: string, algorithm: string, encoding: string, form: string, hint?: string) => {
      const d = digest(name);
      expect(d, name).toMatchObject({
        category: "user.contact.phone.mobile",
        level: "high",
        confidence: 1,
        detectors: [`digest-${algorithm}-${encoding}`],
        digest: {
          algorithm,
          encoding,
          sampled: 64,
          recovered: 64,
          reversible: true,
          reversedBy: [`mobile ${form}`],
        },
      });
      expect(d?.hint, name).toBe(hint);
    };
    mobile("phone_md5", "md5", "hex", "010########", "md5");
    mobile("member_ref", "md5", "base64", "+8210########");
    mobile("휴대폰_해시", "sha1", "hex", "010-####-####", "해시");
    mobile("contact_token", "sha1", "base64", "010########");
    for (const decoy of [
      "random_id",
      "commit",
      "blob_sha256",
      "phone_pseudonym",
      "content_sha1",
      "asset_md5",
      "session",
      "pseudonym_md5",
    ]) {
      const d = digest(decoy);
      expect(d, decoy).toMatchObject({ category: "user.unique_id", level: "medium" });
      expect(d?.digest?.reversible, decoy).toBe(false);
      expect(d?.digest?.recovered, decoy).toBe(0);
      expect(d?.digest?.mobileSearched, decoy).toBe(true);
    }
    expect(digest("content_sha1")?.hint).toBe("sha1");
    expect(digest("asset_md5")?.hint).toBe("md5");
    expect(of("uuid")).toEqual([]);
    expect(of("uuid_plain").some((f) => f.digest !== undefined)).toBe(false);
    expect(result.personal).toBe(true);
    const json = renderScanJson(result);
    const report = ScanReportSchema.parse(JSON.parse(json));
    expect(report.columns.find((c) => c.name === "phone_sha256")?.findings[0]?.digest).toMatchObject({
      reversible: true,
      reversed_by: ["mobile 010########"],
      mobile_searched: true,
    });
    // the SARIF properties bags are ours: snake_case like the JSON (SARIF's own keys stay as its standard names them)
    const sarif = JSON.parse(renderScanSarif(result)) as {
      runs: { results: { properties: Record<string, unknown> & { column: string } }[] }[];
    };
    const bag = sarif.runs[0]?.results.find((r) => r.properties.column === "phone_sha256")?.properties;
    expect(bag).toMatchObject({
      non_empty: 120,
      in_free_text: false,
      digest: { reversed_by: ["mobile 010########"], mobile_searched: true },
    });
    expect(Object.keys(bag ?? {})).not.toContain("nonEmpty");
    const text = renderScanText(result);
    expect(text).toMatch(
      /phone_sha256\s+user\.contact\.phone\.mobile\s+1\.00 high\s+64\/64\s+reversible SHA-256 hex digest: 100\.0% of 64 sampled digests recovered \(mobile 010########\); name hint "sha256"/,
    );
    const all = json + text + renderScanSarif(result);
    for (const s of SECRETS) expect(all.includes(s), "a value or digest in a report").toBe(false);
  }, 120_000);

  it("the case's feed: a customer number in clear and two SHA-256 phone digests is personal data", async () => {
    const file = write("feed.csv", ["customer_no", "phone_sha256", "contact_key"]);
    const result = await scanFile(file, options);
    expect(result.personal).toBe(true);
    expect(renderScanText(result)).toMatch(/personal data found; findings in \d of them/);
  }, 120_000);

  it("a file of decoys only is not personal data: digests are said to be pseudonymous identifiers", async () => {
    const file = write("decoys.csv", [
      "random_id",
      "uuid",
      "commit",
      "blob_sha256",
      "content_sha1",
      "session",
    ]);
    const result = await scanFile(file, options);
    expect(result.personal).toBe(false);
    const text = renderScanText(result);
    expect(text).toMatch(/no personal data found; 5 digest columns not reversed/);
    expect(text).toMatch(
      /content_sha1\s+user\.unique_id\s+0\.70 medium\s+0\/64\s+SHA-1 hex digest, none of 64 sampled recovered: pseudonymous identifier, possible join key; name hint "sha1"/,
    );
    const sarif = JSON.parse(renderScanSarif(result));
    expect(sarif.runs[0].results.every((r: { level: string }) => r.level === "note")).toBe(true);
  }, 120_000);

  it("a column of another shape is not audited, and the window is bounded", async () => {
    const file = join(tmp.dir, "mixed.csv");
    // 40% digests: not a digest column without a hint; with a hint (phone_hash) half is enough
    const values = plain.map((p, i) => (i % 5 < 2 ? h("sha256", p) : `note ${i}`));
    writeFileSync(file, `memo,phone_hash\n${values.map((v) => `${v},${v}`).join("\n")}\n`);
    const result = await scanFile(file, options);
    expect(result.columns[0]?.findings.some((f) => f.digest !== undefined)).toBe(false);
    expect(result.columns[1]?.findings.some((f) => f.digest !== undefined)).toBe(false);
    const file2 = join(tmp.dir, "mixed2.csv");
    const more = plain.map((p, i) => (i % 5 < 3 ? h("sha256", p) : `note ${i}`));
    writeFileSync(file2, `memo,phone_hash\n${more.map((v) => `${v},${v}`).join("\n")}\n`);
    const r2 = await scanFile(file2, options);
    expect(r2.columns[0]?.findings.some((f) => f.digest !== undefined)).toBe(false);
    expect(r2.columns[1]?.findings.find((f) => f.digest)?.digest?.reversible).toBe(true);
  }, 120_000);
});
