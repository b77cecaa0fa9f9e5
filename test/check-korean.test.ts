// jikimi check in Korean, end to end: the same findings as in English, in Korean words and citations.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckReportSchema } from "../src/report/findings/json-schema.js";
import { jikimi, ROOT } from "./support/cli.js";
import { validateSarif } from "./support/sarif.js";

const NSF = join(ROOT, "examples", "nsf-case");
const check = (...extra: string[]) =>
  jikimi(["check", "-w", NSF, "--at", "2024-05-31", "--no-record", ...extra]);

describe("jikimi check --lang ko", () => {
  it("prints Korean labels, messages and citations, aligned, with a Korean summary", () => {
    const run = check("--lang", "ko");
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}11:10 {2}오류 {7}unkeyed_hash {16}식별자를 키 없는 해시로 제공$/m);
    expect(run.stdout).toMatch(/^ {2}2:5 {4}판단 불가 {2}missing_volume_limits/m);
    expect(run.stdout).toContain("근거: 개인정보 보호법 제28조의8제1항");
    expect(run.stdout).toContain("조치: ");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      "오류 10건, 경고 3건, 판단 불가 1건 (점검한 제공 계약 2건)",
    );
    expect(run.stdout).not.toMatch(/\bfix:|\blaw:/);
  });

  it("chooses Korean from LANG too", () => {
    const ko = jikimi(["check", "-w", NSF, "--at", "2024-05-31", "--no-record"], {
      env: { LANG: "ko_KR.UTF-8" },
    });
    expect(ko.stdout).toContain("오류 10건, 경고 3건, 판단 불가 1건");
  });

  it("writes the same codes and places in JSON and SARIF, with Korean texts", () => {
    const en = CheckReportSchema.parse(JSON.parse(check("--format", "json").stdout));
    const ko = CheckReportSchema.parse(JSON.parse(check("--format", "json", "--lang", "ko").stdout));
    const key = (r: typeof en) =>
      r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}`);
    expect(key(ko)).toEqual(key(en));
    expect(ko.summary).toEqual(en.summary);
    for (const f of ko.findings) {
      expect(f.title).toMatch(/[가-힣]/);
      expect(f.message).toMatch(/[가-힣]/);
      expect(f.articles.map((a) => a.ref)).toEqual(
        en.findings.find((e) => e.line === f.line && e.code === f.code)?.articles.map((a) => a.ref),
      );
    }
    const sarif = JSON.parse(check("--format", "sarif", "--lang", "ko").stdout);
    expect(validateSarif(sarif)).toBe(true);
    expect(sarif.runs[0].results[0].message.text).toContain("조치: ");
  });
});
