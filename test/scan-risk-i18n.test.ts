// scan, risk, link and the hash audit in Korean and English: the words come from the catalogue (scan and risk
// areas), tables with Hangul column names and labels stay aligned in terminal cells, counts take the right plural,
// and the JSON keeps its keys. In-process with withLanguage("ko", ...), plus the built CLI with --lang ko.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import stringWidth from "string-width";
import { afterAll, describe, expect, it } from "vitest";
import { JikimiError } from "../src/errors.js";
import { withLanguage } from "../src/i18n/index.js";
import {
  analyseRisk,
  linkFiles,
  RiskAccumulator,
  renderLinkText,
  renderRiskText,
} from "../src/risk/index.js";
import { auditDigestsWith } from "../src/scan/hash-audit.js";
import {
  renderAuditText,
  renderScanJson,
  renderScanSarif,
  renderScanText,
  ScanReportSchema,
  scanFile,
} from "../src/scan/index.js";
import { jikimi, tempDir } from "./support/cli.js";

const tmp = tempDir("jikimi-i18n-scan-");
afterAll(tmp.cleanup);

const PEOPLE = [
  ["김철수", "010-2345-6789", "chulsoo.kim@example.com", "ok", "서울"],
  ["이영희", "010-3456-7890", "younghee.lee@example.com", "ok", "부산"],
  ["박민수", "010-4567-8901", "minsu.park@example.com", "hx", "서울"],
];
const customers = join(tmp.dir, "고객.csv");
writeFileSync(customers, `성명,휴대폰번호,email,status,지역\n${PEOPLE.map((r) => r.join(",")).join("\n")}\n`);

/** The terminal cell where `needle` starts on `line`. */
const cellOf = (line: string, needle: string): number => stringWidth(line.slice(0, line.indexOf(needle)));

/** The finding lines of a scan table: those holding a category key. */
const tableLines = (text: string): string[] => text.split("\n").filter((l) => /\suser\./.test(l));

describe("scan in Korean and English", () => {
  it("renders the report in Korean: verdict, column heads, levels, Korean titles in JSON and SARIF", async () => {
    const result = await withLanguage("ko", () => scanFile(customers));
    const text = withLanguage("ko", () => renderScanText(result));
    expect(text).toContain("고객.csv (csv): 3행, 5열; 개인정보 발견, 그중 3개 열에서 탐지\n");
    expect(text).toMatch(/^열\s+분류\s+신뢰도\s+일치\s+근거$/m);
    expect(text).toMatch(/성명\s+user\.name\s+1\.00 높음\s+3\/3\s+name-ko; 열 이름 힌트 "성명"/);
    expect(text).toContain("탐지되지 않은 열: status, 지역");
    expect(text).not.toMatch(/personal data|nothing found|confidence/);
    // category titles come from the taxonomy's Korean names when the scan runs in Korean
    const json = ScanReportSchema.parse(JSON.parse(renderScanJson(result)));
    expect(json.columns.find((c) => c.name === "휴대폰번호")?.findings[0]).toMatchObject({
      category: "user.contact.phone.mobile",
      title: "휴대전화번호",
      level: "high",
    });
    const sarif = JSON.parse(withLanguage("ko", () => renderScanSarif(result)));
    expect(sarif.runs[0].tool.driver.rules[0].shortDescription.text).toMatch(/^열에 담긴 정보: /);
    expect(sarif.runs[0].results[0].message.text).toMatch(/^"성명" 열에 성명\(user\.name\)이\(가\) 있습니다/);
    // the same result in English keeps the English titles it was scanned with and the English words
    const en = await scanFile(customers);
    expect(renderScanText(en)).toContain("3 rows, 5 columns; personal data found; findings in 3 of them");
    expect(ScanReportSchema.parse(JSON.parse(renderScanJson(en))).columns[1]?.findings[0]?.title).toBe(
      "Mobile phone number",
    );
  });

  it("keeps the table aligned when column names are Hangul (two cells a character), in both languages", async () => {
    for (const language of ["en", "ko"] as const) {
      const text = await withLanguage(language, async () => renderScanText(await scanFile(customers)));
      const lines = tableLines(text);
      expect(lines.length, language).toBe(3);
      const starts = lines.map((l) => cellOf(l, "user."));
      expect(new Set(starts).size, `${language}: ${starts}`).toBe(1);
      // the heading's second column starts where the categories do
      const heading = text.split("\n").find((l) => l.startsWith(language === "ko" ? "열 " : "column ")) ?? "";
      expect(cellOf(heading, language === "ko" ? "분류" : "category"), language).toBe(starts[0]);
      // and the confidence column lines up under its heading
      const conf = lines.map((l) => cellOf(l, "1.00"));
      expect(new Set(conf).size).toBe(1);
      expect(cellOf(heading, language === "ko" ? "신뢰도" : "confidence")).toBe(conf[0]);
    }
  });

  it("says 1 row, 1 column and 1 digest column in the singular; Korean counts with 행, 열, 개", async () => {
    const one = join(tmp.dir, "one.csv");
    writeFileSync(one, `token_sha1\n${createHash("sha1").update("catalogue item 7").digest("hex")}\n`);
    const options = { digests: { internals: { mobileRange: [0, 20_000] as [number, number] } } };
    const result = await scanFile(one, options);
    const en = renderScanText(result);
    expect(en).toContain(
      "one.csv (csv): 1 row, 1 column; no personal data found; 1 digest column not reversed (pseudonymous identifier, possible join key)",
    );
    const ko = await withLanguage("ko", async () => renderScanText(await scanFile(one, options)));
    expect(() => withLanguage("ko", () => new RiskAccumulator(["a"], { sensitive: "a" }))).toThrow(
      JikimiError,
    );
    expect(ko).toContain("one.csv (csv): 1행, 1열; 개인정보 없음, 복원되지 않은 해시값 열 1개");
    expect(ko).toContain("SHA-1 hex 해시값, 표본 1개 중 복원된 값 없음: 가명 식별자, 결합 키일 수 있음");
  });
});

describe("the hash audit in Korean", () => {
  const phones = ["01012340007", "01012340123", "01012349999"];
  const values = phones.map((p) => createHash("md5").update(p).digest("hex"));

  it("says what it tried and its verdict in Korean, with the same form codes", async () => {
    const r = await withLanguage("ko", () =>
      auditDigestsWith(
        values,
        { algorithm: "md5", encoding: "hex" },
        {},
        { mobileRange: [12_340_000, 12_350_000] },
      ),
    );
    expect(r.reversed).toBe(3);
    expect(r.byForm).toMatchObject({ "mobile 010########": 3 });
    expect(r.tried).toContain("휴대전화번호 010######## (10^8 중 10,000)");
    expect(r.tried[0]).toMatch(/^생년월일 YYYYMMDD 1900-\d{4}$/);
    expect(r.verdict).toMatch(
      /^가명처리되지 않음: 누구나 값의 100\.0%를 복원할 수 있습니다\(서로 다른 해시값 3개 중 3개: 휴대전화번호 3개, \d+\.\d초\)$/,
    );
    const text = withLanguage("ko", () => renderAuditText("feed.csv", "phone_md5", r, 3, 1));
    expect(text).toContain('feed.csv, "phone_md5" 열: MD5 해시값, hex');
    expect(text).toMatch(/^ {2}복원\s+서로 다른 해시값 3개 \(100\.0%\)$/m);
    expect(text).toContain("(형식이 잘못된 레코드 1건 건너뜀)");
    const labels = text.split("\n").filter((l) => /^ {2}(행|값|복원|시간) /.test(l));
    expect(labels).toHaveLength(4);
    const valueCells = labels.map((l) => stringWidth(l.match(/^ {2}\S+\s+/)?.[0] ?? ""));
    expect(new Set(valueCells).size).toBe(1);
    for (const s of [...phones, ...values]) expect(text + JSON.stringify(r)).not.toContain(s);
  });

  it("renders the English text as jikimi audit-hash prints it", async () => {
    const r = await auditDigestsWith(
      values,
      { algorithm: "md5", encoding: "hex" },
      { spaces: ["mobile"] },
      { mobileRange: [12_340_000, 12_350_000], mobileFormats: ["plain"] },
    );
    const lines = renderAuditText("feed.csv", "phone_md5", r, 1, 0).split("\n");
    expect(lines.slice(0, 2)).toEqual(['feed.csv, column "phone_md5": MD5 digests, hex', `  ${r.verdict}`]);
    expect(lines).toContain("  rows          1");
    expect(lines).toContain("  values        3 non-empty digests, 3 distinct");
    expect(lines).toContain("  recovered     3 distinct digests (100.0%)");
    expect(lines).toContain("    mobile 010########           3");
    const one = renderAuditText("f.csv", "c", { ...r, reversed: 1, share: 1 / 3 }, 1, 1);
    expect(one).toContain("  recovered     1 distinct digest (33.3%)");
    expect(one).toContain("  rows          1 (1 malformed record skipped)");
  });
});

describe("risk and link in Korean and English", () => {
  const file = join(tmp.dir, "release.csv");
  writeFileSync(file, "나이,우편번호,sex\n30,06236,F\n30,06236,F\n41,48058,M\n");
  const other = join(tmp.dir, "other.csv");
  writeFileSync(other, "우편번호,sex,score\n06236,F,1\n48058,M,2\n99999,F,3\n");

  it("renders the risk report in Korean, its labels aligned in cells", async () => {
    const a = await analyseRisk(file, { qi: ["나이", "우편번호"], subsets: true });
    const text = withLanguage("ko", () => renderRiskText(file, ["나이", "우편번호"], a));
    expect(text).toContain("레코드 3건, 준식별자 2개 (나이, 우편번호)");
    expect(text).toMatch(/^ {2}동질집합 수\s+2$/m);
    expect(text).toMatch(/^ {2}재식별 위험\(검사자 모델\)\s+최대 1\.0000, 평균 0\.6667$/m);
    expect(text).toContain("--population이 필요합니다");
    expect(text).toContain("위험이 가장 큰 준식별자 조합");
    // the values start in one cell column, whatever the width of the Hangul labels before them
    const labels = ["동질집합 수", "k (가장 작은 동질집합)", "유일한 레코드", "재식별 위험(검사자 모델)"];
    const starts = labels.map((label) => {
      const line = text.split("\n").find((l) => l.startsWith(`  ${label} `)) ?? "";
      const spaces = (line.slice(2 + label.length).match(/^ +/)?.[0] ?? "").length;
      return stringWidth(`  ${label}`) + spaces;
    });
    expect(new Set(starts).size, String(starts)).toBe(1);
    expect(starts[0]).toBeGreaterThan(stringWidth("  재식별 위험(검사자 모델)"));
  });

  it("says 1 quasi-identifier and 1 record in the singular (준식별자 1개, 레코드 1건)", async () => {
    const single = join(tmp.dir, "single.csv");
    writeFileSync(single, "zip\n06236\n");
    const a = await analyseRisk(single, { qi: ["zip"] });
    expect(renderRiskText(single, ["zip"], a)).toContain("single.csv: 1 record, 1 quasi-identifier (zip)");
    expect(withLanguage("ko", () => renderRiskText(single, ["zip"], a))).toContain(
      "single.csv: 레코드 1건, 준식별자 1개 (zip)",
    );
  });

  it("renders the linkage report in Korean, and its errors", async () => {
    const report = await linkFiles(file, other);
    const ko = withLanguage("ko", () => renderLinkText(report));
    expect(ko).toContain(`A ${file}: 레코드 3건, 열 3개`);
    expect(ko).toMatch(/양쪽의 준식별자\(우편번호, sex\)/);
    expect(ko).toMatch(/가장 강한 결합 기준/);
    expect(ko).toMatch(/^(연결 가능: |--max-link-share )/m);
    const en = renderLinkText(report);
    expect(en).toContain("quasi-identifiers in both (우편번호, sex)");
    expect(() => withLanguage("ko", () => new RiskAccumulator([]))).toThrow(
      "준식별자를 하나 이상 지정하세요",
    );
    expect(() => withLanguage("ko", () => new RiskAccumulator(["a", "a"]))).toThrow(
      '준식별자 "a"을(를) 두 번 지정했습니다',
    );
    await expect(withLanguage("ko", () => analyseRisk(file, { qi: ["postcode"] }))).rejects.toThrow(
      '"postcode" 열이 없습니다. 이 파일의 열: 나이, 우편번호, sex',
    );
    await expect(withLanguage("ko", () => linkFiles(file, other, { maxLinkShare: 2 }))).rejects.toThrow(
      "0에서 1 사이의 수",
    );
  });
});

describe("the CLI with --lang ko", () => {
  it("scan, risk and link print Korean; JSON keeps its keys", () => {
    const scan = jikimi(["scan", customers, "--lang", "ko"]);
    expect(scan.status, scan.stderr).toBe(1);
    expect(scan.stdout).toContain("개인정보 발견");
    expect(scan.stdout).toMatch(/휴대폰번호\s+user\.contact\.phone\.mobile\s+1\.00 높음/);
    const json = jikimi(["scan", customers, "--lang", "ko", "--format", "json"]);
    const report = ScanReportSchema.parse(JSON.parse(json.stdout));
    expect(report.summary.columns_with_findings).toBe(3);
    const file = join(tmp.dir, "cli-risk.csv");
    writeFileSync(file, "age,zip\n30,06236\n30,06236\n41,48058\n");
    const risk = jikimi(["risk", file, "--qi", "age,zip", "--lang", "ko"]);
    expect(risk.stdout, risk.stderr).toContain("레코드 3건, 준식별자 2개 (age, zip)");
    expect(risk.stdout).toMatch(/k \(가장 작은 동질집합\)\s+1/);
    const link = jikimi(["link", file, file, "--lang", "ko"]);
    expect(link.stdout, link.stderr).toMatch(/연결 가능: /);
    expect(link.stdout).toContain("가장 강한 결합 기준");
  });
});
